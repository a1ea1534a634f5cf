// SPDX-License-Identifier: GPL-2.0-only
/*
 * CRC32C and CRC32 (IEEE) with the instructions each architecture has: crc MIB ITERATIONS.
 * On arm64 the Armv8 CRC32C{B,X} and CRC32{B,X} instructions (ACLE intrinsics, 8 bytes at a
 * time as ext4, iSCSI, RocksDB and Rust's crc32fast run them); on x86_64 SSE4.2's CRC32 for
 * CRC32C and a byte table for CRC32 (x86 has no CRC32 instruction for the IEEE polynomial).
 * Prints both CRCs of a deterministic buffer so results can be compared.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__aarch64__)
#include <arm_acle.h>
#else
#include <nmmintrin.h>
#endif

static uint32_t crc32c(uint32_t crc, const uint8_t *p, size_t n)
{
	crc = ~crc;
	for (; n >= 8; n -= 8, p += 8) {
		uint64_t v;
		memcpy(&v, p, 8);
#if defined(__aarch64__)
		crc = __crc32cd(crc, v);
#else
		crc = (uint32_t)_mm_crc32_u64(crc, v);
#endif
	}
	for (; n; n--, p++)
#if defined(__aarch64__)
		crc = __crc32cb(crc, *p);
#else
		crc = _mm_crc32_u8(crc, *p);
#endif
	return ~crc;
}

#if !defined(__aarch64__)
static uint32_t table[256];
#endif

static uint32_t crc32(uint32_t crc, const uint8_t *p, size_t n)
{
	crc = ~crc;
#if defined(__aarch64__)
	for (; n >= 8; n -= 8, p += 8) {
		uint64_t v;
		memcpy(&v, p, 8);
		crc = __crc32d(crc, v);
	}
	for (; n; n--, p++)
		crc = __crc32b(crc, *p);
#else
	for (; n; n--, p++)
		crc = (crc >> 8) ^ table[(crc ^ *p) & 0xff];
#endif
	return ~crc;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s MIB ITERATIONS\n", argv[0]);
		return 2;
	}
	size_t n = (size_t)atol(argv[1]) << 20;
	long iters = atol(argv[2]);
	uint8_t *buf = malloc(n + 7);
	if (!buf)
		return 1;
#if !defined(__aarch64__)
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t v = i;
		for (int k = 0; k < 8; k++)
			v = (v >> 1) ^ ((v & 1) ? 0xedb88320u : 0);
		table[i] = v;
	}
#endif
	uint64_t x = 0x9e3779b97f4a7c15ull;
	for (size_t i = 0; i < n + 7; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		buf[i] = (uint8_t)x;
	}
	uint32_t c = 0, d = 0;
	for (long k = 0; k < iters; k++) {
		c = crc32c(c, buf + (k & 7), n);	/* unaligned starts too */
		d = crc32(d, buf + (k & 7), n);
	}
	printf("crc32c %08x crc32 %08x\n", c, d);
	return 0;
}
