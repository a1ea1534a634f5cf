// SPDX-License-Identifier: GPL-2.0-only
/*
 * exec.c — the A64 interpreter's dispatch loop over the engine's decoded-code cache.
 *
 * Code is cached per 4 KiB guest page (engine/cache.c): for A64 a page holds 1024 slots, each
 * one 64-bit word (opcode << 32 | instruction word), filled lazily the first time the slot
 * executes. Pages live in a hash table shared by all guest threads: lookups are lock-free,
 * insertions and invalidations take a mutex. Pages are never freed, so a thread may keep a
 * pointer to its current page; an invalidation (IC IVAU, munmap, mprotect) clears the slots of
 * the range with atomic stores, and a cleared slot is decoded again from guest memory when next
 * reached. An instruction another thread already fetched may still complete, as on hardware
 * without ISB.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "decode.h"
#include "exec.h"
#include "cache.h"
#include "jit.h"
#include "jit_a64.h"

/* Decoded-code cache slots per page: one per 4-byte instruction (engine_guest.slot_shift 2). */
#define A64_SLOTS (1u << (PAGE_SHIFT - 2))

void cpu_init(struct cpu *c)
{
	c->excl_addr = ~0ull;
	jit_ibtc_init(c->jit_ibtc);
}

uint64_t cpu_fault_pc(struct cpu *c)
{
	jit_fault(c);
	return c->pc;
}

int exec_udf(struct cpu *c, uint32_t insn)
{
	(void)c;
	(void)insn;
	return CPU_EXIT_UDF;
}

int exec_align_fault(struct cpu *c, uint64_t addr)
{
	c->xi.fault_addr = addr;
	c->xi.fault_signo = SIGBUS;
	c->xi.fault_code = BUS_ADRALN;
	return CPU_EXIT_FAULT;
}

int decode_bitmasks(int n, int imms, int immr, int immediate, int datasize, uint64_t *wmask, uint64_t *tmask)
{
	unsigned v = ((unsigned)n << 6) | (~(unsigned)imms & 0x3f);
	if (!v)
		return 0;
	int len = 31 - __builtin_clz(v);
	if (len < 1)
		return 0;
	int esize = 1 << len;
	if (esize > datasize)
		return 0;
	int levels = esize - 1;
	int s = imms & levels, r = immr & levels;
	if (immediate && s == levels)
		return 0;
	int d = (s - r) & levels;
	uint64_t welem = ror64(ones(s + 1), r, esize), telem = ones(d + 1);
	uint64_t w = 0, t = 0;
	for (int i = 0; i < datasize; i += esize) {
		w |= welem << i;
		t |= telem << i;
	}
	*wmask = w;
	*tmask = t;
	return 1;
}

/*
 * A logical immediate (bitmask) from sf:N:immr:imms (insn bits 31, 22..10), 0 when reserved, in a
 * few operations and no memory but a 7-entry table: the element (s + 1 ones rotated right by r
 * within esize bits) times a constant with a 1 at the bottom of every element. (A 128 KiB memo of
 * these cost each process about 10 page faults for its first few dozen instructions.)
 */
uint64_t logic_imm_mask(uint32_t insn)
{
	static const uint64_t every[7] = {	/* by log2(esize): a 1 at the bottom of each element */
		0, 0x5555555555555555ull, 0x1111111111111111ull, 0x0101010101010101ull,
		0x0001000100010001ull, 0x0000000100000001ull, 1,
	};
	unsigned sf = insn >> 31, n = (insn >> 22) & 1, imms = (insn >> 10) & 63, immr = (insn >> 16) & 63;
	unsigned v = (n << 6) | (~imms & 63);
	if (v < 2 || (!sf && n))	/* no element size, or esize 1; a 64-bit element in a W op */
		return 0;
	unsigned len = 31 - (unsigned)__builtin_clz(v), esize = 1u << len, levels = esize - 1;
	unsigned s = imms & levels, r = immr & levels;
	if (s == levels)		/* all ones: reserved */
		return 0;
	uint64_t e = (2ull << s) - 1;	/* s + 1 ones, s < 63 */
	if (r)
		e = ((e >> r) | (e << (esize - r))) & (esize == 64 ? ~0ull : (1ull << esize) - 1);
	uint64_t m = e * every[len];
	return sf ? m : (uint32_t)m;
}

