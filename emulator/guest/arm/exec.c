// SPDX-License-Identifier: GPL-2.0-only
/*
 * exec.c — the 32-bit ARM interpreter's dispatch loop over the engine's decoded-code cache, and
 * the CPU contract (core/vcpu.h, cpu.h): init, CPSR access, HWCAP, the engine description.
 *
 * The cache has one 64-bit slot per halfword of a 4 KiB code page (engine_guest.slot_shift 1,
 * for Thumb): opcode << 32 | instruction, the instruction being the A32 word, the T16 halfword
 * or hw1 << 16 | hw2. The opcode numbers A32, T16 and T32 apart (decode.h), so a slot decoded
 * in one instruction set is never taken for the other: when the state differs the slot is
 * decoded again. A 32-bit Thumb instruction whose second halfword lies on the next page is
 * never cached (an invalidation of that page could not find it): it is fetched and decoded
 * each time.
 */
#include <stdatomic.h>
#include <stddef.h>
#include "cache.h"
#include "decode.h"
#include "exec.h"
#include "jit.h"
#include "jit_arm.h"
#include "model.h"

/* HWCAP bits (arch/arm/include/uapi/asm/hwcap.h) */
#define HWCAP_HALF (1u << 1)
#define HWCAP_THUMB (1u << 2)
#define HWCAP_FAST_MULT (1u << 4)
#define HWCAP_VFP (1u << 6)
#define HWCAP_EDSP (1u << 7)
#define HWCAP_NEON (1u << 12)
#define HWCAP_VFPv3 (1u << 13)
#define HWCAP_TLS (1u << 15)
#define HWCAP_VFPv4 (1u << 16)
#define HWCAP_IDIVA (1u << 17)
#define HWCAP_IDIVT (1u << 18)
#define HWCAP_VFPD32 (1u << 19)

#define A32(name, cls, mask, match, handler) int handler(struct cpu *, uint32_t);
#define T16(name, cls, mask, match, handler) int handler(struct cpu *, uint32_t);
#define T32(name, cls, mask, match, handler) int handler(struct cpu *, uint32_t);
#include "a32.def"
#include "a32_vfp.def"
#include "a32_neon.def"
#include "t16.def"
#include "t32.def"
#include "t32_vfp.def"
#include "t32_neon.def"
#undef A32
#undef T16
#undef T32

static int exec_udf(struct cpu *c, uint32_t i)
{
	(void)c;
	(void)i;
	return CPU_EXIT_UDF;
}

/* The one table of handlers by opcode: the dispatch loop's, and the JIT's for what it does not translate. */
const arm_handler_fn arm_handlers[OP_COUNT] = {
	[OP_UNDECODED] = exec_udf,
	[OP_A32_NONE] = exec_udf,
	[OP_T16_NONE] = exec_udf,
	[OP_T32_NONE] = exec_udf,
#define A32(name, cls, mask, match, handler) [OP_A32_##name] = handler,
#define T16(name, cls, mask, match, handler) [OP_T16_##name] = handler,
#define T32(name, cls, mask, match, handler) [OP_T32_##name] = handler,
#include "a32.def"
#include "a32_vfp.def"
#include "a32_neon.def"
#include "t16.def"
#include "t32.def"
#include "t32_vfp.def"
#include "t32_neon.def"
#undef A32
#undef T16
#undef T32
};

void cpu_init(struct cpu *c)
{
	c->excl_addr = ~0ull;
	jit_ibtc_init(c->jit_ibtc);
}

uint64_t cpu_fault_pc(struct cpu *c)
{
	jit_arm_fault(c);
	return c->pc;
}

uint32_t cpu_get_cpsr(const struct cpu *c)
{
	return (c->nzcv & 0xf0000000u) | (c->q ? CPSR_Q : 0) | (c->itstate & 3) << 25 | (c->ge & 15) << 16 |
	       (c->itstate >> 2) << 10 | (c->thumb ? CPSR_T : 0) | CPSR_MODE_USR;
}

