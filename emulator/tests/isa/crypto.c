// SPDX-License-Identifier: GPL-2.0-only
/* Known-answer tests for the crypto extension: AES-128 (FIPS-197 C.1), SHA-256("abc"), SHA-1("abc"), PMULL.1Q. */
#include <arm_neon.h>
#include "isa.h"

static void aes128_expand(const uint8_t key[16], uint8_t rk[11][16])
{
	static const uint8_t rcon[10] = { 1, 2, 4, 8, 16, 32, 64, 128, 0x1b, 0x36 };
	memcpy(rk[0], key, 16);
	for (int i = 1; i < 11; i++) {
		uint8_t t[4] = { rk[i - 1][13], rk[i - 1][14], rk[i - 1][15], rk[i - 1][12] };
		/* SubWord via AESE with a zero key on a replicated word (ShiftRows is a no-op then) */
		uint8x16_t w = vreinterpretq_u8_u32(vdupq_n_u32((uint32_t)t[0] | t[1] << 8 | t[2] << 16 | (uint32_t)t[3] << 24));
		w = vaeseq_u8(w, vdupq_n_u8(0));
		uint32_t sw = vgetq_lane_u32(vreinterpretq_u32_u8(w), 0);
		uint8_t s[4] = { (uint8_t)sw, (uint8_t)(sw >> 8), (uint8_t)(sw >> 16), (uint8_t)(sw >> 24) };
		s[0] ^= rcon[i - 1];
		for (int k = 0; k < 4; k++)
			rk[i][k] = rk[i - 1][k] ^ s[k];
		for (int k = 4; k < 16; k++)
			rk[i][k] = rk[i - 1][k] ^ rk[i][k - 4];
	}
}

static const uint32_t K256[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

int main(void)
{
	/* AES-128 */
	uint8_t key[16], pt[16], rk[11][16], ct[16], back[16];
	for (int i = 0; i < 16; i++) {
		key[i] = (uint8_t)i;
		pt[i] = (uint8_t)(i * 0x11);
	}
	aes128_expand(key, rk);
	uint8x16_t s = vld1q_u8(pt);
	for (int r = 0; r < 9; r++)
		s = vaesmcq_u8(vaeseq_u8(s, vld1q_u8(rk[r])));
	s = veorq_u8(vaeseq_u8(s, vld1q_u8(rk[9])), vld1q_u8(rk[10]));
	vst1q_u8(ct, s);
	CHECK("aes128 ct[0..7]", __builtin_bswap64(*(uint64_t *)ct), 0x69c4e0d86a7b0430ull);
	CHECK("aes128 ct[8..15]", __builtin_bswap64(*(uint64_t *)(ct + 8)), 0xd8cdb78070b4c55aull);
	s = veorq_u8(vld1q_u8(ct), vdupq_n_u8(0));
	s = vaesimcq_u8(vaesdq_u8(s, vld1q_u8(rk[10])));
	for (int r = 9; r > 1; r--)
		s = vaesimcq_u8(vaesdq_u8(s, vaesimcq_u8(vld1q_u8(rk[r]))));
	s = veorq_u8(vaesdq_u8(s, vaesimcq_u8(vld1q_u8(rk[1]))), vld1q_u8(rk[0]));
	vst1q_u8(back, s);
	CHECK("aes128 decrypt round trip", memcmp(back, pt, 16), 0);

	/* SHA-256("abc") */
	uint32_t w[16] = { 0x61626380 };
	w[15] = 24;
	uint32x4_t st0 = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a };
	uint32x4_t st1 = { 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	uint32x4_t m[4];
	for (int i = 0; i < 4; i++)
		m[i] = vld1q_u32(w + 4 * i);
	uint32x4_t a = st0, b = st1;
	for (int i = 0; i < 16; i++) {
		uint32x4_t wk = vaddq_u32(m[i & 3], vld1q_u32(K256 + 4 * i));
		uint32x4_t a0 = a;
		a = vsha256hq_u32(a, b, wk);
		b = vsha256h2q_u32(b, a0, wk);
		if (i < 12)
			m[i & 3] = vsha256su1q_u32(vsha256su0q_u32(m[i & 3], m[(i + 1) & 3]), m[(i + 2) & 3], m[(i + 3) & 3]);
	}
	a = vaddq_u32(a, st0);
	b = vaddq_u32(b, st1);
	CHECK("sha256(abc) word 0", vgetq_lane_u32(a, 0), 0xba7816bf);
	CHECK("sha256(abc) word 3", vgetq_lane_u32(a, 3), 0x5dae2223);
	CHECK("sha256(abc) word 7", vgetq_lane_u32(b, 3), 0xf20015ad);

	/* SHA-1("abc") */
	{
		uint32x4_t abcd = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 }, abcd0 = abcd;
		uint32_t e = 0xc3d2e1f0, e0 = e;
		uint32x4_t q[4];
		for (int i = 0; i < 4; i++)
			q[i] = vld1q_u32(w + 4 * i);
		static const uint32_t k1[4] = { 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6 };
		for (int i = 0; i < 20; i++) {
			uint32x4_t wk = vaddq_u32(q[i & 3], vdupq_n_u32(k1[i / 5]));
			uint32_t ne = vsha1h_u32(vgetq_lane_u32(abcd, 0));
			if (i < 5)
				abcd = vsha1cq_u32(abcd, e, wk);
			else if (i < 10 || i >= 15)
				abcd = vsha1pq_u32(abcd, e, wk);
			else
				abcd = vsha1mq_u32(abcd, e, wk);
			e = ne;
			if (i < 16)
				q[i & 3] = vsha1su1q_u32(vsha1su0q_u32(q[i & 3], q[(i + 1) & 3], q[(i + 2) & 3]), q[(i + 3) & 3]);
		}
		abcd = vaddq_u32(abcd, abcd0);
		CHECK("sha1(abc) word 0", vgetq_lane_u32(abcd, 0), 0xa9993e36);
		CHECK("sha1(abc) word 4", e + e0, 0x9cd0d89d);
	}
	{
		poly128_t p = vmull_p64(0x8000000000000001ull, 0x3ull);
		CHECK128("pmull.1q", (unsigned __int128)p, 0x1, 0x8000000000000003ull);
	}
	DONE();
}
