/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * engine.h — what a guest CPU tells the guest-neutral engine (the decoded-code cache, cache.c,
 * and the JIT block manager, jit.c). Each guest defines `const struct engine_guest
 * engine_guest` once (guest/aarch64/jit_a64.c); the engine reads it, never the guest's
 * struct cpu. See docs/engine.md.
 */
#ifndef XARCH_ENGINE_H
#define XARCH_ENGINE_H

#include <stdint.h>

struct cpu;
struct em;
struct jit_tr;

/* Per-thread cache of indirect branch targets (guest pc -> host entry), in the guest's struct
 * cpu at engine_guest.off_ibtc (jit_ibtc_slot() in jit.h). */
#define JIT_IBTC_SIZE 2048
struct jit_ibtc_entry {
	uint64_t pc;
	void *entry;
};

struct engine_guest {
	/* ---- decoded-code cache ---- */
	unsigned slot_shift;	/* log2 of the bytes per cache slot: the smallest instruction
				 * alignment (2 for A64 and A32; 1 for Thumb or RVC) */
	uint64_t addr_mask;	/* a guest address & addr_mask is the host address (A64's TBI:
				 * 0x00ffffffffffffff); pcs with other bits are not translated */

	/* ---- JIT: where the engine's code finds things in struct cpu ---- */
	int32_t off_pc;		/* uint64_t guest pc, stored by exit stubs */
	int32_t off_intr;	/* int interrupt flag (struct cpu_xinfo), tested at every block entry */
	int32_t off_ibtc;	/* struct jit_ibtc_entry[JIT_IBTC_SIZE]: the thread's indirect-branch cache */

	/*
	 * JIT: once, before the first translation: 0 when this host cannot run the guest's
	 * translations (the interpreter then runs everything).
	 */
	int (*jit_init)(void);
	/* The trampoline's guest part: after entry (CPU = c, RSI = the block, callee-saved
	 * registers free) and before leaving (RAX, RDX hold the return value: keep them). */
	void (*jit_enter)(struct em *e);
	void (*jit_leave)(struct em *e);
	/*
	 * Read the guest code of a block at pc into code[] (at most max instructions, not past the
	 * end of pc's 4 KiB page); returns how many. Called before the engine takes its lock, so a
	 * fetch fault here is the guest's.
	 */
	unsigned (*jit_fetch)(uint64_t pc, uint32_t *code, unsigned max);
	/*
	 * Emit the body of the block: the n instructions of code[] from t->start, recording each
	 * one's host and guest offsets (t->hoff, t->goff, t->ninsn, t->len) and its exits with
	 * jit_exit_to()/jit_goto_pc(); the block must end with a jump (falling off the end of the
	 * fetched code: jit_goto_pc() to the next instruction).
	 */
	void (*jit_body)(struct jit_tr *t, const uint32_t *code, unsigned n);
};

extern const struct engine_guest engine_guest;

#endif /* XARCH_ENGINE_H */
