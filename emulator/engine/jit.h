/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * jit.h — the CPU-internal interface between the dispatch loop (exec.c) and the translator of
 * guest blocks to x86_64 (jit.c).
 *
 * The interpreter always works; the JIT is layered on top of it. A block starting at a guest pc
 * becomes hot after jit_threshold entries from a branch (or at once when the threshold is 0),
 * is translated into host code and published in its code page's entry table; the dispatch loop
 * then enters host code instead of interpreting. Host code keeps the whole guest state in
 * struct cpu (nothing is cached in host registers across guest instructions), stores c->pc
 * before every guest memory access and every call of an interpreter handler, so guest faults
 * keep the interpreter's contract (cpu.h): c->pc is the faulting instruction and that
 * instruction has changed no register.
 */
#ifndef XARCH_JIT_H
#define XARCH_JIT_H

#include <stdatomic.h>
#include <stdint.h>
#include "cpu.h"

#define PAGE_SHIFT 12
#define SLOTS (1u << (PAGE_SHIFT - 2))

/* Host entry points of the translated blocks starting in one code page, by slot. */
struct jit_page {
	void *_Atomic entry[SLOTS];
};

/* A guest code page of the decoded-code cache (exec.c). Pages are never freed. */
struct code_page {
	uint64_t base;
	struct code_page *_Atomic next;
	struct jit_page *_Atomic jit;	/* NULL until a block of this page is translated */
	uint64_t slot[SLOTS];
};

/* What host code returns to the dispatch loop. */
struct jit_ret {
	uint64_t r;	/* low 32 bits: 0 or JUMP = continue at c->pc, > 0 = enum cpu_exit */
	void *stub;	/* exit stub that may be chained to the block at c->pc, or NULL */
};

/* Slot of guest pc in c->jit_ibtc (mirrored by the host code exit_indirect() emits). */
static inline unsigned jit_ibtc_slot(uint64_t pc)
{
	return (unsigned)((pc >> 2) ^ (pc >> 13)) & (sizeof(((struct cpu *)0)->jit_ibtc) / sizeof(((struct cpu *)0)->jit_ibtc[0]) - 1);
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
 * After a fault left translated code (c->jit_active): set c->pc to the guest instruction that
 * faulted (from c->fault_host_pc) and put the guest's NZCV back into c->nzcv.
 */
void jit_fault(struct cpu *c);

/* Take or release the translator's lock (fork safety). */
void jit_fork_locks(int take);

struct em;
enum a64_op;
/*
 * Emit host code for one AdvSIMD/FP instruction at pc (jit_simd.c); 0 when it has no host
 * sequence (the block then calls the interpreter's handler). The sequence may clobber the host
 * flags and the scratch registers listed in jit_emit.h, must set c->pc (guest_addr does) before
 * any guest memory access, and must make every access before it writes a guest register.
 */
int jit_simd(struct em *e, uint64_t pc, uint32_t insn, enum a64_op op);

/*
 * Emit host code for one floating-point arithmetic instruction at pc (jit_fp.c), with the same
 * contract as jit_simd(); handler is the instruction's interpreter handler, which the sequence
 * may call itself (int handler(struct cpu *, uint32_t), c->pc set first) for the cases it does
 * not compute, continuing with the next instruction when it returns NEXT (0).
 */
int jit_fp(struct em *e, uint64_t pc, uint32_t insn, enum a64_op op, void *handler);

/* Generation counter of code invalidations (exec.c). */
extern _Atomic uint64_t cache_gen;

#endif /* XARCH_JIT_H */
