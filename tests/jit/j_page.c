// SPDX-License-Identifier: GPL-2.0-only
/*
 * j_page.c — code that straddles a 4 KiB page boundary, run hot, then the second page changed
 * under it. A translation covering both pages must die with either page.
 *   straight: `movz w0,#A; add w0,w0,#1 | add w0,w0,#B; ret` across the boundary, 1000 calls;
 *             then the second page replaced by mmap(MAP_FIXED) with `add w0,w0,#C; ret`, 50
 *             times; then the first page rewritten (RW->RX mprotect).
 *   loop:     a loop whose body crosses the boundary (`add | subs; b.ne`), called hot, then the
 *             second page remapped with a different body.
 *   fault:    the second page made PROT_NONE, then unmapped: calling must raise SIGSEGV with
 *             si_addr and pc at the first instruction of the second page and w0 = A+1 (the first
 *             page ran); restored, the function works again. 20 rounds each.
 */
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include "jt.h"

#define PG 4096
typedef uint64_t (*fn2_t)(uint64_t, uint64_t);

static char *base, *p2;

static void map_p2(const uint32_t *w, size_t n)
{
	if (mmap(p2, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != p2) {
		printf("mmap MAP_FIXED: NO (failed)\n");
		exit(1);
	}
	memcpy(p2, w, n * 4);
	/* no cache maintenance: Linux makes a new page coherent when it is first mapped executable,
	 * so only the emulator's invalidation on mmap/mprotect makes the new code run */
	mprotect(p2, PG, PROT_READ | PROT_EXEC);
}

static int hot(fn2_t f, uint64_t a, uint64_t b, uint64_t want, uint64_t *got)
{
	int bad = 0;
	for (int i = 0; i < 1000; i++) {
		uint64_t r = f(a, b);
		if (r != want && !bad++)
			*got = r;
	}
	return bad;
}

static sigjmp_buf jb;
static volatile uint64_t f_addr, f_pc, f_x0;
static volatile int f_code;

static void handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	(void)sig;
	f_addr = (uint64_t)si->si_addr;
	f_code = si->si_code;
	f_pc = uc->uc_mcontext.pc;
	f_x0 = uc->uc_mcontext.regs[0];
	siglongjmp(jb, 1);
}

int main(void)
{
	struct sigaction sa = { 0 };
	/* the function starts 8 bytes before the boundary */
	fn2_t volatile f;
	uint64_t got = 0;
	volatile int bad = 0, faults = 0;
	char why[200] = "";

	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	base = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p2 = base + PG;
	f = (fn2_t)(p2 - 8);

	/* straight-line code across the boundary */
	{
		uint32_t w1[2] = { a64_movz_w(0, 1000), a64_add_w_imm(0, 0, 1) };
		uint32_t w2[2] = { a64_add_w_imm(0, 0, 7), A64_RET };
		jt_emit(p2 - 8, w1, 2);
		map_p2(w2, 2);
		bad = hot(f, 0, 0, 1008, &got);
		CHECK("straight: 1000 calls of a function straddling the page boundary", bad == 0,
		      "%d wrong, got %llu want 1008", bad, (unsigned long long)got);
		bad = 0;
		for (int c = 0; c < 50; c++) {
			uint32_t w[2] = { a64_add_w_imm(0, 0, 100 + c), A64_RET };
			map_p2(w, 2);
			bad += hot(f, 0, 0, 1001 + 100 + c, &got) != 0;
		}
		CHECK("straight: second page remapped (mmap MAP_FIXED) with new code, 50 times", bad == 0,
		      "%d bad rounds, last got %llu", bad, (unsigned long long)got);
		bad = 0;
		for (int c = 0; c < 50; c++) {
			uint32_t w[2] = { a64_movz_w(0, 2000 + c), a64_add_w_imm(0, 0, 1) };
			mprotect(base, PG, PROT_READ | PROT_WRITE);
			memcpy(p2 - 8, w, 8);
			mprotect(base, PG, PROT_READ | PROT_EXEC);
			__builtin___clear_cache(p2 - 8, p2);
			bad += hot(f, 0, 0, 2000 + c + 1 + 149, &got) != 0;
		}
		CHECK("straight: first page rewritten (RW -> RX), 50 times", bad == 0, "%d bad rounds, last got %llu",
		      bad, (unsigned long long)got);
	}

	/* a loop whose body crosses the boundary: f(0, n) = n, then 3n */
	{
		uint32_t w1[1] = { a64_add_w_imm(0, 0, 1) };
		uint32_t w2[3] = { 0x71000421u /* subs w1,w1,#1 */, 0x54ffffc1u /* b.ne -8 */, A64_RET };
		uint32_t w3[4] = { a64_add_w_imm(0, 0, 2), 0x71000421u, 0x54ffffa1u /* b.ne -12 */, A64_RET };
		f = (fn2_t)(p2 - 4);
		mprotect(base, PG, PROT_READ | PROT_WRITE | PROT_EXEC);
		jt_emit(p2 - 4, w1, 1);
		map_p2(w2, 3);
		bad = hot(f, 0, 500, 500, &got);
		map_p2(w3, 4);
		bad += hot(f, 0, 500, 1500, &got);
		map_p2(w2, 3);
		bad += hot(f, 0, 500, 500, &got);
		CHECK("loop: a hot loop across the boundary follows the remapped second page", bad == 0,
		      "%d wrong, last got %llu", bad, (unsigned long long)got);
	}

	/* faults: the second page PROT_NONE, then unmapped */
	f = (fn2_t)(p2 - 8);
	{
		uint32_t w1[2] = { a64_movz_w(0, 1000), a64_add_w_imm(0, 0, 1) };
		uint32_t w2[2] = { a64_add_w_imm(0, 0, 7), A64_RET };
		jt_emit(p2 - 8, w1, 2);
		bad = 0;
		for (volatile int r = 0; r < 40; r++) {
			map_p2(w2, 2);
			if (hot(f, 0, 0, 1008, &got)) {
				bad++;
				snprintf(why, sizeof(why), "round %d: hot calls got %llu", (int)r, (unsigned long long)got);
			}
			if (r & 1)
				munmap(p2, PG);
			else
				mprotect(p2, PG, PROT_NONE);
			f_addr = f_pc = f_x0 = 0;
			if (sigsetjmp(jb, 1) == 0) {
				f(0, 0);
				bad++;
				snprintf(why, sizeof(why), "round %d: the call returned", (int)r);
				continue;
			}
			faults++;
			if (f_addr != (uint64_t)p2 || f_pc != (uint64_t)p2 || f_x0 != 1001 ||
			    f_code != ((r & 1) ? SEGV_MAPERR : SEGV_ACCERR)) {
				if (!bad++)
					snprintf(why, sizeof(why), "round %d: si_addr %+lld pc %+lld x0 %llu code %d",
						 (int)r, (long long)(f_addr - (uint64_t)p2),
						 (long long)(f_pc - (uint64_t)p2), (unsigned long long)f_x0, f_code);
			}
		}
		CHECK("fault: second page PROT_NONE / unmapped under hot code: SIGSEGV at its first instruction, 40 rounds",
		      bad == 0 && faults == 40, "faults %d bad %d: %s", faults, bad, why);
	}
	return jt_exit();
}
