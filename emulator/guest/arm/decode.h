/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * decode.h — the opcode enum and decoders generated from a32.def, t16.def and t32.def (and the
 * VFP/Advanced SIMD tables), one numbering for all three instruction sets so a decoded-code
 * cache slot names its instruction set through its opcode.
 */
#ifndef XARCH_ARM_DECODE_H
#define XARCH_ARM_DECODE_H

#include <stdint.h>

enum arm_op {
	OP_UNDECODED = 0,	/* an empty cache slot */
	OP_A32_NONE,
#define A32(name, cls, mask, match, handler) OP_A32_##name,
#include "a32.def"
#include "a32_vfp.def"
#include "a32_neon.def"
#undef A32
	OP_T16_NONE,
#define T16(name, cls, mask, match, handler) OP_T16_##name,
#include "t16.def"
#undef T16
	OP_T32_NONE,
#define T32(name, cls, mask, match, handler) OP_T32_##name,
#include "t32.def"
#include "t32_vfp.def"
#include "t32_neon.def"
#undef T32
	OP_COUNT
};

/* The names are arrays, not pointers: a table of pointers would need 826 relocations at every
 * start of the (static-pie) emulator and dirty the pages that hold them. */
struct arm_desc {
	char name[24];
	char cls[12];
	uint32_t mask, match;
};
extern const struct arm_desc arm_table[OP_COUNT];

static inline int op_is_a32(unsigned op) { return op >= OP_A32_NONE && op < OP_T16_NONE; }
static inline int op_is_t16(unsigned op) { return op >= OP_T16_NONE && op < OP_T32_NONE; }
static inline int op_is_t32(unsigned op) { return op >= OP_T32_NONE; }

/* The opcode of an A32 word, a T16 halfword, a T32 instruction (hw1 << 16 | hw2). */
enum arm_op a32_decode(uint32_t insn);
enum arm_op t16_decode(uint32_t hw);
enum arm_op t32_decode(uint32_t insn);

/* Whether a halfword starts a 32-bit Thumb instruction. */
static inline int t32_first(uint32_t hw) { return (hw >> 11) >= 0x1d; }

#endif /* XARCH_ARM_DECODE_H */
