// SPDX-License-Identifier: GPL-2.0-only
/*
 * j_unmask.c — loops whose accesses the translator makes without the address mask (the top byte
 * of a guest address is ignored, TBI): the entry's range test must send tagged pointers to the
 * masked copy, and registers that a loop changes other than by constants must stay masked.
 *   tcopy:   glibc-like LDP/STP copy loop with tagged source and/or destination pointers.
 *   tstrcmp: glibc's strcmp loop (LDR [x0, x10], LDR [x0], #8) with tagged strings, and with the
 *            second string below the first (x10 negative).
 *   rcopy:   a byte copy through register-offset stores (STRB [x1, x10]), x10 either sign.
 *   pcopy:   glibc's software-pipelined memcpy loop (pairs loaded in one pass, stored in the next).
 *   pfault:  pcopy running into a PROT_NONE page at each pair: the pairs' registers at the fault.
 *   tagin:   a loop that tags its address register inside the loop (ORR #0xff00..) and loads
 *            through it in the next pass.
 *   down:    a loop walking down (LDR pre-index -8) into a PROT_NONE page: SIGSEGV at the load,
 *            si_addr in the guard page, the base not written back.
 */
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include "jt.h"

__asm__(".text\n"
	".balign 16\n"
	".globl ucopy64\n"
	"ucopy64:\n"
	"	sub x3, x0, #16\n"
	"	sub x1, x1, #16\n"
	"1:	ldp x6, x7, [x1, #16]\n"
	"	ldp x8, x9, [x1, #32]\n"
	"	ldp x10, x11, [x1, #48]\n"
	"	ldp x12, x13, [x1, #64]!\n"
	"	stp x6, x7, [x3, #16]\n"
	"	stp x8, x9, [x3, #32]\n"
	"	stp x10, x11, [x3, #48]\n"
	"	stp x12, x13, [x3, #64]!\n"
	"	subs x2, x2, #64\n"
	"	b.hi 1b\n"
	"	ret\n");
void ucopy64(void *dst, const void *src, uint64_t n);

/* glibc's aligned strcmp loop; x5 = the last difference or NUL word (cmp8()) */
__asm__(".text\n"
	".balign 16\n"
	".globl ustrcmp8\n"
	"ustrcmp8:\n"
	"	sub x10, x1, x0\n"
	"	mov x8, #0x0101010101010101\n"
	"1:	ldr x3, [x0, x10]\n"
	"	ldr x2, [x0], #8\n"
	"	sub x4, x2, x8\n"
	"	orr x6, x2, #0x7f7f7f7f7f7f7f7f\n"
	"	bics x4, x4, x6\n"
	"	ccmp x2, x3, #0, eq\n"
	"	b.eq 1b\n"
	"	eor x5, x2, x3\n"
	"	orr x5, x5, x4\n"
	"	ret\n");

/* pcopy(dst, src, n): glibc's memcpy loop, software-pipelined: each pass stores the pairs the
 * previous one loaded (the first pass those loaded before the loop); n a multiple of 64, >= 128 */
__asm__(".text\n"
	".balign 16\n"
	".globl pcopy\n"
	"pcopy:\n"
	"	sub x3, x0, #16\n"
	"	ldp x6, x7, [x1]\n"
	"	ldp x8, x9, [x1, #16]\n"
	"	ldp x10, x11, [x1, #32]\n"
	"	ldp x12, x13, [x1, #48]!\n"
	"	sub x2, x2, #64\n"
	".globl pcopy_loop\n"
	"pcopy_loop:\n"
	"	stp x6, x7, [x3, #16]\n"
	"	ldp x6, x7, [x1, #16]\n"
	"	stp x8, x9, [x3, #32]\n"
	"	ldp x8, x9, [x1, #32]\n"
	"	stp x10, x11, [x3, #48]\n"
	"	ldp x10, x11, [x1, #48]\n"
	"	stp x12, x13, [x3, #64]!\n"
	"	ldp x12, x13, [x1, #64]!\n"
	"	subs x2, x2, #64\n"
	"	b.hi pcopy_loop\n"
	"	stp x6, x7, [x3, #16]\n"
	"	stp x8, x9, [x3, #32]\n"
	"	stp x10, x11, [x3, #48]\n"
	"	stp x12, x13, [x3, #64]\n"
	"	ret\n");
extern char pcopy_loop[];
void pcopy(void *dst, const void *src, uint64_t n);

/* rcopy(dst, src, n): bytes through register-offset stores: x10 = dst - src, LDRB post-index,
 * STRB [x1, x10] (and a 32-bit word the same way every 4th byte, STR w6, [x1, x10]) */
__asm__(".text\n"
	".balign 16\n"
	".globl rcopy\n"
	"rcopy:\n"
	"	sub x10, x0, x1\n"
	"	sub x1, x1, #1\n"
	"1:	ldrb w5, [x1, #1]!\n"
	"	strb w5, [x1, x10]\n"
	"	subs x2, x2, #1\n"
	"	b.ne 1b\n"
	"	ret\n");
