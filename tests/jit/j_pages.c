// SPDX-License-Identifier: GPL-2.0-only
/*
 * j_pages.c — code in many 4 KiB pages: the emulator's per-page tables (decoded slots, the JIT's
 * block entries) come from an arena carved out of 4 MiB chunks and populated ahead of use, and
 * pages are found through a hash of their page number. Each page's table must stay its own:
 *   many:    1,500 pages of code (about 12 MiB of slots, so several chunks), each with a function
 *            `movz w0,#i; add w0,w0,#1; ret` at its own offset, called 40 times (translated at
 *            the default threshold); every result checked, then every 7th page rewritten and all
 *            of them checked again (the rewritten ones give the new value, the others the old).
 *   chain:   8 pages 16 MiB apart (the same page-number low bits: one hash chain), the same
 *            calls, then the 4th rewritten; each page must still run its own code.
 */
#include <sys/mman.h>
#include "jt.h"

#define PG 4096
typedef uint32_t (*fn_t)(void);

/* movz w0, #v; add w0, w0, #1; ret at p (returns v + 1) */
static void put(char *p, unsigned v)
{
	uint32_t w[3] = { a64_movz_w(0, v), a64_add_w_imm(0, 0, 1), A64_RET };
	jt_emit(p, w, 3);
}

static unsigned off_of(unsigned i)
{
	return (i * 52u) % (PG - 16) & ~3u;	/* spread over the page's slots */
}

/* Calls f 40 times; the number of wrong results (the first one in *got). */
static int hot(fn_t f, uint32_t want, uint32_t *got)
{
	int bad = 0;
	for (int k = 0; k < 40; k++) {
		uint32_t r = f();
		if (r != want && !bad++)
			*got = r;
	}
	return bad;
}

int main(void)
{
	enum { N = 1500 };
	char *m = mmap(NULL, (size_t)N * PG, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		printf("mmap: NO (failed)\n");
		return 1;
	}
	for (unsigned i = 0; i < N; i++)
		put(m + (size_t)i * PG + off_of(i), i);
	int bad = 0, first = -1;
	uint32_t got = 0;
	for (unsigned i = 0; i < N; i++)
		if (hot((fn_t)(m + (size_t)i * PG + off_of(i)), i + 1, &got) && !bad++)
			first = (int)i;
	CHECK("many: 1500 pages each run their own code, hot", !bad, "%d pages wrong, first %d returned %u", bad,
	      first, got);
	for (unsigned i = 0; i < N; i += 7)
		put(m + (size_t)i * PG + off_of(i), i + 20000);
	bad = 0;
	first = -1;
	for (unsigned i = 0; i < N; i++) {
		uint32_t want = i % 7 ? i + 1 : i + 20001;
		if (hot((fn_t)(m + (size_t)i * PG + off_of(i)), want, &got) && !bad++)
			first = (int)i;
	}
	CHECK("many: every 7th page rewritten, each page runs its current code", !bad,
	      "%d pages wrong, first %d returned %u", bad, first, got);

	enum { C = 8 };
	const size_t stride = (size_t)16 << 20;
	char *r = mmap(NULL, C * stride, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (r == MAP_FAILED) {
		printf("mmap reserve: NO (failed)\n");
		return 1;
	}
	char *c = (char *)(((uintptr_t)r + stride - 1) & ~(uintptr_t)(stride - 1));	/* same low bits */
	int nc = (int)((r + C * stride - c) / stride);
	for (int k = 0; k < nc; k++) {
		char *p = c + (size_t)k * stride;
		mprotect(p, PG, PROT_READ | PROT_WRITE | PROT_EXEC);
		put(p + 64, 100u + (unsigned)k);
	}
	bad = 0;
	for (int k = 0; k < nc; k++)
		if (hot((fn_t)(c + (size_t)k * stride + 64), 101u + (unsigned)k, &got) && !bad++)
			first = k;
	CHECK("chain: pages 16 MiB apart each run their own code, hot", nc >= 7 && !bad,
	      "%d of %d pages wrong, first %d returned %u", bad, nc, first, got);
	put(c + 3 * stride + 64, 500);
	bad = 0;
	for (int k = 0; k < nc; k++)
		if (hot((fn_t)(c + (size_t)k * stride + 64), k == 3 ? 501u : 101u + (unsigned)k, &got) && !bad++)
			first = k;
	CHECK("chain: one of them rewritten, each runs its current code", !bad, "%d pages wrong, first %d returned %u",
	      bad, first, got);
	return jt_exit();
}
