// SPDX-License-Identifier: GPL-2.0-only
/*
 * j_pairs.c — what glibc's memcpy and strcmp loops translate to.
 *   copy:   a hot loop of LDP/STP of adjacent X registers (x6/x7 .. x12/x13, pre-indexed
 *           writeback, a pair whose first register is the base, x29/x30) over varied lengths
 *           and offsets; the copy and every register are checked.
 *   cross:  LDP x6, x7 whose 16 bytes run into a PROT_NONE page (at 8 and at 4 bytes before
 *           it), after the loop is hot: SIGSEGV at the LDP, si_addr the guard page, x6, x7 and
 *           the base not written.
 *   ccmp:   a flag setter (ADDS, SUBS, ANDS, BICS, CMP, CMN, TST) right before a CCMP/CCMN with
 *           every condition, in a loop: NZCV after the pair equals the one computed here.
 *   strcmp: glibc's aligned strcmp loop (LDR, SUB, ORR, BICS, CCMP, B.EQ) running into a guard
 *           page: si_addr, pc, the registers and NZCV at the fault.
 *   beq:    loops ending in a compare or logic setter and B.EQ back to their start: NZCV as an
 *           MRS at the loop's top reads it, on every pass.
 */
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include "jt.h"

/* copy64(dst, src, n): n a multiple of 64, >= 64; x6..x13 pairs, like glibc's memcpy loop */
__asm__(".text\n"
	".balign 16\n"
	".globl copy64\n"
	"copy64:\n"
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
	"	add x0, x6, x13\n"
	"	ret\n");
uint64_t copy64(void *dst, const void *src, uint64_t n);

/* chase(p, k): k times p = [p] with LDP x1, x2, [x1] (the base is the first register); returns
 * p + the sum of the second words. x29/x30 pair saved and restored around it. */
__asm__(".text\n"
	".balign 16\n"
	".globl chase\n"
	"chase:\n"
	"	stp x29, x30, [sp, #-32]!\n"
	"	mov x4, #0\n"
	"1:	ldp x0, x5, [x0]\n"
	"	add x4, x4, x5\n"
	"	subs x1, x1, #1\n"
	"	b.ne 1b\n"
	"	add x0, x0, x4\n"
	"	ldp x29, x30, [sp], #32\n"
	"	ret\n");
uint64_t chase(uint64_t *p, uint64_t k);

/* ldp_at(p): x6, x7 = 0x66, 0x77; then 64 times LDP x6, x7, [x0] summing; returns the sum */
__asm__(".text\n"
	".balign 16\n"
	".globl ldp_at\n"
	"ldp_at:\n"
	"	mov x6, #0x66\n"
	"	mov x7, #0x77\n"
	"	mov x2, #64\n"
	"	mov x3, #0\n"
	".globl ldp_at_load\n"
	"ldp_at_load:\n"
	"	ldp x6, x7, [x0]\n"
	"	add x3, x3, x6\n"
	"	add x3, x3, x7\n"
	"	subs x2, x2, #1\n"
	"	b.ne ldp_at_load\n"
	"	mov x0, x3\n"
	"	ret\n");
extern char ldp_at_load[];
uint64_t ldp_at(const void *p);

/* strcmp8(a, b): glibc's aligned loop; x0 = a, x10 = b - a, returns the last x4 | x5 stuff */
__asm__(".text\n"
	".balign 16\n"
	".globl strcmp8\n"
	"strcmp8:\n"
	"	sub x10, x1, x0\n"
	"	mov x8, #0x0101010101010101\n"
	".globl strcmp8_loop\n"
	"strcmp8_loop:\n"
	"	ldr x3, [x0, x10]\n"
	"	ldr x2, [x0], #8\n"
	"	sub x4, x2, x8\n"
	"	orr x6, x2, #0x7f7f7f7f7f7f7f7f\n"
	"	bics x4, x4, x6\n"
	"	ccmp x2, x3, #0, eq\n"
	"	b.eq strcmp8_loop\n"
	"	eor x5, x2, x3\n"
	"	orr x0, x5, x4\n"
	"	ret\n");
