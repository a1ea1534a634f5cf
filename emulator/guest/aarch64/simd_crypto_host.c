// SPDX-License-Identifier: GPL-2.0-only
/*
 * simd_crypto_host.c — the Armv8.0 AES, PMULL, SHA1, SHA256 and CRC32C instructions computed with
 * the x86 instructions that do the same work (see simd_crypto_host.h). Each function here is
 * compiled for the host feature it needs and called only when crypto_host() says the host has it.
 *
 * How the Arm operations map (the difftest checks each against qemu):
 * - AES: Arm's AESE is AddRoundKey, ShiftRows, SubBytes; x86's AESENCLAST is ShiftRows, SubBytes,
 *   then the key XOR: AESE(d, n) = AESENCLAST(d ^ n, 0). AESD likewise with AESDECLAST.
 *   MixColumns alone has no x86 instruction; SubBytes and ShiftRows commute (one substitutes each
 *   byte, the other moves bytes), so AESENC(AESDECLAST(x, 0), 0) = MixColumns(SubBytes(ShiftRows(
 *   InvSubBytes(InvShiftRows(x))))) = MixColumns(x). AESIMC is x86's AESIMC.
 * - PMULL .1Q is PCLMULQDQ. PMULL .8H (eight 8x8 products) puts two byte pairs in one 64x64
 *   carry-less product, a at bits 0 and 32 of one operand, b likewise: a0*b0 lands in bits 0..14,
 *   a1*b1 in bits 64..78, the cross terms in bits 32..46 where nothing is read.
 * - SHA256: x86 keeps the state as ABEF and CDGH (A in the top dword), Arm as abcd and efgh (a in
 *   the bottom dword), so the halves are regrouped; four Arm rounds are two SHA256RNDS2 with the
 *   same W + K. SHA256SU0 is SHA256MSG1; SHA256SU1 is SHA256MSG2 after adding Arm's T0 term.
 * - SHA1: SHA1RNDS4 adds the round constant itself while Arm's SHA1C/P/M take W + K from the
 *   program: K is subtracted first (modulo 2^32, so the sum is exact). Dword order is reversed.
 * - CRC32C: Arm's and SSE4.2's CRC32 both take the reflected Castagnoli polynomial with no
 *   inversion.
 * - CRC32 (IEEE, no x86 instruction): Arm defines the result as the bit-reversal of
 *   (U * x^32) mod P for the 64-bit polynomial U = reverse(crc ^ value) (an s-bit value: U is
 *   reverse_s of the low s bits, and crc >> s is XORed into the result afterwards: those bits are
 *   already reduced). Barrett: with mu = floor(x^96 / P) = x^64 + mu', the quotient's low 32 bits
 *   are U's low half XOR bits 64..95 of U * mu', and the remainder is the low 32 bits of that
 *   quotient times P' (P without x^32). In the reflected domain a carry-less product of two
 *   reversed operands is the reversed product shifted by one, so both products are read at bit 31.
 */
#include <cpuid.h>
#include <stdlib.h>
#include <string.h>
#include <immintrin.h>
#include "simd_crypto_host.h"

static unsigned host_detect(void)
{
	unsigned a, b, c, d, f = 0;
	/* secure_getenv: NULL under AT_SECURE, as core/main.c ignores every XARCH_* setting there */
	const char *e = secure_getenv("XARCH_CRYPTO");
	if (e && !strcmp(e, "portable"))
		return 0;
	if (!__get_cpuid(1, &a, &b, &c, &d))
		return 0;
	if (c & bit_AES)
		f |= HOST_AES;
	if (c & bit_PCLMUL)
		f |= HOST_PCLMUL;
	if (c & bit_SSE4_2)
		f |= HOST_CRC32C;
	int ssse3 = !!(c & bit_SSSE3), sse41 = !!(c & bit_SSE4_1);
	if (ssse3 && sse41 && __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA))
		f |= HOST_SHA;
	return f;
}