void cpu_set_cpsr(struct cpu *c, uint32_t cpsr)
{
	c->nzcv = cpsr & 0xf0000000u;
	c->q = (cpsr >> 27) & 1;
	c->ge = (cpsr >> 16) & 15;
	c->itstate = ((cpsr >> 25) & 3) | ((cpsr >> 10) & 0x3f) << 2;
	c->thumb = (cpsr >> 5) & 1;
}

uint64_t cpu_hwcap(void)
{
	if (arm_v6)	/* an ARM1176 (model.c): as Linux shows it, without Jazelle and SWP */
		return HWCAP_HALF | HWCAP_THUMB | HWCAP_FAST_MULT | HWCAP_VFP | HWCAP_EDSP | HWCAP_TLS;
	return HWCAP_HALF | HWCAP_THUMB | HWCAP_FAST_MULT | HWCAP_EDSP | HWCAP_TLS | HWCAP_IDIVA | HWCAP_IDIVT |
	       vfp_hwcap();
}

uint64_t cpu_hwcap2(void)
{
	return 0;
}

/* ITSTATE after an instruction of an IT block (ARM ARM ITAdvance). */
static inline uint32_t it_advance(uint32_t it)
{
	if ((it & 7) == 0)
		return 0;
	return (it & 0xe0) | ((it << 1) & 0x1f);
}

