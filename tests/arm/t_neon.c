// SPDX-License-Identifier: GPL-2.0-only
/*
 * VLD1/VST1 of 1-4 whole D registers (the translator moves them two at a time through host XMM
 * registers) at odd and even first registers, with and without write-back and an alignment
 * hint, checked byte by byte and register by register; VPADD.I8/16/32 against sums made here;
 * then the C library's memchr, strlen and memcpy (NEON loops on those loads) against plain loops
 * over many sizes and offsets.
 */
#include <stdint.h>
#include <stdlib.h>
#include "common.h"

static uint8_t src[64] __attribute__((aligned(32)));
static uint8_t dst[64] __attribute__((aligned(32)));
static uint8_t one[8][8];	/* each D register stored on its own */

static void fill(void)
{
	for (int i = 0; i < 64; i++) {
		src[i] = (uint8_t)(i * 7 + 1);
		dst[i] = 0xee;
	}
	memset(one, 0xee, sizeof(one));
}

static int same(const uint8_t *a, const uint8_t *b, int n)
{
	return memcmp(a, b, (size_t)n) == 0;
}

/* the bytes of D[k] stored one at a time are the source's 8k.. 8k+7 */
static int each(int regs)
{
	for (int k = 0; k < regs; k++)
		if (!same(one[k], src + 8 * k, 8))
			return 0;
	return 1;
}

#define ST_EACH(a, b, c, d)                                                                       \
	__asm__ volatile(".fpu neon\n\tvst1.8 {" a "}, [%0]\n\tvst1.8 {" b "}, [%1]\n\t"           \
			 "vst1.8 {" c "}, [%2]\n\tvst1.8 {" d "}, [%3]"                              \
			 : : "r"(one[0]), "r"(one[1]), "r"(one[2]), "r"(one[3]) : "memory")

/* VPADD.I<esize> of n and m as the architecture defines it */
static uint64_t vpadd_ref(uint64_t n, uint64_t m, int esize)
{
	uint64_t r = 0, mask = esize == 64 ? ~0ull : (1ull << esize) - 1;
	int e = 64 / esize;
	for (int k = 0; k < e; k++) {
		uint64_t src = k < e / 2 ? n : m;
		int j = 2 * (k % (e / 2));
		uint64_t a = src >> (j * esize) & mask, b = src >> ((j + 1) * esize) & mask;
		r |= ((a + b) & mask) << (k * esize);
	}
	return r;
}

#define VPADD(sz, out, n, m)                                                                      \
	__asm__ volatile(".fpu neon\n\tvmov d20, %Q2, %R2\n\tvmov d21, %Q3, %R3\n\t"                    \
			 "vpadd.i" #sz " d22, d20, d21\n\tvpadd.i" #sz " d20, d20, d21\n\t"              \
			 "vmov %Q0, %R0, d22\n\tvmov %Q1, %R1, d20"                                    \
			 : "=&r"(out[0]), "=&r"(out[1]) : "r"(n), "r"(m) : "d20", "d21", "d22")

