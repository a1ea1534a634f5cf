/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exec.h — helpers shared by the instruction handlers (exec_*.c, sysreg.c, fp*.c, simd*.c).
 *
 * Handler contract: int exec_X(struct cpu *c, uint32_t insn). On entry c->pc is the address of
 * the instruction. Return NEXT (pc advances by 4), JUMP (handler set c->pc), or a positive
 * enum cpu_exit (handler left c->pc as the exit requires).
 */
#ifndef XARCH_EXEC_H
#define XARCH_EXEC_H

#include <stdint.h>
#include <string.h>
#include "cpu.h"
#include "mem.h"

#define NEXT 0
#define JUMP (-1)

#define RD(i) ((int)((i) & 31))
#define RN(i) ((int)(((i) >> 5) & 31))
#define RM(i) ((int)(((i) >> 16) & 31))
#define RA(i) ((int)(((i) >> 10) & 31))
#define BITS(i, hi, lo) (((i) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))
#define BIT(i, n) (((i) >> (n)) & 1)

#define NZCV_N (1u << 31)
#define NZCV_Z (1u << 30)
#define NZCV_C (1u << 29)
#define NZCV_V (1u << 28)

/* X register read: 31 reads as zero. */
static inline uint64_t xr(const struct cpu *c, int r) { return r == 31 ? 0 : c->x[r]; }
/* X register read where 31 is SP. */
static inline uint64_t xsp(const struct cpu *c, int r) { return r == 31 ? c->sp : c->x[r]; }
/* X register write: 31 discards. */
static inline void wx(struct cpu *c, int r, uint64_t v) { if (r != 31) c->x[r] = v; }
/* X register write where 31 is SP. */
static inline void wsp(struct cpu *c, int r, uint64_t v) { if (r == 31) c->sp = v; else c->x[r] = v; }

static inline int64_t sext64(uint64_t v, int bits)
{
	return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

static inline uint64_t ones(int n) { return n >= 64 ? ~0ull : ((1ull << n) - 1); }

/* Rotate the low w bits (w a power of two, 8..64) right by r. */
static inline uint64_t ror64(uint64_t v, int r, int w)
{
	r &= w - 1;
	if (!r)
		return v;
	return ((v >> r) | (v << (w - r))) & ones(w);
}

/* Add with carry, returning flags in NZCV layout; w is 32 or 64. */
static inline uint64_t add_flags(uint64_t a, uint64_t b, uint64_t cin, int w, uint32_t *fl)
{
	uint64_t r;
	uint32_t f = 0;
	if (w == 64) {
		unsigned __int128 u = (unsigned __int128)a + b + cin;
		r = (uint64_t)u;
		if ((uint64_t)(u >> 64))
			f |= NZCV_C;
		if (((a ^ r) & (b ^ r)) >> 63)
			f |= NZCV_V;
		if (r >> 63)
			f |= NZCV_N;
	} else {
		a &= 0xffffffffu;
		b &= 0xffffffffu;
		uint64_t u = a + b + cin;
		r = u & 0xffffffffu;
		if (u >> 32)
			f |= NZCV_C;
		if ((((a ^ r) & (b ^ r)) >> 31) & 1)
			f |= NZCV_V;
		if ((r >> 31) & 1)
			f |= NZCV_N;
	}
	if (!r)
		f |= NZCV_Z;
	*fl = f;
	return r;
}

static inline uint32_t nz_flags(uint64_t r, int w)
{
	uint32_t f = 0;
	if (w == 32)
		r &= 0xffffffffu;
	if ((r >> (w - 1)) & 1)
		f |= NZCV_N;
	if (!r)
		f |= NZCV_Z;
	return f;
}

/*
 * cond_tab[cond] bit k is set when the condition holds for NZCV = k (N in bit 3 .. V in bit 0).
 * Built from the Arm ARM ConditionHolds(); AL and NV always hold.
 */
#define CT_Z(k) (((k) >> 2) & 1)
#define CT_C(k) (((k) >> 1) & 1)
#define CT_N(k) (((k) >> 3) & 1)
#define CT_V(k) ((k) & 1)
#define CT_BASE(c2, k) ((c2) == 0 ? CT_Z(k) : (c2) == 1 ? CT_C(k) : (c2) == 2 ? CT_N(k) : (c2) == 3 ? CT_V(k) : \
			(c2) == 4 ? (CT_C(k) && !CT_Z(k)) : (c2) == 5 ? (CT_N(k) == CT_V(k)) : \
			(c2) == 6 ? (CT_N(k) == CT_V(k) && !CT_Z(k)) : 1)
