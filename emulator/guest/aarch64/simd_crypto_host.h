/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * simd_crypto_host.h — the Armv8.0 cryptographic and CRC instructions on the host's own: AES-NI,
 * PCLMULQDQ, SHA-NI, SSE4.2 CRC32. The interpreter's handlers (simd_crypto.c) and the translator
 * (jit_crypto.c) ask crypto_host() which of them may be used; each feature is the host's (CPUID)
 * unless XARCH_CRYPTO=portable forces the portable C code everywhere (read once, ignored under
 * AT_SECURE like every XARCH_* setting).
 */
#ifndef XARCH_SIMD_CRYPTO_HOST_H
#define XARCH_SIMD_CRYPTO_HOST_H

#include <stdint.h>
#include "cpu.h"

enum {
	HOST_AES = 1,		/* AES-NI */
	HOST_PCLMUL = 2,	/* PCLMULQDQ */
	HOST_SHA = 4,		/* SHA-NI (SHA1RNDS4 ... SHA256MSG2) and SSSE3 */
	HOST_CRC32C = 8,	/* SSE4.2 CRC32: the Castagnoli polynomial only */
};

/* The features above that the host has and that may be used (0 under XARCH_CRYPTO=portable). */
unsigned crypto_host(void);

/* op 4..7: AESE, AESD, AESMC, AESIMC (HOST_AES) */
vreg_t host_aes(int op, vreg_t d, vreg_t n);
/* PMULL{2}: the 64x64 form (sz 3) or the eight 8x8 products (sz 0) of half q (HOST_PCLMUL) */
vreg_t host_pmull(int sz, int q, vreg_t n, vreg_t m);
/* SHA1C (f 0), SHA1P (1), SHA1M (2): Qd = abcd, e, Vm = W + K (HOST_SHA) */
vreg_t host_sha1_rounds(int f, vreg_t abcd, uint32_t e, vreg_t wk);
vreg_t host_sha1su1(vreg_t d, vreg_t n);
/* SHA256H (h2 0: returns abcd) / SHA256H2 (h2 1: returns efgh) after four rounds (HOST_SHA) */
vreg_t host_sha256h(int h2, vreg_t abcd, vreg_t efgh, vreg_t wk);
vreg_t host_sha256su0(vreg_t d, vreg_t n);
vreg_t host_sha256su1(vreg_t d, vreg_t n, vreg_t m);
/*
 * CRC32 (IEEE) by Barrett reduction with two carry-less products (HOST_PCLMUL): the constants,
 * shared with jit_crypto.c, are floor(x^96 / P) without its x^64 term, and P without x^32, both
 * bit-reflected.
 */
#define CRC32_BARRETT_MU 0x5a72d812fb808b20ull
#define CRC32_BARRETT_P 0xedb88320u
uint32_t host_crc32(uint32_t crc, uint64_t v, int sz);
/* CRC32C over the low 1 << sz bytes of v (HOST_CRC32C) */
uint32_t host_crc32c(uint32_t crc, uint64_t v, int sz);

#endif /* XARCH_SIMD_CRYPTO_HOST_H */
