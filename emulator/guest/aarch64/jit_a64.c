// SPDX-License-Identifier: GPL-2.0-only
/*
 * jit_a64.c — the A64 translator: each guest instruction of a block becomes a short x86_64
 * sequence working on struct cpu in memory (rbx holds c); the encodings with no host sequence
 * here (or in jit_simd.c, jit_fp.c) call their interpreter handler, so every encoding the
 * interpreter runs is also run by translated code, with the same results. Blocks, their exits,
 * chaining, invalidation and the trampoline are the engine's (engine/jit.c); this file gives
 * the engine its hooks (engine_guest at the end): the flag image in the trampoline, code fetch
 * and the block body.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "decode.h"
#include "exec.h"
#include "jit.h"
#include "jit_a64.h"
#include "syscall.h"

/*
 * Guest NZCV inside translated code lives in c->jit_hfl as a host flag image: bits 15..8 as LAHF
 * stores them (SF = N, ZF = Z, CF = !C: the borrow convention of x86 subtraction) and bit 0 = V.
 * Flag setters store it with LAHF/SETO right after the host operation (an addition or logic
 * result first complements CF); consumers reload it with SAHF (V through ADD AL, 0x7F) unless
 * the host flags still hold it, and then use one x86 condition code per Arm condition. The
 * trampoline converts c->nzcv to the image on entry and back on every exit, around handlers that
 * read or write NZCV, and cpu_fault_pc() does it when a fault leaves translated code.
 */
static struct {
	uint32_t nzcv[256];	/* by SF:ZF:0:0:0:0:V:CF -> NZCV */
	uint16_t hfl[16];	/* by NZCV >> 28 -> image */
} ftab;
#define FTAB_HFL ((int32_t)offsetof(__typeof__(ftab), hfl))
#define OFF_HFL ((int32_t)offsetof(struct cpu, jit_hfl))
#define OFF_ACTIVE ((int32_t)offsetof(struct cpu, jit_active))

/* x86 condition code for each Arm condition on the image (AL and NV: -1, always) */
static const signed char arm_cc[16] = {
	CC_E, CC_NE, CC_AE, CC_B, CC_S, CC_NS, CC_O, CC_NO, CC_A, CC_BE, CC_GE, CC_L, CC_G, CC_LE, -1, -1,
};

static uint32_t hfl_nzcv(uint32_t hfl)
{
	return ftab.nzcv[((hfl >> 8) & 0xc1) | (hfl & 1) << 1];
}

/*
 * Guest registers in host registers. In a block that loops to its own start (regs_choose()), up
 * to NHREG of X0..X30 and SP (slot 31) get a host register of hreg[] that the A64 sequences leave alone (rbx, r12, r13 and the scratch
 * registers are taken): loaded at the block's entry, used by the inline integer, load/store and
 * branch sequences instead of struct cpu, and stored back (those written since the last store)
 * before every exit and before the code that works on struct cpu: interpreter handlers and the
 * SIMD, FP and crypto sequences, after which all are reloaded (a handler may change any). A loop
 * back to the block's own start jumps past the loads, testing c->interrupt and whether the
 * block was invalidated first. A fault in an inline sequence finds the host registers in
 * c->xi.fault_host_gpr and jit_fault() writes them back, using the block's gdata:
 *   gdata[h]         slot + 1 held in hreg[h], or 0 (h < NHREG <= 8)
 *   gdata[8..15]     uint64_t: bit k set when instruction k runs with struct cpu up to date (a
 *                    handler or SIMD/FP sequence), where the host registers must not be written back
 * R8..R11 are caller-saved: fine, as every call is preceded by the stores and followed by reloads.
 * R11 is also the scratch of set_pc() and of the engine's exit stubs: both run only after the
 * stores (regs_out()), before code working on struct cpu or leaving the block.
 */
#define NHREG 7
static const int hreg[NHREG] = { RBP, R14, R15, R8, R9, R10, R11 };
static int host_bmi1;		/* ANDN (CPUID 7.0 EBX bit 3) */
static int nhreg_max = NHREG;	/* XARCH_JIT_REGS=N: at most N (0: guest registers stay in memory) */
static int regs_all;		/* XARCH_JIT_REGS=Nall: in every block, not only loops (for tests) */

/*
 * A fault in instruction k of a block: the guest registers it kept in host registers are in
 * the fault's host registers (c->xi.fault_host_gpr), unless k runs with struct cpu up to date.
 * Writing back one not changed since its load is harmless: it still holds struct cpu's value.
 */
static void regs_fault(struct cpu *c, unsigned k, const uint8_t gdata[JIT_GDATA])
{
	uint64_t mem_auth;
	memcpy(&mem_auth, gdata + 8, 8);
	if (mem_auth >> k & 1)
		return;
	for (int h = 0; h < NHREG; h++) {
		if (!gdata[h])
			continue;
		uint64_t v = c->xi.fault_host_gpr[hreg[h]];
		if (gdata[h] == 32)
			c->sp = v;
		else
			c->x[gdata[h] - 1] = v;
	}
}

void jit_fault(struct cpu *c)
{
	if (!c->jit_active)
		return;
	uint64_t gpc;
	unsigned k;
	uint8_t gdata[JIT_GDATA];
	if (jit_fault_info((uintptr_t)c->xi.fault_host_pc, &gpc, &k, gdata)) {
		c->pc = gpc;
		regs_fault(c, k, gdata);
	}
	/* else a handler faulted: c->pc was stored before calling it, and every guest register */
	c->nzcv = hfl_nzcv(c->jit_hfl);
	c->jit_active = 0;
}

/* op reg, [base + index << sc + disp32] */
static void op_sib(struct em *e, int pfx, int w, uint32_t op, int n, int reg, int base, int index, int sc, int32_t disp)
{
	if (pfx)
		b1(e, (unsigned)pfx);
	rex(e, w, reg, index, base);
	opcode(e, op, n);
	b1(e, 0x80 | (unsigned)(reg & 7) << 3 | 4);
	b1(e, (unsigned)(sc << 6 | (index & 7) << 3 | (base & 7)));
	b4(e, (uint32_t)disp);
}

/* c->nzcv = NZCV of the image (t1, t2: scratch) */
static void hfl_to_nzcv(struct em *e, int t1, int t2)
{
	op_rm(e, 0, 0, 0x0fb6, 2, t1, CPU, OFF_HFL + 1);	/* movzx t1, byte [hfl + 1] */
	alu_ri(e, 0, 4, t1, 0xc1);
	op_rm(e, 0, 0, 0x0fb6, 2, t2, CPU, OFF_HFL);		/* movzx t2, byte [hfl] (V) */
	op_sib(e, 0, 0, 0x8d, 1, t1, t1, t2, 1, 0);		/* lea t1, [t1 + t2*2] */
	op_sib(e, 0, 0, 0x8b, 1, t1, FTAB, t1, 2, 0);		/* mov t1, nzcv[t1] */
	mov_store(e, 0, CPU, OFF_NZCV, t1);
}

/* image = c->nzcv's (t1: scratch); host flags untouched */
static void nzcv_to_hfl(struct em *e, int t1)
{
	mov_load(e, 0, t1, CPU, OFF_NZCV);
	shift_ri(e, 0, SH_SHR, t1, 28);
	op_sib(e, 0, 0, 0x0fb7, 2, t1, FTAB, t1, 1, FTAB_HFL);	/* movzx t1, word hfl[t1] */
	op_rm(e, 0x66, 0, 0x89, 1, t1, CPU, OFF_HFL);
}

/* Store the image of the host flags just set by a subtraction (add: by an addition or logic op). */
static void flags_capture(struct em *e, int add)
{
	if (add)
		b1(e, 0xf5);					/* cmc */
	b1(e, 0x9f);						/* lahf */
	b1(e, 0x0f); b1(e, 0x90); b1(e, 0xc0);			/* seto al */
	op_rm(e, 0x66, 0, 0x89, 1, RAX, CPU, OFF_HFL);		/* mov [hfl], ax */
}

/*
 * Where NZCV is needed (a64_jit_body()'s pass over the block): flags_set() after a flag setter
 * stores the image only when something may read it before the next setter overwrites it: a
 * consumer, code working on struct cpu, an instruction that may fault (the fault's handler reads
 * the image), the block's exits. A setter right before a B.cond that loops to the block's start
 * when the block's start needs no flags of its own leaves the store to the B.cond's exit path
 * (t->fpend): the back edge then tests c->interrupt without touching the host flags.
 */
static void flags_store(struct em *e)
{
	b1(e, 0x9f);						/* lahf */
	b1(e, 0x0f); b1(e, 0x90); b1(e, 0xc0);			/* seto al */
	op_rm(e, 0x66, 0, 0x89, 1, RAX, CPU, OFF_HFL);		/* mov [hfl], ax */
}

/* Host flags = the image. Clobbers RAX. */
static void flags_restore(struct em *e)
{
	op_rm(e, 0x66, 0, 0x8b, 1, RAX, CPU, OFF_HFL);		/* mov ax, [hfl] */
	b1(e, 0x04); b1(e, 0x7f);				/* add al, 0x7f: OF = V */
	b1(e, 0x9e);						/* sahf */
}

/*
 * The interpreter's handler of an opcode: a switch (a jump table of offsets), not a table of
 * pointers, which took 562 relocations at every start of the static-pie emulator. GCC would turn
 * a switch that returns constants back into such a table; not here.
 */
typedef int (*handler_fn)(struct cpu *c, uint32_t insn);
__attribute__((optimize("no-tree-switch-conversion"))) static handler_fn handler_of(enum a64_op op)
{
	switch (op) {
#define INSN(name, cls, mask, match, handler) case OP_##name: return handler;
#include "a64.def"
#undef INSN
	default:
		return exec_udf;
	}
}

/* ---- the translator ---- */

/* The engine's translation context plus what the A64 translator tracks across instructions. */
struct tr {
	struct jit_tr *j;
	int flags_live;		/* the host flags hold the image (nothing clobbered them since) */
	const uint32_t *rest;	/* the block's instructions after this one (jit_crypto's groups) */
	unsigned nrest;
	int covered;		/* how many next instructions were translated with this one */
	unsigned k;		/* index of the instruction being translated */
	int8_t host[32];	/* slot (X0..X30, 31 SP) -> its host register, or -1 */
	uint32_t alloc;		/* slots with a host register */
	uint32_t dirty;		/* slots whose host register is newer than struct cpu */
	uint64_t mem_auth;	/* instructions run with struct cpu up to date (gdata[8..15]) */
	int loop;		/* the block branches to its own start: loop_head is used */
	uint64_t fdead;		/* instructions whose flags nothing reads (flags_set()) */
	uint64_t fdefer;	/* setters whose image only the following B.cond's exit stores */
	uint64_t fkeep;		/* setters whose image the CCMP/CCMN right after them overwrites: the
				 * host flags (in the image's convention) are all it reads */
	uint64_t fnoc;		/* of those, the ones whose CCMP's condition does not read C (no CMC) */
	uint64_t fconst;	/* the setter (or CCMP) right before a B.EQ back to the block's start,
				 * where Z set fixes all of NZCV: the back edge stores that constant
				 * image (fconst_hfl), the way out the host flags (t->fpend) */
	uint16_t fconst_hfl;
	int img_const;		/* the image holds fconst_hfl: stored by the first copy's back edge,
				 * and nothing has written the image since (flags_dirty()) */
	int fpend;		/* the host flags hold NZCV, the image does not yet */
	uint8_t *loop_head;	/* after the loads */
	/* CCMP/CCMN whose condition fails: out of line after the block's body (ool_emit()) */
	struct { uint8_t *rel, *back; uint16_t hfl; } ool[JIT_BLOCK_MAX];
	int nool;
	/* A loop's body is translated twice (a64_jit_body()): in the first copy the back edge
	 * falls into the second, whose back edge tests c->interrupt; the first copy's ways out
	 * are emitted after the body (oexit) */
	int copy1;
	unsigned mi;		/* index of the instruction in the block's map (hoff, goff, mem_auth) */
	struct { uint8_t *rel; uint32_t dirty; int fpend; uint64_t target; } oexit[2];
	int noexit;
	/* Accesses without the address mask (unmask_plan()): instruction k of the loop's body when
	 * bit k is set, while unmasked (the two copies after the entry's range test; the masked
	 * copy after them clears it) */
	uint64_t unmask;
	int unmasked;
	int abase;		/* the access's host address: [abase + adisp] (addr_of()) */
	int pure;		/* the loop's body is made of unmask_insn()'s instructions only */
	int8_t xpair[32];	/* slot rt of an LDP/STP pair rt, rt + 1 cached in XMM register
				 * xpair[rt] (written through to struct cpu, xpair_plan()), or -1 */
	int32_t adisp;
};

/* host r = slot n (n 31: SP when sp, else zero); w 0: the low 32 bits zero-extended */
static void rld(struct tr *t, int w, int r, int n, int sp)
{
	struct em *e = &t->j->e;
	if (n == 31 && !sp)
		mov_ri(e, r, 0);
	else if (t->host[n] == r)
		return;	/* already there (w 0: the caller's 32-bit operation zero-extends it) */
	else if (t->host[n] >= 0)
		mov_rr(e, w, r, t->host[n]);
	else
		mov_load(e, w, r, CPU, OFF_X(n));
}

/* The host register holding slot n (31: SP when sp, else XZR: none), or -1. */
static int held(const struct tr *t, int n, int sp)
{
	return n == 31 && !sp ? -1 : t->host[n];
}

/* A source operand: slot n's own host register when it has one, else r loaded with it. */
static int src(struct tr *t, int w, int r, int n, int sp)
{
	int h = held(t, n, sp);
	if (h >= 0)
		return h;
	rld(t, w, r, n, sp);
	return r;
}