uint64_t cpu_hwcap(void)
{
	/* FP | ASIMD | AES | PMULL | SHA1 | SHA2 | CRC32 | ATOMICS | CPUID (arm64 HWCAP bit numbers). */
	return (1u << 0) | (1u << 1) | (1u << 3) | (1u << 4) | (1u << 5) | (1u << 6) | (1u << 7) | (1u << 8) |
	       (1u << 11);
}

uint64_t cpu_hwcap2(void)
{
	return 0;
}

/* Load (zero-extended) or store of the low n bytes (8 or 16) of V[rt] at guest address a. */
static inline __attribute__((always_inline)) void vldst_fast(struct cpu *c, uint64_t a, int rt, int load, unsigned n)
{
	if (load) {
		vreg_t t;
		if (n == 16) {
			memcpy(&t, gptr(a), 16);
		} else {
			t.d[1] = 0;
			memcpy(&t.d[0], gptr(a), 8);
		}
		c->v[rt] = t;
	} else if (n == 16) {
		memcpy(gptr(a), &c->v[rt], 16);
	} else {
		memcpy(gptr(a), &c->v[rt].d[0], 8);
	}
}

/*
 * The debugger's single step (cpu_xinfo.step): exactly one instruction, through its handler in
 * the interpreter, never translated code, so a step is one guest instruction whatever the JIT
 * would have chained. The exclusive monitor survives, so stepping through LDXR/STXR works.
 */
static enum cpu_exit cpu_step(struct cpu *c)
{
	if (c->xi.interrupt)
		return CPU_EXIT_SIGNAL;
	if (c->pc & 3)
		return exec_align_fault(c, c->pc);
	uint32_t insn = *(const volatile uint32_t *)gptr(c->pc);
	int r;
	switch (a64_decode(insn)) {	/* a switch, not a table of pointers: nothing to relocate */
#define INSN(name, cls, mask, match, handler) case OP_##name: r = handler(c, insn); break;
#include "a64.def"
#undef INSN
	default:
		r = CPU_EXIT_UDF;
	}
	if (r == NEXT) {
		c->pc += 4;
		return CPU_EXIT_STEP;
	}
	if (r == JUMP)
		return CPU_EXIT_STEP;
	c->excl_addr = ~0ull;	/* as cpu_run's exits: the kernel side clears the monitor */
	return (enum cpu_exit)r;
}

