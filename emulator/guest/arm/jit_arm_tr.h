/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * jit_arm_tr.h — inside the 32-bit ARM translator: the translation state of one instruction and
 * the pieces the per-instruction-set translators (jit_a32.c, jit_t32.c) build on (jit_arm.c).
 */
#ifndef XARCH_JIT_ARM_TR_H
#define XARCH_JIT_ARM_TR_H

#include <stdint.h>
#include "jit.h"
#include "jit_arm.h"

#define TR_RC_N 7	/* host registers of the register cache (jit_arm.c rc_host[]) */
#define TR_TRACE 2048	/* the cache's accesses of a block recorded at most */
#define TR_BARRIER 16

struct tr {
	struct jit_tr *j;
	int thumb;		/* the block's instruction set */
	uint64_t pc;		/* this instruction */
	uint32_t insn;		/* A32 word, T16 halfword or hw1 << 16 | hw2 */
	unsigned op;		/* enum arm_op */
	unsigned size;		/* 2 or 4 */
	uint32_t pcval;		/* what reading PC gives: pc + 8 (A32), pc + 4 (Thumb) */
	uint32_t it;		/* ITSTATE of this instruction (known at translation time) */
	uint32_t it_next;	/* ... of the next one */
	uint32_t it_stored;	/* the value c->itstate holds here */
	uint8_t *jump_fix[JIT_BLOCK_MAX + 4];	/* handlers' JUMP: to the indirect exit */
	int njump;
	int flags_live;		/* the host flags hold the guest's NZCV (CF = !C) here */
	int flags_in;		/* ... they did when this instruction started */
	int keeps;		/* > 0: this instruction's code leaves the host flags alone */
	/* The register cache (jit_arm.c): guest registers held in host registers inside a block */
	int rc_off;		/* this instruction reads and writes struct cpu directly */
	unsigned rc_miss;	/* cache misses (rc_get()) */
	int nprobe;		/* the registers a conditional instruction accessed (cond_cached()) */
	int8_t probe[8];
	int8_t rc_slot[16];	/* guest register -> slot, or -1 */
	int8_t rc_reg[TR_RC_N];	/* slot -> guest register, or -1 */
	unsigned rc_dirty;	/* slots whose value struct cpu does not have yet */
	unsigned rc_age[TR_RC_N], rc_clock;
	unsigned rc_insn_clock;	/* rc_clock when this instruction started */
	/* The fault map (jit_arm.c tr_rc_mark): per instruction with a memory access, the guest
	 * register each slot holds unstored there (a nibble per slot, 0xf: none) */
	unsigned k;		/* this instruction's index in the block */
	int nfmap;
	uint8_t fmap_k[JIT_BLOCK_MAX];
	uint32_t fmap_v[JIT_BLOCK_MAX];
	/* A block that branches back to its own start (jit_arm.c tr_goto()): the registers the
	 * cache held at that branch in the first pass, loaded at the start in the second, which
	 * the branch then jumps past (loop_head) with the same registers in the same slots */
	int loop_seen;
	int8_t loop_want[TR_RC_N];
	uint8_t *loop_head;
	/* The block is translated twice: the first pass records the cache's accesses (a guest
	 * register, or TR_BARRIER where the cache empties), the second evicts by them */
	int pass;		/* 0: recording, 1: evicting the slot used furthest ahead, -1: LRU */
	unsigned ntrace, tpos;
	int8_t trace[TR_TRACE];
	/* (trace last: arm_jit_body() clears what is before it) */
};

/* What the fetch hook gives for a 32-bit Thumb instruction crossing into the next page (neither a
 * T16 halfword nor a T32 instruction, which are >= 0xe8000000) */
#define TR_CROSS 0x00010000u

/* Carry of a logical flag-setting operation. */
enum { TR_C_KEEP, TR_C_0, TR_C_1, TR_C_R8 };

void tr_op_sib(struct em *e, int pfx, int w, uint32_t op, int n, int reg, int base, int index, int sc, int32_t disp);
void tr_store_imm(struct em *e, int32_t off, uint32_t v);
void tr_ldr(struct tr *t, int r, unsigned n);
/* Store the cached registers struct cpu does not have yet (before anything that can fault or
 * read struct cpu); emits only MOVs, so the host flags stay. */
void tr_rc_flush(struct tr *t);
/* Right before the one guest memory access of an instruction that uses the cache: record, for a
 * fault there, which host registers hold guest registers struct cpu does not have yet (no host
 * code: jit_arm_fault() stores them from the fault's host registers). Nothing that changes the
 * cache's registers may come between it and the access. */
