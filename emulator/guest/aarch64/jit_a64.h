/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * jit_a64.h — the AArch64 translator's view of its guest state (jit_a64.c, jit_simd.c, jit_fp.c):
 * where X, SP, PC, NZCV and V live in struct cpu, the host registers the AArch64 trampoline hooks
 * load, and the accessors built on the engine's x86_64 emitter (engine/x86emit.h).
 */
#ifndef XARCH_JIT_A64_H
#define XARCH_JIT_A64_H

#include <stddef.h>
#include <stdint.h>
#include "cpu.h"
#include "x86emit.h"

#define AMASK R12	/* 0x00ffffffffffffff: a guest address to a host one (top byte ignored) */
#define FTAB R13	/* nzcv_tab */

_Static_assert(offsetof(struct cpu, x) == 0 && offsetof(struct cpu, sp) == 8 * 31, "X0..X30 then SP");
#define OFF_X(n) ((int32_t)(8 * (n)))	/* n == 31 addresses SP */
#define OFF_PC ((int32_t)offsetof(struct cpu, pc))
#define OFF_NZCV ((int32_t)offsetof(struct cpu, nzcv))
#define OFF_INTR ((int32_t)offsetof(struct cpu, xi.interrupt))
#define OFF_V(n) ((int32_t)(offsetof(struct cpu, v) + 16 * (n)))

/* ---- guest state access ---- */

/* host r = X[n] (n 31: SP when sp, else zero); w 0 loads the low 32 bits zero-extended */
static inline void ldx(struct em *e, int w, int r, int n, int sp)
{
	if (n == 31 && !sp)
		mov_ri(e, r, 0);
	else
		mov_load(e, w, r, CPU, OFF_X(n));
}

/* X[n] = host r, all 64 bits (n 31: SP when sp, else discarded) */
static inline void stx(struct em *e, int r, int n, int sp)
{
	if (n == 31 && !sp)
		return;
	mov_store(e, 1, CPU, OFF_X(n), r);
}

static inline void set_pc(struct em *e, uint64_t pc)
{
	if (pc < 0x80000000ull) {
		op_rm(e, 0, 1, 0xc7, 1, 0, CPU, OFF_PC);
		b4(e, (uint32_t)pc);
	} else {
		mov_ri(e, R11, pc);
		mov_store(e, 1, CPU, OFF_PC, R11);
	}
}

/* RAX = host address of guest address in host register r plus disp */
static inline void guest_addr(struct em *e, uint64_t pc, int r, int64_t disp)
{
	(void)pc;	/* a fault here finds its guest pc from the host pc (jit_fault()) */
	if (disp >= INT32_MIN && disp <= INT32_MAX) {
		op_rm(e, 0, 1, 0x8d, 1, RAX, r, (int32_t)disp);	/* lea rax, [r + disp] */
	} else {
		mov_ri(e, RAX, (uint64_t)disp);
		alu_rr(e, 1, ALU_ADD, RAX, r);
	}
	alu_rr(e, 1, ALU_AND, RAX, AMASK);
}

/* xmm x = V[n] (all 16 bytes) */
static inline void ldv(struct em *e, int x, int n) { sse_rm(e, 0xf3, 0x0f6f, x, CPU, OFF_V(n)); }

/* V[n] = xmm x, all 16 bytes (the caller has zeroed what must be zero) */
static inline void stv(struct em *e, int n, int x) { sse_rm(e, 0xf3, 0x0f7f, x, CPU, OFF_V(n)); }

/*
 * After a fault left translated code (c->jit_active): set c->pc to the guest instruction that
 * faulted (from c->xi.fault_host_pc, jit_guest_pc()) and put the guest's NZCV back into c->nzcv.
 */
void jit_fault(struct cpu *c);

enum a64_op;
/*
 * Emit host code for one AdvSIMD/FP instruction at pc (jit_simd.c); 0 when it has no host
 * sequence (the block then calls the interpreter's handler). The sequence may clobber the host
 * flags and the scratch registers listed in x86emit.h, must make every guest memory access
 * before it writes a guest register (the engine's fault map finds the faulting instruction), and
 * must store c->pc (set_pc) before calling a handler.
 */
int jit_simd(struct em *e, uint64_t pc, uint32_t insn, enum a64_op op);

/*
 * Emit host code for one floating-point arithmetic instruction at pc (jit_fp.c), with the same
 * contract as jit_simd(); handler is the instruction's interpreter handler, which the sequence
 * may call itself (int handler(struct cpu *, uint32_t), c->pc set first) for the cases it does
 * not compute, continuing with the next instruction when it returns NEXT (0).
 */
int jit_fp(struct em *e, uint64_t pc, uint32_t insn, enum a64_op op, void *handler);

/*
 * Emit host code for one cryptographic or CRC instruction (jit_crypto.c) with the contract of
 * jit_simd(); rest holds the nrest instructions of the block that follow it. Returns the number
 * of guest instructions the sequence covers (more than 1: a group such as AESE+AESMC rounds,
 * which must not fault), 0 for none.
 */
int jit_crypto(struct em *e, uint32_t insn, enum a64_op op, const uint32_t *rest, unsigned nrest);

#endif /* XARCH_JIT_A64_H */
