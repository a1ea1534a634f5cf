/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86emit.h — x86_64 instruction encoding for the JIT: the engine (engine/jit.c) and every
 * guest's translator use it. Guest-state access (register offsets in the guest's struct cpu)
 * is the guest's (e.g. guest/aarch64/jit_a64.h).
 *
 * Conventions of translated code: rbx holds the guest's struct cpu *c; r12..r15 are kept for
 * the guest (set by its trampoline hooks, e.g. AArch64: r12 the address mask, r13 its flag
 * tables); RAX, RCX, RDX, RSI, RDI, R8-R11 and every XMM register are scratch within one guest
 * instruction, except what a guest's translator keeps in them across its instructions (AArch64:
 * guest registers in RBP, R14, R15, R8, R9, R10, see jit_a64.c).
 */
#ifndef XARCH_X86EMIT_H
#define XARCH_X86EMIT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>


enum { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15 };
#define CPU RBX		/* struct cpu *c */

enum { CC_O, CC_NO, CC_B, CC_AE, CC_E, CC_NE, CC_BE, CC_A, CC_S, CC_NS, CC_P, CC_NP, CC_L, CC_GE, CC_LE, CC_G };
enum { ALU_ADD = 0x01, ALU_OR = 0x09, ALU_AND = 0x21, ALU_SUB = 0x29, ALU_XOR = 0x31, ALU_CMP = 0x39, ALU_TEST = 0x85 };
enum { SH_ROR = 1, SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };

struct em {
	uint8_t *p;
};

static inline void b1(struct em *e, unsigned v) { *e->p++ = (uint8_t)v; }
static inline void b4(struct em *e, uint32_t v) { memcpy(e->p, &v, 4); e->p += 4; }
static inline void b8(struct em *e, uint64_t v) { memcpy(e->p, &v, 8); e->p += 8; }

static inline void rex(struct em *e, int w, int r, int x, int b)
{
	unsigned v = 0x40 | (w ? 8 : 0) | ((r >> 3) & 1) << 2 | ((x >> 3) & 1) << 1 | ((b >> 3) & 1);
	if (v != 0x40)
		b1(e, v);
}

/* Opcode bytes, most significant first (n of them). */
static inline void opcode(struct em *e, uint32_t op, int n)
{
	while (n--)
		b1(e, op >> (8 * n));
}

static inline void modrm_mem(struct em *e, int reg, int base, int32_t disp)
{
	int mod = disp == 0 && (base & 7) != 5 ? 0 : disp >= -128 && disp <= 127 ? 1 : 2;
	b1(e, (unsigned)(mod << 6 | (reg & 7) << 3 | (base & 7)));
	if ((base & 7) == 4)
		b1(e, 0x24);
	if (mod == 1)
		b1(e, (unsigned)disp & 0xff);
	else if (mod == 2)
		b4(e, (uint32_t)disp);
}

/* op reg, rm (register form); pfx is a mandatory prefix byte or 0 */
static inline void op_rr(struct em *e, int pfx, int w, uint32_t op, int n, int reg, int rm)
{
	if (pfx)
		b1(e, (unsigned)pfx);
	rex(e, w, reg, 0, rm);
	opcode(e, op, n);
	b1(e, 0xc0 | (unsigned)(reg & 7) << 3 | (rm & 7));
}

/* op reg, [base + disp] */
static inline void op_rm(struct em *e, int pfx, int w, uint32_t op, int n, int reg, int base, int32_t disp)
{
	if (pfx)
		b1(e, (unsigned)pfx);
	rex(e, w, reg, 0, base);
	opcode(e, op, n);
	modrm_mem(e, reg, base, disp);
}

