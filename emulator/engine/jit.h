/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * jit.h — the JIT block manager (jit.c): the interface to a guest's dispatch loop and to its
 * translator.
 *
 * The interpreter always works; the JIT is layered on top of it. A block starting at a guest pc
 * becomes hot after jit_threshold entries from a branch (or at once when the threshold is 0),
 * is translated into host code and published in its code page's entry table; the dispatch loop
 * then enters host code instead of interpreting. The engine owns the code buffer, the block
 * headers and their fault maps, the trampoline, exit stubs and chaining, the per-thread
 * indirect-branch cache and invalidation; the guest's translator (engine_guest.jit_body) emits
 * the block bodies. Between blocks the whole guest state is in struct cpu; a translator may keep
 * guest registers in host registers within a block (and write them back after a fault, from the
 * host registers the ABI's handler saved and its block's gdata). It does not store the guest pc
 * before each memory access: each block keeps a map from its host code to its guest
 * instructions, and after a host fault the guest's cpu_fault_pc() finds the faulting instruction
 * with jit_guest_pc() or jit_fault_info(). The pc is stored before calling an interpreter handler
 * and by every exit.
 */
#ifndef XARCH_JIT_H
#define XARCH_JIT_H

#include <stdint.h>
#include "cache.h"
#include "engine.h"
#include "x86emit.h"

struct cpu;

/* What host code returns to the dispatch loop. */
struct jit_ret {
	uint64_t r;	/* low 32 bits: 0 or JUMP = continue at c->pc, > 0 = enum cpu_exit */
	void *stub;	/* exit stub that may be chained to the block at c->pc, or NULL */
};

/* Slot of guest pc in the indirect-branch cache (mirrored by the code jit_exit_indirect() emits). */
static inline unsigned jit_ibtc_slot(uint64_t pc)
{
	return (unsigned)((pc >> engine_guest.slot_shift) ^ (pc >> 13)) & (JIT_IBTC_SIZE - 1);
}

/* An empty indirect-branch cache from zeroed memory, with one write: an entry is used only for
 * a target equal to its key and a target is looked up only in its own slot, so a zero key can
 * be matched only by target 0, in slot 0 — which gets a key of slot 1's instead (no target
 * looked up in slot 0 equals it). No other slot needs writing, so the table's pages stay
 * unfaulted until filled. */
static inline void jit_ibtc_init(struct jit_ibtc_entry *tab)
{
	tab[0].pc = 1ull << engine_guest.slot_shift;
}

/* Translation threshold: < 0 disables the JIT, 0 translates every block when first reached. */
extern int jit_threshold;

/* Run host code at entry with c; returns when the guest leaves translated code. */
extern struct jit_ret (*jit_enter)(struct cpu *c, void *entry);

/*
 * The host entry for the block at pc in page p: an existing one, or a new translation when
 * the block is hot (force: translate now, e.g. a successor of translated code). NULL when the
 * block is to be interpreted.
 */
void *jit_block(struct code_page *p, uint64_t pc, int force);

/* Make chained exit stub jump straight to entry. */
void jit_chain(void *stub, void *entry);

/* Drop the translations of page p that overlap [lo, hi); called with the cache lock held. */
void jit_invalidate(struct code_page *p, uint64_t lo, uint64_t hi);

/*
 * The guest pc of the instruction whose host code contains host_pc (a fault address); 0 when
 * host_pc is not in translated code (e.g. in an interpreter handler the block called).
 */
int jit_guest_pc(uintptr_t host_pc, uint64_t *guest_pc);

/* Bytes a guest translator keeps with each block (struct jit_tr's gdata), for its fault path. */
#define JIT_GDATA 16

/*
 * jit_guest_pc() that also gives the faulting instruction's index in its block and the block's
 * gdata (e.g. which guest registers live in host registers there).
 */
int jit_fault_info(uintptr_t host_pc, uint64_t *guest_pc, unsigned *index, uint8_t gdata[JIT_GDATA]);

/* Take or release the translator's lock (fork safety). */
void jit_fork_locks(int take);

/* ---- for the guest's translator (engine_guest.jit_body) ---- */

#define JIT_BLOCK_MAX 64	/* guest instructions per block at most */

struct jit_exitfix {
	uint8_t *at;		/* rel32 to resolve */
	uint64_t target;	/* guest pc to continue at */
};

/* One translation in progress (under the engine's lock). */
struct jit_tr {
	struct em e;
	uint64_t start;			/* guest pc of the block */
	uint8_t *entry;			/* its host entry */
	struct jit_exitfix fix[2 * JIT_BLOCK_MAX + 4];
	int nfix;
	uint8_t *ret_fix[JIT_BLOCK_MAX + 4];	/* jumps to "return eax" (a handler's exit) */
	int nret;
	/* filled by jit_body: per guest instruction, its host offset from entry and guest offset
	 * from start; the guest bytes the block covers */
	uint16_t hoff[JIT_BLOCK_MAX], goff[JIT_BLOCK_MAX];
	unsigned ninsn, len;
	uint8_t gdata[JIT_GDATA];	/* the guest's, kept in the block header (jit_fault_info()) */
};

/* The trampoline's epilogue: jump here with the return value in RAX, RDX (struct jit_ret). */
extern uint8_t *jit_leave;

/* Leave the block for guest pc target through a chainable exit stub (rel: the jump's rel32). */
void jit_exit_to(struct jit_tr *t, uint8_t *rel, uint64_t target);
/* NOPs so that a jump of op_len opcode bytes emitted next has its rel32 4-byte aligned (chaining
 * rewrites it with one atomic store). */
void jit_align_rel32(struct em *e, int op_len);
/* Continue at guest pc target (a loop to the block's start jumps there directly). */
void jit_goto_pc(struct jit_tr *t, uint64_t target);
/* Jump to taken on host condition cc, else continue at next. */
void jit_branch_cc(struct jit_tr *t, int cc, uint64_t taken, uint64_t next);
/* A handler's non-zero result in EAX leaves the block returning it: record the jcc's rel32. */
void jit_ret_on(struct jit_tr *t, uint8_t *rel);
/* An indirect branch to the guest pc in RDX (already stored at engine_guest.off_pc): jump
 * straight to the block when this thread's indirect-branch cache knows it, else leave. */
void jit_exit_indirect(struct em *e);

#endif /* XARCH_JIT_H */
