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
	case 32 + 20: case 32 + 21: case 23: { /* UMAXP, UMINP, ADDP on bytes */
		if (sz != 0)
			return 0;
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

#endif /* XARCH_SIMD_FAST_H */
