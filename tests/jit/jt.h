/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * jt.h — helpers shared by the tests/jit guest programs. Every check prints one line,
 * "NAME: ok" or "NAME: NO (details)"; the program exits 1 when any check failed. The `run`
 * script fails a test on any " NO" line, on a non-zero status, on a timeout, and (for the
 * deterministic programs) on any difference from qemu-aarch64-static's output.
 */
#ifndef JT_H
#define JT_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int jt_failures;

#define CHECK(name, cond, ...)                                                         \
	do {                                                                           \
		if (cond) {                                                            \
			printf("%s: ok\n", (name));                                    \
		} else {                                                               \
			jt_failures++;                                                 \
			printf("%s: NO (", (name));                                    \
			printf(__VA_ARGS__);                                           \
			printf(")\n");                                                 \
		}                                                                      \
		fflush(stdout);                                                        \
	} while (0)

static inline int jt_exit(void)
{
	printf("failures=%d\n", jt_failures);
	fflush(stdout);
	return jt_failures ? 1 : 0;
}

/* Does condition cond (A64 encoding 0..15) hold for NZCV in bits 31..28 of nzcv? (AL, NV: yes) */
static inline int jt_cond_holds(uint32_t nzcv, int cond)
{
	int n = nzcv >> 31 & 1, z = nzcv >> 30 & 1, c = nzcv >> 29 & 1, v = nzcv >> 28 & 1, r;
	switch (cond >> 1) {
	case 0: r = z; break;
	case 1: r = c; break;
	case 2: r = n; break;
	case 3: r = v; break;
	case 4: r = c && !z; break;
	case 5: r = n == v; break;
	case 6: r = n == v && !z; break;
	default: return 1;	/* AL, NV */
	}
	return (cond & 1) ? !r : r;
}

/* A64 encodings used to generate code at run time. */
static inline uint32_t a64_movz_w(unsigned rd, unsigned imm16)
{
	return 0x52800000u | ((imm16 & 0xffffu) << 5) | rd;
}

static inline uint32_t a64_add_w_imm(unsigned rd, unsigned rn, unsigned imm12)
{
	return 0x11000000u | ((imm12 & 0xfffu) << 10) | (rn << 5) | rd;
}

#define A64_RET 0xd65f03c0u
#define A64_NOP 0xd503201fu

/* Write words to p and make them visible to instruction fetch (DC CVAU/IC IVAU/ISB). */
static inline void jt_emit(void *p, const uint32_t *w, size_t n)
{
	memcpy(p, w, n * 4);
	__builtin___clear_cache((char *)p, (char *)p + n * 4);
	__asm__ volatile("isb" ::: "memory");
}

#endif