__attribute__((optimize("no-crossjumping", "no-gcse"))) enum cpu_exit cpu_run(struct cpu *c)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
	/* Addresses, relocated at every start (564 relocations, two pages): a table of offsets
	 * from one label (goto *(&&base + off)) avoids that but made the interpreter 5 % slower
	 * (integer, XARCH_JIT=off), which cold code in short processes pays more than it saves. */
	static void *const labels[OP_COUNT] = {
		[OP_UNDECODED] = &&l_undecoded,
		[OP_UDF] = &&l_udf,
#define INSN(name, cls, mask, match, handler) [OP_##name] = &&l_##name,
#include "a64.def"
#undef INSN
		/* the hottest integer, branch and load/store encodings run inline (fast paths below);
		 * each falls back to its handler for the forms it does not cover */
		[OP_ADD_IMM] = &&f_addsub_imm, [OP_SUB_IMM] = &&f_addsub_imm,
		[OP_ADDS_IMM] = &&f_addsubs_imm, [OP_SUBS_IMM] = &&f_addsubs_imm,
		[OP_ADD_SREG] = &&f_addsub_sreg, [OP_SUB_SREG] = &&f_addsub_sreg,
		[OP_ADDS_SREG] = &&f_addsub_sreg, [OP_SUBS_SREG] = &&f_addsub_sreg,
		[OP_AND_SREG] = &&f_logic_sreg, [OP_BIC_SREG] = &&f_logic_sreg,
		[OP_ORR_SREG] = &&f_logic_sreg, [OP_ORN_SREG] = &&f_logic_sreg,
		[OP_EOR_SREG] = &&f_logic_sreg, [OP_EON_SREG] = &&f_logic_sreg,
		[OP_ANDS_SREG] = &&f_logic_sreg, [OP_BICS_SREG] = &&f_logic_sreg,
		[OP_AND_IMM] = &&f_logic_imm, [OP_ORR_IMM] = &&f_logic_imm,
		[OP_EOR_IMM] = &&f_logic_imm, [OP_ANDS_IMM] = &&f_logic_imm,
		[OP_MOVZ] = &&f_movz, [OP_MOVK] = &&f_movk,
		[OP_B_COND] = &&f_bcond, [OP_B] = &&f_b, [OP_BL] = &&f_b,
		[OP_CBZ] = &&f_cbz, [OP_CBNZ] = &&f_cbz, [OP_TBZ] = &&f_tbz, [OP_TBNZ] = &&f_tbz,
		[OP_RET] = &&f_ret, [OP_BR] = &&f_br, [OP_BLR] = &&f_br,
		[OP_MADD] = &&f_madd, [OP_MSUB] = &&f_madd, [OP_ADRP] = &&f_adrp,
		[OP_UBFM] = &&f_xbfm, [OP_SBFM] = &&f_xbfm,
		[OP_CSEL] = &&f_csel, [OP_CSINC] = &&f_csel, [OP_CSINV] = &&f_csel, [OP_CSNEG] = &&f_csel,
		[OP_LDST_UIMM] = &&f_ldst_uimm,
		[OP_LDST_UNSC] = &&f_ldst_imm9, [OP_LDST_POST] = &&f_ldst_imm9, [OP_LDST_PRE] = &&f_ldst_imm9,
		[OP_LDST_REG] = &&f_ldst_reg,
		[OP_LDP_STP_NA] = &&f_ldst_pair, [OP_LDP_STP_POST] = &&f_ldst_pair,
		[OP_LDP_STP_OFF] = &&f_ldst_pair, [OP_LDP_STP_PRE] = &&f_ldst_pair,
		[OP_CCMN_REG] = &&f_ccmp, [OP_CCMN_IMM] = &&f_ccmp, [OP_CCMP_REG] = &&f_ccmp, [OP_CCMP_IMM] = &&f_ccmp,
	};
#pragma GCC diagnostic pop
	uint32_t i;
	struct code_page *p;
	uint64_t *slot, w, end;
	int r;
	uint64_t pc = c->pc;	/* guest pc; c->pc is synced before handlers, accesses and exits */
	void *je = NULL, *chain_from = NULL;	/* translated block to enter; exit stub to chain to it */
	int from_indirect = 0;		/* translated code left by an indirect branch */
	/* direct-mapped cache of recently used code pages (pages are never freed) */
	struct { uint64_t base; struct code_page *p; } pcache[16];
	for (unsigned k = 0; k < 16; k++)
		pcache[k].base = 1;	/* never a page base */
	if (c->xi.step)
		return cpu_step(c);

page:
	c->pc = pc;
	if (c->xi.interrupt)
		return CPU_EXIT_SIGNAL;
	if (pc & 3)
		return exec_align_fault(c, pc);
	{
		uint64_t base = pc & ~((1ull << PAGE_SHIFT) - 1) & 0x00ffffffffffffffull;
		unsigned k = (unsigned)(base >> PAGE_SHIFT) & 15;
		if (__builtin_expect(pcache[k].base == base, 1)) {
			p = pcache[k].p;
		} else {
			p = cache_page(base);
			pcache[k].base = base;
			pcache[k].p = p;
		}
	}
	if (jit_threshold >= 0) {
		je = jit_block(p, pc, chain_from != NULL);
		if (je) {
			if (chain_from)
				jit_chain(chain_from, je);
			else if (from_indirect)
				c->jit_ibtc[jit_ibtc_slot(pc)] = (struct jit_ibtc_entry){ pc, je };
			chain_from = NULL;
			from_indirect = 0;
			goto enter_jit;
		}
		chain_from = NULL;
		from_indirect = 0;
	}
	slot = &p->slot[(pc >> 2) & (A64_SLOTS - 1)];
	end = p->base + (1u << PAGE_SHIFT);
dispatch:
	w = __atomic_load_n(slot, __ATOMIC_RELAXED);
	goto *labels[w >> 32];