static inline void mov_load(struct em *e, int w, int r, int base, int32_t disp) { op_rm(e, 0, w, 0x8b, 1, r, base, disp); }
static inline void mov_store(struct em *e, int w, int base, int32_t disp, int r) { op_rm(e, 0, w, 0x89, 1, r, base, disp); }
static inline void mov_rr(struct em *e, int w, int dst, int src) { op_rr(e, 0, w, 0x89, 1, src, dst); }
static inline void alu_rr(struct em *e, int w, int alu, int dst, int src) { op_rr(e, 0, w, (uint32_t)alu, 1, src, dst); }

/* ALU with an immediate; ext is the /digit (0 add, 1 or, 4 and, 5 sub, 6 xor, 7 cmp) */
static inline void alu_ri(struct em *e, int w, int ext, int dst, int32_t imm)
{
	if (imm >= -128 && imm <= 127) {
		op_rr(e, 0, w, 0x83, 1, ext, dst);
		b1(e, (unsigned)imm & 0xff);
	} else {
		op_rr(e, 0, w, 0x81, 1, ext, dst);
		b4(e, (uint32_t)imm);
	}
}

static inline void shift_ri(struct em *e, int w, int ext, int dst, int amt)
{
	if (!amt)
		return;
	op_rr(e, 0, w, 0xc1, 1, ext, dst);
	b1(e, (unsigned)amt);
}

/* dst = v, without touching the flags */
static inline void mov_ri(struct em *e, int dst, uint64_t v)
{
	if (v <= 0xffffffffull) {
		rex(e, 0, 0, 0, dst);
		b1(e, 0xb8 + (dst & 7));
		b4(e, (uint32_t)v);
	} else if ((int64_t)v == (int32_t)v) {
		op_rr(e, 0, 1, 0xc7, 1, 0, dst);
		b4(e, (uint32_t)v);
	} else {
		rex(e, 1, 0, 0, dst);
		b1(e, 0xb8 + (dst & 7));
		b8(e, v);
	}
}

/* jcc/jmp rel32 with a zero displacement; returns where the displacement is, for patching */
static inline uint8_t *jcc(struct em *e, int cc)
{
	b1(e, 0x0f);
	b1(e, 0x80 + (unsigned)cc);
	b4(e, 0);
	return e->p - 4;
}

static inline uint8_t *jmp(struct em *e)
{
	b1(e, 0xe9);
	b4(e, 0);
	return e->p - 4;
}

static inline void patch_rel32(uint8_t *at, const uint8_t *target)
{
	int32_t d = (int32_t)(target - (at + 4));
	memcpy(at, &d, 4);
}

/* ---- SSE (jit_simd.c): XMM registers are numbered 0..15 like the general ones ---- */

/* op xmm reg, xmm rm: pfx 0x66/0xf3/0xf2 or 0, op 0x0fXX (2 bytes) or 0x0f38XX/0x0f3aXX (3) */
static inline void sse_rr(struct em *e, int pfx, uint32_t op, int reg, int rm)
{
	op_rr(e, pfx, 0, op, op > 0xffff ? 3 : 2, reg, rm);
}

/* op xmm reg, [base + disp] */
static inline void sse_rm(struct em *e, int pfx, uint32_t op, int reg, int base, int32_t disp)
{
	op_rm(e, pfx, 0, op, op > 0xffff ? 3 : 2, reg, base, disp);
}

/* shift group with an immediate: op 0x0f71 (words) 0x0f72 (dwords) 0x0f73 (qwords), ext /2 srl,
 * /4 sra, /6 sll, /3 psrldq, /7 pslldq */
static inline void sse_shift_ri(struct em *e, uint32_t op, int ext, int x, int amt)
{
	op_rr(e, 0x66, 0, op, 2, ext, x);
	b1(e, (unsigned)amt & 0xff);
}

/* pshufd xmm d, xmm s, imm8 */
static inline void pshufd(struct em *e, int d, int s, int imm)
{
	op_rr(e, 0x66, 0, 0x0f70, 2, d, s);
	b1(e, (unsigned)imm & 0xff);
}

#endif /* XARCH_X86EMIT_H */
