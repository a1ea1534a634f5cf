// SPDX-License-Identifier: GPL-2.0-only
/*
 * j_hreg.c — hot loops whose guest registers the translator keeps in host registers, written to
 * catch sequences that compute straight in those registers, and flags that are computed only
 * where something reads them.
 *   alias: a result register that is also the second source (ADD/SUB/EOR/MUL/CSEL with
 *          Rd == Rm != Rn), 32-bit in-place operations (their upper half must be zeroed), byte
 *          stores of held registers (rbp's low byte needs a REX prefix), post-index writeback
 *          of a held base, loads into held registers, LDP/STP on a held base; compared with the
 *          same loop in C.
 *   flags-clobber: ADDS, then an instruction that clobbers the host flags, then ADC reading C.
 *   flags-exit: SUBS whose only reader is in the next block (after a CBZ that leaves), with
 *          another SUBS there after the reader.
 *   flags-fault: SUBS whose flags are overwritten by a CMP later in the block, with a load
 *          between that faults: the SIGSEGV handler must see the SUBS's NZCV in the ucontext.
 */
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include "jt.h"

/* halias(out, n, buf): n rounds; out[0..5] the registers at the end; buf gets 4 bytes a round */
__asm__(".text\n"
	".balign 16\n"
	".globl halias\n"
	"halias:\n"
	"	mov x3, #1\n"
	"	mov x4, #3\n"
	"	mov x5, #5\n"
	"	mov x6, #7\n"
	"	mov x7, #0\n"
	"	cmp x3, x3\n"
	"halias_loop:\n"
	"	add x4, x5, x4\n"
	"	sub w5, w6, w5\n"
	"	eor x6, x3, x6\n"
	"	csel x5, x3, x5, ne\n"
	"	mul x3, x4, x3\n"
	"	add x3, x3, #0x11\n"
	"	add w6, w6, w6\n"
	"	lsl w4, w4, #1\n"
	"	orr w3, w3, w3\n"
	"	strb w3, [x2], #1\n"
	"	strb w4, [x2], #1\n"
	"	strb w5, [x2], #1\n"
	"	strb w6, [x2], #1\n"
	"	ldrb w7, [x2, #-3]\n"
	"	add x4, x4, x7\n"
	"	stp x3, x4, [x0]\n"
	"	ldp x8, x9, [x0]\n"
	"	add x5, x5, x8\n"
	"	sub x6, x6, x9\n"
	"	subs x1, x1, #1\n"
	"	b.ne halias_loop\n"
	"	stp x3, x4, [x0]\n"
	"	stp x5, x6, [x0, #16]\n"
	"	stp x7, x2, [x0, #32]\n"
	"	ret\n");
void halias(uint64_t *out, uint64_t n, uint8_t *buf);

static void halias_model(uint64_t *out, uint64_t n, uint8_t *buf)
{
	uint64_t x3 = 1, x4 = 3, x5 = 5, x6 = 7, x7 = 0, x8, x9;
	int z = 1;	/* cmp x3, x3, then subs x1 (non-zero until the last round) */
	for (uint64_t k = n; k; k--) {
		x4 = x5 + x4;
		x5 = (uint32_t)((uint32_t)x6 - (uint32_t)x5);
		x6 = x3 ^ x6;
		x5 = !z ? x3 : x5;
		x3 = x4 * x3;
		x3 += 0x11;
		x6 = (uint32_t)(x6 + x6);
		x4 = (uint32_t)(x4 << 1);
		x3 = (uint32_t)x3;
		*buf++ = (uint8_t)x3;
		*buf++ = (uint8_t)x4;
		*buf++ = (uint8_t)x5;
		*buf++ = (uint8_t)x6;
		x7 = buf[-3];
		x4 += x7;
		x8 = x3;
		x9 = x4;
		x5 += x8;
		x6 -= x9;
		z = k - 1 == 0;
	}
	out[0] = x3, out[1] = x4, out[2] = x5, out[3] = x6, out[4] = x7, out[5] = (uint64_t)buf;
}

