// SPDX-License-Identifier: GPL-2.0-only
/*
 * j_smc.c — self-modifying and re-generated code. A translator that keeps running a stale
 * translation after the guest rewrote the code (and did the architectural cache maintenance,
 * or remapped the page) returns the old constant and fails here.
 *   rwx:      an RWX page, `movz w0,#k; [add w0,w0,#1;] ret`, called 1000 times, 200 rewrites
 *   wx:       the same with RW -> RX -> RW via mprotect (W^X)
 *   remap:    munmap + mmap(MAP_FIXED) of new code at the same address (with and without
 *             __builtin___clear_cache: a new page needs none); mmap(MAP_FIXED) over it
 *   self:     code in an RWX page rewrites an instruction of its own page (DC CVAU/IC IVAU/ISB)
 *             right ahead of itself, and inside its own loop body
 */
#include <sys/mman.h>
#include <unistd.h>
#include "jt.h"

#define CALLS 1000
#define CYCLES 200

typedef int (*fn_t)(void);
typedef uint64_t (*fn1_t)(uint64_t);

/* Write fn at p: `movz w0,#k; ret` on even cycles, `movz w0,#k; add w0,w0,#1; ret` on odd. */
static int gen(void *p, int cycle)
{
	unsigned k = (cycle * 7919u + 13u) & 0xffffu;
	uint32_t w[3];
	size_t n;

	w[0] = a64_movz_w(0, k);
	if (cycle & 1) {
		w[1] = a64_add_w_imm(0, 0, 1);
		w[2] = A64_RET;
		n = 3;
		k++;
	} else {
		w[1] = A64_RET;
		n = 2;
	}
	memcpy(p, w, n * 4);
	return (int)k;
}

/* Call p CALLS times; return the number of wrong results, the first in *got. */
static int hot_calls(void *p, int want, int *got)
{
	fn_t f = (fn_t)p;
	int bad = 0;

	for (int i = 0; i < CALLS; i++) {
		int r = f();
		if (r != want) {
			if (!bad)
				*got = r;
			bad++;
		}
	}
	return bad;
}

static void test_rwx(void)
{
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int badcycles = 0, firstc = -1, want0 = 0, got0 = 0;

	if (p == MAP_FAILED) {
		CHECK("rwx: mmap", 0, "mmap failed");
		return;
	}
	for (int c = 0; c < CYCLES; c++) {
		int want = gen(p, c), got = 0;
		__builtin___clear_cache(p, p + 12);
		if (hot_calls(p, want, &got)) {
			if (!badcycles++) {
				firstc = c;
				want0 = want;
				got0 = got;
			}
		}
	}
	CHECK("rwx: 200 rewrites x 1000 calls see the new constant", badcycles == 0,
	      "%d bad cycles, first %d: want %d got %d", badcycles, firstc, want0, got0);
	munmap(p, 4096);
}

static void test_wx(void)
{
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int badcycles = 0, firstc = -1, want0 = 0, got0 = 0, mperr = 0;

	for (int c = 0; c < CYCLES; c++) {
		int want, got = 0;
		mperr |= mprotect(p, 4096, PROT_READ | PROT_WRITE);
		want = gen(p, c);
		mperr |= mprotect(p, 4096, PROT_READ | PROT_EXEC);
		__builtin___clear_cache(p, p + 12);
		if (hot_calls(p, want, &got)) {
			if (!badcycles++) {
				firstc = c;
				want0 = want;
				got0 = got;
			}
		}
	}
	CHECK("wx: RW->RX mprotect, 200 rewrites x 1000 calls see the new constant",
	      badcycles == 0 && !mperr, "%d bad cycles, first %d: want %d got %d; mprotect err %d",
	      badcycles, firstc, want0, got0, mperr);
	munmap(p, 4096);
}