l_undecoded:
	c->pc = pc;	/* a fetch fault reports this address */
	{
		/* If an invalidation raced with this fetch, forget the (possibly stale) decode again. */
		uint64_t seq = atomic_load_explicit(&cache_gen, memory_order_acquire), zero = 0;
		uint32_t insn = *(const volatile uint32_t *)gptr(c->pc);
		w = ((uint64_t)a64_decode(insn) << 32) | insn;
		if (__atomic_compare_exchange_n(slot, &zero, w, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) &&
		    atomic_load_explicit(&cache_gen, memory_order_seq_cst) != seq)
			__atomic_compare_exchange_n(slot, &w, 0, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
		goto *labels[w >> 32];
	}
l_udf:
	c->pc = pc;
	return CPU_EXIT_UDF;

	/* Advance to the next instruction with the dispatch jump replicated at every fast path, so
	 * the host predicts each guest instruction's successor separately. */
#define DISPATCH_NEXT() \
	do { \
		pc += 4; \
		slot++; \
		if (__builtin_expect((pc & 0x00ffffffffffffffull) >= end, 0)) \
			goto page; \
		w = __atomic_load_n(slot, __ATOMIC_RELAXED); \
		goto *labels[w >> 32]; \
	} while (0)
#define INSN(name, cls, mask, match, handler) \
l_##name: \
	c->pc = pc; \
	r = handler(c, (uint32_t)w); \
	if (__builtin_expect(r == NEXT, 1)) \
		DISPATCH_NEXT(); \
	goto after;
#include "a64.def"
#undef INSN

	/* ---- inline fast paths: i is the instruction word; DISPATCH_NEXT() is NEXT, "goto jump" is JUMP ---- */
f_addsub_imm:	/* ADD/SUB (immediate), no flags: Rd and Rn may be SP */
	i = (uint32_t)w;
	{
		uint64_t imm = (uint64_t)((i >> 10) & 0xfff) << ((i >> 19) & 8 ? 12 : 0);
		uint64_t a = xsp(c, RN(i)), v = (i >> 30) & 1 ? a - imm : a + imm;
		if (!(i >> 31))
			v = (uint32_t)v;
		wsp(c, RD(i), v);
	}
	DISPATCH_NEXT();
f_addsubs_imm:	/* ADDS/SUBS (immediate), CMP/CMN: Rn may be SP, Rd 31 is XZR */
	i = (uint32_t)w;
	{
		uint64_t imm = (uint64_t)((i >> 10) & 0xfff) << ((i >> 19) & 8 ? 12 : 0);
		uint64_t a = xsp(c, RN(i)), v;
		if (i >> 31) {
			if ((i >> 30) & 1) {
				v = a - imm;
				c->nzcv = nzcv_sub64(a, imm, v);
			} else {
				v = a + imm;
				c->nzcv = nzcv_add64(a, imm, v);
			}
		} else {
			uint32_t a32 = (uint32_t)a, b32 = (uint32_t)imm, v32;
			if ((i >> 30) & 1) {
				v32 = a32 - b32;
				c->nzcv = nzcv_sub32(a32, b32, v32);
			} else {
				v32 = a32 + b32;
				c->nzcv = nzcv_add32(a32, b32, v32);
			}
			v = v32;
		}
		wx(c, RD(i), v);
	}
	DISPATCH_NEXT();
f_addsub_sreg:	/* ADD/SUB(S) (shifted register), LSL/LSR/ASR */
	i = (uint32_t)w;
	{
		unsigned type = (i >> 22) & 3, amt = (i >> 10) & 63;
		if (type == 3 || (!(i >> 31) && amt >= 32)) {
			c->pc = pc;
			r = exec_addsub_sreg(c, i);
			goto after;
		}
		uint64_t a = xr(c, RN(i)), b = xr(c, RM(i)), v;
		if (i >> 31) {
			b = type == 0 ? b << amt : type == 1 ? b >> amt : (uint64_t)((int64_t)b >> amt);
			if ((i >> 30) & 1) {
				v = a - b;
				if ((i >> 29) & 1)
					c->nzcv = nzcv_sub64(a, b, v);
			} else {
				v = a + b;
				if ((i >> 29) & 1)
					c->nzcv = nzcv_add64(a, b, v);
			}
		} else {
			uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b, v32;
			b32 = type == 0 ? b32 << amt : type == 1 ? b32 >> amt : (uint32_t)((int32_t)b32 >> amt);
			if ((i >> 30) & 1) {
				v32 = a32 - b32;
				if ((i >> 29) & 1)
					c->nzcv = nzcv_sub32(a32, b32, v32);
			} else {
				v32 = a32 + b32;
				if ((i >> 29) & 1)
					c->nzcv = nzcv_add32(a32, b32, v32);
			}
			v = v32;
		}
		wx(c, RD(i), v);
	}
	DISPATCH_NEXT();
f_logic_sreg:	/* AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS (shifted register) */
	i = (uint32_t)w;
	{
		unsigned type = (i >> 22) & 3, amt = (i >> 10) & 63, opc = (i >> 29) & 3;
		uint64_t a = xr(c, RN(i)), b = xr(c, RM(i)), v;
		if (i >> 31) {
			switch (type) {
			case 0: b <<= amt; break;
			case 1: b >>= amt; break;
			case 2: b = (uint64_t)((int64_t)b >> amt); break;
			default: b = amt ? (b >> amt) | (b << (64 - amt)) : b; break;
			}
		} else {
			if (amt >= 32) {
				c->pc = pc;
				r = exec_logic_sreg(c, i);
				goto after;
			}
			uint32_t b32 = (uint32_t)b;
			switch (type) {
			case 0: b32 <<= amt; break;
			case 1: b32 >>= amt; break;
			case 2: b32 = (uint32_t)((int32_t)b32 >> amt); break;
			default: b32 = amt ? (b32 >> amt) | (b32 << (32 - amt)) : b32; break;
			}
			b = b32;
			a = (uint32_t)a;
		}
		if ((i >> 21) & 1)
			b = ~b;
		switch (opc) {
		case 1: v = a | b; break;
		case 2: v = a ^ b; break;
		default: v = a & b; break;
		}
		if (!(i >> 31))
			v = (uint32_t)v;
		if (opc == 3)
			c->nzcv = (i >> 31) ? (uint32_t)(v >> 63) << 31 | (uint32_t)(v == 0) << 30
					    : (uint32_t)((v >> 31) & 1) << 31 | (uint32_t)(v == 0) << 30;
		wx(c, RD(i), v);
	}
	DISPATCH_NEXT();
f_logic_imm:	/* AND/ORR/EOR (immediate): Rd may be SP; ANDS: Rd 31 is XZR */
	i = (uint32_t)w;
	{
		uint64_t m = logic_imm_mask(i), a = xr(c, RN(i)), v;
		if (__builtin_expect(!m, 0)) {
			c->pc = pc;
			r = CPU_EXIT_UDF;
			goto after;
		}
		switch ((i >> 29) & 3) {
		case 1: v = a | m; break;
		case 2: v = a ^ m; break;
		default: v = a & m; break;
		}
		if (!(i >> 31))
			v = (uint32_t)v;
		if (((i >> 29) & 3) == 3) {
			c->nzcv = (i >> 31) ? (uint32_t)(v >> 63) << 31 | (uint32_t)(v == 0) << 30
					    : (uint32_t)((v >> 31) & 1) << 31 | (uint32_t)(v == 0) << 30;
			wx(c, RD(i), v);
		} else {
			wsp(c, RD(i), v);
		}
	}
	DISPATCH_NEXT();
f_movz:
	i = (uint32_t)w;
	{
		unsigned hw = (i >> 21) & 3;
		if (!(i >> 31) && hw >= 2) {
			c->pc = pc;
			r = CPU_EXIT_UDF;
			goto after;
		}
		wx(c, RD(i), (uint64_t)((i >> 5) & 0xffff) << (hw * 16));
	}
	DISPATCH_NEXT();
f_movk:
	i = (uint32_t)w;
	{
		unsigned hw = (i >> 21) & 3;
		if (!(i >> 31) && hw >= 2) {
			c->pc = pc;
			r = CPU_EXIT_UDF;
			goto after;
		}
		uint64_t v = (xr(c, RD(i)) & ~(0xffffull << (hw * 16))) | (uint64_t)((i >> 5) & 0xffff) << (hw * 16);
		if (!(i >> 31))
			v = (uint32_t)v;
		wx(c, RD(i), v);
	}
	DISPATCH_NEXT();
f_csel:
	i = (uint32_t)w;
	{
		uint64_t v;
		if (cond_holds(c->nzcv, (i >> 12) & 15)) {
			v = xr(c, RN(i));
		} else {
			v = xr(c, RM(i));
			if ((i >> 30) & 1)
				v = ~v;
			if ((i >> 10) & 1)
				v++;
		}
		if (!(i >> 31))
			v = (uint32_t)v;
		wx(c, RD(i), v);
	}
	DISPATCH_NEXT();
f_bcond:
	i = (uint32_t)w;
	if (!cond_holds(c->nzcv, i & 15))
		DISPATCH_NEXT();
	pc += (uint64_t)((int64_t)((uint64_t)i << 40) >> 43) & ~3ull;
	goto jump;
f_b:
	i = (uint32_t)w;
	if (i >> 31)
		c->x[30] = pc + 4;
	pc += (uint64_t)((int64_t)((uint64_t)i << 38) >> 36);
	goto jump;
f_cbz:
	i = (uint32_t)w;
	{
		uint64_t v = xr(c, RD(i));
		if (!(i >> 31))
			v = (uint32_t)v;
		if ((v == 0) == !((i >> 24) & 1)) {
			pc += (uint64_t)((int64_t)((uint64_t)i << 40) >> 43) & ~3ull;
			goto jump;
		}
	}
	DISPATCH_NEXT();
f_tbz:
	i = (uint32_t)w;
	{
		unsigned bit = ((i >> 26) & 32) | ((i >> 19) & 31);
		if (((xr(c, RD(i)) >> bit) & 1) == ((i >> 24) & 1)) {
			pc += (uint64_t)((int64_t)((uint64_t)i << 45) >> 48) & ~3ull;
			goto jump;
		}
	}
	DISPATCH_NEXT();
f_ret:	/* RET Xn: the target's top byte is ignored (sign-extended from bit 55) */
	i = (uint32_t)w;
	pc = (uint64_t)sext64(xr(c, RN(i)), 56);
	goto jump;
f_br:	/* BR/BLR Xn: target's top byte ignored, as RET */
	i = (uint32_t)w;
	{
		uint64_t t = (uint64_t)sext64(xr(c, RN(i)), 56);
		if ((i >> 21) & 1)
			c->x[30] = pc + 4;
		pc = t;
	}
	goto jump;
f_madd:	/* MADD/MSUB (MUL/MNEG) */
	i = (uint32_t)w;
	{
		uint64_t prod = xr(c, RN(i)) * xr(c, RM(i)), a = xr(c, RA(i));
		uint64_t v = (i >> 15) & 1 ? a - prod : a + prod;
		if (!(i >> 31))
			v = (uint32_t)v;
		wx(c, RD(i), v);
	}
	DISPATCH_NEXT();
f_adrp:
	i = (uint32_t)w;
	{
		uint64_t imm = (uint64_t)(((int64_t)((uint64_t)((i >> 5) & 0x7ffff) << 45) >> 43) | ((i >> 29) & 3));
		wx(c, RD(i), (pc & ~0xfffull) + (imm << 12));
	}
	DISPATCH_NEXT();
f_xbfm:	/* SBFM/UBFM: LSL, LSR, ASR, [SU]BFX, [SU]BFIZ, [SU]XT* */
	i = (uint32_t)w;
	{
		unsigned sf = i >> 31, immr = (i >> 16) & 63, imms = (i >> 10) & 63, wd = sf ? 64 : 32;
		if (((i >> 22) & 1) != sf || (!sf && (immr >= 32 || imms >= 32))) {
			c->pc = pc;
			r = CPU_EXIT_UDF;
			goto after;
		}
		uint64_t src = xr(c, RN(i)), v;
		int sgn = !((i >> 30) & 1);
		if (imms >= immr) {
			unsigned len = imms - immr + 1;
			v = src >> immr;
			v = sgn ? (uint64_t)sext64(v, (int)len) : v & ones((int)len);
		} else {
			unsigned len = imms + 1;
			v = sgn ? (uint64_t)sext64(src, (int)len) : src & ones((int)len);
			v <<= wd - immr;
		}
		if (!sf)
			v = (uint32_t)v;
		wx(c, RD(i), v);
	}
	DISPATCH_NEXT();
f_ldst_uimm:	/* LDR/STR (unsigned offset), general registers, zero-extending loads and stores */
	c->pc = pc;	/* a fault reports this instruction */
	i = (uint32_t)w;
	{
		unsigned sz = i >> 30, opc = (i >> 22) & 3;
		if ((i >> 26) & 1) {
			/* SIMD&FP: Q (size 0, opc 1x) and D (size 3, opc 0x) inline */
			if (!sz && (opc & 2)) {
				vldst_fast(c, xsp(c, RN(i)) + ((uint64_t)((i >> 10) & 0xfff) << 4), RD(i), opc & 1, 16);
				DISPATCH_NEXT();
			}
			if (sz == 3 && !(opc & 2)) {
				vldst_fast(c, xsp(c, RN(i)) + ((uint64_t)((i >> 10) & 0xfff) << 3), RD(i), opc & 1, 8);
				DISPATCH_NEXT();
			}
			c->pc = pc;
			r = exec_ldst_uimm(c, i);
			goto after;
		}
		if (opc > 1) {
			c->pc = pc;
			r = exec_ldst_uimm(c, i);
			goto after;
		}
		uint64_t a = xsp(c, RN(i)) + ((uint64_t)((i >> 10) & 0xfff) << sz);
		if (opc == 0) {
			uint64_t v = xr(c, RD(i));
			switch (sz) {
			case 0: st8(a, (uint8_t)v); break;
			case 1: st16(a, (uint16_t)v); break;
			case 2: st32(a, (uint32_t)v); break;
			default: st64(a, v); break;
			}
		} else {
			uint64_t v;
			switch (sz) {
			case 0: v = ld8(a); break;
			case 1: v = ld16(a); break;
			case 2: v = ld32(a); break;
			default: v = ld64(a); break;
			}
			wx(c, RD(i), v);
		}
	}
	DISPATCH_NEXT();
f_ldst_imm9:	/* LDUR/STUR, LDR/STR post- and pre-index, general registers, zero-extending */
	c->pc = pc;	/* a fault reports this instruction */
	i = (uint32_t)w;
	{
		unsigned sz = i >> 30, opc = (i >> 22) & 3, mode = (i >> 10) & 3;
		uint64_t off = (uint64_t)((int64_t)((uint64_t)i << 43) >> 55);
		if ((i >> 26) & 1) {
			/* SIMD&FP: Q (size 0, opc 1x) and D (size 3, opc 0x) inline */
			unsigned n = !sz && (opc & 2) ? 16 : sz == 3 && !(opc & 2) ? 8 : 0;
			if (!n) {
				c->pc = pc;
				r = exec_ldst_imm9(c, i);
				goto after;
			}
			uint64_t base = xsp(c, RN(i));
			vldst_fast(c, mode == 1 ? base : base + off, RD(i), opc & 1, n);
			if (mode & 1)
				wsp(c, RN(i), base + off);
			DISPATCH_NEXT();
		}
		if (opc > 1) {
			c->pc = pc;
			r = exec_ldst_imm9(c, i);
			goto after;
		}
		uint64_t base = xsp(c, RN(i)), a = mode == 1 ? base : base + off;
		if (opc == 0)
			stn(a, (int)sz, xr(c, RD(i)));
		else
			wx(c, RD(i), ldn(a, (int)sz));
		if (mode & 1)
			wsp(c, RN(i), base + off);
	}
	DISPATCH_NEXT();
f_ldst_reg:	/* LDR/STR (register offset), general registers, zero-extending */
	c->pc = pc;	/* a fault reports this instruction */
	i = (uint32_t)w;
	{
		unsigned sz = i >> 30, opc = (i >> 22) & 3, option = (i >> 13) & 7;
		if ((i >> 26) & 1 || opc > 1 || !(option & 2)) {
			c->pc = pc;
			r = exec_ldst_reg(c, i);
			goto after;
		}
		uint64_t m = xr(c, RM(i));
		if (option == 2)
			m = (uint32_t)m;
		else if (option == 6)
			m = (uint64_t)(int64_t)(int32_t)m;
		if ((i >> 12) & 1)
			m <<= sz;
		uint64_t a = xsp(c, RN(i)) + m;
		if (opc == 0)
			stn(a, (int)sz, xr(c, RD(i)));
		else
			wx(c, RD(i), ldn(a, (int)sz));
	}
	DISPATCH_NEXT();
f_ldst_pair:	/* LDP/STP/LDNP/STNP of W or X registers, all addressing modes */
	c->pc = pc;	/* a fault reports this instruction */
	i = (uint32_t)w;
	{
		unsigned opc = i >> 30, mode = (i >> 23) & 3;
		if ((i >> 26) & 1 || (opc & 1)) {
			c->pc = pc;
			r = exec_ldst_pair(c, i);
			goto after;
		}
		int sz = opc ? 3 : 2, rn = RN(i);
		uint64_t off = (uint64_t)((int64_t)((uint64_t)i << 42) >> 57) << sz;
		uint64_t base = xsp(c, rn), a = mode == 1 ? base : base + off;
		if ((i >> 22) & 1) {
			uint64_t x, y;
			if (sz == 3) {
				x = ld64(a);
				y = ld64(a + 8);
			} else {
				x = ld32(a);
				y = ld32(a + 4);
			}
			wx(c, RD(i), x);
			wx(c, RA(i), y);
		} else {
			uint64_t x = xr(c, RD(i)), y = xr(c, RA(i));
			if (sz == 3) {
				st64(a, x);
				st64(a + 8, y);
			} else {
				st32(a, (uint32_t)x);
				st32(a + 4, (uint32_t)y);
			}
		}
		if (mode & 1)
			wsp(c, rn, base + off);
	}
	DISPATCH_NEXT();
f_ccmp:	/* CCMP/CCMN, register and immediate */
	i = (uint32_t)w;
	if (cond_holds(c->nzcv, (i >> 12) & 15)) {
		uint64_t a = xr(c, RN(i)), b = (i >> 11) & 1 ? (i >> 16) & 31 : xr(c, RM(i));
		if (i >> 31)
			c->nzcv = (i >> 30) & 1 ? nzcv_sub64(a, b, a - b) : nzcv_add64(a, b, a + b);
		else
			c->nzcv = (i >> 30) & 1 ? nzcv_sub32((uint32_t)a, (uint32_t)b, (uint32_t)a - (uint32_t)b)
						: nzcv_add32((uint32_t)a, (uint32_t)b, (uint32_t)a + (uint32_t)b);
	} else {
		c->nzcv = (i & 15) << 28;
	}
	DISPATCH_NEXT();

after:
	if (__builtin_expect(r == NEXT, 1)) {
		pc += 4;
		slot++;
		if (__builtin_expect((pc & 0x00ffffffffffffffull) < end, 1))
			goto dispatch;
		goto page;
	}
	if (r == JUMP) {
		pc = c->pc;
jump:
		if (c->xi.interrupt) {
			c->pc = pc;
			return CPU_EXIT_SIGNAL;
		}
		uint64_t a = pc & 0x00ffffffffffffffull;
		if (a - p->base < (1u << PAGE_SHIFT) && !(a & 3)) {
			if (jit_threshold >= 0 && (je = jit_block(p, pc, 0)) != NULL)
				goto enter_jit;
			slot = &p->slot[(a >> 2) & (A64_SLOTS - 1)];
			goto dispatch;
		}
		goto page;
	}
	c->excl_addr = ~0ull;	/* leaving for the kernel side (exception entry/return) clears the monitor */
	return (enum cpu_exit)r;

enter_jit:
	{
		/* run translated code until it leaves; continue at c->pc (chaining the exit stub
		 * it left by to the next block when there is one) or return its exit reason */
		struct jit_ret jr = jit_enter(c, je);
		r = (int)(uint32_t)jr.r;
		pc = c->pc;
		if (r > 0) {
			c->excl_addr = ~0ull;
			return (enum cpu_exit)r;
		}
		chain_from = jr.stub;
		from_indirect = !jr.stub;
		goto page;
	}
}
