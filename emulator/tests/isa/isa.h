/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * isa.h — helpers for the hand-written AArch64 edge-case tests. Each test prints what it
 * computed (compared against qemu-aarch64-static by run.sh) and checks it against the value the
 * Arm architecture requires (a wrong value prints FAIL and makes the program exit 1). Lines
 * starting with '!' are specific to xarch (what we advertise) and are not compared.
 */
#ifndef ISA_H
#define ISA_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(name, got, exp) do { \
	unsigned long long g_ = (unsigned long long)(got), e_ = (unsigned long long)(exp); \
	printf("%-40s %#llx\n", name, g_); \
	if (g_ != e_) { \
		printf("FAIL %s: got %#llx expected %#llx\n", name, g_, e_); \
		failures++; \
	} \
} while (0)

#define CHECK128(name, got, exp_hi, exp_lo) do { \
	unsigned __int128 g2_ = (got); \
	CHECK(name " [hi]", (uint64_t)(g2_ >> 64), exp_hi); \
	CHECK(name " [lo]", (uint64_t)g2_, exp_lo); \
} while (0)

static inline uint64_t get_fpsr(void) { uint64_t v; __asm__ volatile("mrs %0, fpsr" : "=r"(v)); return v; }
static inline void set_fpsr(uint64_t v) { __asm__ volatile("msr fpsr, %0" : : "r"(v)); }
static inline uint64_t get_fpcr(void) { uint64_t v; __asm__ volatile("mrs %0, fpcr" : "=r"(v)); return v; }
static inline void set_fpcr(uint64_t v) { __asm__ volatile("msr fpcr, %0" : : "r"(v)); }
static inline uint64_t get_nzcv(void) { uint64_t v; __asm__ volatile("mrs %0, nzcv" : "=r"(v)); return v; }

static inline uint32_t f2u(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline float u2f(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static inline uint64_t d2u(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static inline double u2d(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

#define DONE() do { printf("%s\n", failures ? "FAILED" : "PASSED"); return failures ? 1 : 0; } while (0)

#endif