static void test_remap(void)
{
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int bad_unmap = 0, bad_over = 0, moved = 0, got = 0;

	/* munmap, then a new mapping at the same address (MAP_FIXED), RW then RX */
	for (int c = 0; c < 50; c++) {
		int want;
		munmap(p, 4096);
		if (mmap(p, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != p) {
			moved++;
			break;
		}
		want = gen(p, c);
		mprotect(p, 4096, PROT_READ | PROT_EXEC);
		__builtin___clear_cache(p, p + 12);
		bad_unmap += hot_calls(p, want, &got) != 0;
	}
	CHECK("remap: munmap + mmap(MAP_FIXED) of new code at the same address, 50 times",
	      !bad_unmap && !moved, "%d bad cycles, last got %d, moved %d", bad_unmap, got, moved);

	/*
	 * The same without __builtin___clear_cache: a new page is made coherent by Linux when it is
	 * first mapped executable (mprotect RX), so only the emulator's invalidation on
	 * munmap/mmap/mprotect can make the new code run.
	 */
	bad_unmap = 0;
	for (int c = 0; c < 50; c++) {
		int want;
		munmap(p, 4096);
		if (mmap(p, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != p) {
			moved++;
			break;
		}
		want = gen(p, c + 500);
		mprotect(p, 4096, PROT_READ | PROT_EXEC);
		bad_unmap += hot_calls(p, want, &got) != 0;
	}
	CHECK("remap: munmap + new page + mprotect RX, no cache maintenance, 50 times", !bad_unmap && !moved,
	      "%d bad cycles, last got %d, moved %d", bad_unmap, got, moved);

	/* mmap(MAP_FIXED) straight over the live code mapping (no munmap) */
	for (int c = 0; c < 50; c++) {
		int want;
		if (mmap(p, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != p) {
			moved++;
			break;
		}
		want = gen(p, c + 1000);
		__builtin___clear_cache(p, p + 12);
		bad_over += hot_calls(p, want, &got) != 0;
	}
	CHECK("remap: mmap(MAP_FIXED) over the running code, 50 times", !bad_over && !moved,
	      "%d bad cycles, last got %d, moved %d", bad_over, got, moved);
	munmap(p, 4096);
}

/*
 * Position-independent code copied into an RWX page and run there.
 * self_ahead(k): builds `movz w0,#k`, stores it at `1:` (further down the same straight-line
 * code), does DC CVAU / DSB / IC IVAU / DSB / ISB and falls into it: returns k.
 * self_loop(n): a loop whose first instruction `movz w7,#v` is rewritten by the loop body each
 * iteration to `movz w7,#i` (i = iterations done); returns the sum of w7 over the iterations,
 * n(n-1)/2 for n <= 65536 when every rewrite is seen by the next iteration.
 */
__asm__(".text\n"
	".balign 64\n"
	".globl self_code_start\n"
	"self_code_start:\n"
	".globl self_ahead\n"
	"self_ahead:\n"
	"	and w2, w0, #0xffff\n"
	"	movz w3, #0x5280, lsl #16\n"
	"	orr w3, w3, w2, lsl #5\n"
	"	adr x4, 1f\n"
	"	str w3, [x4]\n"
	"	dc cvau, x4\n"
	"	dsb ish\n"
	"	ic ivau, x4\n"
	"	dsb ish\n"
	"	isb\n"
	"1:	movz w0, #0xdead\n"
	"	ret\n"
	".balign 16\n"
	".globl self_loop\n"
	"self_loop:\n"
	"	mov x5, #0\n"
	"	mov x6, #0\n"
	"2:	movz w7, #0\n"
	"	add x5, x5, x7\n"
	"	add x6, x6, #1\n"
	"	movz w3, #0x5280, lsl #16\n"
	"	orr w3, w3, #7\n"
	"	and w2, w6, #0xffff\n"
	"	orr w3, w3, w2, lsl #5\n"
	"	adr x4, 2b\n"
	"	str w3, [x4]\n"
	"	dc cvau, x4\n"
	"	dsb ish\n"
	"	ic ivau, x4\n"
	"	dsb ish\n"
	"	isb\n"
	"	cmp x6, x0\n"
	"	b.lo 2b\n"
	"	mov x0, x5\n"
	"	ret\n"
	".globl self_code_end\n"
	"self_code_end:\n");
extern char self_code_start[], self_code_end[], self_ahead[], self_loop[];

static void test_self(void)
{
	size_t len = self_code_end - self_code_start;
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	fn1_t ahead = (fn1_t)(p + (self_ahead - self_code_start));
	fn1_t loop = (fn1_t)(p + (self_loop - self_code_start));
	int bad = 0;
	uint64_t k0 = 0, r0 = 0;

	memcpy(p, self_code_start, len);
	__builtin___clear_cache(p, p + len);
	for (uint64_t i = 0; i < 2000; i++) {
		uint64_t k = (i * 40503u) & 0xffff, r = ahead(k);
		if (r != k && !bad++) {
			k0 = k;
			r0 = r;
		}
	}
	CHECK("self: code rewrites the next instruction of its own page, 2000 calls", bad == 0,
	      "%d wrong, first k=%llu got %llu", bad, (unsigned long long)k0, (unsigned long long)r0);

	bad = 0;
	for (int c = 0; c < 20; c++) {
		uint64_t n = 1000 + c * 37, r;
		memcpy(p, self_code_start, len);
		__builtin___clear_cache(p, p + len);
		r = loop(n);
		if (r != n * (n - 1) / 2 && !bad++) {
			k0 = n;
			r0 = r;
		}
	}
	CHECK("self: a loop rewrites its own first instruction every iteration, 20 x ~1000", bad == 0,
	      "%d wrong, first n=%llu got %llu want %llu", bad, (unsigned long long)k0,
	      (unsigned long long)r0, (unsigned long long)(k0 * (k0 - 1) / 2));
	munmap(p, 4096);
}

int main(void)
{
	test_rwx();
	test_wx();
	test_remap();
	test_self();
	return jt_exit();
}