/* Where to compute a result for slot n: its own host register when it has one, else r (rst()). */
static int dst(const struct tr *t, int r, int n, int sp)
{
	int h = held(t, n, sp);
	return h >= 0 ? h : r;
}

/* slot n = host r, all 64 bits (n 31: SP when sp, else discarded) */
static void rst(struct tr *t, int r, int n, int sp)
{
	struct em *e = &t->j->e;
	if (n == 31 && !sp)
		return;
	if (t->host[n] >= 0) {
		if (t->host[n] != r)
			mov_rr(e, 1, t->host[n], r);
		t->dirty |= 1u << n;
	} else {
		mov_store(e, 1, CPU, OFF_X(n), r);
	}
}

/*
 * Where to compute slot rd = slot rn OP b (b a host register): rd's host register when held, else
 * RDX, loaded with slot rn; RDX when rd's register is b itself and rn is another slot (Rd == Rm !=
 * Rn), which loading rn would overwrite before b is read.
 */
static int dst_rn(struct tr *t, int w, int rd, int rn, int b)
{
	int d = dst(t, RDX, rd, 0);
	if (d == b && rn != rd)
		d = RDX;
	rld(t, w, d, rn, 0);
	return d;
}

/* slot rd = slot rn (w 0: zero-extended), in rd's host register when held (31: XZR) */
static void mov_slot(struct tr *t, int w, int rd, int rn)
{
	int d = dst(t, RDX, rd, 0);
	if (held(t, rn, 0) == d) {
		if (!w)
			mov_rr(&t->j->e, 0, d, d);
	} else {
		rld(t, w, d, rn, 0);
	}
	rst(t, d, rd, 0);
}

/* Store the host registers written since the last store to struct cpu (host flags untouched). */
static void regs_out(struct tr *t)
{
	for (int n = 0; n < 32; n++)
		if (t->dirty >> n & 1)
			mov_store(&t->j->e, 1, CPU, OFF_X(n), t->host[n]);
}

/* Load every allocated slot from struct cpu (after code that may have changed it). */
static void regs_in(struct tr *t)
{
	for (int n = 0; n < 32; n++)
		if (t->alloc >> n & 1)
			mov_load(&t->j->e, 1, t->host[n], CPU, OFF_X(n));
	t->dirty = 0;
}

/* After the host operation of a flag setter (add: an addition or logic operation, CF = C). */
static void flags_set(struct tr *t, int add)
{
	struct em *e = &t->j->e;
	if (t->fdead >> t->k & 1) {
		t->flags_live = 0;	/* overwritten before anything reads them */
		return;
	}
	if (add && !(t->fnoc >> t->k & 1))
		b1(e, 0xf5);					/* cmc */
	if (t->fkeep >> t->k & 1)
		;	/* the next instruction consumes the host flags and sets all four */
	else if ((t->fdefer | t->fconst) >> t->k & 1)
		t->fpend = 1;
	else
		flags_store(e), t->img_const = 0;
	t->flags_live = 1;
}

/* Make the host flags hold the guest's (restoring them unless they still do). */
static void flags_need(struct tr *t)
{
	if (!t->flags_live)
		flags_restore(&t->j->e);
	t->flags_live = 1;
}

/*
 * Back to the block's start with its host registers live: past the loads, unless c->interrupt
 * is set or the block was invalidated (its entry no longer starts with the interrupt test's
 * 0x83 but with a jump, block_kill()); then store them and go through the entry, which leaves.
 */
static void back_edge(struct tr *t)
{
	struct em *e = &t->j->e;
	op_rm(e, 0, 0, 0x83, 1, 7, CPU, OFF_INTR);		/* cmp dword [interrupt], 0 */
	b1(e, 0);
	uint8_t *intr = jcc(e, CC_NE);
	b1(e, 0x80); b1(e, 0x3d);				/* cmp byte [rip + d], 0x83 */
	b4(e, (uint32_t)(int32_t)(t->j->entry - (e->p + 5)));
	b1(e, 0x83);
	patch_rel32(jcc(e, CC_E), t->loop_head);
	patch_rel32(intr, e->p);
	regs_out(t);
	patch_rel32(jmp(e), t->j->entry);
}

/*
 * back_edge() with the image not stored yet (t->fpend): c->interrupt and the entry's first byte
 * are tested with MOV/LEA/JRCXZ, which leave the host flags alone, so the way out can store it.
 */
static void back_edge_pend(struct tr *t)
{
	struct em *e = &t->j->e;
	mov_load(e, 0, RCX, CPU, OFF_INTR);			/* mov ecx, [interrupt] */
	b1(e, 0xe3); b1(e, 5);					/* jrcxz over the jmp */
	uint8_t *intr = jmp(e);
	b1(e, 0x0f); b1(e, 0xb6); b1(e, 0x0d);			/* movzx ecx, byte [rip + d] */
	b4(e, (uint32_t)(int32_t)(t->j->entry - (e->p + 4)));
	op_rm(e, 0, 0, 0x8d, 1, RCX, RCX, -0x83);		/* lea ecx, [rcx - 0x83] */
	b1(e, 0xe3); b1(e, 5);
	uint8_t *killed = jmp(e);
	patch_rel32(jmp(e), t->loop_head);
	patch_rel32(intr, e->p);
	patch_rel32(killed, e->p);
	flags_store(e);
	regs_out(t);
	patch_rel32(jmp(e), t->j->entry);
}

static void goto_pc(struct tr *t, uint64_t target)
{
	if (target == t->j->start && t->loop) {
		if (!t->copy1)	/* else on into the second copy */
			back_edge(t);
		return;
	}
	regs_out(t);
	jit_goto_pc(t->j, target);
}

static void branch_cc(struct tr *t, int cc, uint64_t taken, uint64_t next)
{
	if (taken == t->j->start && t->loop && t->copy1) {
		/* not taken: out of line (oexit_emit()); taken: on into the second copy, with the image
		 * the condition implies (fconst) or none (fdefer: the loop's start needs no flags) */
		t->oexit[t->noexit].rel = jcc(&t->j->e, cc ^ 1);
		/* (the way out below stores the host flags, but leaves: the taken path is what goes on) */
		t->oexit[t->noexit].dirty = t->dirty;
		t->oexit[t->noexit].fpend = t->fpend;
		t->oexit[t->noexit].target = next;
		t->noexit++;
		if (t->fpend && t->fconst) {
			op_rm(&t->j->e, 0x66, 0, 0xc7, 1, 0, CPU, OFF_HFL);
			b1(&t->j->e, t->fconst_hfl & 0xff); b1(&t->j->e, t->fconst_hfl >> 8);
			t->img_const = 1;
		}
		t->fpend = 0;
		return;
	}
	if (taken == t->j->start && t->loop) {
		uint8_t *skip = jcc(&t->j->e, cc ^ 1);
		if (t->fpend && t->fconst) {
			/* mov word [hfl], imm16: the image the taken condition implies, unless the first
			 * copy's back edge stored it and nothing has written the image since */
			if (!t->img_const) {
				op_rm(&t->j->e, 0x66, 0, 0xc7, 1, 0, CPU, OFF_HFL);
				b1(&t->j->e, t->fconst_hfl & 0xff); b1(&t->j->e, t->fconst_hfl >> 8);
			}
			back_edge(t);
		} else if (t->fpend) {
			back_edge_pend(t);
		} else {
			back_edge(t);
		}
		patch_rel32(skip, t->j->e.p);
		if (t->fpend)
			flags_store(&t->j->e);
		t->fpend = 0;
		goto_pc(t, next);
		return;
	}
	if (t->fpend)
		flags_store(&t->j->e);	/* not expected: fdefer is for loops only */
	t->fpend = 0;
	regs_out(t);	/* movs: the host flags stay for the jcc */
	jit_branch_cc(t->j, cc, taken, next);
}

/* Whether op's handler may read or write NZCV (by encoding class: only these never do). */
static int touches_flags(enum a64_op op)
{
	static const char *const pure[] = { "simd_int", "simd_fp", "simd_perm", "simd_ldst", "fp_ldst", "ldst",
					    "ldst_pair", "ldst_excl", "atomic", "crypto", "crc32", "fp_cvt" };
	for (unsigned k = 0; k < sizeof(pure) / sizeof(pure[0]); k++)
		if (!strcmp(a64_table[op].cls, pure[k]))
			return 0;
	return 1;
}

/* Call the interpreter's handler; a non-NEXT result leaves the block returning it. */
static void call_handler(struct tr *t, uint64_t pc, uint32_t insn, enum a64_op op)
{
	struct em *e = &t->j->e;
	int fl = touches_flags(op);
	t->img_const = 0;
	set_pc(e, pc);
	if (fl)
		hfl_to_nzcv(e, RAX, RCX);
	mov_rr(e, 1, RDI, CPU);
	mov_ri(e, RSI, insn);
	mov_ri(e, RAX, (uint64_t)(uintptr_t)handler_of(op));
	b1(e, 0xff); b1(e, 0xd0);				/* call rax */
	if (fl)
		nzcv_to_hfl(e, RCX);
	op_rr(e, 0, 0, 0x85, 1, RAX, RAX);			/* test eax, eax */
	jit_ret_on(t->j, jcc(e, CC_NE));
}

/*
 * An indirect branch to the guest pc in RDX (already stored in c->pc): jump straight to the
 * block when this thread's branch-target cache knows it, else leave with nothing to chain.
 */
static void exit_indirect(struct tr *t) { jit_exit_indirect(&t->j->e); }

/* Shifted register operand b (RSI) of a 32/64-bit data-processing instruction. */
static void shift_operand(struct em *e, int w, unsigned type, unsigned amt)
{
	static const int ext[4] = { SH_SHL, SH_SHR, SH_SAR, SH_ROR };
	shift_ri(e, w, ext[type], RSI, (int)amt);
}

/* Each returns 1 when it emitted the instruction, 0 to fall back to the handler. */

/*
 * The sequences below compute in a held register's own host register (dst(), src()) when the
 * slot has one, and through scratch registers otherwise. A result register that is also a
 * source other than the first (Rd == Rm != Rn) would be overwritten before it is read: those
 * compute in RDX. In-place 32-bit operations zero-extend as x86 does for every 32-bit ALU result.
 */

/* dst op= v (ext: 0 add, 1 or, 4 and, 5 sub, 6 xor, 7 cmp), v any 64-bit value (RSI: scratch) */
static void alu_imm(struct em *e, int w, int ext, int d, uint64_t v)
{
	static const int alu[8] = { ALU_ADD, ALU_OR, 0, 0, ALU_AND, ALU_SUB, ALU_XOR, ALU_CMP };
	if (!w || (int64_t)v == (int32_t)v) {
		alu_ri(e, w, ext, d, (int32_t)(uint32_t)v);
	} else {
		mov_ri(e, RSI, v);
		alu_rr(e, w, alu[ext], d, RSI);
	}
}

static int t_addsub_imm(struct tr *t, uint32_t i)
{
	struct em *e = &t->j->e;
	int w = i >> 31, sub = (i >> 30) & 1, s = (i >> 29) & 1, rd = RD(i), rn = RN(i);
	int32_t imm = (int32_t)(((i >> 10) & 0xfff) << ((i >> 22) & 1 ? 12 : 0));
	if (s && sub && rd == 31) {					/* CMP */
		alu_ri(e, w, 7, src(t, w, RDX, rn, 1), imm);
		flags_set(t, 0);
		return 1;
	}
	int d = dst(t, RDX, rd, !s);
	if (!s) {
		int a = src(t, w, RDX, rn, 1);
		if (a != d || imm)
			op_rm(e, 0, w, 0x8d, 1, d, a, sub ? -imm : imm);	/* lea d, [a + imm] */
		else if (!w)
			mov_rr(e, 0, d, d);				/* zero-extend */
		rst(t, d, rd, 1);
		return 1;
	}
	rld(t, w, d, rn, 1);
	alu_ri(e, w, sub ? 5 : 0, d, imm);
	flags_set(t, !sub);
	rst(t, d, rd, 0);
	return 1;
}

static int t_addsub_sreg(struct tr *t, uint32_t i)
{
	struct em *e = &t->j->e;
	int w = i >> 31, sub = (i >> 30) & 1, s = (i >> 29) & 1, rd = RD(i), rn = RN(i), rm = RM(i);
	unsigned type = (i >> 22) & 3, amt = (i >> 10) & 63;
	if (type == 3 || (!w && amt >= 32))
		return 0;
	int b = amt ? -1 : held(t, rm, 0);
	if (b < 0) {
		rld(t, w, RSI, rm, 0);
		shift_operand(e, w, type, amt);
		b = RSI;
	}
	if (s && sub && rd == 31) {					/* CMP */
		alu_rr(e, w, ALU_CMP, src(t, w, RDX, rn, 0), b);
		flags_set(t, 0);
		return 1;
	}
	int d = dst_rn(t, w, rd, rn, b);
	alu_rr(e, w, sub ? ALU_SUB : ALU_ADD, d, b);
	if (s) {
		flags_set(t, !sub);
	}
	rst(t, d, rd, 0);
	return 1;
}

