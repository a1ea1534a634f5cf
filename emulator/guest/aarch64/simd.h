/* SPDX-License-Identifier: GPL-2.0-only */
/* simd.h — lane access helpers for AdvSIMD handlers. */
#ifndef XARCH_SIMD_H
#define XARCH_SIMD_H

#include "exec.h"

#define FPSR_QC (1u << 27)

static inline uint64_t lane(const vreg_t *v, int sz, int i)
{
	switch (sz) {
	case 0: return v->b[i];
	case 1: return v->h[i];
	case 2: return v->s[i];
	default: return v->d[i];
	}
}

static inline int64_t slane(const vreg_t *v, int sz, int i)
{
	switch (sz) {
	case 0: return (int8_t)v->b[i];
	case 1: return (int16_t)v->h[i];
	case 2: return (int32_t)v->s[i];
	default: return (int64_t)v->d[i];
	}
}

static inline void setlane(vreg_t *v, int sz, int i, uint64_t x)
{
	switch (sz) {
	case 0: v->b[i] = (uint8_t)x; break;
	case 1: v->h[i] = (uint16_t)x; break;
	case 2: v->s[i] = (uint32_t)x; break;
	default: v->d[i] = x; break;
	}
}

/* Write a result register: 64-bit (Q=0) results zero the upper half. */
static inline void vwrite(struct cpu *c, int rd, const vreg_t *r, int q)
{
	vreg_t t = *r;
	if (!q)
		t.d[1] = 0;
	c->v[rd] = t;
}

/* Saturate a signed value to esize bits; sets QC on saturation. */
static inline uint64_t sat_s(struct cpu *c, __int128 v, int bits)
{
	__int128 max = ((__int128)1 << (bits - 1)) - 1, min = -max - 1;
	if (v > max) { c->fpsr |= FPSR_QC; v = max; }
	if (v < min) { c->fpsr |= FPSR_QC; v = min; }
	return (uint64_t)v & ones(bits);
}

static inline uint64_t sat_u(struct cpu *c, __int128 v, int bits)
{
	__int128 max = ((__int128)1 << bits) - 1;
	if (v > max) { c->fpsr |= FPSR_QC; v = max; }
	if (v < 0) { c->fpsr |= FPSR_QC; v = 0; }
	return (uint64_t)v;
}

/* AdvSIMDExpandImm (op, cmode, imm8 of the modified-immediate encodings) as a 64-bit pattern;
 * the callers reject the reserved encodings (simd_perm.c). */
uint64_t simd_expand_imm(int op, int cmode, uint64_t imm8);

#endif /* XARCH_SIMD_H */
