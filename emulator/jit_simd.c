// SPDX-License-Identifier: GPL-2.0-only
/*
 * jit_simd.c — host SSE sequences for the AdvSIMD and FP instructions that hot loops run
 * (glibc's string and memory functions first). Each sequence must give exactly what the
 * interpreter's handler gives; anything not covered here returns 0 and the block calls the
 * handler instead.
 */
#include "decode.h"
#include "exec.h"
#include "jit.h"
#include "jit_emit.h"

int jit_simd(struct em *e, uint64_t pc, uint32_t insn, enum a64_op op)
{
	(void)e;
	(void)pc;
	(void)insn;
	(void)op;
	return 0;
}