static int t_addsub_ereg(struct tr *t, uint32_t i)
{
	struct em *e = &t->j->e;
	int w = i >> 31, sub = (i >> 30) & 1, s = (i >> 29) & 1, rm = RM(i);
	unsigned option = (i >> 13) & 7, imm3 = (i >> 10) & 7;
	static const uint32_t ext_op[8] = { 0x0fb6, 0x0fb7, 0x8b, 0x8b, 0x0fbe, 0x0fbf, 0x63, 0x8b };
	if ((i >> 22) & 3 || imm3 > 4)
		return 0;
	if (rm == 31) {
		mov_ri(e, RSI, 0);
	} else {
		/* through RCX: its low byte needs no REX prefix, unlike RBP's */
		rld(t, 1, RCX, rm, 0);
		op_rr(e, 0, option >= 3, ext_op[option], ext_op[option] > 0xff ? 2 : 1, RSI, RCX);
	}
	shift_ri(e, 1, SH_SHL, RSI, (int)imm3);
	rld(t, w, RDX, RN(i), 1);
	alu_rr(e, w, sub ? ALU_SUB : ALU_ADD, RDX, RSI);
	if (s) {
		flags_set(t, !sub);
	}
	rst(t, RDX, RD(i), !s);
	return 1;
}

/* ADC/ADCS/SBC/SBCS: the image's CF is !C, which is SBB's borrow; ADC needs C itself */
static int t_adc(struct tr *t, uint32_t i)
{
	struct em *e = &t->j->e;
	int w = i >> 31, sub = (i >> 30) & 1, s = (i >> 29) & 1;
	rld(t, w, RDX, RN(i), 0);
	rld(t, w, RSI, RM(i), 0);
	flags_need(t);
	if (!sub)
		b1(e, 0xf5);					/* cmc */
	alu_rr(e, w, sub ? 0x19 : 0x11, RDX, RSI);		/* sbb / adc */
	t->flags_live = 0;
	if (s) {
		flags_capture(e, !sub);
		t->img_const = 0;
		t->flags_live = 1;
	}
	rst(t, RDX, RD(i), 0);
	return 1;
}

/* andn d, s1, s2: d = ~s1 & s2 (BMI1; VEX.LZ.0F38 F2 /r, W = w) */
static void andn(struct em *e, int w, int d, int s1, int s2)
{
	b1(e, 0xc4);
	b1(e, (unsigned)((~d >> 3 & 1) << 7 | 1 << 6 | (~s2 >> 3 & 1) << 5 | 0x02));
	b1(e, (unsigned)((w ? 0x80 : 0) | (~s1 & 15) << 3));
	b1(e, 0xf2);
	b1(e, 0xc0 | (unsigned)(d & 7) << 3 | (unsigned)(s2 & 7));
}

static int t_logic_sreg(struct tr *t, uint32_t i)
{
	struct em *e = &t->j->e;
	int w = i >> 31, inv = (i >> 21) & 1, rd = RD(i), rn = RN(i), rm = RM(i);
	unsigned type = (i >> 22) & 3, amt = (i >> 10) & 63, opc = (i >> 29) & 3;
	if (!w && amt >= 32)
		return 0;
	if (opc == 1 && rn == 31 && !amt && !inv) {		/* MOV Rd, Rm */
		mov_slot(t, w, rd, rm);
		return 1;
	}
	if (inv && !amt && !(opc & 1) == !(opc & 2) && rd != 31 && host_bmi1) {
		/* BIC, BICS: ANDN d, m, n = n & ~m, with AND's flags (SF, ZF; CF = OF = 0) */
		int b = src(t, w, RSI, rm, 0), a = src(t, w, RDX, rn, 0), d = dst(t, RDX, rd, 0);
		andn(e, w, d, b, a);
		if (opc == 3)
			flags_set(t, 1);
		rst(t, d, rd, 0);
		return 1;
	}
	if (inv && !amt && !(opc & 1) == !(opc & 2) && rd != 31) {
		/* BIC, BICS: n & ~m = (n | m) ^ m, and XOR sets the flags as AND does */
		int b = src(t, w, RSI, rm, 0), d = dst_rn(t, w, rd, rn, b);
		alu_rr(e, w, ALU_OR, d, b);
		alu_rr(e, w, ALU_XOR, d, b);
		if (opc == 3)
			flags_set(t, 1);
		rst(t, d, rd, 0);
		return 1;
	}
	int b = amt || inv ? -1 : held(t, rm, 0);
	if (b < 0) {
		rld(t, w, RSI, rm, 0);
		shift_operand(e, w, type, amt);
		if (inv)
			op_rr(e, 0, w, 0xf7, 1, 2, RSI);	/* not rsi */
		b = RSI;
	}
	if (opc == 3 && rd == 31) {				/* TST: AND's flags */
		alu_rr(e, w, ALU_TEST, src(t, w, RDX, rn, 0), b);
		flags_set(t, 1);
		return 1;
	}
	int d = dst_rn(t, w, rd, rn, b);
	alu_rr(e, w, opc == 1 ? ALU_OR : opc == 2 ? ALU_XOR : ALU_AND, d, b);
	if (opc == 3) {						/* AND sets SF, ZF; CF = OF = 0 */
		flags_set(t, 1);
	}
	rst(t, d, rd, 0);
	return 1;
}

static int t_logic_imm(struct tr *t, uint32_t i)
{
	struct em *e = &t->j->e;
	int w = i >> 31, rd = RD(i), rn = RN(i);
	unsigned opc = (i >> 29) & 3;
	uint64_t m = logic_imm_mask(i);
	if (!m)
		return 0;
	if (opc == 3 && rd == 31) {				/* TST */
		int a = src(t, w, RDX, rn, 0);
		if (!w || (int64_t)m == (int32_t)m) {
			op_rr(e, 0, w, 0xf7, 1, 0, a);		/* test a, imm32 */
			b4(e, (uint32_t)m);
		} else {
			mov_ri(e, RSI, m);
			alu_rr(e, w, ALU_TEST, a, RSI);
		}
		flags_set(t, 1);
		return 1;
	}
	int d = dst(t, RDX, rd, opc != 3);
	if (opc == 1 && rn == 31) {				/* MOV Rd, #imm */
		mov_ri(e, d, w ? m : (uint32_t)m);
	} else if (w && (int64_t)m != (int32_t)m && held(t, rn, 0) >= 0 && held(t, rn, 0) != d) {
		/* a 64-bit mask into d, then the operation with rn's own register (commutative) */
		mov_ri(e, d, m);
		alu_rr(e, 1, opc == 1 ? ALU_OR : opc == 2 ? ALU_XOR : ALU_AND, d, held(t, rn, 0));
	} else {
		rld(t, w, d, rn, 0);
		alu_imm(e, w, opc == 1 ? 1 : opc == 2 ? 6 : 4, d, m);
	}
	if (opc == 3) {
		flags_set(t, 1);
	}
	rst(t, d, rd, opc != 3);
	return 1;
}

static int t_movw(struct tr *t, uint32_t i, enum a64_op op)
{
	struct em *e = &t->j->e;
	int w = i >> 31, d = dst(t, RDX, RD(i), 0);
	unsigned hw = (i >> 21) & 3;
	uint64_t imm = (uint64_t)((i >> 5) & 0xffff) << (hw * 16);
	if (!w && hw >= 2)
		return 0;
	if (op == OP_MOVK) {
		rld(t, 1, d, RD(i), 0);
		alu_imm(e, w, 4, d, ~(0xffffull << (hw * 16)));
		if (imm)
			alu_imm(e, w, 1, d, imm);
		if (!w)
			mov_rr(e, 0, d, d);
	} else {
		if (op == OP_MOVN)
			imm = w ? ~imm : (uint32_t)~imm;
		mov_ri(e, d, imm);
	}
	rst(t, d, RD(i), 0);
	return 1;
}

static int t_adr(struct tr *t, uint64_t pc, uint32_t i)
{
	int64_t imm = (int64_t)((uint64_t)((i >> 5) & 0x7ffff) << 45) >> 43 | ((i >> 29) & 3);
	uint64_t v = i >> 31 ? (pc & ~0xfffull) + ((uint64_t)imm << 12) : pc + (uint64_t)imm;
	if (RD(i) == 31)
		return 1;
	int d = dst(t, RDX, RD(i), 0);
	mov_ri(&t->j->e, d, v);
	rst(t, d, RD(i), 0);
	return 1;
}

static int t_bitfield(struct tr *t, uint32_t i)
{
	struct em *e = &t->j->e;
	int sf = i >> 31, sgn = !((i >> 30) & 1);
	unsigned immr = (i >> 16) & 63, imms = (i >> 10) & 63, wd = sf ? 64 : 32;
	if (((i >> 22) & 1) != (unsigned)sf || (!sf && (immr >= 32 || imms >= 32)))
		return 0;
	int d = dst(t, RDX, RD(i), 0);
	rld(t, sf, d, RN(i), 0);
	if (imms >= immr) {
		/* extract bits imms..immr to the bottom */
		shift_ri(e, sf, SH_SHL, d, (int)(wd - 1 - imms));
		shift_ri(e, sf, sgn ? SH_SAR : SH_SHR, d, (int)(wd - 1 - imms + immr));
	} else if (imms + 1 == immr) {
		/* LSL: the field reaches the top, nothing to extend */
		shift_ri(e, sf, SH_SHL, d, (int)(wd - immr));
	} else {
		/* bits imms..0 extended, moved up to wd - immr */
		shift_ri(e, sf, SH_SHL, d, (int)(wd - 1 - imms));
		shift_ri(e, sf, sgn ? SH_SAR : SH_SHR, d, (int)(wd - 1 - imms));
		shift_ri(e, sf, SH_SHL, d, (int)(wd - immr));
	}
	if (!sf)
		mov_rr(e, 0, d, d);
	rst(t, d, RD(i), 0);
	return 1;
}

static int t_csel(struct tr *t, uint32_t i)
{
	struct em *e = &t->j->e;
	int w = i >> 31, cc = arm_cc[(i >> 12) & 15], rd = RD(i), rn = RN(i), rm = RM(i);
	int inv = (i >> 30) & 1, inc = (i >> 10) & 1;
	if (cc < 0) {
		mov_slot(t, w, rd, rn);
		return 1;
	}
	/* the alternative Rm, ~Rm, Rm + 1 or -Rm, computed without touching the host flags */
	int b = inv || inc ? -1 : held(t, rm, 0);
	if (b < 0) {
		rld(t, w, RSI, rm, 0);
		if (inv)
			op_rr(e, 0, w, 0xf7, 1, 2, RSI);			/* not rsi */
		if (inc)
			op_rm(e, 0, w, 0x8d, 1, RSI, RSI, 1);			/* lea rsi, [rsi + 1] */
		b = RSI;
	}
	int d = dst_rn(t, w, rd, rn, b);
	flags_need(t);
	op_rr(e, 0, w, 0x0f40 + (uint32_t)(cc ^ 1), 2, d, b);	/* cmov(!cond) d, b */
	rst(t, d, rd, 0);
	return 1;
}

static int t_ccmp(struct tr *t, uint32_t i)
{
	struct em *e = &t->j->e;
	int w = i >> 31, sub = (i >> 30) & 1, cc = arm_cc[(i >> 12) & 15];
	uint8_t *skip = NULL;
	if (cc >= 0) {
		flags_need(t);
		skip = jcc(e, cc ^ 1);
	}
	int a = sub ? src(t, w, RDX, RN(i), 0) : RDX;
	if (!sub)
		rld(t, w, RDX, RN(i), 0);
	if ((i >> 11) & 1)
		alu_ri(e, w, sub ? 7 : 0, a, (int32_t)((i >> 16) & 31));
	else
		alu_rr(e, w, sub ? ALU_CMP : ALU_ADD, a, src(t, w, RSI, RM(i), 0));
	if (t->fconst >> t->k & 1) {
		/* a compare (flags_plan()): the B.EQ after it stores the image. The out-of-line path
		 * stores #nzcv, which has Z clear (the B.EQ leaves) or is fconst_hfl itself */
		t->fpend = 1;
	} else {
		flags_capture(e, !sub);
		t->img_const = 0;
	}
	if (skip && !(t->fconst >> t->k & 1))
		t->img_const = 0;
	if (skip) {
		/* condition false: NZCV = #nzcv, out of line (ool_emit()), back here after */
		t->ool[t->nool].rel = skip;
		t->ool[t->nool].back = e->p;
		t->ool[t->nool].hfl = ftab.hfl[i & 15];
		t->nool++;
	}
	t->flags_live = 1;
	return 1;
}

/* The first copy's ways out of a twice-translated loop (branch_cc()). */
static void oexit_emit(struct tr *t)
{
	for (int k = 0; k < t->noexit; k++) {
		patch_rel32(t->oexit[k].rel, t->j->e.p);
		if (t->oexit[k].fpend)
			flags_store(&t->j->e);
		t->dirty = t->oexit[k].dirty;
		regs_out(t);
		jit_goto_pc(t->j, t->oexit[k].target);
	}
}

/* The out-of-line paths of the block's conditional compares: NZCV = #nzcv, in the image and in
 * the host flags, then back. After the block's last jump; they cannot fault. */
static void ool_emit(struct tr *t)
{
	struct em *e = &t->j->e;
	for (int k = 0; k < t->nool; k++) {
		patch_rel32(t->ool[k].rel, e->p);
		mov_ri(e, RAX, t->ool[k].hfl);
		op_rm(e, 0x66, 0, 0x89, 1, RAX, CPU, OFF_HFL);
		b1(e, 0x04); b1(e, 0x7f);				/* add al, 0x7f */
		b1(e, 0x9e);						/* sahf */
		patch_rel32(jmp(e), t->ool[k].back);
	}
}