void tr_rc_mark(struct tr *t);
/* The host register of the cache that holds guest register n (with its value when load), or -1
 * when the instruction runs without the cache or n is the PC; after writing it, tr_rc_wrote(). A
 * later tr_rc_reg() or tr_ldr()/tr_str() may evict an earlier one's but never the most recent one's. */
int tr_rc_reg(struct tr *t, unsigned n, int load);
void tr_rc_wrote(struct tr *t, unsigned n);
void tr_str(struct tr *t, unsigned n, int r);
void tr_flags_arith(struct tr *t, int add);
void tr_flags_logic(struct tr *t, int r, int carry);
uint8_t *tr_cond_fail(struct tr *t, unsigned cond);
/* Leave for guest pc target (ITSTATE: the next instruction's). */
void tr_goto(struct tr *t, uint64_t target);
/* BX to the address in EDX (bit 0: Thumb). */
void tr_bx(struct tr *t);
/* Call the interpreter's handler. */
void tr_call(struct tr *t);

/*
 * Emit the host sequence of the instruction: 0 when emitted (execution goes on after it), 1 when
 * it ended the block (its exits emitted), -1 for none (the handler is called).
 */
int tr_a32(struct tr *t);
int tr_t16(struct tr *t);
int tr_t32(struct tr *t);

/* Data processing: op (exec.h DP_*) on a = guest register rn (or none for MOV/MVN) and b in
 * ESI into rd; s: set flags (carry of logical ops per TR_C_*). 0, or -1 when not handled. */
int tr_dp(struct tr *t, unsigned op, unsigned rd, unsigned rn, int s, int carry);
/* MOVW (top 0) / MOVT (1): rd = imm16, or its top half */
void tr_movwt(struct tr *t, int top, unsigned rd, uint32_t imm);
/* The same with b an immediate (one host instruction where there is one). */
int tr_dp_imm(struct tr *t, unsigned op, unsigned rd, unsigned rn, int s, int carry, uint32_t imm);
/* Single load/store; the offset is imm, or ESI when reg. */
int tr_ldst(struct tr *t, int load, unsigned size, int sgn, unsigned rt, unsigned rn, int reg, uint32_t imm,
	    int add, int index, int wback);
/* ESI = guest register rm shifted by an immediate (DecodeImmShift type, imm5); *carry: how the
 * shifter's carry is known (TR_C_R8: in R8). Returns 0, or -1 when not handled. */
int tr_shift_imm(struct tr *t, unsigned rm, unsigned type, unsigned imm5, int need_carry, int *carry);

/* jit_mem.c: LDM/STM (PUSH/POP) per instruction set, VLD1/VST1 of whole D registers, the address
 * of a load/store (tr_addr), LDRD/STRD */
int tr_ldm_a32(struct tr *t);
int tr_ldm_t16(struct tr *t);
int tr_ldm_t32(struct tr *t);
int tr_vldst1(struct tr *t);
void tr_addr(struct tr *t, int reg, uint32_t imm, int add, int index);
int tr_ldrd(struct tr *t, int load, unsigned rt, unsigned rt2, unsigned rn, int reg, uint32_t imm, int add,
	    int index, int wback);
int tr_vldr(struct tr *t);
/* jit_a32.c: T32 MUL/MLA/MLS and the long multiplies */
int tr_t32_mul(struct tr *t);
int tr_t32_mull(struct tr *t);
/* SMLA<x><y>/SMUL<x><y>: rd = half of rn (nt: top) * half of rm (mt) (+ ra when ra >= 0, setting Q
 * on overflow) */
int tr_smlaxy(struct tr *t, unsigned rd, unsigned rn, unsigned rm, int ra, int nt, int mt);

/* jit_neon.c */
#define TR_FTAB_SEL 2048	/* offset of SEL's byte masks in the FTAB tables */
int tr_neon_3same(struct tr *t);
int tr_vmov_rrd(struct tr *t);
int tr_uadd8(struct tr *t, unsigned rd, unsigned rn, unsigned rm);
int tr_sel(struct tr *t, unsigned rd, unsigned rn, unsigned rm);
int tr_clz(struct tr *t, unsigned rd, unsigned rm);
int tr_rev(struct tr *t, unsigned rd, unsigned rm);
int tr_xtend(struct tr *t, unsigned op, unsigned rd, unsigned rn, unsigned rm, unsigned rot);
int tr_bfx(struct tr *t, int sgn, unsigned rd, unsigned rn, unsigned lsb, unsigned w);
int tr_shift_reg(struct tr *t, unsigned type, unsigned rd, unsigned rn, unsigned rm);
int tr_mrc15(struct tr *t);
int tr_tbb(struct tr *t);

#endif /* XARCH_JIT_ARM_TR_H */
