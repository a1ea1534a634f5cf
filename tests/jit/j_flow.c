// SPDX-License-Identifier: GPL-2.0-only
/*
 * j_flow.c — control flow and condition codes, run hot (every part three times). The output is
 * compared with qemu-aarch64-static's, and every condition is also checked against flags
 * computed in C:
 *   fib(25) by recursion, a function-pointer table, a switch jump table (hashes);
 *   CMP/CMN/ADDS/SUBS/ANDS/TST (32 and 64 bit) on edge values; NZCV equal to the flags computed
 *   in C; for all 16 conditions: B.cond (in the same block and after a branch to another block),
 *   CSEL, CSINC (also on XZR) agree with the condition evaluated in C; CCMP's resulting NZCV is right;
 *   CBZ/CBNZ (W and X) and TBZ/TBNZ on every bit position 0..63.
 */
#include "jt.h"

static int errors;
static char first_error[200];

#define ERR(...)                                                                             \
	do {                                                                                 \
		if (!errors++)                                                               \
			snprintf(first_error, sizeof(first_error), __VA_ARGS__);             \
	} while (0)

__attribute__((noinline)) static uint64_t fib(uint64_t n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

#define F(i) __attribute__((noinline)) static uint64_t f##i(uint64_t x) { return x * (2 * i + 1) + i; }
F(0) F(1) F(2) F(3) F(4) F(5) F(6) F(7) F(8) F(9) F(10) F(11) F(12) F(13) F(14) F(15)
static uint64_t (*const table[16])(uint64_t) = { f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15 };

static uint64_t fptr_hash(void)
{
	uint64_t h = 1, s = 12345;
	for (int i = 0; i < 100000; i++) {
		s = s * 6364136223846793005ull + 1442695040888963407ull;
		h = table[s >> 60](h) ^ (h >> 7);
	}
	return h;
}

__attribute__((noinline)) static uint64_t sw(uint64_t x, uint64_t h)
{
	switch (x % 23) {
	case 0: return h * 3 + 1;
	case 1: return h ^ 0x1234567;
	case 2: return h + 99;
	case 3: return h >> 3 | h << 61;
	case 4: return h * 7;
	case 5: return ~h;
	case 6: return h - 12345;
	case 7: return h ^ (h >> 11);
	case 8: return h * 0x9e3779b97f4a7c15ull;
	case 9: return h + x;
	case 10: return h ^ x;
	case 11: return h * 5 + x;
	case 12: return h << 1;
	case 13: return h >> 1;
	case 14: return h + 0xdeadbeef;
	case 15: return h ^ 0xffff0000ffffull;
	case 16: return h * 11;
	case 17: return h - x;
	case 18: return h | 1;
	case 19: return h & ~1ull;
	default: return h + 1;
	}
}

static uint64_t switch_hash(void)
{
	uint64_t h = 7, s = 99;
	for (int i = 0; i < 100000; i++) {
		s = s * 6364136223846793005ull + 1442695040888963407ull;
		h = sw(s >> 33, h);
	}
	return h;
}

/* --- condition codes ------------------------------------------------------------------------- */
static const uint64_t edge[] = {
	0, 1, 2, ~0ull, 0x7fffffffffffffffull, 0x8000000000000000ull, 0x8000000000000001ull,
	0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0xfffffffe,
};
#define NEDGE (sizeof(edge) / sizeof(edge[0]))

enum { CMP, CMN, ADDS, SUBS, ANDS, TST, NOPS };
static const char *const opname[] = { "cmp", "cmn", "adds", "subs", "ands", "tst" };

/* NZCV (bits 31..28) of op on a, b at 32 or 64 bits, and the result (adds/subs/ands). */
static uint32_t flags_c(int op, int w64, uint64_t a, uint64_t b, uint64_t *res)
{
	uint64_t mask = w64 ? ~0ull : 0xffffffffull, sign = w64 ? 1ull << 63 : 1ull << 31, r;
	int n, z, c = 0, v = 0;
	a &= mask;
	b &= mask;
	switch (op) {
	case CMP: case SUBS:
		r = (a - b) & mask;
		c = a >= b;
		v = !!(((a ^ b) & (a ^ r)) & sign);
		break;
	case CMN: case ADDS:
		r = (a + b) & mask;
		c = r < a;
		v = !!((~(a ^ b) & (a ^ r)) & sign);
		break;
	default:
		r = a & b;
	}
	n = !!(r & sign);
	z = r == 0;
	*res = r;
	return (uint32_t)n << 31 | (uint32_t)z << 30 | (uint32_t)c << 29 | (uint32_t)v << 28;
}

struct res {
	uint64_t t, cs, ci, set;
	uint64_t nzcv, ccmp;
	uint64_t br;
};

/* One asm: set flags with OP, then every consumer of condition COND. */
#define CC_ASM(OPS, R, COND, out, A, B)                                                      \
	__asm__ volatile(OPS "\n"                                                            \
			 "mrs %[nzcv], nzcv\n"                                               \
			 "csel %" R "[cs], %" R "[a], %" R "[b], " COND "\n"                 \
			 "csinc %" R "[ci], %" R "[a], %" R "[b], " COND "\n"                \
			 "mov %[br], #0\n"                                                   \
			 "b." COND " 1f\n"                                                   \
			 "b 2f\n"                                                            \
			 "1: orr %[br], %[br], #1\n"                                         \
			 "2: b 3f\n"                                                         \
			 "nop\n"                                                             \
			 "3: b." COND " 4f\n"                                                \
			 "b 5f\n"                                                            \
			 "4: orr %[br], %[br], #2\n"                                         \
			 "5: csinc %" R "[set], " R "zr, " R "zr, " COND "\n"                                   \
			 "ccmp %" R "[a], %" R "[b], #0b1010, " COND "\n"                    \
			 "mrs %[ccmp], nzcv\n"                                               \
			 : [t] "=&r"(out.t), [cs] "=&r"(out.cs), [ci] "=&r"(out.ci),         \
			   [set] "=&r"(out.set), [nzcv] "=&r"(out.nzcv),                     \
			   [ccmp] "=&r"(out.ccmp), [br] "=&r"(out.br)                        \
			 : [a] "r"(A), [b] "r"(B)                                            \
			 : "cc")

#define CONDS(OPS, R, out, A, B, cond)                                                       \
	switch (cond) {                                                                      \
	case 0: CC_ASM(OPS, R, "eq", out, A, B); break;                                      \
	case 1: CC_ASM(OPS, R, "ne", out, A, B); break;                                      \
	case 2: CC_ASM(OPS, R, "hs", out, A, B); break;                                      \
	case 3: CC_ASM(OPS, R, "lo", out, A, B); break;                                      \
	case 4: CC_ASM(OPS, R, "mi", out, A, B); break;                                      \
	case 5: CC_ASM(OPS, R, "pl", out, A, B); break;                                      \
	case 6: CC_ASM(OPS, R, "vs", out, A, B); break;                                      \
	case 7: CC_ASM(OPS, R, "vc", out, A, B); break;                                      \
	case 8: CC_ASM(OPS, R, "hi", out, A, B); break;                                      \
	case 9: CC_ASM(OPS, R, "ls", out, A, B); break;                                      \
	case 10: CC_ASM(OPS, R, "ge", out, A, B); break;                                     \
	case 11: CC_ASM(OPS, R, "lt", out, A, B); break;                                     \
	case 12: CC_ASM(OPS, R, "gt", out, A, B); break;                                     \
	case 13: CC_ASM(OPS, R, "le", out, A, B); break;                                     \
	case 14: CC_ASM(OPS, R, "al", out, A, B); break;                                     \
	default: CC_ASM(OPS, R, "nv", out, A, B); break;                                     \
	}

#define OPS64(o) o " %x[a], %x[b]"
#define OPS64T(o) o " %x[t], %x[a], %x[b]"
#define OPS32(o) o " %w[a], %w[b]"
#define OPS32T(o) o " %w[t], %w[a], %w[b]"

static void run_cc(int op, int w64, uint64_t a, uint64_t b, int cond, struct res *r)
{
	struct res o = { 0 };
	if (w64) {
		switch (op) {
		case CMP: CONDS(OPS64("cmp"), "x", o, a, b, cond); break;
		case CMN: CONDS(OPS64("cmn"), "x", o, a, b, cond); break;
		case ADDS: CONDS(OPS64T("adds"), "x", o, a, b, cond); break;
		case SUBS: CONDS(OPS64T("subs"), "x", o, a, b, cond); break;
		case ANDS: CONDS(OPS64T("ands"), "x", o, a, b, cond); break;
		default: CONDS(OPS64("tst"), "x", o, a, b, cond); break;
		}
	} else {
		switch (op) {
		case CMP: CONDS(OPS32("cmp"), "w", o, a, b, cond); break;
		case CMN: CONDS(OPS32("cmn"), "w", o, a, b, cond); break;
		case ADDS: CONDS(OPS32T("adds"), "w", o, a, b, cond); break;
		case SUBS: CONDS(OPS32T("subs"), "w", o, a, b, cond); break;
		case ANDS: CONDS(OPS32T("ands"), "w", o, a, b, cond); break;
		default: CONDS(OPS32("tst"), "w", o, a, b, cond); break;
		}
	}
	*r = o;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	return (h ^ v) * 0x100000001b3ull + (h >> 29);
}

static void cond_matrix(uint64_t hash[2][NOPS])
{
	for (int w64 = 0; w64 < 2; w64++)
		for (int op = 0; op < NOPS; op++) {
			uint64_t h = 0xcbf29ce484222325ull;
			uint64_t mask = w64 ? ~0ull : 0xffffffffull;
			for (unsigned i = 0; i < NEDGE; i++)
				for (unsigned j = 0; j < NEDGE; j++)
					for (int cond = 0; cond < 16; cond++) {
						uint64_t a = edge[i], b = edge[j], res;
						uint32_t f = flags_c(op, w64, a, b, &res);
						int t = jt_cond_holds(f, cond);
						struct res r;
						uint32_t ccf;
						run_cc(op, w64, a, b, cond, &r);
						if (t) {
							uint64_t dummy;
							ccf = flags_c(CMP, w64, a, b, &dummy);
						} else {
							ccf = 0xa0000000u;
						}
						if (r.nzcv != f)
							ERR("%s%d %#llx,%#llx: nzcv %#llx want %#x", opname[op], w64 ? 64 : 32,
							    (unsigned long long)a, (unsigned long long)b,
							    (unsigned long long)r.nzcv, f);
						if ((op == ADDS || op == SUBS || op == ANDS) && r.t != res)
							ERR("%s%d %#llx,%#llx: result %#llx want %#llx", opname[op],
							    w64 ? 64 : 32, (unsigned long long)a, (unsigned long long)b,
							    (unsigned long long)r.t, (unsigned long long)res);
						if (r.br != (t ? 3u : 0u) || r.cs != ((t ? a : b) & mask) ||
						    r.ci != ((t ? a : b + 1) & mask) || r.set != (uint64_t)!t || r.ccmp != ccf)
							ERR("%s%d %#llx,%#llx cond %d (flags %#x): b.cond %llu csel %#llx csinc %#llx cset %llu ccmp %#llx",
							    opname[op], w64 ? 64 : 32, (unsigned long long)a,
							    (unsigned long long)b, cond, f, (unsigned long long)r.br,
							    (unsigned long long)r.cs, (unsigned long long)r.ci,
							    (unsigned long long)r.set, (unsigned long long)r.ccmp);
						h = mix(h, r.nzcv);
						h = mix(h, r.t);
						h = mix(h, r.cs);
						h = mix(h, r.ci);
						h = mix(h, r.set);
						h = mix(h, r.ccmp);
						h = mix(h, r.br);
					}
			hash[w64][op] = h;
		}
}

/* --- CBZ/CBNZ/TBZ/TBNZ ------------------------------------------------------------------------ */
#define TB(n)                                                                                \
	case n:                                                                              \
		__asm__ volatile("mov %[r], #0\n"                                            \
				 "tbz %x[v], #" #n ", 1f\n"                                  \
				 "orr %[r], %[r], #1\n"                                      \
				 "1: tbnz %x[v], #" #n ", 2f\n"                              \
				 "orr %[r], %[r], #2\n"                                      \
				 "2:\n"                                                      \
				 : [r] "=&r"(r)                                              \
				 : [v] "r"(v));                                              \
		break;

/* bit 0: TBZ not taken, bit 1: TBNZ not taken */
static uint64_t tb(int bit, uint64_t v)
{
	uint64_t r = 0;
	switch (bit) {
	TB(0)
	TB(1)
	TB(2)
	TB(3)
	TB(4)
	TB(5)
	TB(6)
	TB(7)
	TB(8)
	TB(9)
	TB(10)
	TB(11)
	TB(12)
	TB(13)
	TB(14)
	TB(15)
	TB(16)
	TB(17)
	TB(18)
	TB(19)
	TB(20)
	TB(21)
	TB(22)
	TB(23)
	TB(24)
	TB(25)
	TB(26)
	TB(27)
	TB(28)
	TB(29)
	TB(30)
	TB(31)
	TB(32)
	TB(33)
	TB(34)
	TB(35)
	TB(36)
	TB(37)
	TB(38)
	TB(39)
	TB(40)
	TB(41)
	TB(42)
	TB(43)
	TB(44)
	TB(45)
	TB(46)
	TB(47)
	TB(48)
	TB(49)
	TB(50)
	TB(51)
	TB(52)
	TB(53)
	TB(54)
	TB(55)
	TB(56)
	TB(57)
	TB(58)
	TB(59)
	TB(60)
	TB(61)
	TB(62)
	TB(63)
	}
	return r;
}

static uint64_t cb(uint64_t v)
{
	uint64_t r;
	__asm__ volatile("mov %[r], #0\n"
			 "cbz %x[v], 1f\n"
			 "orr %[r], %[r], #1\n"
			 "1: cbnz %x[v], 2f\n"
			 "orr %[r], %[r], #2\n"
			 "2: cbz %w[v], 3f\n"
			 "orr %[r], %[r], #4\n"
			 "3: cbnz %w[v], 4f\n"
			 "orr %[r], %[r], #8\n"
			 "4:\n"
			 : [r] "=&r"(r)
			 : [v] "r"(v));
	return r;
}

static uint64_t branch_bits(void)
{
	uint64_t h = 1;
	for (int bit = 0; bit < 64; bit++) {
		uint64_t vals[] = { 1ull << bit, ~(1ull << bit), 0, ~0ull, 1ull << (bit ^ 1), 0x5555555555555555ull << (bit & 1) };
		for (unsigned k = 0; k < sizeof(vals) / sizeof(vals[0]); k++) {
			uint64_t v = vals[k], set = v >> bit & 1;
			uint64_t t = tb(bit, v), want = set ? 1 : 2;
			uint64_t c = cb(v);
			uint64_t cwant = (v ? 1 : 2) | ((uint32_t)v ? 4 : 8);
			if (t != want)
				ERR("tbz/tbnz bit %d value %#llx: %llu want %llu", bit, (unsigned long long)v,
				    (unsigned long long)t, (unsigned long long)want);
			if (c != cwant)
				ERR("cbz/cbnz value %#llx: %llu want %llu", (unsigned long long)v,
				    (unsigned long long)c, (unsigned long long)cwant);
			h = mix(mix(h, t), c);
		}
	}
	return h;
}

int main(void)
{
	uint64_t first[2][NOPS], hash[2][NOPS], f0 = 0, p0 = 0, s0 = 0, b0 = 0;
	int same = 1;

	for (int round = 0; round < 3; round++) {
		uint64_t f = fib(25), p = fptr_hash(), s = switch_hash(), b = branch_bits();
		cond_matrix(hash);
		if (round == 0) {
			memcpy(first, hash, sizeof(hash));
			f0 = f, p0 = p, s0 = s, b0 = b;
			printf("fib(25)=%llu fptr=%#llx switch=%#llx branches=%#llx\n", (unsigned long long)f,
			       (unsigned long long)p, (unsigned long long)s, (unsigned long long)b);
			for (int w = 0; w < 2; w++)
				for (int op = 0; op < NOPS; op++)
					printf("cc %s%d: %#llx\n", opname[op], w ? 64 : 32, (unsigned long long)hash[w][op]);
		} else if (f != f0 || p != p0 || s != s0 || b != b0 || memcmp(first, hash, sizeof(hash))) {
			same = 0;
		}
	}
	CHECK("fib(25) = 75025", f0 == 75025, "%llu", (unsigned long long)f0);
	CHECK("conditions: NZCV, B.cond (same and next block), CSEL, CSINC, CCMP, CBZ/CBNZ, TBZ/TBNZ agree with C",
	      errors == 0, "%d errors, first: %s", errors, first_error);
	CHECK("three rounds (cold, then hot) give the same results", same, "round results differ");
	return jt_exit();
}