void rcopy(void *dst, const void *src, uint64_t n);

/* tagin(p, n, 0, p): the sum of n words at p; the loop (the function's start, entered with an
 * untagged x3, so its range test passes) loads through x3, then sets x3 = next address | 0xff00.. */
__asm__(".text\n"
	".balign 16\n"
	".globl tagin\n"
	"tagin:\n"
	"	ldr x6, [x3]\n"
	"	add x2, x2, x6\n"
	"	add x0, x0, #8\n"
	"	orr x3, x0, #0xff00000000000000\n"
	"	subs x1, x1, #1\n"
	"	b.ne tagin\n"
	"	mov x0, x2\n"
	"	ret\n");
uint64_t tagin(const uint64_t *p, uint64_t n, uint64_t zero, const uint64_t *p3);

/* down(p, n): n times x0 -= 8 and load [x0] (pre-index), summing; returns the sum */
__asm__(".text\n"
	".balign 16\n"
	".globl down\n"
	"down:\n"
	"	mov x2, #0\n"
	".globl down_load\n"
	"down_load:\n"
	"	ldr x3, [x0, #-8]!\n"
	"	add x2, x2, x3\n"
	"	subs x1, x1, #1\n"
	"	b.ne down_load\n"
	"	mov x0, x2\n"
	"	ret\n");
extern char down_load[];
uint64_t down(const void *p, uint64_t n);

static uint64_t tag(const void *p, unsigned t) { return (uint64_t)p | (uint64_t)t << 56; }

static sigjmp_buf jb;
static volatile uint64_t f_addr, f_pc, f_x0, f_x[32];

static void on_segv(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	(void)sig;
	f_addr = (uint64_t)si->si_addr;
	f_pc = uc->uc_mcontext.pc;
	f_x0 = uc->uc_mcontext.regs[0];
	for (int k = 0; k < 31; k++)
		f_x[k] = uc->uc_mcontext.regs[k];
	siglongjmp(jb, 1);
}

