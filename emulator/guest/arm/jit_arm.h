/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * jit_arm.h — the 32-bit ARM translator (jit_arm.c, jit_arm_insn.c) and what the dispatch loop
 * (exec.c) needs of it.
 */
#ifndef XARCH_JIT_ARM_H
#define XARCH_JIT_ARM_H

#include <stddef.h>
#include <stdint.h>
#include "cpu.h"
#include "x86emit.h"

/*
 * What translated code returns when the block it was entered at was translated for the other
 * instruction set, or is entered inside an IT block (ITSTATE != 0): the dispatch loop then
 * interprets up to the next branch.
 */
#define JIT_ARM_MISMATCH (-3)

/* The instruction set of the block being translated (set by the dispatch loop before
 * jit_block(); read by the fetch and body hooks in the same thread). */
extern __thread int jit_arm_thumb;

/*
 * Execute the one instruction at c->pc as the interpreter does (exec.c), fetching it from memory:
 * NEXT (c->pc advanced), JUMP or an exit. Translated code calls it for a 32-bit Thumb
 * instruction that crosses into the next page, which no block may contain.
 */
int arm_step(struct cpu *c);

/* After a fault in translated code: c->pc = the faulting guest instruction. */
void jit_arm_fault(struct cpu *c);

#define OFF_R(n) ((int32_t)(4 * (n)))
#define OFF_PC ((int32_t)offsetof(struct cpu, pc))
#define OFF_THUMB ((int32_t)offsetof(struct cpu, thumb))
#define OFF_IT ((int32_t)offsetof(struct cpu, itstate))
#define OFF_NZCV ((int32_t)offsetof(struct cpu, nzcv))
#define OFF_OP ((int32_t)offsetof(struct cpu, op))
#define OFF_ACTIVE ((int32_t)offsetof(struct cpu, jit_active))
#define OFF_INTR ((int32_t)offsetof(struct cpu, xi.interrupt))

#define FTAB R13	/* the flag table (jit_arm.c), loaded by the trampoline */

#endif /* XARCH_JIT_ARM_H */