static int t_madd(struct tr *t, uint32_t i)
{
	struct em *e = &t->j->e;
	int w = i >> 31, rd = RD(i), rn = RN(i), rm = RM(i), ra = RA(i), msub = (i >> 15) & 1;
	int b = src(t, w, RDI, rm, 0);
	if (ra == 31 && !msub) {				/* MUL */
		int d = dst_rn(t, w, rd, rn, b);
		op_rr(e, 0, w, 0x0faf, 2, d, b);		/* imul d, b */
		rst(t, d, rd, 0);
		return 1;
	}
	rld(t, w, RSI, rn, 0);
	op_rr(e, 0, w, 0x0faf, 2, RSI, b);			/* imul rsi, b */
	int d = dst(t, RDX, rd, 0);
	rld(t, w, d, ra, 0);
	alu_rr(e, w, msub ? ALU_SUB : ALU_ADD, d, RSI);
	rst(t, d, rd, 0);
	return 1;
}

static int t_extr(struct tr *t, uint32_t i)
{
	struct em *e = &t->j->e;
	int sf = i >> 31;
	unsigned lsb = (i >> 10) & 63;
	if ((int)((i >> 22) & 1) != sf || (!sf && lsb >= 32))
		return 0;
	rld(t, sf, RDX, RM(i), 0);
	if (lsb) {
		rld(t, sf, RSI, RN(i), 0);
		op_rr(e, 0, sf, 0x0fac, 2, RSI, RDX);		/* shrd rdx, rsi, lsb */
		b1(e, lsb);
	}
	rst(t, RDX, RD(i), 0);
	return 1;
}

static int t_shiftv(struct tr *t, uint32_t i)
{
	struct em *e = &t->j->e;
	static const int ext[4] = { SH_SHL, SH_SHR, SH_SAR, SH_ROR };
	int sf = i >> 31, d = dst(t, RDX, RD(i), 0);
	rld(t, sf, RCX, RM(i), 0);
	rld(t, sf, d, RN(i), 0);
	op_rr(e, 0, sf, 0xd3, 1, ext[(i >> 10) & 3], d);	/* shift d, cl (count mod 32/64) */
	if (!sf && held(t, RN(i), 0) == d)
		mov_rr(e, 0, d, d);				/* a count of 0 leaves d as it was */
	rst(t, d, RD(i), 0);
	return 1;
}

/* CLZ, REV (32 and 64), REV32, REV16 (32-bit) */
static int t_dp1(struct tr *t, uint32_t i, enum a64_op op)
{
	struct em *e = &t->j->e;
	int sf = i >> 31;
	if (op == OP_REV16 && sf)
		return 0;
	rld(t, sf, RSI, RN(i), 0);
	if (op == OP_CLZ) {
		mov_ri(e, RDX, sf ? 64 : 32);
		alu_rr(e, sf, ALU_TEST, RSI, RSI);
		b1(e, 0x74); b1(e, 0);				/* jz over bsr + xor */
		uint8_t *over = e->p;
		op_rr(e, 0, sf, 0x0fbd, 2, RDX, RSI);		/* bsr rdx, rsi */
		alu_ri(e, 0, 6, RDX, sf ? 63 : 31);		/* xor edx, w - 1 */
		over[-1] = (uint8_t)(e->p - over);
	} else {
		mov_rr(e, sf, RDX, RSI);
		rex(e, sf, 0, 0, RDX);
		b1(e, 0x0f); b1(e, 0xc8 + (RDX & 7));		/* bswap */
		if (op == OP_REV32)
			shift_ri(e, 1, SH_ROR, RDX, 32);
		else if (op == OP_REV16)
			shift_ri(e, 0, SH_ROR, RDX, 16);
	}
	rst(t, RDX, RD(i), 0);
	return 1;
}

/* SMULH/UMULH, and [SU]M{ADD,SUB}L */
static int t_mul_long(struct tr *t, uint32_t i, enum a64_op op)
{
	struct em *e = &t->j->e;
	if (op == OP_SMULH || op == OP_UMULH) {
		rld(t, 1, RAX, RN(i), 0);
		rld(t, 1, RSI, RM(i), 0);
		op_rr(e, 0, 1, 0xf7, 1, op == OP_UMULH ? 4 : 5, RSI);	/* mul/imul rsi: rdx:rax */
		rst(t, RDX, RD(i), 0);
		return 1;
	}
	int sgn = op == OP_SMADDL || op == OP_SMSUBL;
	int regs[2] = { RN(i), RM(i) }, host[2] = { RSI, RDI };
	for (int k = 0; k < 2; k++) {
		rld(t, 0, host[k], regs[k], 0);
		if (sgn)
			op_rr(e, 0, 1, 0x63, 1, host[k], host[k]);	/* movsxd */
	}
	op_rr(e, 0, 1, 0x0faf, 2, RSI, RDI);
	rld(t, 1, RDX, RA(i), 0);
	alu_rr(e, 1, (i >> 15) & 1 ? ALU_SUB : ALU_ADD, RDX, RSI);
	rst(t, RDX, RD(i), 0);
	return 1;
}

static int ldst_gpr(struct em *e, int r, unsigned sz, unsigned opc, int32_t disp);

/* UDIV/SDIV: division by zero gives 0; SDIV of the most negative value by -1 gives it back */
static int t_div(struct tr *t, uint32_t i, enum a64_op op)
{
	struct em *e = &t->j->e;
	int w = i >> 31;
	rld(t, w, RAX, RN(i), 0);
	rld(t, w, RSI, RM(i), 0);
	alu_rr(e, w, ALU_TEST, RSI, RSI);
	uint8_t *zero = jcc(e, CC_E);
	uint8_t *neg1 = NULL;
	if (op == OP_SDIV) {
		alu_ri(e, w, 7, RSI, -1);				/* cmp rsi, -1 */
		neg1 = jcc(e, CC_E);
		rex(e, w, 0, 0, 0);
		b1(e, 0x99);						/* cdq / cqo */
		op_rr(e, 0, w, 0xf7, 1, 7, RSI);			/* idiv rsi */
	} else {
		mov_ri(e, RDX, 0);
		op_rr(e, 0, w, 0xf7, 1, 6, RSI);			/* div rsi */
	}
	uint8_t *done = jmp(e);
	patch_rel32(zero, e->p);
	mov_ri(e, RAX, 0);
	if (neg1) {
		uint8_t *done2 = jmp(e);
		patch_rel32(neg1, e->p);
		op_rr(e, 0, w, 0xf7, 1, 3, RAX);			/* neg rax (wraps) */
		patch_rel32(done2, e->p);
	}
	patch_rel32(done, e->p);
	if (!w)
		mov_rr(e, 0, RAX, RAX);
	rst(t, RAX, RD(i), 0);
	return 1;
}

/* BFM (BFI, BFXIL): Rd = (Rd & ~tmask) | (((Rd & ~wmask) | (ROR(Rn, r) & wmask)) & tmask) */
static int t_bfm(struct tr *t, uint32_t i)
{
	struct em *e = &t->j->e;
	int sf = i >> 31;
	unsigned immr = (i >> 16) & 63, imms = (i >> 10) & 63;
	uint64_t wmask, tmask;
	if ((int)((i >> 22) & 1) != sf || (!sf && (immr >= 32 || imms >= 32)))
		return 0;
	if (!decode_bitmasks((i >> 22) & 1, (int)imms, (int)immr, 0, sf ? 64 : 32, &wmask, &tmask))
		return 0;
	rld(t, sf, RDX, RN(i), 0);
	shift_ri(e, sf, SH_ROR, RDX, (int)immr);
	rld(t, sf, RSI, RD(i), 0);
	mov_ri(e, RCX, wmask);
	alu_rr(e, 1, ALU_AND, RDX, RCX);			/* ROR(Rn) & wmask */
	op_rr(e, 0, 1, 0xf7, 1, 2, RCX);			/* ~wmask */
	alu_rr(e, 1, ALU_AND, RCX, RSI);			/* Rd & ~wmask */
	alu_rr(e, 1, ALU_OR, RDX, RCX);				/* bot */
	mov_ri(e, RCX, tmask);
	alu_rr(e, 1, ALU_AND, RDX, RCX);			/* bot & tmask */
	op_rr(e, 0, 1, 0xf7, 1, 2, RCX);
	alu_rr(e, 1, ALU_AND, RSI, RCX);			/* Rd & ~tmask */
	alu_rr(e, 1, ALU_OR, RDX, RSI);
	if (!sf)
		mov_rr(e, 0, RDX, RDX);
	rst(t, RDX, RD(i), 0);
	return 1;
}

/* LDAR/STLR: aligned plain load (x86 loads are acquire), store by XCHG (sequentially
 * consistent); a misaligned address goes to the handler, which raises the alignment fault */
static int t_ldar(struct tr *t, uint64_t pc, uint32_t i, enum a64_op op)
{
	struct em *e = &t->j->e;
	unsigned sz = i >> 30;
	rld(t, 1, RSI, RN(i), 1);
	uint8_t *slow = NULL;
	if (sz) {
		op_rr(e, 0, 0, 0xf7, 1, 0, RSI);		/* test esi, imm32 */
		b4(e, (1u << sz) - 1);
		slow = jcc(e, CC_NE);
	}
	guest_addr(e, pc, RSI, 0);
	if (op == OP_LDAR) {
		ldst_gpr(e, RDX, sz, 1, 0);
		rst(t, RDX, RD(i), 0);
	} else {
		rld(t, 1, RDX, RD(i), 0);
		if (sz == 0)
			op_rm(e, 0, 0, 0x86, 1, RDX, RAX, 0);		/* xchg [rax], dl */
		else
			op_rm(e, sz == 1 ? 0x66 : 0, sz == 3, 0x87, 1, RDX, RAX, 0);
	}
	if (slow) {
		uint8_t *done = jmp(e);
		patch_rel32(slow, e->p);
		uint32_t dirty = t->dirty;	/* the fast path's, as both paths meet after */
		regs_out(t);
		call_handler(t, pc, i, op);
		regs_in(t);
		t->dirty = dirty;
		patch_rel32(done, e->p);
	}
	return 1;
}

/* MRS of TPIDR_EL0, FPCR, FPSR */
static int t_mrs(struct tr *t, uint32_t i)
{
	struct em *e = &t->j->e;
	unsigned sr = (i >> 5) & 0xffff;	/* op0:op1:CRn:CRm:op2, as sysreg.c's SR() */
	int32_t off;
	int w;
	if (sr == (3u << 14 | 3u << 11 | 13u << 7 | 0u << 3 | 2u)) {
		off = (int32_t)offsetof(struct cpu, tpidr_el0);
		w = 1;
	} else if (sr == (3u << 14 | 3u << 11 | 4u << 7 | 4u << 3 | 0u)) {
		off = (int32_t)offsetof(struct cpu, fpcr);
		w = 0;
	} else if (sr == (3u << 14 | 3u << 11 | 4u << 7 | 4u << 3 | 1u)) {
		off = (int32_t)offsetof(struct cpu, fpsr);
		w = 0;
	} else {
		return 0;
	}
	mov_load(e, w, RDX, CPU, off);
	rst(t, RDX, RD(i), 0);
	return 1;
}

/* DC ZVA (64 bytes) inline; data cache maintenance is a full fence; the rest to the handler */
static int t_sys(struct tr *t, uint64_t pc, uint32_t i)
{
	struct em *e = &t->j->e;
	unsigned op = (i >> 5) & 0x3fff;
	if (((i >> 19) & 3) != 1)
		return 0;
	if (op == ((3u << 11) | (7u << 7) | (4u << 3) | 1)) {
		rld(t, 1, RSI, RD(i), 0);
		alu_ri(e, 1, 4, RSI, ~63);
		guest_addr(e, pc, RSI, 0);
		op_rr(e, 0x66, 0, 0x0fef, 2, 0, 0);			/* pxor xmm0, xmm0 */
		for (int k = 0; k < 4; k++)
			op_rm(e, 0xf3, 0, 0x0f7f, 2, 0, RAX, 16 * k);	/* movdqu [rax + 16k], xmm0 */
		return 1;
	}
	if (op == ((3u << 11) | (7u << 7) | (10u << 3) | 1) || op == ((3u << 11) | (7u << 7) | (11u << 3) | 1) ||
	    op == ((3u << 11) | (7u << 7) | (14u << 3) | 1)) {
		b1(e, 0x0f); b1(e, 0xae); b1(e, 0xf0);		/* mfence */
		return 1;
	}
	return 0;
}

/* op reg, [base + disp], or [base + idx << sc + disp] when idx >= 0 */
static void mem_op(struct em *e, int pfx, int w, uint32_t op, int n, int reg, int base, int idx, int sc, int32_t disp)
{
	if (idx < 0)
		op_rm(e, pfx, w, op, n, reg, base, disp);
	else
		op_sib(e, pfx, w, op, n, reg, base, idx, sc, disp);
}

/*
 * General-register load (r = [address]) or store ([address] = r) of 1 << sz bytes; opc as
 * encoded; the address [base + disp] or [base + idx << sc + disp] (idx >= 0).
 */