/* glibc's loop needs 8-byte aligned strings with the same alignment; r gets the result word */
static uint64_t cmp8(const char *a, const char *b)
{
	register uint64_t x0 __asm__("x0") = (uint64_t)a, x1 __asm__("x1") = (uint64_t)b;
	uint64_t r;
	__asm__ volatile("bl ustrcmp8\n\tmov %0, x5" : "=r"(r), "+r"(x0), "+r"(x1)
			 : : "x2", "x3", "x4", "x5", "x6", "x8", "x10", "x30", "cc", "memory");
	return r;
}

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	static uint8_t src[8192 + 64], dst[8192 + 128];
	static const unsigned tags[][2] = { { 0x5a, 0 }, { 0, 0xa5 }, { 0x01, 0xff }, { 0x80, 0x80 }, { 0, 0 } };
	for (unsigned t = 0; t < sizeof(tags) / sizeof(tags[0]); t++) {
		int bad = 0;
		for (unsigned k = 0; k < sizeof(src); k++)
			src[k] = (uint8_t)(k * 7 + 3 + t);
		for (int round = 0; round < 100; round++) {
			unsigned n = 64 * (2 + round % 100), so = round % 9, dof = (round * 5) % 11;
			memset(dst, 0xee, sizeof(dst));
			ucopy64((void *)tag(dst + dof, tags[t][0]), (void *)tag(src + so, tags[t][1]), n);
			if (memcmp(dst + dof, src + so, n) || (dof && dst[dof - 1] != 0xee) || dst[dof + n] != 0xee)
				bad++;
		}
		char name[96];
		snprintf(name, sizeof(name), "tcopy: destination tag %#x, source tag %#x, 100 lengths", tags[t][0], tags[t][1]);
		CHECK(name, bad == 0, "%d bad", bad);
	}
	{
		static char s1[4096] __attribute__((aligned(16))), s2[4096] __attribute__((aligned(16)));
		int bad = 0;
		for (int round = 0; round < 200; round++) {
			unsigned n = 8 + (unsigned)round * 17 % 4000, ta = round % 3 ? 0x3c : 0, tb = round % 5 ? 0xc3 : 0;
			char *a = round & 1 ? s1 : s2, *b = round & 1 ? s2 : s1;	/* b below a on odd rounds */
			memset(a, 'q', n);
			memset(b, 'q', n);
			a[n] = b[n] = 0;
			if (round % 4 == 0)
				b[n / 2] = 'r';
			uint64_t got = cmp8((const char *)tag(a, ta), (const char *)tag(b, tb));
			uint64_t want = cmp8(a, b);
			if (got != want || !want)
				bad++;
		}
		CHECK("tstrcmp: tagged strings, either above the other, 200 lengths", bad == 0, "%d bad", bad);
	}
	{
		int bad = 0;
		for (int round = 0; round < 100; round++) {
			unsigned n = 64 * (2 + round % 100), so = round % 9, dof = (round * 3) % 7;
			unsigned td = round % 3 == 2 ? 0x42 : 0;
			for (unsigned k = 0; k < sizeof(src); k++)
				src[k] = (uint8_t)(k * 5 + round);
			memset(dst, 0xee, sizeof(dst));
			pcopy((void *)tag(dst + dof, td), src + so, n);
			if (memcmp(dst + dof, src + so, n) || (dof && dst[dof - 1] != 0xee) || dst[dof + n] != 0xee)
				bad++;
		}
		CHECK("pcopy: glibc's software-pipelined LDP/STP loop, 100 lengths", bad == 0, "%d bad", bad);
	}
	{
		int bad = 0;
		for (int round = 0; round < 120; round++) {
			unsigned n = 1 + (unsigned)round * 37 % 3000, so = round % 7, dof = round % 13;
			unsigned td = round % 3 == 1 ? 0x77 : 0, ts = round % 4 == 2 ? 0xe1 : 0;
			for (unsigned k = 0; k < sizeof(src); k++)
				src[k] = (uint8_t)(k * 13 + round);
			memset(dst, 0xee, sizeof(dst));
			uint8_t *d = round & 1 ? dst + dof : src + 4096 + dof, *sp = round & 1 ? src + so : dst + so;
			if (!(round & 1))
				for (unsigned k = 0; k < n; k++)
					sp[k] = (uint8_t)(k * 3 + round);
			rcopy((void *)tag(d, td), (void *)tag(sp, ts), n);
			if (memcmp(d, sp, n) || d[n] != (round & 1 ? 0xee : (uint8_t)((4096 + dof + n) * 13 + round)))
				bad++;
		}
		CHECK("rcopy: register-offset STRB, destination above and below, tagged and not", bad == 0, "%d bad", bad);
	}
	{
		static uint64_t w[512];
		uint64_t want = 0;
		for (int k = 0; k < 512; k++)
			want += w[k] = (uint64_t)k * 0x10001 + 7;
		int bad = 0;
		for (int round = 0; round < 50; round++)
			bad += tagin(w, 512, 0, w) != want;
		CHECK("tagin: an address tagged inside the loop", bad == 0, "%d bad", bad);
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	uint8_t *m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		printf("mmap: NO (failed)\n");
		return 1;
	}
	memset(m, 0x11, 4 * pg);
	mprotect(m, pg, PROT_NONE);
	mprotect(m + 3 * pg, pg, PROT_NONE);
	{
		volatile int bad = 0;
		for (volatile int round = 0; round < 20; round++) {
			if (down(m + 2 * pg, (uint64_t)pg / 8) != 0x1111111111111111ull * (uint64_t)(pg / 8))
				bad |= 1;	/* hot, no fault */
			uint8_t *start = m + pg + 8 * (round % 5);
			if (!sigsetjmp(jb, 1)) {
				down(start, 1000);
				bad |= 2;
			} else if (f_pc != (uint64_t)down_load || f_addr != (uint64_t)(m + pg - 8) ||
				   f_x0 != (uint64_t)(m + pg)) {
				bad |= 4;
			}
		}
		CHECK("down: a loop walking down into a PROT_NONE page faults at the load, base not written",
		      bad == 0, "bad %d", bad);
	}
	{
		/* pcopy's source running into the guard page at pair q of pass j: the pairs before q
		 * hold pass j's words, the others pass j - 1's (the STPs before have stored them) */
		uint64_t *words = (uint64_t *)(m + 2 * pg);
		for (long k = 0; k < pg / 8; k++)
			words[k] = 0x1000000000000000ull + (uint64_t)k * 0x10001;
		volatile int bad = 0;
		static uint8_t out[8192];
		for (volatile int round = 0; round < 40; round++) {
			unsigned j = 2 + round % 9, q = round % 4;
			uint8_t *s0 = m + 3 * pg - 64 * j - 16 * q;
			if (!sigsetjmp(jb, 1)) {
				pcopy(out, s0, 64 * (j + 4));
				bad |= 1;
				continue;
			}
			if (f_pc != (uint64_t)pcopy_loop + 4 + 8 * q || f_addr != (uint64_t)(m + 3 * pg))
				bad |= 2;
			for (unsigned p = 0; p < 4; p++) {
				const uint64_t *w = (const uint64_t *)(s0 + 64 * (p < q ? j : j - 1) + 16 * p);
				if (f_x[6 + 2 * p] != w[0] || f_x[7 + 2 * p] != w[1])
					bad |= 4;
			}
			if (memcmp(out, s0, 64 * (j - 1) + 16 * q))
				bad |= 8;
		}
		CHECK("pfault: pcopy into a PROT_NONE page: the pairs at the fault, pc, si_addr, what was stored",
		      bad == 0, "bad %d", bad);
	}
	return jt_exit();
}
