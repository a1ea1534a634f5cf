// SPDX-License-Identifier: GPL-2.0-only
/*
 * j_regs.c — a translator that keeps guest registers in host registers must write them back
 * wherever the guest state is looked at.
 *   fault: a hot loop updating nine registers walks off an array into a PROT_NONE page, 50
 *          times; the SIGSEGV handler checks every one of them in the ucontext (their values
 *          from the loop's last, partial round, computed again in C) and leaves by siglongjmp.
 *   calls: a hot loop with instructions the translator leaves to the interpreter (RBIT, LDPSW)
 *          and to FP code (FMOV to and from D0) between integer ones that use three registers
 *          often enough to live in host registers, each reading a register just written or
 *          writing one read next; the result is compared with the same loop in C.
 */
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include "jt.h"

/* rwalk(p): the loop below over 8-byte words from p on, until a load faults. */
__asm__(".text\n"
	".balign 16\n"
	".globl rwalk\n"
	"rwalk:\n"
	"	mov x2, #0\n"
	"	mov x3, #0\n"
	"	mov x4, #1\n"
	"	mov x5, #7\n"
	"	mov x6, #0\n"
	"	mov x7, #0\n"
	"	mov x19, #0\n"
	"	mov x20, #0\n"
	"rwalk_loop:\n"
	"	add x3, x3, #1\n"
	"	eor x5, x5, x3\n"
	"	add x6, x6, x5\n"
	"	add x4, x4, x4, lsl #1\n"
	"	add x7, x7, x3, lsl #2\n"
	"	sub x19, x19, x3\n"
	"	orr x20, x20, x6\n"
	".globl rwalk_load\n"
	"rwalk_load:\n"
	"	ldr x1, [x0], #8\n"
	"	add x2, x2, x1\n"
	"	add x4, x4, x1\n"
	"	eor x19, x19, x2\n"
	"	b rwalk_loop\n");
extern char rwalk_load[];
void rwalk(uint64_t *p);

struct walk_regs {
	uint64_t x0, x1, x2, x3, x4, x5, x6, x7, x19, x20;
};

/* rwalk's registers at its fault after n good words from p (x1: its last good load). */
static struct walk_regs rwalk_model(const uint64_t *p, int n)
{
	struct walk_regs r = { 0, 0, 0, 0, 1, 7, 0, 0, 0, 0 };
	for (int i = 0;; i++) {
		r.x3 += 1;
		r.x5 ^= r.x3;
		r.x6 += r.x5;
		r.x4 += r.x4 << 1;
		r.x7 += r.x3 << 2;
		r.x19 -= r.x3;
		r.x20 |= r.x6;
		if (i == n)
			break;
		r.x1 = p[i];
		r.x2 += r.x1;
		r.x4 += r.x1;
		r.x19 ^= r.x2;
	}
	r.x0 = (uint64_t)(p + n);
	return r;
}

static sigjmp_buf jb;
static volatile uint64_t f_pc, f_regs[31];

static void handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	(void)sig;
	(void)si;
	f_pc = uc->uc_mcontext.pc;
	for (int k = 0; k < 31; k++)
		f_regs[k] = uc->uc_mcontext.regs[k];
	siglongjmp(jb, 1);
}