extern char strcmp8_loop[];
uint64_t strcmp8(const void *a, const void *b);

static sigjmp_buf jb;
static volatile uint64_t f_addr, f_pc, f_x[16], f_nzcv;

static void on_segv(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	(void)sig;
	f_addr = (uint64_t)si->si_addr;
	f_pc = uc->uc_mcontext.pc;
	for (int k = 0; k < 16; k++)
		f_x[k] = uc->uc_mcontext.regs[k];
	f_nzcv = uc->uc_mcontext.pstate & 0xf0000000u;
	siglongjmp(jb, 1);
}

/* One setter + CCMP/CCMN pair per condition; each returns NZCV (bits 31..28) after the pair. */
#define PAIR_WITH(name, setter, cmp)                                                    \
	__asm__(".text\n.balign 16\n.globl " #name "\n" #name ":\n"                      \
		"	mov x9, #40\n"                                                  \
		"1:	" setter "\n"                                                   \
		"	" cmp "\n"                                                      \
		"	mrs x10, nzcv\n"                                                \
		"	subs x9, x9, #1\n"                                              \
		"	b.ne 1b\n"                                                      \
		"	mov x0, x10\n"                                                  \
		"	ret\n");                                                        \
	uint64_t name(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
#define PAIR(name, setter, cc) PAIR_WITH(name, setter, "ccmp x2, x3, #0b1010, " cc)
#define PAIRN(name, setter, cc) PAIR_WITH(name, setter, "ccmn x2, #5, #0b0101, " cc)

PAIR(p_subs_hs, "subs x4, x0, x1", "hs");
PAIR(p_subs_lo, "subs x4, x0, x1", "lo");
PAIR(p_subs_hi, "subs x4, x0, x1", "hi");
PAIR(p_subs_ls, "subs x4, x0, x1", "ls");
PAIR(p_cmp_ge, "cmp x0, x1", "ge");
PAIR(p_cmp_lt, "cmp x0, x1", "lt");
PAIR(p_cmp_gt, "cmp x0, x1", "gt");
PAIR(p_cmpw_le, "cmp w0, w1", "le");
PAIR(p_adds_cs, "adds x4, x0, x1", "cs");
PAIR(p_adds_cc, "adds x4, x0, x1", "cc");
PAIR(p_adds_vs, "adds x4, x0, x1", "vs");
PAIR(p_cmn_vc, "cmn x0, x1", "vc");
PAIR(p_cmn_hi, "cmn x0, #7", "hi");
PAIR(p_ands_eq, "ands x4, x0, x1", "eq");
PAIR(p_ands_mi, "ands x4, x0, x1", "mi");
PAIR(p_bics_ne, "bics x4, x0, x1", "ne");
PAIR(p_bics_hs, "bics x4, x0, x1", "hs");
PAIR(p_tst_pl, "tst x0, #0xff", "pl");
PAIR(p_subsi_ls, "subs x4, x0, #12", "ls");
PAIRN(p_subs_n_hi, "subs x4, x0, x1", "hi");
PAIRN(p_adds_n_cc, "adds w4, w0, w1", "cc");
PAIRN(p_bics_n_lo, "bics x4, x0, x1", "lo");

/* A B.EQ loop whose setter leaves Z set until x9 (counting down from n) goes negative (or, for
 * beq_ccmp6, reaches 3); MRS NZCV at the loop's top (a handler: it reads the stored image) sums
 * NZCV >> 28 of every pass, the first one the entry's 1000. */
#define BEQ(name, setter)                                                               \
	__asm__(".text\n.balign 16\n.globl " #name "\n" #name ":\n"                    \
		"	mov x9, x0\n"                                                  \
		"	mov x11, #0\n"                                                 \
		"	cmp x11, #1\n"                                                 \
		"1:	mrs x10, nzcv\n"                                               \
		"	add x11, x11, x10, lsr #28\n"                                  \
		"	sub x9, x9, #1\n"                                              \
		"	lsr x12, x9, #63\n"                                            \
		"	" setter "\n"                                                  \
		"	b.eq 1b\n"                                                     \
		"	mov x0, x11\n"                                                 \
		"	ret\n");                                                       \
	uint64_t name(uint64_t n)

BEQ(beq_tst, "tst x9, #0x8000000000000000");
BEQ(beq_ands, "ands x13, x9, #0x8000000000000000");
BEQ(beq_bics, "bics xzr, x12, xzr");
BEQ(beq_cmp, "cmp x12, #0");
BEQ(beq_subs, "subs x13, x12, xzr");
BEQ(beq_cmpw, "mov w13, wzr\n\tcmp w12, w13");
BEQ(beq_ccmp, "cmp x12, #5\n\tccmp x12, #0, #0b0010, ne");
BEQ(beq_ccmp6, "cmp x9, #3\n\tccmp x9, #7, #0b0110, eq");

static void check_beq(void)
{
	static const struct {
		const char *name;
		uint64_t (*f)(uint64_t);
		unsigned k;	/* NZCV >> 28 on the back edge */
		int upto3;
	} t[] = {
		{ "tst", beq_tst, 4, 0 }, { "ands", beq_ands, 4, 0 }, { "bics", beq_bics, 4, 0 },
		{ "cmp", beq_cmp, 6, 0 }, { "subs", beq_subs, 6, 0 }, { "cmp w", beq_cmpw, 6, 0 },
		{ "cmp+ccmp", beq_ccmp, 6, 0 }, { "cmp+ccmp #0110", beq_ccmp6, 6, 1 },
	};
	for (unsigned k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		int bad = 0;
		uint64_t got = 0, want = 0;
		for (uint64_t n = 4; n < 60 && !bad; n += 7) {
			want = 8 + (t[k].upto3 ? n - 4 : n) * t[k].k;
			got = t[k].f(n);
			bad = got != want;
		}
		char name[64];
		snprintf(name, sizeof(name), "beq: %s, NZCV on the back edge", t[k].name);
		CHECK(name, !bad, "%llu, want %llu", (unsigned long long)got, (unsigned long long)want);
	}
}

typedef uint64_t (*pair_fn)(uint64_t, uint64_t, uint64_t, uint64_t);

/* NZCV after the setter (op: 0 sub, 1 add, 2 and, 3 bic; w: 32-bit) */
static uint32_t setter_nzcv(int op, int w, uint64_t a, uint64_t b)
{
	uint64_t m = w ? 0xffffffffull : ~0ull, sb = w ? 31 : 63, r;
	uint32_t c = 0, v = 0;
	a &= m;
	b &= m;
	if (op == 0) {
		r = (a - b) & m;
		c = a >= b;
		v = (((a ^ b) & (a ^ r)) >> sb) & 1;
	} else if (op == 1) {
		r = (a + b) & m;
		c = r < a;
		v = ((~(a ^ b) & (a ^ r)) >> sb) & 1;
	} else {
		r = op == 2 ? a & b : a & ~b;
	}
	return (uint32_t)((r >> sb) & 1) << 31 | (uint32_t)(r == 0) << 30 | c << 29 | v << 28;
}

enum { EQ, NE, HS, LO, MI, PL, VS, VC, HI, LS, GE, LT, GT, LE };

static void check_pairs(void)
{
	static const struct {
		const char *name;
		pair_fn f;
		int op, w, cc, ccmn;
		uint64_t imm_b;	/* nonzero: the setter's second operand is this immediate */
	} t[] = {
		{ "subs/ccmp hs", p_subs_hs, 0, 0, HS, 0, 0 }, { "subs/ccmp lo", p_subs_lo, 0, 0, LO, 0, 0 },
		{ "subs/ccmp hi", p_subs_hi, 0, 0, HI, 0, 0 }, { "subs/ccmp ls", p_subs_ls, 0, 0, LS, 0, 0 },
		{ "cmp/ccmp ge", p_cmp_ge, 0, 0, GE, 0, 0 }, { "cmp/ccmp lt", p_cmp_lt, 0, 0, LT, 0, 0 },
		{ "cmp/ccmp gt", p_cmp_gt, 0, 0, GT, 0, 0 }, { "cmp w/ccmp le", p_cmpw_le, 0, 1, LE, 0, 0 },
		{ "adds/ccmp cs", p_adds_cs, 1, 0, HS, 0, 0 }, { "adds/ccmp cc", p_adds_cc, 1, 0, LO, 0, 0 },
		{ "adds/ccmp vs", p_adds_vs, 1, 0, VS, 0, 0 }, { "cmn/ccmp vc", p_cmn_vc, 1, 0, VC, 0, 0 },
		{ "cmn #7/ccmp hi", p_cmn_hi, 1, 0, HI, 0, 7 }, { "ands/ccmp eq", p_ands_eq, 2, 0, EQ, 0, 0 },
		{ "ands/ccmp mi", p_ands_mi, 2, 0, MI, 0, 0 }, { "bics/ccmp ne", p_bics_ne, 3, 0, NE, 0, 0 },
		{ "bics/ccmp hs", p_bics_hs, 3, 0, HS, 0, 0 }, { "tst #0xff/ccmp pl", p_tst_pl, 2, 0, PL, 0, 0xff },
		{ "subs #12/ccmp ls", p_subsi_ls, 0, 0, LS, 0, 12 },
		{ "subs/ccmn hi", p_subs_n_hi, 0, 0, HI, 1, 0 }, { "adds w/ccmn cc", p_adds_n_cc, 1, 1, LO, 1, 0 },
		{ "bics/ccmn lo", p_bics_n_lo, 3, 0, LO, 1, 0 },
	};
	static const uint64_t vals[] = { 0, 1, 5, 12, 0xff, 0x7fffffffffffffffull, 0x8000000000000000ull,
					 0xffffffffffffffffull, 0x80000000ull, 0x7fffffffull, 0xfffffffbull, 100 };
	const unsigned nv = sizeof(vals) / sizeof(vals[0]);
	for (unsigned k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		int bad = 0;
		char msg[160] = "";
		for (unsigned x = 0; x < nv; x++)
			for (unsigned y = 0; y < nv; y++) {
				uint64_t a = vals[x], b = t[k].imm_b ? t[k].imm_b : vals[y];
				uint64_t c = vals[(x + y) % nv], d = vals[(x * 3 + y) % nv];
				uint32_t s = setter_nzcv(t[k].op, t[k].w, a, b), want;
				if (jt_cond_holds(s, t[k].cc))
					want = t[k].ccmn ? setter_nzcv(1, 0, c, 5) : setter_nzcv(0, 0, c, d);
				else
					want = t[k].ccmn ? 0x50000000u : 0xa0000000u;
				uint32_t got = (uint32_t)t[k].f(a, b, c, d);
				if (got != want && !bad++)
					snprintf(msg, sizeof(msg), "a %#llx b %#llx c %#llx d %#llx: %#x, want %#x",
						 (unsigned long long)a, (unsigned long long)b, (unsigned long long)c,
						 (unsigned long long)d, got, want);
			}
		char name[64];
		snprintf(name, sizeof(name), "ccmp: %s", t[k].name);
		CHECK(name, bad == 0, "%d wrong; %s", bad, msg);
	}
}

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);

	/* copy */
	{
		static uint8_t src[4096 + 64], dst[4096 + 128];
		int bad = 0;
		for (unsigned k = 0; k < sizeof(src); k++)
			src[k] = (uint8_t)(k * 7 + 3);
		for (int round = 0; round < 200; round++) {
			unsigned n = 64 * (1 + round % 64), so = round % 9, dof = (round * 5) % 11;
			memset(dst, 0xee, sizeof(dst));
			uint64_t r = copy64(dst + dof, src + so, n);
			uint64_t w6, w13;
			memcpy(&w6, src + so + n - 64, 8);
			memcpy(&w13, src + so + n - 8, 8);
			if (memcmp(dst + dof, src + so, n) || r != w6 + w13 || (dof && dst[dof - 1] != 0xee) ||
			    dst[dof + n] != 0xee)
				bad++;
		}
		CHECK("copy: LDP/STP of adjacent X registers, 200 lengths and offsets", bad == 0, "%d bad", bad);
	}
	/* chase: LDP x0, x5, [x0] */
	{
		static uint64_t ring[16][2];
		for (int k = 0; k < 16; k++) {
			ring[k][0] = (uint64_t)&ring[(k * 5 + 3) % 16][0];
			ring[k][1] = (uint64_t)k * 1000 + 1;
		}
		uint64_t want = 0, p = (uint64_t)&ring[0][0];
		for (int k = 0; k < 1000; k++) {
			want += ((uint64_t *)p)[1];
			p = ((uint64_t *)p)[0];
		}
		uint64_t got = chase(&ring[0][0], 1000);
		CHECK("chase: LDP x0, x5, [x0] and the x29/x30 pair", got == p + want, "%#llx, want %#llx",
		      (unsigned long long)got, (unsigned long long)(p + want));
	}
	/* cross: LDP running into a guard page */
	uint8_t *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		printf("mmap: NO (failed)\n");
		return 1;
	}
	memset(m, 0x11, pg);
	mprotect(m + pg, pg, PROT_NONE);
	{
		volatile int bad = 0;
		for (volatile int round = 0; round < 40; round++) {
			ldp_at(m + pg - 16 - 8 * (round % 4));		/* hot, no fault */
			uint8_t *a = m + pg - (round & 1 ? 4 : 8);
			if (sigsetjmp(jb, 1) == 0) {
				ldp_at(a);
				bad++;
				continue;
			}
			if (f_addr != (uint64_t)(m + pg) || f_pc != (uint64_t)ldp_at_load || f_x[6] != 0x66 ||
			    f_x[7] != 0x77 || f_x[0] != (uint64_t)a || f_x[2] != 64 || f_x[3] != 0)
				bad++;
		}
		CHECK("cross: LDP x6, x7 into a guard page: precise, nothing written, 40 rounds", bad == 0, "%d bad", bad);
	}
	/* strcmp8 into a guard page */
	{
		volatile int bad = 0;
		static uint8_t a[512] __attribute__((aligned(16)));
		memset(a, 'q', sizeof(a));
		memset(m + pg - 264, 'q', 264);
		for (volatile int round = 0; round < 40; round++) {
			/* 32 or 33 words before the guard: the fault in either copy of the loop's body */
			unsigned len = 256 + 8 * (round & 1);
			uint8_t *b = m + pg - len;
			a[200] = 0;
			b[200] = 0;
			uint64_t r = strcmp8(a, b);	/* hot, stops at the NUL */
			a[200] = b[200] = 'q';
			if (r == 0)
				bad++;
			if (sigsetjmp(jb, 1) == 0) {
				strcmp8(a, b);
				bad++;
				continue;
			}
			/* the load of b's next word faults: x0 = a + 256, x2, x3 = the last words, NZCV from
			 * the last CCMP (equal: Z and C set) */
			if (f_addr != (uint64_t)(m + pg) || f_pc != (uint64_t)strcmp8_loop || f_x[0] != (uint64_t)(a + len) ||
			    f_x[2] != 0x7171717171717171ull || f_x[3] != 0x7171717171717171ull || f_x[4] != 0 ||
			    f_x[6] != 0x7f7f7f7f7f7f7f7full || f_nzcv != 0x60000000u)
				bad++;
		}
		CHECK("strcmp: the aligned loop into a guard page: registers and NZCV at the fault, 40 rounds", bad == 0,
		      "%d bad (x0 - a %#llx x2 %#llx x4 %#llx nzcv %#llx)", bad, (unsigned long long)(f_x[0] - (uint64_t)a),
		      (unsigned long long)f_x[2], (unsigned long long)f_x[4], (unsigned long long)f_nzcv);
	}
	check_pairs();
	check_beq();
	return jt_exit();
}