static void test_alias(void)
{
	static uint8_t b1[4 * 4000], b2[4 * 4000];
	uint64_t got[6], want[6];
	int bad = 0;
	for (int r = 0; r < 20 && !bad; r++) {
		uint64_t n = 100 + 190 * (uint64_t)r;
		halias(got, n, b1);
		halias_model(want, n, b2);
		got[5] -= (uint64_t)b1;
		want[5] -= (uint64_t)b2;
		bad = memcmp(got, want, sizeof(got)) || memcmp(b1, b2, 4 * n);
	}
	CHECK("alias: Rd == Rm, 32-bit in place, byte stores, writeback, LDP/STP on held registers",
	      !bad, "x3 %#llx/%#llx x4 %#llx/%#llx x5 %#llx/%#llx x6 %#llx/%#llx",
	      (unsigned long long)got[0], (unsigned long long)want[0], (unsigned long long)got[1],
	      (unsigned long long)want[1], (unsigned long long)got[2], (unsigned long long)want[2],
	      (unsigned long long)got[3], (unsigned long long)want[3]);
	printf("alias: x3 %#llx x6 %#llx\n", (unsigned long long)got[0], (unsigned long long)got[3]);
}

/* hclob(n, a, b): n rounds of a 128-bit add of (a, b) into (x3, x5), the carry read by ADC
 * after a shift that clobbers the host flags; returns x5 ^ x3 */
__asm__(".text\n"
	".balign 16\n"
	".globl hclob\n"
	"hclob:\n"
	"	mov x3, #0\n"
	"	mov x5, #0\n"
	"	mov x6, #0\n"
	"hclob_loop:\n"
	"	adds x3, x3, x1\n"
	"	lsl x6, x6, #1\n"
	"	eor x6, x6, x3, lsr #60\n"
	"	adc x5, x5, x2\n"
	"	sub x0, x0, #1\n"
	"	cbnz x0, hclob_loop\n"
	"	eor x0, x5, x3\n"
	"	eor x0, x0, x6\n"
	"	ret\n");
uint64_t hclob(uint64_t n, uint64_t a, uint64_t b);

static uint64_t hclob_model(uint64_t n, uint64_t a, uint64_t b)
{
	uint64_t x3 = 0, x5 = 0, x6 = 0;
	while (n--) {
		uint64_t s = x3 + a;
		int c = s < x3;
		x3 = s;
		x6 = (x6 << 1) ^ (x3 >> 60);
		x5 = x5 + b + (uint64_t)c;
	}
	return x5 ^ x3 ^ x6;
}

/* hexit(n, a): a loop whose SUBS is read by a CSEL in the next block (past a CBZ that leaves
 * the first block); the second block sets the flags again after its reader */
__asm__(".text\n"
	".balign 16\n"
	".globl hexit\n"
	"hexit:\n"
	"	mov x3, #0\n"
	"	mov x4, #0\n"
	"	mov x9, #0\n"
	"hexit_loop:\n"
	"	add x3, x3, x1\n"
	"	subs x7, x3, x0\n"
	"	cbz x9, hexit_next\n"
	"	nop\n"
	"hexit_next:\n"
	"	csel x8, x3, x0, lo\n"
	"	add x4, x4, x8\n"
	"	subs x0, x0, #1\n"
	"	b.ne hexit_loop\n"
	"	mov x0, x4\n"
	"	ret\n");
uint64_t hexit(uint64_t n, uint64_t a);

static uint64_t hexit_model(uint64_t n, uint64_t a)
{
	uint64_t x3 = 0, x4 = 0;
	for (; n; n--) {
		x3 += a;
		x4 += x3 < n ? x3 : n;
	}
	return x4;
}

