/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * harness.h — the C side of a difftest-arm batch (difftest.py writes tests.S and cases.h).
 * Each case: an input state, one test function t_N (tests.S) that loads it, runs the
 * instruction(s) under test, and stores the output state; main prints one line per case.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct io {
	uint32_t r[15];		/* r0..r14 (r13 = sp) */
	uint32_t apsr, fpscr, pad;
	uint64_t d[32];
};

struct tcase {
	uint32_t r[15];
	uint32_t ptr;		/* bit k: r[k] is an offset into scratch */
	uint32_t apsr, fpscr;
	uint64_t d[32];
	void (*fn)(void);
	const char *name;
	uint32_t insn;
};

#define SCRATCH 2048
struct io io_in, io_out;
uint8_t scratch[SCRATCH] __attribute__((aligned(64)));