static void test_fault(void)
{
	char *m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t *a = (uint64_t *)m;
	volatile int bad = 0, faults = 0;
	char why[400] = "";

	for (int i = 0; i < 512; i++)
		a[i] = (uint64_t)i * 0x9e3779b97f4a7c15ull;
	mprotect(m + 4096, 4096, PROT_NONE);
	for (volatile int r = 0; r < 50; r++) {
		int start = (r * 37) % 512;
		struct walk_regs w = rwalk_model(a + start, 512 - start);
		if (sigsetjmp(jb, 1) == 0) {
			rwalk(a + start);
			snprintf(why, sizeof(why), "rwalk returned");
			bad++;
			continue;
		}
		faults++;
		const uint64_t want[] = { w.x0, w.x1, w.x2, w.x3, w.x4, w.x5, w.x6, w.x7, w.x19, w.x20 };
		const int num[] = { 0, 1, 2, 3, 4, 5, 6, 7, 19, 20 };
		for (int k = 0; k < 10; k++) {
			if (f_regs[num[k]] != want[k] && !bad++)
				snprintf(why, sizeof(why), "round %d: x%d %#llx, want %#llx", r, num[k],
					 (unsigned long long)f_regs[num[k]], (unsigned long long)want[k]);
		}
		if (f_pc != (uint64_t)rwalk_load && !bad++)
			snprintf(why, sizeof(why), "round %d: pc %+lld from the load", r,
				 (long long)(f_pc - (uint64_t)rwalk_load));
	}
	CHECK("fault: 50 faults in a hot loop over nine registers: every register exact in the ucontext",
	      faults == 50 && bad == 0, "faults %d, bad %d: %s", faults, bad, why);
	printf("fault: last x2 %#llx x4 %#llx x19 %#llx x20 %#llx\n", (unsigned long long)f_regs[2],
	       (unsigned long long)f_regs[4], (unsigned long long)f_regs[19], (unsigned long long)f_regs[20]);
	munmap(m, 2 * 4096);
}

/* rcalls(n, p): n rounds of the loop below; p points to two int32 words. */
__asm__(".text\n"
	".balign 16\n"
	".globl rcalls\n"
	"rcalls:\n"
	"	mov x2, #0x1234\n"
	"	mov x3, #0\n"
	"	mov x4, #0\n"
	"rcalls_loop:\n"
	"	add x2, x2, #0x35\n"
	"	eor x2, x2, x2, lsr #7\n"
	"	rbit x3, x2\n"
	"	add x4, x4, x3\n"
	"	eor x3, x3, x4, lsl #1\n"
	"	ldpsw x6, x7, [x1]\n"
	"	add x4, x4, x6\n"
	"	sub x4, x4, x7\n"
	"	eor x2, x2, x4\n"
	"	add x3, x3, #1\n"
	"	add x3, x3, x2\n"
	"	fmov d0, x4\n"
	"	add x4, x4, x3, lsr #3\n"
	"	fmov x5, d0\n"
	"	eor x2, x2, x5\n"
	"	add x3, x3, x3, lsl #2\n"
	"	sub x4, x4, x2, lsr #5\n"
	"	subs x0, x0, #1\n"
	"	b.ne rcalls_loop\n"
	"	eor x0, x2, x4\n"
	"	eor x0, x0, x3\n"
	"	ret\n");
uint64_t rcalls(uint64_t n, const int32_t *p);

static uint64_t rbit64(uint64_t v)
{
	uint64_t r = 0;
	for (int k = 0; k < 64; k++)
		r |= ((v >> k) & 1) << (63 - k);
	return r;
}

static uint64_t rcalls_model(uint64_t n, const int32_t *p)
{
	uint64_t x2 = 0x1234, x3 = 0, x4 = 0, x5, x6, x7;
	while (n--) {
		x2 += 0x35;
		x2 ^= x2 >> 7;
		x3 = rbit64(x2);
		x4 += x3;
		x3 ^= x4 << 1;
		x6 = (uint64_t)(int64_t)p[0];
		x7 = (uint64_t)(int64_t)p[1];
		x4 += x6;
		x4 -= x7;
		x2 ^= x4;
		x3 += 1;
		x3 += x2;
		x5 = x4;	/* through d0 */
		x4 += x3 >> 3;
		x2 ^= x5;
		x3 += x3 << 2;
		x4 -= x2 >> 5;
	}
	return x2 ^ x4 ^ x3;
}

static void test_calls(void)
{
	static const int32_t pair[2] = { -5, 0x12345 };
	int bad = 0;
	uint64_t got = 0, want = 0;
	for (int r = 0; r < 200 && !bad; r++) {
		got = rcalls(100 + r, pair);
		want = rcalls_model(100 + r, pair);
		bad = got != want;
	}
	CHECK("calls: handler and FP instructions amid a hot loop's registers: 200 rounds exact", !bad,
	      "%#llx, want %#llx", (unsigned long long)got, (unsigned long long)want);
	printf("calls: last %#llx\n", (unsigned long long)got);
}

int main(void)
{
	struct sigaction sa = { 0 };

	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	test_fault();
	test_calls();
	return jt_exit();
}