static int ldst_gpr_at(struct em *e, int r, unsigned sz, unsigned opc, int base, int idx, int sc, int32_t disp)
{
	if (opc == 0) {
		switch (sz) {
		case 0:
			if (r >= RSP && r <= RDI && base < R8 && idx < R8)
				b1(e, 0x40);	/* REX: spl..dil, not ah..bh (none comes otherwise) */
			mem_op(e, 0, 0, 0x88, 1, r, base, idx, sc, disp);
			break;
		case 1: mem_op(e, 0x66, 0, 0x89, 1, r, base, idx, sc, disp); break;
		case 2: mem_op(e, 0, 0, 0x89, 1, r, base, idx, sc, disp); break;
		default: mem_op(e, 0, 1, 0x89, 1, r, base, idx, sc, disp); break;
		}
		return 1;
	}
	if (opc == 1) {
		switch (sz) {
		case 0: mem_op(e, 0, 0, 0x0fb6, 2, r, base, idx, sc, disp); break;
		case 1: mem_op(e, 0, 0, 0x0fb7, 2, r, base, idx, sc, disp); break;
		case 2: mem_op(e, 0, 0, 0x8b, 1, r, base, idx, sc, disp); break;
		default: mem_op(e, 0, 1, 0x8b, 1, r, base, idx, sc, disp); break;
		}
		return 1;
	}
	/* sign-extending: opc 2 to 64 bits, opc 3 to 32 bits; LDRSW only to 64; sz 3 is PRFM */
	if (sz == 3 || (sz == 2 && opc == 3))
		return 0;
	int w = opc == 2;
	if (sz == 0)
		mem_op(e, 0, w, 0x0fbe, 2, r, base, idx, sc, disp);
	else if (sz == 1)
		mem_op(e, 0, w, 0x0fbf, 2, r, base, idx, sc, disp);
	else
		mem_op(e, 0, 1, 0x63, 1, r, base, idx, sc, disp);
	return 1;
}

static int ldst_gpr(struct em *e, int r, unsigned sz, unsigned opc, int32_t disp)
{
	return ldst_gpr_at(e, r, sz, opc, RAX, -1, 0, disp);
}

/*
 * The host address of the guest address in host register r plus disp, for instruction t->k:
 * [t->abase + t->adisp]. Masked in RAX (guest_addr()), or, when unmask_plan() cleared the
 * access, r itself with disp folded into the instruction.
 */
static void addr_of(struct tr *t, uint64_t pc, int r, int64_t disp)
{
	if (t->unmasked && (t->unmask >> t->k & 1) && disp >= -32768 && disp <= 32768) {
		t->abase = r;
		t->adisp = (int32_t)disp;
		return;
	}
	guest_addr(&t->j->e, pc, r, disp);
	t->abase = RAX;
	t->adisp = 0;
}

/* SIMD&FP register t: load of n bytes (4, 8, 16) from [RAX + disp], upper bytes zeroed, or store. */
static void ldst_vec(struct em *e, int load, int n, int vt, int32_t disp)
{
	if (load) {
		if (n == 16)
			op_rm(e, 0xf3, 0, 0x0f6f, 2, 0, RAX, disp);	/* movdqu xmm0, [rax+d] */
		else if (n == 8)
			op_rm(e, 0xf3, 0, 0x0f7e, 2, 0, RAX, disp);	/* movq xmm0, [rax+d] */
		else
			op_rm(e, 0x66, 0, 0x0f6e, 2, 0, RAX, disp);	/* movd xmm0, [rax+d] */
		op_rm(e, 0xf3, 0, 0x0f7f, 2, 0, CPU, OFF_V(vt));	/* movdqu [v], xmm0 */
	} else if (n == 16) {
		op_rm(e, 0xf3, 0, 0x0f6f, 2, 0, CPU, OFF_V(vt));
		op_rm(e, 0xf3, 0, 0x0f7f, 2, 0, RAX, disp);
	} else {
		mov_load(e, n == 8, RDX, CPU, OFF_V(vt));
		mov_store(e, n == 8, RAX, disp, RDX);
	}
}

/* Bytes of a SIMD&FP single-register access (size, opc as encoded), 0 when not handled here. */
static int vec_bytes(unsigned sz, unsigned opc)
{
	if (sz == 0 && (opc & 2))
		return 16;
	if (opc & 2)
		return 0;
	return sz == 3 ? 8 : sz == 2 ? 4 : 0;
}

/*
 * Loads and stores with an immediate offset or writeback (LDR/STR/LDUR/STUR, pre/post-index,
 * unsigned offset), general and SIMD&FP registers.
 */
static int t_ldst_imm(struct tr *t, uint64_t pc, uint32_t i, int uimm)
{
	struct em *e = &t->j->e;
	unsigned sz = i >> 30, opc = (i >> 22) & 3, mode = uimm ? 2 : (i >> 10) & 3;
	int vec = (i >> 26) & 1, rn = RN(i), rt = RD(i), n = 0;
	int64_t off;
	if (vec) {
		n = vec_bytes(sz, opc);
		if (!n)
			return 0;
		off = uimm ? (int64_t)((i >> 10) & 0xfff) * n : (int64_t)((uint64_t)i << 43) >> 55;
	} else {
		if (sz == 3 && opc == 2)
			return 0;	/* PRFM */
		if ((sz == 3 && opc == 3) || (sz == 2 && opc == 3))
			return 0;
		off = uimm ? (int64_t)(((i >> 10) & 0xfff) << sz) : (int64_t)((uint64_t)i << 43) >> 55;
	}
	/* a load with writeback to its own base (unpredictable) keeps the old order: base last */
	int wb = mode & 1, alias = wb && !vec && opc && rt == rn;
	int base = alias ? RSI : src(t, 1, RSI, rn, 1);
	if (alias)
		rld(t, 1, RSI, rn, 1);
	if (vec) {
		guest_addr(e, pc, base, mode == 1 ? 0 : off);
		ldst_vec(e, opc & 1, n, rt, 0);
	} else if (opc == 0) {
		addr_of(t, pc, base, mode == 1 ? 0 : off);
		ldst_gpr_at(e, src(t, 1, RDX, rt, 0), sz, 0, t->abase, -1, 0, t->adisp);
	} else {
		/* straight into rt's host register: the access is the only thing that can fault */
		int d = alias ? RDX : dst(t, RDX, rt, 0);
		addr_of(t, pc, base, mode == 1 ? 0 : off);
		ldst_gpr_at(e, d, sz, opc, t->abase, -1, 0, t->adisp);
		rst(t, d, rt, 0);
	}
	if (wb) {
		if (off)
			alu_ri(e, 1, 0, base, (int32_t)off);
		rst(t, base, rn, 1);
	}
	return 1;
}

static int t_ldst_reg(struct tr *t, uint64_t pc, uint32_t i)
{
	struct em *e = &t->j->e;
	unsigned sz = i >> 30, opc = (i >> 22) & 3, option = (i >> 13) & 7, s = (i >> 12) & 1;
	int vec = (i >> 26) & 1, n = 0, shift;
	if (!(option & 2))
		return 0;
	if (vec) {
		n = vec_bytes(sz, opc);
		if (!n)
			return 0;
		shift = s ? __builtin_ctz((unsigned)n) : 0;
	} else {
		if (opc >= 2 && (sz == 3 || (sz == 2 && opc == 3)))
			return 0;
		shift = s ? (int)sz : 0;
	}
	(void)pc;	/* a fault finds its guest pc from the host pc (jit_fault()) */
	int base = src(t, 1, RSI, RN(i), 1), idx;
	if (option == 2) {
		rld(t, 0, RDI, RM(i), 0);			/* UXTW */
		idx = RDI;
	} else if (option == 6) {
		op_rr(e, 0, 1, 0x63, 1, RDI, src(t, 1, RDI, RM(i), 0));	/* SXTW: movsxd rdi, r32 */
		idx = RDI;
	} else {
		idx = src(t, 1, RDI, RM(i), 0);			/* LSL/UXTX, SXTX */
	}
	if (shift > 3) {
		if (idx != RDI)
			mov_rr(e, 1, RDI, idx);
		shift_ri(e, 1, SH_SHL, RDI, shift);
		idx = RDI;
		shift = 0;
	}
	if (t->unmasked && !vec && (t->unmask >> t->k & 1)) {
		/* unmask_plan(): the access itself at [base + idx << shift] */
		if (opc == 0) {
			ldst_gpr_at(e, src(t, 1, RDX, RD(i), 0), sz, 0, base, idx, shift, 0);
		} else {
			int d = dst(t, RDX, RD(i), 0);
			ldst_gpr_at(e, d, sz, opc, base, idx, shift, 0);
			rst(t, d, RD(i), 0);
		}
		return 1;
	}
	op_sib(e, 0, 1, 0x8d, 1, RAX, base, idx, shift, 0);	/* lea rax, [base + idx << shift] */
	alu_rr(e, 1, ALU_AND, RAX, AMASK);
	if (vec) {
		ldst_vec(e, opc & 1, n, RD(i), 0);
	} else if (opc == 0) {
		ldst_gpr(e, src(t, 1, RDX, RD(i), 0), sz, 0, 0);
	} else {
		int d = dst(t, RDX, RD(i), 0);
		ldst_gpr(e, d, sz, opc, 0);
		rst(t, d, RD(i), 0);
	}
	return 1;
}

/* An LDP/STP of X registers rt, rt + 1 (not XZR), both kept in struct cpu in this block. */
static int pair_in_memory(const struct tr *t, int n, int rt, int rt2)
{
	return n == 8 && rt2 == rt + 1 && rt2 <= 30 && t->host[rt] < 0 && t->host[rt2] < 0;
}

/* LDP/STP (W, X, and S/D/Q registers), all addressing modes; LDPSW falls back. */
static int t_ldst_pair(struct tr *t, uint64_t pc, uint32_t i)
{
	struct em *e = &t->j->e;
	unsigned opc = i >> 30, mode = (i >> 23) & 3, load = (i >> 22) & 1;
	int vec = (i >> 26) & 1, rn = RN(i), rt = RD(i), rt2 = RA(i), n;
	if (vec) {
		if (opc == 3)
			return 0;
		n = 4 << opc;
	} else {
		if (opc & 1)
			return 0;
		n = opc ? 8 : 4;
	}
	if (load && rt == rt2)
		return 0;	/* CONSTRAINED UNPREDICTABLE: leave it to the handler */
	int64_t off = ((int64_t)((uint64_t)i << 42) >> 57) * n;
	int wb = mode & 1, alias = wb && !vec && load && (rt == rn || rt2 == rn);
	int base = alias ? RSI : src(t, 1, RSI, rn, 1);
	if (alias)
		rld(t, 1, RSI, rn, 1);
	if (vec)
		guest_addr(e, pc, base, mode == 1 ? 0 : off);
	else
		addr_of(t, pc, base, mode == 1 ? 0 : off);
	int ab = t->abase, ad = t->adisp;
	if (vec) {
		if (load) {
			/* both accesses before any register is written */
			int q = n == 16;
			op_rm(e, q ? 0xf3 : n == 8 ? 0xf3 : 0x66, 0, q ? 0x0f6f : n == 8 ? 0x0f7e : 0x0f6e, 2, 0, RAX, 0);
			op_rm(e, q ? 0xf3 : n == 8 ? 0xf3 : 0x66, 0, q ? 0x0f6f : n == 8 ? 0x0f7e : 0x0f6e, 2, 1, RAX, n);
			op_rm(e, 0xf3, 0, 0x0f7f, 2, 0, CPU, OFF_V(rt));
			op_rm(e, 0xf3, 0, 0x0f7f, 2, 1, CPU, OFF_V(rt2));
		} else {
			ldst_vec(e, 0, n, rt, 0);
			ldst_vec(e, 0, n, rt2, n);
		}
	} else if (pair_in_memory(t, n, rt, rt2)) {
		/* X[rt], X[rt + 1] are adjacent in struct cpu: one 16-byte move each way (the load
		 * is the only access that can fault, before anything is written) */
		int x = t->xpair[rt];
		if (x >= 0 && load) {
			/* written through: struct cpu stays up to date for a fault's handler */
			sse_rm(e, 0xf3, 0x0f6f, x, ab, ad);		/* movdqu xmmX, [addr] */
			sse_rm(e, 0xf3, 0x0f7f, x, CPU, OFF_X(rt));	/* movdqu [x], xmmX */
		} else if (x >= 0) {
			sse_rm(e, 0xf3, 0x0f7f, x, ab, ad);		/* movdqu [addr], xmmX */
		} else if (load) {
			sse_rm(e, 0xf3, 0x0f6f, 0, ab, ad);		/* movdqu xmm0, [addr] */
			sse_rm(e, 0xf3, 0x0f7f, 0, CPU, OFF_X(rt));	/* movdqu [x], xmm0 */
		} else {
			sse_rm(e, 0xf3, 0x0f6f, 0, CPU, OFF_X(rt));
			sse_rm(e, 0xf3, 0x0f7f, 0, ab, ad);
		}
	} else if (load) {
		/* (the base is a held register or RSI, never RDX) */
		mov_load(e, n == 8, RDX, ab, ad);
		mov_load(e, n == 8, RDI, ab, ad + n);
		rst(t, RDX, rt, 0);
		rst(t, RDI, rt2, 0);
	} else {
		mov_store(e, n == 8, ab, ad, src(t, 1, RDX, rt, 0));
		mov_store(e, n == 8, ab, ad + n, src(t, 1, RDI, rt2, 0));
	}
	if (wb) {
		if (off)
			alu_ri(e, 1, 0, base, (int32_t)off);
		rst(t, base, rn, 1);
	}
	return 1;
}

/*
 * Translate one instruction. Returns 1 when it ended the block (a branch or an exit was
 * emitted), 0 to go on with the next instruction.
 */