int main(void)
{
	char name[64];
	unsigned sum = 0;

	/* 4 registers from an odd one: d3-d6 (pairs d3 d4, d5 d6) */
	fill();
	__asm__ volatile(".fpu neon\n\tvld1.8 {d3-d6}, [%0]\n\tvst1.8 {d3-d6}, [%1]"
			 : : "r"(src), "r"(dst) : "memory", "d3", "d4", "d5", "d6");
	CHECK("vld1/vst1 {d3-d6}: 32 bytes", same(dst, src, 32) && dst[32] == 0xee);
	__asm__ volatile(".fpu neon\n\tvld1.8 {d3-d6}, [%0]" : : "r"(src) : "d3", "d4", "d5", "d6");
	ST_EACH("d3", "d4", "d5", "d6");
	CHECK("vld1 {d3-d6}: each register", each(4));

	/* 3 registers: a pair and one (d16-d18) */
	fill();
	__asm__ volatile(".fpu neon\n\tvld1.8 {d16-d18}, [%0]\n\tvst1.8 {d16-d18}, [%1]"
			 : : "r"(src + 8), "r"(dst + 8) : "memory", "d16", "d17", "d18");
	CHECK("vld1/vst1 {d16-d18}: 24 bytes", same(dst + 8, src + 8, 24) && dst[7] == 0xee && dst[32] == 0xee);
	__asm__ volatile(".fpu neon\n\tvld1.8 {d16-d18}, [%0]" : : "r"(src) : "d16", "d17", "d18");
	ST_EACH("d16", "d17", "d18", "d18");
	CHECK("vld1 {d16-d18}: each register", each(3));

	/* 2 registers, aligned (:128) and unaligned */
	fill();
	__asm__ volatile(".fpu neon\n\tvld1.8 {d0-d1}, [%0 :128]\n\tvst1.8 {d0-d1}, [%1 :128]"
			 : : "r"(src + 16), "r"(dst + 16) : "memory", "d0", "d1");
	CHECK("vld1/vst1 {d0-d1} :128: 16 bytes", same(dst + 16, src + 16, 16) && dst[15] == 0xee && dst[32] == 0xee);
	fill();
	__asm__ volatile(".fpu neon\n\tvld1.8 {d5-d6}, [%0]\n\tvst1.8 {d5-d6}, [%1]"
			 : : "r"(src + 3), "r"(dst + 5) : "memory", "d5", "d6");
	CHECK("vld1/vst1 {d5-d6} unaligned: 16 bytes", same(dst + 5, src + 3, 16) && dst[4] == 0xee && dst[21] == 0xee);
	__asm__ volatile(".fpu neon\n\tvld1.8 {d5-d6}, [%0]" : : "r"(src) : "d5", "d6");
	ST_EACH("d5", "d6", "d6", "d6");
	CHECK("vld1 {d5-d6}: each register", each(2));

	/* 1 register */
	fill();
	__asm__ volatile(".fpu neon\n\tvld1.8 {d7}, [%0]\n\tvst1.8 {d7}, [%1]" : : "r"(src + 1), "r"(dst + 2) : "memory", "d7");
	CHECK("vld1/vst1 {d7}: 8 bytes", same(dst + 2, src + 1, 8) && dst[1] == 0xee && dst[10] == 0xee);

	/* write-back: by the size (!) and by a register, four times along the buffer */
	fill();
	{
		const uint8_t *s = src;
		uint8_t *d = dst;
		int step = 8;
		__asm__ volatile(".fpu neon\n\t"
				 "vld1.8 {d2-d5}, [%0 :256]!\n\tvst1.8 {d2-d5}, [%1 :256]!\n\t"
				 "vld1.8 {d20-d22}, [%0], %2\n\tvst1.8 {d20-d22}, [%1], %2\n\t"
				 "vld1.8 {d9}, [%0]!\n\tvst1.8 {d9}, [%1]!"
				 : "+r"(s), "+r"(d) : "r"(step) : "memory", "d2", "d3", "d4", "d5", "d20", "d21", "d22", "d9");
		CHECK("vld1/vst1 write-back: the pointers", s == src + 48 && d == dst + 48);
		/* 32 bytes, then 24 (the pointers step by 8 only), then 8 over the middle of those */
		CHECK("vld1/vst1 write-back: the bytes", same(dst, src, 56) && dst[56] == 0xee);
	}
	for (int i = 0; i < 64; i++)
		sum = sum * 31 + dst[i];
	printf("bytes %08x\n", sum);

	/* VPADD: carries out of each element are dropped; d20 = d20 + d21 pairs too (Dd = Dn) */
	{
		static const uint64_t v[] = { 0x0123456789abcdefull, 0xff80ff7f00ff0180ull, 0xffffffffffffffffull,
					      0x8000000080000000ull, 0x7fff80017ffe0002ull };
		int bad = 0;
		unsigned vs = 0;
		for (int a = 0; a < 5; a++)
			for (int b = 0; b < 5; b++) {
				uint64_t r8[2], r16[2], r32[2];
				VPADD(8, r8, v[a], v[b]);
				VPADD(16, r16, v[a], v[b]);
				VPADD(32, r32, v[a], v[b]);
				bad += r8[0] != vpadd_ref(v[a], v[b], 8) || r8[1] != r8[0];
				bad += r16[0] != vpadd_ref(v[a], v[b], 16) || r16[1] != r16[0];
				bad += r32[0] != vpadd_ref(v[a], v[b], 32) || r32[1] != r32[0];
				vs = vs * 31 + (unsigned)(r8[0] ^ r8[0] >> 32 ^ r16[0] ^ r16[0] >> 32 ^ r32[0] ^ r32[0] >> 32);
			}
		snprintf(name, sizeof(name), "vpadd.i8/i16/i32 over 25 pairs (%d wrong)", bad);
		CHECK(name, bad == 0);
		printf("vpadd %08x\n", vs);
	}

	/* the C library's NEON string functions: every size to 300 at offsets 0..31 */
	static char buf[4096] __attribute__((aligned(32))), cpy[4096] __attribute__((aligned(32)));
	int bad_chr = 0, bad_len = 0, bad_cpy = 0;
	for (int i = 0; i < (int)sizeof(buf); i++)
		buf[i] = (char)('a' + i % 23);
	for (int off = 0; off < 32; off++)
		for (int n = 1; n <= 300; n++) {
			char *p = buf + off;
			int at = (n * 13 + off) % n;
			p[at] = '#';
			char *want = NULL;
			for (int k = 0; k < n; k++)
				if (p[k] == '#') {
					want = p + k;
					break;
				}
			bad_chr += memchr(p, '#', (size_t)n) != want;
			bad_chr += memchr(p, '#', (size_t)at) != NULL;
			p[at] = 'y';
			char keep = p[n];
			p[n] = 0;
			bad_len += strlen(p) != (size_t)n;
			p[n] = keep;
			memset(cpy, 0x55, 400);
			memcpy(cpy + (off ^ 5), p, (size_t)n);
			bad_cpy += memcmp(cpy + (off ^ 5), p, (size_t)n) != 0 || cpy[(off ^ 5) + n] != 0x55 ||
				   ((off ^ 5) && cpy[(off ^ 5) - 1] != 0x55);
		}
	snprintf(name, sizeof(name), "memchr over 32 x 300 cases (%d wrong)", bad_chr);
	CHECK(name, bad_chr == 0);
	snprintf(name, sizeof(name), "strlen over 32 x 300 cases (%d wrong)", bad_len);
	CHECK(name, bad_len == 0);
	snprintf(name, sizeof(name), "memcpy over 32 x 300 cases (%d wrong)", bad_cpy);
	CHECK(name, bad_cpy == 0);
	return 0;
}