unsigned crypto_host(void)
{
	/* bit 31 marks "known"; threads racing here compute the same value */
	static unsigned cached;
	unsigned v = __atomic_load_n(&cached, __ATOMIC_RELAXED);
	if (!v) {
		v = host_detect() | 1u << 31;
		__atomic_store_n(&cached, v, __ATOMIC_RELAXED);
	}
	return v & ~(1u << 31);
}

#define LD(v) _mm_loadu_si128((const __m128i *)(const void *)&(v))

static vreg_t st(__m128i x)
{
	vreg_t r;
	_mm_storeu_si128((__m128i *)(void *)&r, x);
	return r;
}

__attribute__((target("aes,sse2"))) vreg_t host_aes(int op, vreg_t d, vreg_t n)
{
	__m128i z = _mm_setzero_si128(), x;
	switch (op) {
	case 4:
		x = _mm_aesenclast_si128(_mm_xor_si128(LD(d), LD(n)), z);
		break;
	case 5:
		x = _mm_aesdeclast_si128(_mm_xor_si128(LD(d), LD(n)), z);
		break;
	case 6:
		x = _mm_aesenc_si128(_mm_aesdeclast_si128(LD(n), z), z);
		break;
	default:
		x = _mm_aesimc_si128(LD(n));
		break;
	}
	return st(x);
}

__attribute__((target("pclmul,sse2"))) vreg_t host_pmull(int sz, int q, vreg_t n, vreg_t m)
{
	__m128i a = LD(n), b = LD(m);
	if (sz == 3)
		return st(q ? _mm_clmulepi64_si128(a, b, 0x11) : _mm_clmulepi64_si128(a, b, 0x00));
	if (q) {
		a = _mm_unpackhi_epi64(a, a);
		b = _mm_unpackhi_epi64(b, b);
	}
	__m128i z = _mm_setzero_si128();
	/* bytes to dwords: lanes 0..3 in a_lo, 4..7 in a_hi (qword k = lane 2k + lane 2k+1 << 32) */
	__m128i a16 = _mm_unpacklo_epi8(a, z), b16 = _mm_unpacklo_epi8(b, z);
	__m128i alo = _mm_unpacklo_epi16(a16, z), ahi = _mm_unpackhi_epi16(a16, z);
	__m128i blo = _mm_unpacklo_epi16(b16, z), bhi = _mm_unpackhi_epi16(b16, z);
	/* each product: dword 0 = lane 2k's product, dword 2 = lane 2k+1's (cross terms in dword 1) */
	__m128i p0 = _mm_clmulepi64_si128(alo, blo, 0x00), p1 = _mm_clmulepi64_si128(alo, blo, 0x11);
	__m128i p2 = _mm_clmulepi64_si128(ahi, bhi, 0x00), p3 = _mm_clmulepi64_si128(ahi, bhi, 0x11);
	p0 = _mm_unpacklo_epi64(_mm_shuffle_epi32(p0, 0x08), _mm_shuffle_epi32(p1, 0x08));
	p2 = _mm_unpacklo_epi64(_mm_shuffle_epi32(p2, 0x08), _mm_shuffle_epi32(p3, 0x08));
	/* every product is below 2^15: the signed saturating pack keeps it as it is */
	return st(_mm_packs_epi32(p0, p2));
}

__attribute__((target("sha,sse4.1"))) vreg_t host_sha1_rounds(int f, vreg_t abcd, uint32_t e, vreg_t wk)
{
	static const uint32_t k[3] = { 0x5a827999u, 0x6ed9eba1u, 0x8f1bbcdcu };
	__m128i s = _mm_shuffle_epi32(LD(abcd), 0x1b);
	__m128i w = _mm_sub_epi32(_mm_shuffle_epi32(LD(wk), 0x1b), _mm_set1_epi32((int)k[f]));
	w = _mm_add_epi32(w, _mm_insert_epi32(_mm_setzero_si128(), (int)e, 3));
	switch (f) {
	case 0: s = _mm_sha1rnds4_epu32(s, w, 0); break;
	case 1: s = _mm_sha1rnds4_epu32(s, w, 1); break;
	default: s = _mm_sha1rnds4_epu32(s, w, 2); break;
	}
	return st(_mm_shuffle_epi32(s, 0x1b));
}