static int translate_one(struct tr *t, uint64_t pc, uint32_t i, enum a64_op op)
{
	struct em *e = &t->j->e;
	int live = t->flags_live;
	if (t->covered) {
		t->covered--;
		return 0;
	}
	if (t->fpend && op != OP_B_COND) {
		flags_store(e);		/* not expected: fdefer is for a setter right before its B.cond */
		t->fpend = 0;
		t->img_const = 0;
	}
	/* Most sequences clobber the host flags; the flag setters and consumers say otherwise. */
	t->flags_live = 0;
	switch (op) {
	case OP_CSEL: case OP_CSINC: case OP_CSINV: case OP_CSNEG:
	case OP_CCMN_REG: case OP_CCMN_IMM: case OP_CCMP_REG: case OP_CCMP_IMM: case OP_B_COND:
	case OP_ADC: case OP_ADCS: case OP_SBC: case OP_SBCS:
		t->flags_live = live;	/* consumers: they reuse live host flags */
		break;
	default:
		break;
	}
	switch (op) {
	case OP_ADD_IMM: case OP_SUB_IMM: case OP_ADDS_IMM: case OP_SUBS_IMM:
		if (t_addsub_imm(t, i))
			return 0;
		break;
	case OP_ADD_SREG: case OP_SUB_SREG: case OP_ADDS_SREG: case OP_SUBS_SREG:
		if (t_addsub_sreg(t, i))
			return 0;
		break;
	case OP_ADC: case OP_ADCS: case OP_SBC: case OP_SBCS:
		if (t_adc(t, i))
			return 0;
		break;
	case OP_ADD_EREG: case OP_SUB_EREG: case OP_ADDS_EREG: case OP_SUBS_EREG:
		if (t_addsub_ereg(t, i))
			return 0;
		break;
	case OP_AND_SREG: case OP_BIC_SREG: case OP_ORR_SREG: case OP_ORN_SREG:
	case OP_EOR_SREG: case OP_EON_SREG: case OP_ANDS_SREG: case OP_BICS_SREG:
		if (t_logic_sreg(t, i))
			return 0;
		break;
	case OP_AND_IMM: case OP_ORR_IMM: case OP_EOR_IMM: case OP_ANDS_IMM:
		if (t_logic_imm(t, i))
			return 0;
		break;
	case OP_MOVZ: case OP_MOVN: case OP_MOVK:
		if (t_movw(t, i, op))
			return 0;
		break;
	case OP_ADR: case OP_ADRP:
		if (t_adr(t, pc, i))
			return 0;
		break;
	case OP_UBFM: case OP_SBFM:
		if (t_bitfield(t, i))
			return 0;
		break;
	case OP_CSEL: case OP_CSINC: case OP_CSINV: case OP_CSNEG:
		if (t_csel(t, i))
			return 0;
		break;
	case OP_CCMN_REG: case OP_CCMN_IMM: case OP_CCMP_REG: case OP_CCMP_IMM:
		if (t_ccmp(t, i))
			return 0;
		break;
	case OP_MADD: case OP_MSUB:
		if (t_madd(t, i))
			return 0;
		break;
	case OP_EXTR:
		if (t_extr(t, i))
			return 0;
		break;
	case OP_LSLV: case OP_LSRV: case OP_ASRV: case OP_RORV:
		if (t_shiftv(t, i))
			return 0;
		break;
	case OP_CLZ: case OP_REV_W: case OP_REV_X: case OP_REV32: case OP_REV16:
		if (t_dp1(t, i, op))
			return 0;
		break;
	case OP_SMULH: case OP_UMULH: case OP_SMADDL: case OP_SMSUBL: case OP_UMADDL: case OP_UMSUBL:
		if (t_mul_long(t, i, op))
			return 0;
		break;
	case OP_LDST_UIMM: case OP_FLDST_UIMM:
		if (t_ldst_imm(t, pc, i, 1))
			return 0;
		break;
	case OP_LDST_UNSC: case OP_LDST_POST: case OP_LDST_PRE:
	case OP_FLDST_UNSC: case OP_FLDST_POST: case OP_FLDST_PRE:
		if (t_ldst_imm(t, pc, i, 0))
			return 0;
		break;
	case OP_LDST_REG: case OP_FLDST_REG:
		if (t_ldst_reg(t, pc, i))
			return 0;
		break;
	case OP_LDP_STP_NA: case OP_LDP_STP_POST: case OP_LDP_STP_OFF: case OP_LDP_STP_PRE:
	case OP_FLDP_STP_NA: case OP_FLDP_STP_POST: case OP_FLDP_STP_OFF: case OP_FLDP_STP_PRE:
		if (t_ldst_pair(t, pc, i))
			return 0;
		break;
	case OP_HINT:
		return 0;	/* NOP, YIELD, BTI, hint-space PAC: nothing to do */
	case OP_UDIV: case OP_SDIV:
		if (t_div(t, i, op))
			return 0;
		break;
	case OP_BFM:
		if (t_bfm(t, i))
			return 0;
		break;
	case OP_LDAR: case OP_STLR:
		if (t_ldar(t, pc, i, op))
			return 0;
		break;
	case OP_MRS:
		if (t_mrs(t, i))
			return 0;
		break;
	case OP_SYS:
		if (t_sys(t, pc, i))
			return 0;
		break;
	case OP_B: case OP_BL:
		if (op == OP_BL) {
			mov_ri(e, RDX, pc + 4);
			rst(t, RDX, 30, 0);
		}
		goto_pc(t, pc + (uint64_t)((int64_t)((uint64_t)i << 38) >> 36));
		return 1;
	case OP_B_COND: {
		uint64_t taken = pc + ((uint64_t)((int64_t)((uint64_t)i << 40) >> 43) & ~3ull);
		if (arm_cc[i & 15] < 0) {
			goto_pc(t, taken);
			return 1;
		}
		flags_need(t);
		branch_cc(t, arm_cc[i & 15], taken, pc + 4);
		return 1;
	}
	case OP_CBZ: case OP_CBNZ: {
		uint64_t taken = pc + ((uint64_t)((int64_t)((uint64_t)i << 40) >> 43) & ~3ull);
		int w = i >> 31;
		if (RD(i) == 31) {
			mov_ri(e, RDX, 0);
			alu_rr(e, 0, ALU_TEST, RDX, RDX);
		} else if (t->host[RD(i)] >= 0) {
			alu_rr(e, w, ALU_TEST, t->host[RD(i)], t->host[RD(i)]);
		} else {
			op_rm(e, 0, w, 0x83, 1, 7, CPU, OFF_X(RD(i)));	/* cmp [x], 0 */
			b1(e, 0);
		}
		branch_cc(t, op == OP_CBZ ? CC_E : CC_NE, taken, pc + 4);
		return 1;
	}
	case OP_TBZ: case OP_TBNZ: {
		uint64_t taken = pc + ((uint64_t)((int64_t)((uint64_t)i << 45) >> 48) & ~3ull);
		unsigned bit = ((i >> 26) & 32) | ((i >> 19) & 31);
		op_rr(e, 0, 1, 0x0fba, 2, 4, src(t, 1, RDX, RD(i), 0));	/* bt r, imm8 */
		b1(e, bit);
		branch_cc(t, op == OP_TBZ ? CC_AE : CC_B, taken, pc + 4);
		return 1;
	}
	case OP_RET: case OP_BR: case OP_BLR:
		rld(t, 1, RDX, RN(i), 0);
		shift_ri(e, 1, SH_SHL, RDX, 8);
		shift_ri(e, 1, SH_SAR, RDX, 8);			/* the top byte is ignored */
		if (op == OP_BLR) {
			mov_ri(e, RSI, pc + 4);
			rst(t, RSI, 30, 0);
		}
		mov_store(e, 1, CPU, OFF_PC, RDX);
		regs_out(t);
		exit_indirect(t);
		return 1;
	default:
		break;
	}
	/* the rest work on struct cpu: store the host registers first, reload them after (they
	 * may write the image: FCMP, a handler's NZCV) */
	t->img_const = 0;
	regs_out(t);
	t->mem_auth |= 1ull << t->mi;
	int nc = jit_crypto(e, i, op, t->rest, t->nrest);
	if (nc) {
		t->covered = nc - 1;
		for (int q = 1; q < nc; q++)
			t->mem_auth |= 1ull << (t->mi + (unsigned)q);
		regs_in(t);
		return 0;
	}
	if (jit_fp(e, pc, i, op, (void *)handler_of(op)) || jit_simd(e, pc, i, op)) {
		regs_in(t);
		return 0;
	}
	call_handler(t, pc, i, op);
	switch (op) {
	case OP_SVC: case OP_BRK: case OP_UDF: case OP_UNDECODED: case OP_SYS: case OP_ISB: case OP_MSR_REG:
		/* the handler left (or changed what the following code may assume): end the block,
		 * with struct cpu up to date */
		t->dirty = 0;
		goto_pc(t, pc + 4);
		return 1;
	default:
		regs_in(t);
		return 0;
	}
}

/* ---- the engine's hooks (engine.h) ---- */

/* LAHF/SAHF in 64-bit mode (CPUID 0x80000001 ECX bit 0): missing only on the first x86-64 CPUs */
static int host_has_lahf(void)
{
	unsigned a, b, c, d;
	__asm__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000000u), "c"(0));
	if (a < 0x80000001u)
		return 0;
	__asm__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000001u), "c"(0));
	return c & 1;
}

static int a64_jit_init(void)
{
	if (!host_has_lahf())
		return 0;
	{
		unsigned a, b, c, d;
		__asm__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0u), "c"(0));
		if (a >= 7) {
			__asm__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7u), "c"(0));
			host_bmi1 = b >> 3 & 1;
		}
	}
	/* secure_getenv: NULL under AT_SECURE, as core/main.c ignores every XARCH_* setting there */
	const char *e = secure_getenv("XARCH_JIT_REGS");
	if (e && *e) {
		if (*e < '0' || *e > '0' + NHREG || (e[1] && strcmp(e + 1, "all")))
			die("XARCH_JIT_REGS=%s: expected a number from 0 to %d, optionally followed by \"all\"", e, NHREG);
		nhreg_max = *e - '0';
		regs_all = e[1] != 0;
	}
	for (unsigned k = 0; k < 256; k++) {
		uint32_t n = (k >> 7) & 1, z = (k >> 6) & 1, v = (k >> 1) & 1, cf = k & 1;
		ftab.nzcv[k] = n << 31 | z << 30 | (cf ^ 1) << 29 | v << 28;
	}
	for (unsigned k = 0; k < 16; k++)	/* N Z C V = bits 3..0 of k */
		ftab.hfl[k] = (uint16_t)(((k >> 3) & 1) << 15 | ((k >> 2) & 1) << 14 | 1 << 9 |
					 (((k >> 1) & 1) ^ 1) << 8 | (k & 1));
	return 1;
}

/* Trampoline: the address mask and flag tables in their host registers, NZCV as the image. */
static void a64_jit_enter(struct em *e)
{
	mov_ri(e, AMASK, 0x00ffffffffffffffull);
	mov_ri(e, FTAB, (uint64_t)(uintptr_t)&ftab);
	nzcv_to_hfl(e, RAX);
	op_rm(e, 0, 0, 0xc7, 1, 0, CPU, OFF_ACTIVE);	/* jit_active = 1 */
	b4(e, 1);
}

static void a64_jit_leave(struct em *e)
{
	hfl_to_nzcv(e, RSI, RDI);
	op_rm(e, 0, 0, 0xc7, 1, 0, CPU, OFF_ACTIVE);	/* jit_active = 0 */
	b4(e, 0);
}

static unsigned a64_jit_fetch(uint64_t pc, uint32_t *code, unsigned max)
{
	unsigned n = (unsigned)(((1u << PAGE_SHIFT) - (pc & ((1u << PAGE_SHIFT) - 1))) >> 2);
	if (n > max)
		n = max;
	for (unsigned k = 0; k < n; k++)
		code[k] = *(const volatile uint32_t *)gptr(pc + 4 * k);
	return n;
}

/* ---- choosing the guest registers a block keeps in host registers ---- */

static void use(unsigned cnt[32], int n, int sp)
{
	if (n < 31 || sp)
		cnt[n]++;
}

/*
 * Count the slots instruction i's inline sequence uses (31: SP where the field can mean it).
 * Returns 0 when the instruction goes to code working on struct cpu (handler, SIMD, FP: the
 * host registers are stored and reloaded around it). Only a guide: an inaccurate count costs
 * speed, never correctness (every access goes through rld()/rst()).
 */
