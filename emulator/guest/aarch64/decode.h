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

struct a64_desc {
	const char *name;
	const char *cls;
	uint32_t mask, match;
};

extern const struct a64_desc a64_table[OP_COUNT];

/* Decode one instruction word to its opcode (OP_UDF when nothing matches). */
enum a64_op a64_decode(uint32_t insn);

#endif /* XARCH_DECODE_H */