__attribute__((target("sha,sse2"))) vreg_t host_sha1su1(vreg_t d, vreg_t n)
{
	__m128i r = _mm_sha1msg2_epu32(_mm_shuffle_epi32(LD(d), 0x1b), _mm_shuffle_epi32(LD(n), 0x1b));
	return st(_mm_shuffle_epi32(r, 0x1b));
}

__attribute__((target("sha,sse2"))) vreg_t host_sha256h(int h2, vreg_t abcd, vreg_t efgh, vreg_t wk)
{
	__m128i x = _mm_shuffle_epi32(LD(abcd), 0x1b);	/* d c b a (dword 0 first) */
	__m128i y = _mm_shuffle_epi32(LD(efgh), 0x1b);	/* h g f e */
	__m128i abef = _mm_unpackhi_epi64(y, x), cdgh = _mm_unpacklo_epi64(y, x);
	__m128i w = LD(wk);
	cdgh = _mm_sha256rnds2_epu32(cdgh, abef, w);	/* two rounds: cdgh now holds ABEF */
	abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(w, 0x0e));
	/* abef: the state after four rounds' ABEF, cdgh: its CDGH */
	if (!h2)
		return st(_mm_shuffle_epi32(_mm_unpackhi_epi64(cdgh, abef), 0x1b));
	return st(_mm_shuffle_epi32(_mm_unpacklo_epi64(cdgh, abef), 0x1b));
}

__attribute__((target("sha,sse2"))) vreg_t host_sha256su0(vreg_t d, vreg_t n)
{
	return st(_mm_sha256msg1_epu32(LD(d), LD(n)));
}

__attribute__((target("sha,ssse3"))) vreg_t host_sha256su1(vreg_t d, vreg_t n, vreg_t m)
{
	__m128i t0 = _mm_alignr_epi8(LD(m), LD(n), 4);	/* n1 n2 n3 m0 */
	return st(_mm_sha256msg2_epu32(_mm_add_epi32(LD(d), t0), LD(m)));
}

__attribute__((target("pclmul,sse2"))) uint32_t host_crc32(uint32_t crc, uint64_t v, int sz)
{
	int s = 8 << sz;
	uint64_t t = (crc ^ v) << (64 - s);	/* reverse_64(U) */
	uint64_t a = (uint64_t)_mm_cvtsi128_si64(_mm_clmulepi64_si128(_mm_cvtsi64_si128((long long)t),
							_mm_cvtsi64_si128((long long)CRC32_BARRETT_MU), 0));
	uint64_t q = (t >> 32) ^ (uint32_t)(a >> 31);	/* reverse_32 of the quotient's low half */
	uint64_t b = (uint64_t)_mm_cvtsi128_si64(_mm_clmulepi64_si128(_mm_cvtsi64_si128((long long)q),
							_mm_cvtsi64_si128(CRC32_BARRETT_P), 0));
	return (uint32_t)(b >> 31) ^ (s < 32 ? crc >> s : 0);
}

__attribute__((target("sse4.2"))) uint32_t host_crc32c(uint32_t crc, uint64_t v, int sz)
{
	switch (sz) {
	case 0: return _mm_crc32_u8(crc, (uint8_t)v);
	case 1: return _mm_crc32_u16(crc, (uint16_t)v);
	case 2: return _mm_crc32_u32(crc, (uint32_t)v);
	default: return (uint32_t)_mm_crc32_u64(crc, v);
	}
}