static void test_flags(void)
{
	int bad = 0;
	uint64_t got = 0, want = 0;
	for (int r = 0; r < 100 && !bad; r++) {
		uint64_t a = 0x9e3779b97f4a7c15ull * (uint64_t)(r + 1), b = (uint64_t)r * 77;
		got = hclob(50 + (uint64_t)r, a, b);
		want = hclob_model(50 + (uint64_t)r, a, b);
		bad = got != want;
	}
	CHECK("flags-clobber: ADDS, a shift, then ADC: the carry survives, 100 rounds exact", !bad,
	      "%#llx, want %#llx", (unsigned long long)got, (unsigned long long)want);
	bad = 0;
	for (int r = 0; r < 100 && !bad; r++) {
		got = hexit(200 + (uint64_t)r, 3 + (uint64_t)r % 5);
		want = hexit_model(200 + (uint64_t)r, 3 + (uint64_t)r % 5);
		bad = got != want;
	}
	CHECK("flags-exit: SUBS read by CSEL in the next block, 100 rounds exact", !bad,
	      "%#llx, want %#llx", (unsigned long long)got, (unsigned long long)want);
}

/* hfault(p): walks 8-byte words from p on until a load faults; the SUBS before the load is
 * overwritten by the CMP after it, so only the fault reads its flags */
__asm__(".text\n"
	".balign 16\n"
	".globl hfault\n"
	"hfault:\n"
	"	mov x3, #0\n"
	"	mov x4, #0\n"
	"hfault_loop:\n"
	"	add x3, x3, #1\n"
	"	subs x5, x3, #3\n"
	".globl hfault_load\n"
	"hfault_load:\n"
	"	ldr x1, [x0], #8\n"
	"	add x4, x4, x1\n"
	"	cmp x3, x3\n"
	"	b hfault_loop\n");
extern char hfault_load[];
void hfault(uint64_t *p);

static sigjmp_buf jb;
static volatile uint64_t f_pc, f_pstate, f_x3;

static void handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	(void)sig;
	(void)si;
	f_pc = uc->uc_mcontext.pc;
	f_pstate = uc->uc_mcontext.pstate;
	f_x3 = uc->uc_mcontext.regs[3];
	siglongjmp(jb, 1);
}

static void test_fault(void)
{
	char *m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t *a = (uint64_t *)m;
	volatile int bad = 0, faults = 0;
	char why[300] = "";
	struct sigaction sa = { 0 };

	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	mprotect(m + 4096, 4096, PROT_NONE);
	for (volatile int r = 0; r < 50; r++) {
		/* from 1 to 50 good words: the fault comes with x3 from 2 to 51 */
		int good = 1 + r;
		if (sigsetjmp(jb, 1) == 0) {
			hfault(a + 512 - good);
			snprintf(why, sizeof(why), "hfault returned");
			bad++;
			continue;
		}
		faults++;
		uint64_t x3 = (uint64_t)good + 1, d = x3 - 3;
		uint64_t nzcv = (d >> 63) << 31 | (uint64_t)(d == 0) << 30 | (uint64_t)(x3 >= 3) << 29;
		if ((f_pstate & 0xf0000000u) != nzcv && !bad++)
			snprintf(why, sizeof(why), "round %d (x3 %llu): NZCV %#llx, want %#llx", r,
				 (unsigned long long)f_x3, (unsigned long long)(f_pstate & 0xf0000000u),
				 (unsigned long long)nzcv);
		if ((f_pc != (uint64_t)hfault_load || f_x3 != x3) && !bad++)
			snprintf(why, sizeof(why), "round %d: pc %+lld from the load, x3 %llu", r,
				 (long long)(f_pc - (uint64_t)hfault_load), (unsigned long long)f_x3);
	}
	CHECK("flags-fault: NZCV of a SUBS read only by a fault is exact in the ucontext, 50 faults",
	      faults == 50 && bad == 0, "faults %d, bad %d: %s", faults, bad, why);
	munmap(m, 2 * 4096);
}

int main(void)
{
	test_alias();
	test_flags();
	test_fault();
	return jt_exit();
}