static int scan_uses(uint32_t i, enum a64_op op, unsigned cnt[32])
{
	int rd = RD(i), rn = RN(i), rm = RM(i), ra = RA(i), vec = (i >> 26) & 1;
	switch (op) {
	case OP_ADD_IMM: case OP_SUB_IMM: case OP_ADDS_IMM: case OP_SUBS_IMM:
		use(cnt, rd, 1); use(cnt, rn, 1);
		return 1;
	case OP_ADD_EREG: case OP_SUB_EREG: case OP_ADDS_EREG: case OP_SUBS_EREG:
		use(cnt, rd, 1); use(cnt, rn, 1); use(cnt, rm, 0);
		return 1;
	case OP_ADD_SREG: case OP_SUB_SREG: case OP_ADDS_SREG: case OP_SUBS_SREG:
	case OP_ADC: case OP_ADCS: case OP_SBC: case OP_SBCS:
	case OP_AND_SREG: case OP_BIC_SREG: case OP_ORR_SREG: case OP_ORN_SREG:
	case OP_EOR_SREG: case OP_EON_SREG: case OP_ANDS_SREG: case OP_BICS_SREG:
	case OP_CSEL: case OP_CSINC: case OP_CSINV: case OP_CSNEG: case OP_CCMN_REG: case OP_CCMP_REG:
	case OP_EXTR: case OP_LSLV: case OP_LSRV: case OP_ASRV: case OP_RORV: case OP_UDIV: case OP_SDIV:
		use(cnt, rd, 0); use(cnt, rn, 0); use(cnt, rm, 0);
		return 1;
	case OP_MADD: case OP_MSUB: case OP_SMADDL: case OP_SMSUBL: case OP_UMADDL: case OP_UMSUBL:
	case OP_SMULH: case OP_UMULH:
		use(cnt, rd, 0); use(cnt, rn, 0); use(cnt, rm, 0); use(cnt, ra, 0);
		return 1;
	case OP_AND_IMM: case OP_ORR_IMM: case OP_EOR_IMM: case OP_ANDS_IMM:
		use(cnt, rd, 1); use(cnt, rn, 0);
		return 1;
	case OP_MOVZ: case OP_MOVN: case OP_MOVK: case OP_ADR: case OP_ADRP: case OP_MRS:
		use(cnt, rd, 0);
		return 1;
	case OP_UBFM: case OP_SBFM: case OP_BFM: case OP_CLZ: case OP_REV_W: case OP_REV_X: case OP_REV32:
	case OP_REV16: case OP_CCMN_IMM: case OP_CCMP_IMM:
		use(cnt, rd, 0); use(cnt, rn, 0);
		return 1;
	case OP_LDST_REG: case OP_FLDST_REG:
		use(cnt, rm, 0);
		/* fall through */
	case OP_LDST_UIMM: case OP_FLDST_UIMM: case OP_LDST_UNSC: case OP_LDST_POST: case OP_LDST_PRE:
	case OP_FLDST_UNSC: case OP_FLDST_POST: case OP_FLDST_PRE: case OP_LDAR: case OP_STLR:
		use(cnt, rn, 1);
		if (!vec)
			use(cnt, rd, 0);
		return 1;
	case OP_LDP_STP_NA: case OP_LDP_STP_POST: case OP_LDP_STP_OFF: case OP_LDP_STP_PRE:
	case OP_FLDP_STP_NA: case OP_FLDP_STP_POST: case OP_FLDP_STP_OFF: case OP_FLDP_STP_PRE:
		use(cnt, rn, 1);
		/* a pair of adjacent X registers in struct cpu moves as one 16 bytes (t_ldst_pair()):
		 * no cheaper in host registers */
		if (!vec && !((i >> 31) && ra == rd + 1 && ra <= 30)) {
			use(cnt, rd, 0); use(cnt, ra, 0);
		}
		return 1;
	case OP_CBZ: case OP_CBNZ: case OP_TBZ: case OP_TBNZ:
		use(cnt, rd, 0);
		return 1;
	case OP_BL:
		use(cnt, 30, 0);
		return 1;
	case OP_BLR:
		use(cnt, 30, 0);
		/* fall through */
	case OP_RET: case OP_BR:
		use(cnt, rn, 0);
		return 1;
	case OP_B: case OP_B_COND: case OP_HINT:
		return 1;
	default:
		return 0;
	}
}

/* The guest pc a direct branch goes to, or 0 for other instructions (and indirect branches). */
static uint64_t branch_target(uint64_t pc, uint32_t i, enum a64_op op)
{
	switch (op) {
	case OP_B: case OP_BL:
		return pc + (uint64_t)((int64_t)((uint64_t)i << 38) >> 36);
	case OP_B_COND: case OP_CBZ: case OP_CBNZ:
		return pc + ((uint64_t)((int64_t)((uint64_t)i << 40) >> 43) & ~3ull);
	case OP_TBZ: case OP_TBNZ:
		return pc + ((uint64_t)((int64_t)((uint64_t)i << 45) >> 48) & ~3ull);
	default:
		return 0;
	}
}

/* Whether translate_one() ends the block after op (a branch, or a handler that ends it). */
static int ends_block(enum a64_op op)
{
	switch (op) {
	case OP_B: case OP_BL: case OP_B_COND: case OP_CBZ: case OP_CBNZ: case OP_TBZ: case OP_TBNZ:
	case OP_RET: case OP_BR: case OP_BLR: case OP_SVC: case OP_BRK: case OP_UDF: case OP_UNDECODED:
	case OP_ISB: case OP_MSR_REG:
		return 1;
	default:
		return 0;
	}
}

/*
 * Give the most used slots host registers, in blocks that loop to their own start (the loads
 * are paid once, the loop runs on registers): a slot pays when it is used more often than it
 * has to be stored and reloaded around the instructions that work on struct cpu. Elsewhere
 * memory operands cost this host about what registers do (stores forward to loads), so the
 * entry's loads and the exits' stores would not pay for themselves.
 */
static void regs_choose(struct tr *t, const uint32_t *code, unsigned n)
{
	unsigned cnt[32] = { 0 }, ntail = 0;
	uint64_t pc = t->j->start;
	memset(t->host, -1, sizeof(t->host));
	for (unsigned k = 0; k < n; k++) {
		enum a64_op op = a64_decode(code[k]);
		ntail += !scan_uses(code[k], op, cnt);
		if (branch_target(pc + 4 * k, code[k], op) == pc)
			t->loop = 1;
		if (ends_block(op))
			break;
	}
	/* the back edge tests that the entry still starts with the interrupt test (back_edge()) */
	if (t->j->entry[0] != 0x83)
		t->loop = 0;
	if (!t->loop && !regs_all)
		return;
	unsigned min = t->loop ? 1 + 2 * ntail : 1;
	for (int h = 0; h < nhreg_max; h++) {
		int best = -1;
		for (int s = 0; s < 32; s++)
			if (cnt[s] >= min && (best < 0 || cnt[s] > cnt[best]))
				best = s;
		if (best < 0)
			break;
		cnt[best] = 0;
		t->host[best] = (int8_t)hreg[h];
		t->alloc |= 1u << best;
		t->j->gdata[h] = (uint8_t)(best + 1);
	}
	if (!t->alloc)
		t->loop = 0;
}

enum { F_NONE, F_SET, F_READ };

/*
 * What instruction i does with NZCV as translate_one() emits it: F_SET when its inline sequence
 * writes all four without reading them and cannot fault, F_NONE when it neither touches them nor
 * can fault, F_READ for everything else (consumers, instructions that may fault, handlers and
 * the SIMD/FP code: all may look at the image). The conditions repeat those of the t_*()
 * functions under which they emit inline code; anything not listed is F_READ.
 */
static int flag_class(uint32_t i, enum a64_op op)
{
	int w = i >> 31;
	unsigned amt = (i >> 10) & 63, type = (i >> 22) & 3;
	switch (op) {
	case OP_ADDS_IMM: case OP_SUBS_IMM:
		return F_SET;
	case OP_ADDS_SREG: case OP_SUBS_SREG:
		return type != 3 && (w || amt < 32) ? F_SET : F_READ;
	case OP_ANDS_SREG: case OP_BICS_SREG:
		return w || amt < 32 ? F_SET : F_READ;
	case OP_ANDS_IMM:
		return logic_imm_mask(i) ? F_SET : F_READ;
	case OP_B: case OP_BL: case OP_CBZ: case OP_CBNZ: case OP_TBZ: case OP_TBNZ:	/* the exits: see flags_plan() */
	case OP_ADD_IMM: case OP_SUB_IMM: case OP_ADR: case OP_ADRP: case OP_HINT:
	case OP_MADD: case OP_MSUB: case OP_LSLV: case OP_LSRV: case OP_ASRV: case OP_RORV:
		return F_NONE;
	case OP_ADD_SREG: case OP_SUB_SREG:
		return type != 3 && (w || amt < 32) ? F_NONE : F_READ;
	case OP_AND_SREG: case OP_BIC_SREG: case OP_ORR_SREG: case OP_ORN_SREG: case OP_EOR_SREG: case OP_EON_SREG:
		return w || amt < 32 ? F_NONE : F_READ;
	case OP_AND_IMM: case OP_ORR_IMM: case OP_EOR_IMM:
		return logic_imm_mask(i) ? F_NONE : F_READ;
	case OP_MOVZ: case OP_MOVN: case OP_MOVK:
		return w || ((i >> 21) & 3) < 2 ? F_NONE : F_READ;
	case OP_UBFM: case OP_SBFM:
		return (int)((i >> 22) & 1) == w && (w || (((i >> 16) & 63) < 32 && amt < 32)) ? F_NONE : F_READ;
	default:
		return F_READ;
	}
}

/*
 * Which flag setters need not store the image (t->fdead) or leave it to the exit path of the
 * B.cond after them (t->fdefer), from a backward pass: NZCV is needed after the block (its
 * successor may read it), before an F_READ instruction, and not before an F_SET one.
 */
static void flags_plan(struct tr *t, const uint32_t *code, unsigned n)
{
	unsigned last = 0;
	for (unsigned k = 0; k < n; k++) {
		last = k;
		if (ends_block(a64_decode(code[k])))
			break;
	}
	int need = 1;
	for (unsigned k = last + 1; k-- > 0;) {
		int c = flag_class(code[k], a64_decode(code[k]));
		if (c == F_SET && !need)
			t->fdead |= 1ull << k;
		need = c == F_READ ? 1 : c == F_SET ? 0 : need;
	}
	/* a setter right before a CCMP/CCMN: the conditional compare reads the live host flags
	 * (translate_one() keeps them for consumers), cannot fault, and writes all of NZCV on both
	 * of its paths, so nothing reads the setter's image */
	for (unsigned k = 0; k < last; k++) {
		enum a64_op nx = a64_decode(code[k + 1]);
		if (flag_class(code[k], a64_decode(code[k])) == F_SET && !(t->fdead >> k & 1) &&
		    (nx == OP_CCMP_REG || nx == OP_CCMP_IMM || nx == OP_CCMN_REG || nx == OP_CCMN_IMM)) {
			unsigned cc = (code[k + 1] >> 12) & 15;
			t->fkeep |= 1ull << k;
			if (cc >> 1 != 1 && cc >> 1 != 4)	/* not HS/LO/HI/LS */
				t->fnoc |= 1ull << k;
		}
	}
	/* a B.EQ back to the block's start right after a compare (SUBS, CMP, CCMP whose #nzcv has Z
	 * clear or is exactly 0110) or a logic setter (ANDS, BICS, TST): taken, Z = 1 fixes the rest
	 * (a - b = 0: N 0, C 1, V 0; a & b = 0: N 0, C 0, V 0) */
	if (t->loop && last >= 1 && a64_decode(code[last]) == OP_B_COND && (code[last] & 15) == 0 &&
	    branch_target(t->j->start + 4 * last, code[last], OP_B_COND) == t->j->start) {
		uint32_t s = code[last - 1];
		enum a64_op sop = a64_decode(s);
		int setter = flag_class(s, sop) == F_SET && !(t->fkeep >> (last - 1) & 1);
		int nz = -1;
		if (setter && (sop == OP_SUBS_IMM || sop == OP_SUBS_SREG))
			nz = 6;
		else if (setter && (sop == OP_ANDS_IMM || sop == OP_ANDS_SREG || sop == OP_BICS_SREG))
			nz = 4;
		else if ((sop == OP_CCMP_REG || sop == OP_CCMP_IMM) && (!(s & 4) || (s & 15) == 6))
			nz = 6;
		if (nz >= 0) {
			t->fconst |= 1ull << (last - 1);
			t->fconst_hfl = ftab.hfl[nz];
		}
	}
	/* need: the block's start needs the flags it was entered with */
	if (t->loop && !need && !t->fconst && last >= 1 && a64_decode(code[last]) == OP_B_COND &&
	    flag_class(code[last - 1], a64_decode(code[last - 1])) == F_SET &&
	    branch_target(t->j->start + 4 * last, code[last], OP_B_COND) == t->j->start && arm_cc[code[last] & 15] >= 0)
		t->fdefer |= 1ull << (last - 1);
}

/*
 * Accesses without the address mask. guest_addr() clears the top byte of every guest address
 * (AND with R12: LEA + AND before each access). In a loop whose body (one pass: instructions
 * 0..m-1, the last its back edge) changes the registers an access's address is made of only by
 * constants (ADD/SUB #imm to themselves, writeback), the address U of that access changes by the
 * same D in every pass. The entry tests, once, that the first pass's U lies in [0, 2^56): there
 * the mask changes nothing. If the access of pass N succeeded, U was a mapped address, within
 * [mmap_min_addr, 2^56 - 4096), so with |D| <= min(4096, mmap_min_addr) pass N + 1's U is in
 * [0, 2^56) again: the unmasked access reaches the same host address, and faults exactly when
 * the masked one would. When the entry's test fails, a third, masked copy of the body runs.
 * Only bodies made of the inline integer, load/store and branch sequences qualify (a handler or
 * vector code may write any register).
 */
static long unmask_dmax = -1;	/* min(4096, /proc/sys/vm/mmap_min_addr); 0: never unmask */
#define UNMASK_SPAN 32768	/* |offset of an access from its registers' values at the pass start| */

struct ucombo { int8_t b, i; };	/* the registers of an address (slots; i -1: none) */

/* What instruction i writes: *self for "Xd = Xd + imm" (64-bit), else the slots in w[] (n of them).
 * 0: not an instruction unmask_plan() takes (it then leaves the block masked). */