#define CT_HOLD(cond, k) (((cond) & 1) && (cond) != 15 ? !CT_BASE((cond) >> 1, k) : CT_BASE((cond) >> 1, k))
#define CT_ROW4(cond, k) (CT_HOLD(cond, k) << (k) | CT_HOLD(cond, (k) + 1) << ((k) + 1) | \
			  CT_HOLD(cond, (k) + 2) << ((k) + 2) | CT_HOLD(cond, (k) + 3) << ((k) + 3))
#define CT_ROW(cond) (uint16_t)(CT_ROW4(cond, 0) | CT_ROW4(cond, 4) | CT_ROW4(cond, 8) | CT_ROW4(cond, 12))
static const uint16_t cond_tab[16] = {
	CT_ROW(0), CT_ROW(1), CT_ROW(2), CT_ROW(3), CT_ROW(4), CT_ROW(5), CT_ROW(6), CT_ROW(7),
	CT_ROW(8), CT_ROW(9), CT_ROW(10), CT_ROW(11), CT_ROW(12), CT_ROW(13), CT_ROW(14), CT_ROW(15),
};

static inline int cond_holds(uint32_t nzcv, int cond)
{
	return (cond_tab[cond & 15] >> (nzcv >> 28)) & 1;
}

/* NZCV of a - b (SUBS/CMP) and a + b (ADDS/CMN) for 64- and 32-bit operands; r is the result. */
static inline uint32_t nzcv_sub64(uint64_t a, uint64_t b, uint64_t r)
{
	return (uint32_t)(r >> 63) << 31 | (uint32_t)(r == 0) << 30 | (uint32_t)(a >= b) << 29 |
	       (uint32_t)(((a ^ b) & (a ^ r)) >> 63) << 28;
}
static inline uint32_t nzcv_add64(uint64_t a, uint64_t b, uint64_t r)
{
	return (uint32_t)(r >> 63) << 31 | (uint32_t)(r == 0) << 30 | (uint32_t)(r < a) << 29 |
	       (uint32_t)((~(a ^ b) & (a ^ r)) >> 63) << 28;
}
static inline uint32_t nzcv_sub32(uint32_t a, uint32_t b, uint32_t r)
{
	return (r >> 31) << 31 | (uint32_t)(r == 0) << 30 | (uint32_t)(a >= b) << 29 |
	       (((a ^ b) & (a ^ r)) >> 31) << 28;
}
static inline uint32_t nzcv_add32(uint32_t a, uint32_t b, uint32_t r)
{
	return (r >> 31) << 31 | (uint32_t)(r == 0) << 30 | (uint32_t)(r < a) << 29 |
	       ((~(a ^ b) & (a ^ r)) >> 31) << 28;
}

/* Logical immediate (N:immr:imms, sf) to its mask; 0 when the encoding is reserved. Memoised. */
uint64_t logic_imm_mask(uint32_t insn);

/* DecodeBitMasks from the Arm ARM; returns 0 when the encoding is reserved. */
int decode_bitmasks(int n, int imms, int immr, int immediate, int datasize, uint64_t *wmask, uint64_t *tmask);

/* Raise an alignment fault (SIGBUS, BUS_ADRALN) for addr. */
int exec_align_fault(struct cpu *c, uint64_t addr);


/* Declarations of every handler named in a64.def. */
#define INSN(name, cls, mask, match, handler) int handler(struct cpu *c, uint32_t insn);
#include "a64.def"
#undef INSN
int exec_udf(struct cpu *c, uint32_t insn);

#endif /* XARCH_EXEC_H */
