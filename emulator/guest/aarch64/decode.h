/* SPDX-License-Identifier: GPL-2.0-only */
/* decode.h — the opcode enum and decoder generated from a64.def. */
#ifndef XARCH_DECODE_H
#define XARCH_DECODE_H

#include <stdint.h>

enum a64_op {
	OP_UNDECODED = 0,	/* cache slot not decoded yet */
	OP_UDF,			/* unallocated or unimplemented */
#define INSN(name, cls, mask, match, handler) OP_##name,
#include "a64.def"
#undef INSN
	OP_COUNT
};

/* The names are arrays, not pointers: a table of pointers would need 1,128 relocations at every
 * start of the (static-pie) emulator and dirty the pages that hold them. */
struct a64_desc {
	char name[24];
	char cls[12];
	uint32_t mask, match;
};

extern const struct a64_desc a64_table[OP_COUNT];

/* Decode one instruction word to its opcode (OP_UDF when nothing matches). */
enum a64_op a64_decode(uint32_t insn);

#endif /* XARCH_DECODE_H */