static int unmask_insn(uint32_t i, enum a64_op op, int *self, int64_t *imm, int w[3], int *nw,
		       int *acc_b, int *acc_i, int64_t *acc_d)
{
	int rd = RD(i), rn = RN(i), sf = i >> 31;
	*self = -1;
	*nw = 0;
	*acc_b = -1;
	*acc_i = -1;
	*acc_d = 0;
	switch (op) {
	case OP_ADD_IMM: case OP_SUB_IMM: case OP_ADDS_IMM: case OP_SUBS_IMM: {
		int s = (i >> 29) & 1;
		int64_t v = (int64_t)(((i >> 10) & 0xfff) << ((i >> 22) & 1 ? 12 : 0));
		if (rd == 31 && s)
			return 1;	/* CMP/CMN */
		if (sf && rd == rn) {
			*self = rd;
			*imm = (i >> 30) & 1 ? -v : v;
		} else {
			w[(*nw)++] = rd;
		}
		return 1;
	}
	case OP_ADD_SREG: case OP_SUB_SREG: case OP_ADDS_SREG: case OP_SUBS_SREG:
	case OP_AND_SREG: case OP_BIC_SREG: case OP_ORR_SREG: case OP_ORN_SREG:
	case OP_EOR_SREG: case OP_EON_SREG: case OP_ANDS_SREG: case OP_BICS_SREG:
	case OP_AND_IMM: case OP_ORR_IMM: case OP_EOR_IMM: case OP_ANDS_IMM:
	case OP_MOVZ: case OP_MOVN: case OP_MOVK: case OP_UBFM: case OP_SBFM:
	case OP_CSEL: case OP_CSINC: case OP_CSINV: case OP_CSNEG:
		/* (AND/ORR/EOR #imm may write SP: rd 31 counts as SP here, harmlessly) */
		w[(*nw)++] = rd;
		return 1;
	case OP_CCMN_REG: case OP_CCMN_IMM: case OP_CCMP_REG: case OP_CCMP_IMM:
	case OP_B_COND: case OP_CBZ: case OP_CBNZ: case OP_TBZ: case OP_TBNZ: case OP_HINT:
		return 1;
	case OP_LDST_UIMM: case OP_LDST_UNSC: case OP_LDST_POST: case OP_LDST_PRE: {
		unsigned sz = i >> 30, opc = (i >> 22) & 3;
		int uimm = op == OP_LDST_UIMM, mode = uimm ? 2 : (i >> 10) & 3;
		if ((i >> 26) & 1 || (sz == 3 && opc >= 2) || (sz == 2 && opc == 3) || (!uimm && mode == 2))
			return 0;	/* vector, PRFM, unallocated, unprivileged */
		int64_t off = uimm ? (int64_t)(((i >> 10) & 0xfff) << sz) : (int64_t)((uint64_t)i << 43) >> 55;
		*acc_b = rn;
		*acc_d = mode == 1 ? 0 : off;
		if (opc)
			w[(*nw)++] = rd;
		if (mode & 1) {
			if (opc && rd == rn)
				return 0;
			*self = rn;
			*imm = off;
		}
		return 1;
	}
	case OP_LDST_REG: {
		unsigned sz = i >> 30, opc = (i >> 22) & 3, option = (i >> 13) & 7;
		if ((i >> 26) & 1 || (option != 3 && option != 7) || (opc >= 2 && (sz == 3 || (sz == 2 && opc == 3))))
			return 0;
		*acc_b = rn;
		*acc_i = RM(i) == 31 ? -1 : RM(i);
		if ((i >> 12) & 1 && sz)
			return 0;	/* scaled index: not taken (the test adds it unscaled) */
		if (opc)
			w[(*nw)++] = rd;
		return 1;
	}
	case OP_LDP_STP_POST: case OP_LDP_STP_OFF: case OP_LDP_STP_PRE: {
		unsigned opc = i >> 30, mode = (i >> 23) & 3, load = (i >> 22) & 1;
		int rt2 = RA(i), nb = opc ? 8 : 4;
		if ((i >> 26) & 1 || (opc & 1) || (load && rd == rt2))
			return 0;
		int64_t off = ((int64_t)((uint64_t)i << 42) >> 57) * nb;
		*acc_b = rn;
		*acc_d = mode == 1 ? 0 : off;
		if (load) {
			w[(*nw)++] = rd;
			w[(*nw)++] = rt2;
		}
		if (mode & 1) {
			if (load && (rd == rn || rt2 == rn))
				return 0;
			*self = rn;
			*imm = off;
		}
		return 1;
	}
	default:
		return 0;
	}
}

static long read_mmap_min(void)
{
	char buf[32];
	long v = 0;
	int fd = open("/proc/sys/vm/mmap_min_addr", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (r <= 0)
		return 0;
	buf[r] = 0;
	for (char *q = buf; *q >= '0' && *q <= '9'; q++)
		v = v * 10 + (*q - '0');
	return v < 4096 ? v : 4096;
}

/* Plan the unmasked accesses of a loop body of m instructions (t->unmask); the registers of each
 * distinct address go to co[] (*nco of them) for the entry's test. */
static void unmask_plan(struct tr *t, const uint32_t *code, unsigned m, struct ucombo co[JIT_BLOCK_MAX], int *nco)
{
	int64_t delta[32] = { 0 }, part[32] = { 0 };
	uint32_t affine = ~0u;
	int self, w[3], nw, ab, ai;
	int64_t imm, ad;
	*nco = 0;
	if (unmask_dmax < 0)
		unmask_dmax = read_mmap_min();
	if (!unmask_dmax)
		return;
	for (unsigned k = 0; k < m; k++) {
		enum a64_op op = a64_decode(code[k]);
		if (k == m - 1 ? op != OP_B_COND && op != OP_CBZ && op != OP_CBNZ && op != OP_TBZ && op != OP_TBNZ && op != OP_B
			       : !unmask_insn(code[k], op, &self, &imm, w, &nw, &ab, &ai, &ad))
			return;
		if (k == m - 1)
			break;
		unmask_insn(code[k], op, &self, &imm, w, &nw, &ab, &ai, &ad);
		for (int q = 0; q < nw; q++)
			affine &= ~(1u << w[q]);
		if (self >= 0)
			delta[self] += imm;
	}
	t->pure = 1;
	for (unsigned k = 0; k + 1 < m; k++) {
		unmask_insn(code[k], a64_decode(code[k]), &self, &imm, w, &nw, &ab, &ai, &ad);
		if (ab >= 0 && (affine >> ab & 1) && (ai < 0 || (affine >> ai & 1))) {
			int64_t d = delta[ab] + (ai >= 0 ? delta[ai] : 0);
			int64_t c = part[ab] + (ai >= 0 ? part[ai] : 0) + ad;
			if (d >= -unmask_dmax && d <= unmask_dmax && c > -UNMASK_SPAN && c < UNMASK_SPAN) {
				t->unmask |= 1ull << k;
				int q;
				for (q = 0; q < *nco && !(co[q].b == ab && co[q].i == ai); q++)
					;
				if (q == *nco) {
					co[q].b = (int8_t)ab;
					co[q].i = (int8_t)ai;
					(*nco)++;
				}
			}
		}
		if (self >= 0)
			part[self] += imm;
	}
}

/* The entry's test: every address's registers sum (at the pass start) to [SPAN, 2^56 - SPAN);
 * else jump (patched later) to the masked copy. RAX, RCX and the host flags are free here. */
static int unmask_guard(struct tr *t, const struct ucombo *co, int nco, uint8_t *jumps[])
{
	struct em *e = &t->j->e;
	for (int q = 0; q < nco; q++) {
		int b = src(t, 1, RAX, co[q].b, 1);
		if (co[q].i >= 0) {
			int x = src(t, 1, RCX, co[q].i, 0);
			op_sib(e, 0, 1, 0x8d, 1, RAX, b, x, 0, -UNMASK_SPAN);	/* lea rax, [b + x - SPAN] */
		} else {
			op_rm(e, 0, 1, 0x8d, 1, RAX, b, -UNMASK_SPAN);		/* lea rax, [b - SPAN] */
		}
		mov_ri(e, RCX, (1ull << 56) - 2 * UNMASK_SPAN);
		alu_rr(e, 1, ALU_CMP, RAX, RCX);
		jumps[q] = jcc(e, CC_AE);
	}
	return nco;
}

/*
 * LDP/STP pairs of adjacent X registers kept in struct cpu (t_ldst_pair()) also cached in XMM8..15
 * in a pure loop body: loaded at the entry, an LDP loads its XMM register and stores it to
 * struct cpu (so a fault finds struct cpu up to date), an STP stores the XMM register without
 * reading struct cpu. Only pairs whose registers nothing else in the body writes.
 */
static void xpair_plan(struct tr *t, const uint32_t *code, unsigned m)
{
	uint32_t other = 0, cand = 0;
	int self, w[3], nw, ab, ai;
	int64_t imm, ad;
	memset(t->xpair, -1, sizeof(t->xpair));
	if (!t->pure)
		return;
	for (unsigned k = 0; k + 1 < m; k++) {
		uint32_t i = code[k];
		enum a64_op op = a64_decode(i);
		unmask_insn(i, op, &self, &imm, w, &nw, &ab, &ai, &ad);
		int rt = RD(i), rt2 = RA(i);
		int pair = (op == OP_LDP_STP_POST || op == OP_LDP_STP_OFF || op == OP_LDP_STP_PRE) && (i >> 30) == 2 &&
			   rt2 == rt + 1 && rt2 <= 30 && t->host[rt] < 0 && t->host[rt2] < 0;
		if (pair)
			cand |= 1u << rt;
		for (int q = 0; q < nw; q++)
			if (!pair)
				other |= 1u << w[q];
		if (self >= 0)
			other |= 1u << self;
	}
	int x = 8;
	for (int rt = 0; rt < 30 && x < 16; rt++) {
		if (!(cand >> rt & 1) || (other >> rt & 3) || (rt && (cand >> (rt - 1) & 1)) || (cand >> (rt + 1) & 1))
			continue;
		t->xpair[rt] = (int8_t)x++;
	}
}

static void a64_jit_body(struct jit_tr *j, const uint32_t *code, unsigned n)
{
	struct tr t = { .j = j };
	memset(t.xpair, -1, sizeof(t.xpair));
	uint64_t pc = j->start;
	unsigned k;
	int ended = 0;
	regs_choose(&t, code, n);
	flags_plan(&t, code, n);
	regs_in(&t);
	/* a loop of m instructions ending in its back edge is translated twice when the map has
	 * room and the engine's code budget (per fetched instruction) covers 2m */
	unsigned m = 0;
	while (m < n && !ends_block(a64_decode(code[m])))
		m++;
	m++;
	t.copy1 = t.loop && 2 * m <= n && 2 * m <= JIT_BLOCK_MAX &&
		  branch_target(pc + 4 * (m - 1), code[m - 1], a64_decode(code[m - 1])) == pc;
	/* and unmasked (unmask_plan()) with a third, masked copy when 3m fit */
	struct ucombo co[JIT_BLOCK_MAX];
	uint8_t *guard[JIT_BLOCK_MAX];
	int nco = 0;
	if (t.copy1 && 3 * m <= n && 3 * m <= JIT_BLOCK_MAX)
		unmask_plan(&t, code, m, co, &nco);
	if (!t.unmask)
		nco = 0;
	xpair_plan(&t, code, m);
	for (int rt = 0; rt < 32; rt++)
		if (t.xpair[rt] >= 0)
			sse_rm(&j->e, 0xf3, 0x0f6f, t.xpair[rt], CPU, OFF_X(rt));	/* movdqu xmmX, [x] */
	unmask_guard(&t, co, nco, guard);
	t.unmasked = nco > 0;
	t.loop_head = j->e.p;
	/* a back edge reaches loop_head with any of them changed */
	t.dirty = t.loop ? t.alloc : 0;
	unsigned mi = 0, copies = t.copy1 ? 2 : 1;
	for (unsigned c = 0; c < copies; c++) {
		ended = 0;
		t.flags_live = 0;
		for (k = 0; k < n && !ended; k++) {
			j->hoff[mi] = (uint16_t)(j->e.p - j->entry);
			j->goff[mi] = (uint16_t)(4 * k);
			t.rest = code + k + 1;
			t.nrest = n - k - 1;
			t.k = k;
			t.mi = mi++;
			ended = translate_one(&t, pc + 4 * k, code[k], a64_decode(code[k]));
		}
		t.copy1 = 0;
	}
	if (!ended)
		goto_pc(&t, pc + 4 * k);	/* page end or JIT_BLOCK_MAX: go on with the next block */
	oexit_emit(&t);
	ool_emit(&t);
	if (nco) {
		/* the masked copy, looping to itself: after the entry's loads, like loop_head */
		for (int q = 0; q < nco; q++)
			patch_rel32(guard[q], j->e.p);
		t.unmasked = 0;
		t.loop_head = j->e.p;
		t.dirty = t.alloc;
		t.noexit = t.nool = 0;
		t.fpend = t.img_const = 0;
		t.flags_live = 0;
		ended = 0;
		for (k = 0; k < n && !ended; k++) {
			j->hoff[mi] = (uint16_t)(j->e.p - j->entry);
			j->goff[mi] = (uint16_t)(4 * k);
			t.rest = code + k + 1;
			t.nrest = n - k - 1;
			t.k = k;
			t.mi = mi++;
			ended = translate_one(&t, pc + 4 * k, code[k], a64_decode(code[k]));
		}
		if (!ended)
			goto_pc(&t, pc + 4 * k);
		ool_emit(&t);
	}
	j->ninsn = mi;
	j->len = 4 * k;
	memcpy(j->gdata + 8, &t.mem_auth, 8);
}

_Static_assert(sizeof(((struct cpu *)0)->jit_ibtc) / sizeof(((struct cpu *)0)->jit_ibtc[0]) == JIT_IBTC_SIZE,
	       "struct cpu holds the engine's indirect-branch cache");

const struct engine_guest engine_guest = {
	.slot_shift = 2,
	.addr_mask = 0x00ffffffffffffffull,
	.off_pc = OFF_PC,
	.off_intr = OFF_INTR,
	.off_ibtc = (int32_t)offsetof(struct cpu, jit_ibtc),
	.jit_init = a64_jit_init,
	.jit_enter = a64_jit_enter,
	.jit_leave = a64_jit_leave,
	.jit_fetch = a64_jit_fetch,
	.jit_body = a64_jit_body,
};
