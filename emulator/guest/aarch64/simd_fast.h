/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * simd_fast.h — host SSE2 fast paths for the AdvSIMD integer operations glibc's string and
 * memory functions run in their inner loops. Each returns 1 when it handled the instruction
 * (same result as the generic lane code in simd_int.c, which the differential tester checks).
 */
#ifndef XARCH_SIMD_FAST_H
#define XARCH_SIMD_FAST_H

#include <emmintrin.h>
#include "simd.h"

static inline __m128i vload(const vreg_t *v) { return _mm_loadu_si128((const __m128i *)v); }

static inline void vstore(struct cpu *c, int rd, __m128i x, int q)
{
	if (!q)
		x = _mm_move_epi64(x);
	_mm_storeu_si128((__m128i *)&c->v[rd], x);
}

/* Pairwise combination: even and odd byte lanes of the concatenation m:n. */
static inline void pair_bytes(__m128i n, __m128i m, __m128i *even, __m128i *odd)
{
	__m128i lo = _mm_set1_epi16(0x00ff);
	*even = _mm_packus_epi16(_mm_and_si128(n, lo), _mm_and_si128(m, lo));
	*odd = _mm_packus_epi16(_mm_srli_epi16(n, 8), _mm_srli_epi16(m, 8));
}

/* Three-same vector forms; u, opc, sz, q as in the encoding. */
static inline int fast_three_same(struct cpu *c, uint32_t insn, int u, int opc, int sz, int q)
{
	__m128i n = vload(&c->v[RN(insn)]), m = vload(&c->v[RM(insn)]), r;
	switch ((u << 5) | opc) {
	case 16: /* ADD */
		r = sz == 0 ? _mm_add_epi8(n, m) : sz == 1 ? _mm_add_epi16(n, m) : sz == 2 ? _mm_add_epi32(n, m) : _mm_add_epi64(n, m);
		break;
	case 32 + 16: /* SUB */
		r = sz == 0 ? _mm_sub_epi8(n, m) : sz == 1 ? _mm_sub_epi16(n, m) : sz == 2 ? _mm_sub_epi32(n, m) : _mm_sub_epi64(n, m);
		break;
	case 32 + 17: /* CMEQ */
		if (sz == 3)
			return 0;
		r = sz == 0 ? _mm_cmpeq_epi8(n, m) : sz == 1 ? _mm_cmpeq_epi16(n, m) : _mm_cmpeq_epi32(n, m);
		break;
	case 17: /* CMTST */
		if (sz != 0)
			return 0;
		r = _mm_xor_si128(_mm_cmpeq_epi8(_mm_and_si128(n, m), _mm_setzero_si128()), _mm_set1_epi8(-1));
		break;
	case 32 + 7: /* CMHS */
		if (sz != 0)
			return 0;
		r = _mm_cmpeq_epi8(_mm_max_epu8(n, m), n);
		break;
	case 32 + 6: /* CMHI */
		if (sz != 0)
			return 0;
		r = _mm_xor_si128(_mm_cmpeq_epi8(_mm_max_epu8(m, n), m), _mm_set1_epi8(-1));
		break;
	case 6: /* CMGT */
		if (sz == 3)
			return 0;
		r = sz == 0 ? _mm_cmpgt_epi8(n, m) : sz == 1 ? _mm_cmpgt_epi16(n, m) : _mm_cmpgt_epi32(n, m);
		break;
	case 32 + 12: /* UMAX */
		if (sz != 0)
			return 0;
		r = _mm_max_epu8(n, m);
		break;
	case 32 + 13: /* UMIN */
		if (sz != 0)
			return 0;
		r = _mm_min_epu8(n, m);
		break;
	case 23: /* ADDP on halfwords/words/doublewords (bytes below) */
		if (sz == 0)
			goto bytes;
		if (sz == 3) {
			r = _mm_add_epi64(_mm_unpacklo_epi64(n, m), _mm_unpackhi_epi64(n, m));
			break;
		}
		if (!q) {
			n = _mm_unpacklo_epi64(n, m);
			m = _mm_setzero_si128();
		}
		if (sz == 2) {
			__m128 a = _mm_castsi128_ps(n), b = _mm_castsi128_ps(m);
			__m128i e = _mm_castps_si128(_mm_shuffle_ps(a, b, 0x88)), o = _mm_castps_si128(_mm_shuffle_ps(a, b, 0xdd));
			r = _mm_add_epi32(e, o);
		} else {
			/* halfwords: pair sums in 32-bit lanes, truncated to 16 bits, packed */
			__m128i one = _mm_set1_epi16(1);
			__m128i s1 = _mm_madd_epi16(n, one), s2 = _mm_madd_epi16(m, one);
			s1 = _mm_srai_epi32(_mm_slli_epi32(s1, 16), 16);
			s2 = _mm_srai_epi32(_mm_slli_epi32(s2, 16), 16);
			r = _mm_packs_epi32(s1, s2);
		}
		break;
	case 32 + 20: case 32 + 21: { /* UMAXP, UMINP on bytes */
		if (sz != 0)
			return 0;
	bytes:;
		__m128i e, o;
		if (!q) { /* 64-bit form: pairs of n's low half then m's low half */
			n = _mm_unpacklo_epi64(n, m);
			m = _mm_setzero_si128();
		}
		pair_bytes(n, m, &e, &o);
		r = opc == 20 ? _mm_max_epu8(e, o) : opc == 21 ? _mm_min_epu8(e, o) : _mm_add_epi8(e, o);
		break;
	}
	default:
		return 0;
	}
	vstore(c, RD(insn), r, q);
	return 1;
}

/* Two-register misc vector forms: CMEQ #0 (B/H/S), NOT. */
static inline int fast_two_misc(struct cpu *c, uint32_t insn, int u, int opc, int sz, int q)
{
	__m128i n = vload(&c->v[RN(insn)]), z = _mm_setzero_si128(), r;
	if (!u && opc == 9 && sz < 3)
		r = sz == 0 ? _mm_cmpeq_epi8(n, z) : sz == 1 ? _mm_cmpeq_epi16(n, z) : _mm_cmpeq_epi32(n, z);
	else if (u && opc == 5 && sz == 0)
		r = _mm_xor_si128(n, _mm_set1_epi8(-1));
	else
		return 0;
	vstore(c, RD(insn), r, q);
	return 1;
}

/* SHRN from halfwords to bytes (SHRN Vd.8B / SHRN2 Vd.16B, Vn.8H, #1..8). */
static inline int fast_shrn(struct cpu *c, uint32_t insn)
{
	int q = BIT(insn, 30), immhb = BITS(insn, 22, 16);
	if (BITS(insn, 22, 19) != 1)
		return 0;	/* other element sizes take the generic path */
	int rsh = 16 - immhb;
	__m128i n = vload(&c->v[RN(insn)]);
	__m128i t = _mm_and_si128(_mm_srl_epi16(n, _mm_cvtsi32_si128(rsh)), _mm_set1_epi16(0xff));
	__m128i p = _mm_packus_epi16(t, _mm_setzero_si128());
	if (q)
		p = _mm_unpacklo_epi64(vload(&c->v[RD(insn)]), p);
	vstore(c, RD(insn), p, 1);
	return 1;
}

#endif /* XARCH_SIMD_FAST_H */