/* Fetch and decode the instruction at pc into *slot (when cacheable); its slot value. */
static uint64_t fetch(uint64_t *slot, uint32_t pc, int thumb)
{
	uint64_t seq = atomic_load_explicit(&cache_gen, memory_order_acquire), w, old;
	uint32_t insn;
	enum arm_op op;
	int cacheable = 1;
	if (!thumb) {
		insn = *(const volatile uint32_t *)gptr(pc);
		op = a32_decode(insn);
	} else {
		insn = *(const volatile uint16_t *)gptr(pc);
		if (t32_first(insn)) {
			cacheable = (pc & 0xfff) != 0xffe;
			insn = insn << 16 | *(const volatile uint16_t *)gptr(pc + 2);
			op = t32_decode(insn);
		} else {
			op = t16_decode(insn);
		}
	}
	w = (uint64_t)op << 32 | insn;
	if (!cacheable)
		return w;
	/* If an invalidation raced with this fetch, forget the (possibly stale) decode again. */
	old = __atomic_load_n(slot, __ATOMIC_RELAXED);
	if (__atomic_compare_exchange_n(slot, &old, w, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) &&
	    atomic_load_explicit(&cache_gen, memory_order_seq_cst) != seq)
		__atomic_compare_exchange_n(slot, &w, 0, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return (uint64_t)op << 32 | insn;
}

int arm_step(struct cpu *c)
{
	uint32_t pc = (uint32_t)c->pc, insn, size;
	int thumb = c->thumb, r;
	unsigned op;
	if (thumb) {
		insn = *(const volatile uint16_t *)gptr(pc);
		if (t32_first(insn)) {
			insn = insn << 16 | *(const volatile uint16_t *)gptr(pc + 2);
			op = t32_decode(insn);
			size = 4;
		} else {
			op = t16_decode(insn);
			size = 2;
		}
		c->r[15] = pc + 4;
		if ((c->itstate & 0xf) && !cond_pass(c->nzcv, c->itstate >> 4)) {
			c->itstate = it_advance(c->itstate);
			c->pc = pc + size;
			return NEXT;
		}
	} else {
		insn = *(const volatile uint32_t *)gptr(pc);
		op = a32_decode(insn);
		size = 4;
		c->r[15] = pc + 8;
		if (insn < 0xe0000000u && !cond_pass(c->nzcv, insn >> 28)) {
			c->pc = pc + 4;
			return NEXT;
		}
	}
	c->op = op;
	r = arm_handlers[op](c, insn);
	if (r == NEXT || r == NEXT_IT)
		c->pc = pc + size;
	if (thumb && (r == NEXT || r == JUMP || r == CPU_EXIT_SVC))
		c->itstate = it_advance(c->itstate);
	return r == NEXT_IT ? NEXT : r;
}

/*
 * Run the translation of the block at c->pc when there is one (or it is hot): from a branch
 * (try), with ITSTATE 0. Returns 0 to interpret, -1 to continue at c->pc, or the exit.
 */
static int run_jit(struct cpu *c, struct code_page *p, void **chain_from, int *from_indirect)
{
	uint32_t pc = (uint32_t)c->pc;
	jit_arm_thumb = (int)c->thumb;
	void *je = jit_block(p, pc, *chain_from != NULL);
	if (!je) {
		*chain_from = NULL;
		*from_indirect = 0;
		return 0;
	}
	if (*chain_from)
		jit_chain(*chain_from, je);
	else if (*from_indirect) {
		uint64_t key = pc | c->thumb;
		c->jit_ibtc[jit_ibtc_slot(key)] = (struct jit_ibtc_entry){ key, je };
	}
	struct jit_ret jr = jit_enter(c, je);
	int r = (int)(uint32_t)jr.r;
	if (r > 0)
		return r;
	if (r == JIT_ARM_MISMATCH) {
		*chain_from = NULL;
		*from_indirect = 0;
		return 0;
	}
	*chain_from = jr.stub;
	*from_indirect = !jr.stub;
	return -1;
}

/*
 * The debugger's single step (cpu_xinfo.step): the loop returns CPU_EXIT_STEP once one
 * instruction is done, whether it executed or failed its condition (an instruction of an IT
 * block included), or the exit it raised. The IT instruction is a step of its own.
 */
enum cpu_exit cpu_run(struct cpu *c)
{
	struct code_page *p = NULL;
	uint64_t base = 1;
	int step = c->xi.step;	/* 1: step; 2: the instruction is done */
	void *chain_from = NULL;
	int from_indirect = 0, try_jit = jit_threshold >= 0 && !step;
	for (;;) {
		if (__builtin_expect(step, 0) && step++ == 2)
			return CPU_EXIT_STEP;
		if (c->xi.interrupt)
			return CPU_EXIT_SIGNAL;
		uint32_t pc = (uint32_t)c->pc;
		int thumb = c->thumb;
		if ((pc & ~0xfffu) != base) {
			base = pc & ~0xfffu;
			p = cache_page(base);
		}
		if (try_jit && !c->itstate) {
			int j = run_jit(c, p, &chain_from, &from_indirect);
			if (j > 0)
				return (enum cpu_exit)j;
			if (j < 0)
				continue;
		}
		/* an exit into an IT block: nothing to chain it to */
		chain_from = NULL;
		from_indirect = 0;
		try_jit = 0;
		uint64_t *slot = &p->slot[(pc & 0xfff) >> 1];
		uint64_t w = __atomic_load_n(slot, __ATOMIC_RELAXED);
		unsigned op = (unsigned)(w >> 32);
		if (thumb ? op < OP_T16_NONE : !op_is_a32(op)) {
			w = fetch(slot, pc, thumb);
			op = (unsigned)(w >> 32);
		}
		uint32_t insn = (uint32_t)w, size;
		int r;
		c->op = op;
		if (thumb) {
			size = op_is_t32(op) ? 4 : 2;
			c->r[15] = pc + 4;
			if ((c->itstate & 0xf) && !cond_pass(c->nzcv, c->itstate >> 4)) {
				c->itstate = it_advance(c->itstate);
				c->pc = pc + size;
				continue;
			}
		} else {
			size = 4;
			c->r[15] = pc + 8;
			if (insn < 0xe0000000u && !cond_pass(c->nzcv, insn >> 28)) {
				c->pc = pc + 4;
				continue;
			}
		}
		r = arm_handlers[op](c, insn);
		if (r == NEXT) {
			c->pc = pc + size;
			if (thumb)
				c->itstate = it_advance(c->itstate);
		} else if (r == JUMP) {
			if (thumb)
				c->itstate = it_advance(c->itstate);
			try_jit = jit_threshold >= 0 && !c->xi.step;
		} else if (r == NEXT_IT) {
			c->pc = pc + size;
		} else {
			if (r == CPU_EXIT_SVC && thumb)
				c->itstate = it_advance(c->itstate);
			return (enum cpu_exit)r;
		}
	}
}
