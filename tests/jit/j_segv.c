// SPDX-License-Identifier: GPL-2.0-only
/*
 * j_segv.c — synchronous faults inside hot translated code must be precise.
 *   walk: a load loop runs off an array into a PROT_NONE guard page, 100 times; the handler
 *         checks si_addr is the first guard byte, the ucontext pc is the load (an asm label),
 *         the post-indexed base register was not written back and the running sum in x2
 *         covers exactly the array; then siglongjmp out.
 *   mid:  a fault in the middle of a long basic block, after 1000 good runs of the same block:
 *         registers, NZCV and a store from before the load are visible in the ucontext/memory,
 *         the effects of the instructions after it are not. 100 times.
 */
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include "jt.h"

/* walk(p): x2 = sum of 8-byte words from p on, forever (until it faults). */
__asm__(".text\n"
	".balign 16\n"
	".globl walk\n"
	"walk:\n"
	"	mov x2, #0\n"
	"	mov x3, #0\n"
	".globl walk_load\n"
	"walk_load:\n"
	"	ldr x1, [x0], #8\n"
	"	add x2, x2, x1\n"
	"	add x3, x3, #1\n"
	"	b walk_load\n");
extern char walk_load[];
void walk(uint64_t *p);

/*
 * mid(p, q): a long block around a load from q. Returns the loaded value + 1; stores to p[0]
 * before the load and to p[1] after it.
 */
__asm__(".text\n"
	".balign 16\n"
	".globl mid\n"
	"mid:\n"
	"	mov x9, #1\n"
	"	add x10, x9, #10\n"
	"	movz x11, #0x1234\n"
	"	eor x12, x10, x11\n"
	"	movz x15, #0x5555\n"
	"	str x12, [x0]\n"
	"	cmp x9, x10\n"		/* 1 - 11: N=1, C=0 */
	".globl mid_load\n"
	"mid_load:\n"
	"	ldr x14, [x1]\n"
	"	movz x9, #0xdead\n"
	"	add x10, x10, #100\n"
	"	movz x15, #7\n"
	"	cmn x9, #0\n"		/* clears N, sets nothing else */
	"	str x15, [x0, #8]\n"
	"	add x0, x14, #1\n"
	"	ret\n");
extern char mid_load[];
uint64_t mid(uint64_t *p, uint64_t *q);

static sigjmp_buf jb;
static volatile uint64_t f_addr, f_pc, f_x0, f_x2, f_x3, f_x9, f_x10, f_x11, f_x12, f_x15, f_nzcv;

static void handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	(void)sig;
	f_addr = (uint64_t)si->si_addr;
	f_pc = uc->uc_mcontext.pc;
	f_x0 = uc->uc_mcontext.regs[0];
	f_x2 = uc->uc_mcontext.regs[2];
	f_x3 = uc->uc_mcontext.regs[3];
	f_x9 = uc->uc_mcontext.regs[9];
	f_x10 = uc->uc_mcontext.regs[10];
	f_x11 = uc->uc_mcontext.regs[11];
	f_x12 = uc->uc_mcontext.regs[12];
	f_x15 = uc->uc_mcontext.regs[15];
	f_nzcv = uc->uc_mcontext.pstate & 0xf0000000u;
	siglongjmp(jb, 1);
}

#define PAGES 2

static void test_walk(void)
{
	char *m = mmap(NULL, (PAGES + 1) * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t *a = (uint64_t *)m, *guard = (uint64_t *)(m + PAGES * 4096);
	volatile int bad = 0, faults = 0;
	char why[200] = "";

	for (int i = 0; i < PAGES * 512; i++)
		a[i] = i * 3 + 1;
	mprotect(guard, 4096, PROT_NONE);
	for (volatile int r = 0; r < 100; r++) {
		int start = (r * 97) % (PAGES * 512);
		volatile uint64_t want = 0;
		for (int i = start; i < PAGES * 512; i++)
			want = want + a[i];
		f_addr = f_pc = 0;
		if (sigsetjmp(jb, 1) == 0) {
			walk(a + start);
			snprintf(why, sizeof(why), "walk returned");
			bad++;
			continue;
		}
		faults++;
		if (f_addr != (uint64_t)guard || f_pc != (uint64_t)walk_load || f_x0 != (uint64_t)guard ||
		    f_x2 != want || f_x3 != (uint64_t)(PAGES * 512 - start)) {
			if (!bad++)
				snprintf(why, sizeof(why),
					 "round %d: si_addr %+lld from guard, pc %+lld from the load, x0 %+lld, x2 %llu want %llu, x3 %llu",
					 r, (long long)(f_addr - (uint64_t)guard), (long long)(f_pc - (uint64_t)walk_load),
					 (long long)(f_x0 - (uint64_t)guard), (unsigned long long)f_x2,
					 (unsigned long long)want, (unsigned long long)f_x3);
		}
	}
	CHECK("walk: 100 hot loads into a guard page: si_addr, pc, base register and sum exact",
	      faults == 100 && bad == 0, "faults %d, bad %d: %s", faults, bad, why);
	munmap(m, (PAGES + 1) * 4096);
}

static void test_mid(void)
{
	char *m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t *p = (uint64_t *)m, *good = (uint64_t *)(m + 64), *bad_addr = (uint64_t *)(m + 4096 + 24);
	volatile int bad = 0, faults = 0, badret = 0;
	char why[300] = "";

	mprotect(m + 4096, 4096, PROT_NONE);
	for (volatile int r = 0; r < 100; r++) {
		for (int i = 0; i < 1000; i++) {
			*good = i;
			if (mid(p, good) != (uint64_t)i + 1 || p[1] != 7)
				badret++;
		}
		p[0] = p[1] = 0;
		if (sigsetjmp(jb, 1) == 0) {
			mid(p, bad_addr);
			snprintf(why, sizeof(why), "mid returned");
			bad++;
			continue;
		}
		faults++;
		if (f_addr != (uint64_t)bad_addr || f_pc != (uint64_t)mid_load || f_x9 != 1 || f_x10 != 11 ||
		    f_x11 != 0x1234 || f_x12 != (11 ^ 0x1234) || f_x15 != 0x5555 || f_nzcv != 0x80000000u ||
		    p[0] != (11 ^ 0x1234) || p[1] != 0) {
			if (!bad++)
				snprintf(why, sizeof(why),
					 "round %d: si_addr %+lld, pc %+lld from the load, x9 %#llx x10 %llu x11 %#llx x12 %#llx x15 %#llx nzcv %#llx p[0] %#llx p[1] %#llx",
					 r, (long long)(f_addr - (uint64_t)bad_addr), (long long)(f_pc - (uint64_t)mid_load),
					 (unsigned long long)f_x9, (unsigned long long)f_x10, (unsigned long long)f_x11,
					 (unsigned long long)f_x12, (unsigned long long)f_x15, (unsigned long long)f_nzcv,
					 (unsigned long long)p[0], (unsigned long long)p[1]);
		}
	}
	CHECK("mid: the same long block 1000 times right, then faulting in its middle", badret == 0,
	      "%d wrong results", badret);
	CHECK("mid: 100 faults mid-block: state before the load visible, after it not", faults == 100 && bad == 0,
	      "faults %d, bad %d: %s", faults, bad, why);
	munmap(m, 2 * 4096);
}

int main(void)
{
	struct sigaction sa = { 0 };

	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	test_walk();
	test_mid();
	return jt_exit();
}
