// SPDX-License-Identifier: GPL-2.0-only
/*
 * neon.c — the Advanced SIMD handlers (neon.def): element and structure loads and stores, the
 * modified immediate, three registers of the same length, of different lengths, and with a
 * scalar, shifts by immediate, the two-register operations, VEXT, VTBL/VTBX, VDUP.
 *
 * Handlers take the A32 or the T32 layout (neon_a32() maps T32 onto A32). Operands are read
 * into local copies before anything is written, so overlapping registers behave as the
 * pseudocode's and a faulting load changes no register. Single-precision arithmetic uses the
 * "standard FPSCR value" (flush-to-zero, default NaN, round to nearest) and sets FPSCR's
 * cumulative flags; saturation sets FPSCR.QC.
 */
#include <math.h>
#include <signal.h>
#include "decode.h"
#include "exec.h"
#include "vfp.h"

/* T32 Advanced SIMD words (111U 1111 ..., 1111 1001 ...) in the A32 layout (1111 001U, 1111 0100). */
static inline uint32_t neon_a32(uint32_t i)
{
	if ((i >> 24) == 0xf9)
		return 0xf4000000u | (i & 0xffffff);
	if ((i & 0xef000000u) == 0xef000000u)
		return 0xf2000000u | ((i >> 28) & 1) << 24 | (i & 0xffffff);
	return i;
}

#define VD(i) (BIT(i, 22) << 4 | BITS(i, 15, 12))
#define VN(i) (BIT(i, 7) << 4 | BITS(i, 19, 16))
#define VM(i) (BIT(i, 5) << 4 | BITS(i, 3, 0))

static inline uint64_t emask(unsigned esize) { return esize == 64 ? ~0ull : (1ull << esize) - 1; }
static inline uint64_t get_e(const uint64_t *v, unsigned esize, unsigned e)
{
	unsigned per = 64 / esize;
	return (v[e / per] >> (e % per * esize)) & emask(esize);
}
static inline void set_e(uint64_t *v, unsigned esize, unsigned e, uint64_t x)
{
	unsigned per = 64 / esize, sh = e % per * esize;
	v[e / per] = (v[e / per] & ~(emask(esize) << sh)) | (x & emask(esize)) << sh;
}
static inline int64_t sx(uint64_t v, unsigned esize) { return esize == 64 ? (int64_t)v : (int64_t)(v << (64 - esize)) >> (64 - esize); }

static void rd_regs(const struct cpu *c, unsigned r, unsigned n, uint64_t *v)
{
	for (unsigned k = 0; k < n; k++)
		v[k] = c->v.d[(r + k) & 31];
}

static void wr_regs(struct cpu *c, unsigned r, unsigned n, const uint64_t *v)
{
	for (unsigned k = 0; k < n; k++)
		c->v.d[(r + k) & 31] = v[k];
}

/* Saturate v to esize bits (signed or unsigned), setting QC. */
static uint64_t sat(struct cpu *c, __int128 v, unsigned esize, int uns)
{
	__int128 hi = uns ? ((__int128)1 << esize) - 1 : ((__int128)1 << (esize - 1)) - 1;
	__int128 lo = uns ? 0 : -((__int128)1 << (esize - 1));
	if (v > hi) {
		c->fpscr |= FPSCR_QC;
		v = hi;
	} else if (v < lo) {
		c->fpscr |= FPSCR_QC;
		v = lo;
	}
	return (uint64_t)v & emask(esize);
}

/* The standard FPSCR value Advanced SIMD arithmetic uses: DN, FZ, round to nearest (AHP kept). */
static inline uint32_t std_fpscr(const struct cpu *c)
{
	return (c->fpscr & FPSCR_AHP) | FPSCR_DN | FPSCR_FZ;
}

/* ---------------------------------------------------------------- loads and stores */

static int ldst_wback(struct cpu *c, uint32_t i, uint32_t bytes)
{
	unsigned rn = BITS(i, 19, 16), rm = BITS(i, 3, 0);
	if (rm == 15)
		return NEXT;
	c->r[rn] += rm == 13 ? bytes : c->r[rm];
	return NEXT;
}

int neon_ldst_multi(struct cpu *c, uint32_t insn)
{
	uint32_t i = neon_a32(insn);
	/* per type: registers per structure element set, elements per structure, register step */
	static const signed char nregs[16] = { 1, 1, 4, 2, 1, 1, 3, 1, 1, 1, 2, -1, -1, -1, -1, -1 };
	static const signed char nstr[16] = { 4, 4, 1, 2, 3, 3, 1, 1, 2, 2, 1, -1, -1, -1, -1, -1 };
	static const signed char ninc[16] = { 1, 2, 1, 2, 1, 2, 1, 1, 1, 2, 1, -1, -1, -1, -1, -1 };
	unsigned type = BITS(i, 11, 8), size = BITS(i, 7, 6), align = BITS(i, 5, 4), l = BIT(i, 21);
	unsigned d = VD(i), rn = BITS(i, 19, 16);
	int regs = nregs[type], n = nstr[type], inc = ninc[type];
	if (regs < 0)
		return CPU_EXIT_UDF;
	if (n == 1 && (((regs == 1 || regs == 3) && (align & 2)) || (regs == 2 && align == 3)))
		return CPU_EXIT_UDF;
	if (n == 2 && ((regs == 1 && align == 3) || size == 3))
		return CPU_EXIT_UDF;
	if (n == 3 && ((align & 2) || size == 3))
		return CPU_EXIT_UDF;
	if (n == 4 && size == 3)
		return CPU_EXIT_UDF;
	if (rn == 15 || d + (unsigned)((n - 1) * inc + regs) > 32)
		return CPU_EXIT_UDF;
	unsigned esize = 8u << size, ebytes = esize / 8, elems = 8 / ebytes;
	uint32_t a = c->r[rn];
	if (align && (a & ((4u << align) - 1)))
		return exec_align_fault(c, a);
	uint64_t v[32];
	rd_regs(c, 0, 32, v);
	for (int r = 0; r < regs; r++)
		for (unsigned e = 0; e < elems; e++)
			for (int s = 0; s < n; s++) {
				unsigned reg = d + (unsigned)(r + s * inc);
				if (l) {
					uint64_t x = ebytes == 1 ? ld8(a) : ebytes == 2 ? ld16(a) : ebytes == 4 ? ld32(a) : ld64(a);
					set_e(&v[reg], esize, e, x);
				} else {
					uint64_t x = get_e(&v[reg], esize, e);
					switch (ebytes) {
					case 1: st8(a, (uint32_t)x); break;
					case 2: st16(a, (uint32_t)x); break;
					case 4: st32(a, (uint32_t)x); break;
					default: st64(a, x); break;
					}
				}
				a += ebytes;
			}
	if (l)
		wr_regs(c, 0, 32, v);
	return ldst_wback(c, i, (uint32_t)(8 * regs * n));
}

int neon_ldst_lane(struct cpu *c, uint32_t insn)
{
	uint32_t i = neon_a32(insn);
	unsigned size = BITS(i, 11, 10), n = BITS(i, 9, 8) + 1, ia = BITS(i, 7, 4), l = BIT(i, 21);
	unsigned d = VD(i), rn = BITS(i, 19, 16), index, inc = 1, alignment = 1;
	unsigned esize = 8u << size, ebytes = esize / 8;
	switch (size) {
	case 0:
		index = ia >> 1;
		if (n == 1 && (ia & 1))
			return CPU_EXIT_UDF;
		if (n == 3 && (ia & 1))
			return CPU_EXIT_UDF;
		if (ia & 1)
			alignment = n == 2 ? 2 : 4;
		break;
	case 1:
		index = ia >> 2;
		if (n == 1 && (ia & 2))
			return CPU_EXIT_UDF;
		if (n > 1 && (ia & 2))
			inc = 2;
		if (n == 3 && (ia & 1))
			return CPU_EXIT_UDF;
		if (ia & 1)
			alignment = n == 1 ? 2 : n == 2 ? 4 : 8;
		break;
	default:
		index = ia >> 3;
		if (n == 1 && ((ia & 4) || (ia & 3) == 1 || (ia & 3) == 2))
			return CPU_EXIT_UDF;
		if (n == 2 && (ia & 2))
			return CPU_EXIT_UDF;
		if (n == 3 && (ia & 3))
			return CPU_EXIT_UDF;
		if (n == 4 && (ia & 3) == 3)
			return CPU_EXIT_UDF;
		if (n > 1 && (ia & 4))
			inc = 2;
		if (n == 1 && (ia & 3) == 3)
			alignment = 4;
		else if (n == 2 && (ia & 1))
			alignment = 8;
		else if (n == 4 && (ia & 3))
			alignment = 4u << (ia & 3);
		break;
	}
	if (rn == 15 || d + (n - 1) * inc >= 32)
		return CPU_EXIT_UDF;
	uint32_t a = c->r[rn];
	if (a & (alignment - 1))
		return exec_align_fault(c, a);
	uint64_t v[4];
	for (unsigned s = 0; s < n; s++) {
		v[s] = c->v.d[d + s * inc];
		if (l) {
			uint64_t x = ebytes == 1 ? ld8(a) : ebytes == 2 ? ld16(a) : ld32(a);
			set_e(&v[s], esize, index, x);
		} else {
			uint64_t x = get_e(&v[s], esize, index);
			if (ebytes == 1)
				st8(a, (uint32_t)x);
			else if (ebytes == 2)
				st16(a, (uint32_t)x);
			else
				st32(a, (uint32_t)x);
		}
		a += ebytes;
	}
	if (l)
		for (unsigned s = 0; s < n; s++)
			c->v.d[d + s * inc] = v[s];
	return ldst_wback(c, i, n * ebytes);
}

int neon_ld_all(struct cpu *c, uint32_t insn)
{
	uint32_t i = neon_a32(insn);
	unsigned n = BITS(i, 9, 8) + 1, size = BITS(i, 7, 6), t = BIT(i, 5), al = BIT(i, 4);
	unsigned d = VD(i), rn = BITS(i, 19, 16), regs = 1, inc = 1, ebytes, alignment = 1;
	if (size == 3 && !(n == 4 && al))
		return CPU_EXIT_UDF;
	ebytes = size == 3 ? 4 : 1u << size;
	switch (n) {
	case 1:
		if (size == 0 && al)
			return CPU_EXIT_UDF;
		regs = t + 1;
		alignment = al ? ebytes : 1;
		break;
	case 2:
		inc = t + 1;
		alignment = al ? 2 * ebytes : 1;
		break;
	case 3:
		if (al)
			return CPU_EXIT_UDF;
		inc = t + 1;
		break;
	default:
		inc = t + 1;
		alignment = !al ? 1 : size == 3 ? 16 : size == 2 ? 8 : 4 * ebytes;
		break;
	}
	if (rn == 15 || d + (n - 1) * inc + regs > 32)
		return CPU_EXIT_UDF;
	uint32_t a = c->r[rn];
	if (a & (alignment - 1))
		return exec_align_fault(c, a);
	unsigned esize = 8 * ebytes;
	uint64_t v[4];
	for (unsigned s = 0; s < n; s++) {
		uint64_t x = ebytes == 1 ? ld8(a) : ebytes == 2 ? ld16(a) : ld32(a), r = 0;
		for (unsigned e = 0; e < 64 / esize; e++)
			r |= x << (e * esize);
		v[s] = r;
		a += ebytes;
	}
	for (unsigned s = 0; s < n; s++)
		for (unsigned k = 0; k < regs; k++)
			c->v.d[d + s * inc + k] = v[s];
	return ldst_wback(c, i, n * ebytes);
}

/* ---------------------------------------------------------------- modified immediate */

int neon_imm(struct cpu *c, uint32_t insn)
{
	uint32_t i = neon_a32(insn);
	unsigned cmode = BITS(i, 11, 8), op = BIT(i, 5), q = BIT(i, 6), d = VD(i);
	uint64_t imm8 = BIT(i, 24) << 7 | BITS(i, 18, 16) << 4 | BITS(i, 3, 0), imm = 0;
	if (q && (d & 1))
		return CPU_EXIT_UDF;
	switch (cmode >> 1) {
	case 0: imm = imm8 * 0x0000000100000001ull; break;
	case 1: imm = (imm8 << 8) * 0x0000000100000001ull; break;
	case 2: imm = (imm8 << 16) * 0x0000000100000001ull; break;
	case 3: imm = (imm8 << 24) * 0x0000000100000001ull; break;
	case 4: imm = imm8 * 0x0001000100010001ull; break;
	case 5: imm = (imm8 << 8) * 0x0001000100010001ull; break;
	case 6: imm = (cmode & 1 ? (imm8 << 16 | 0xffff) : (imm8 << 8 | 0xff)) * 0x0000000100000001ull; break;
	default:
		if (!(cmode & 1) && !op) {
			imm = imm8 * 0x0101010101010101ull;
		} else if (!(cmode & 1)) {
			for (int k = 0; k < 8; k++)
				if ((imm8 >> k) & 1)
					imm |= 0xffull << (8 * k);
		} else if (!op) {
			uint64_t f = (imm8 >> 7) << 31 | (uint64_t)!((imm8 >> 6) & 1) << 30 |
				     ((imm8 >> 6) & 1 ? 0x1full << 25 : 0) | (imm8 & 0x3f) << 19;
			imm = f * 0x0000000100000001ull;
		} else {
			return CPU_EXIT_UDF;
		}
		break;
	}
	/* op with cmode 0xx1 / 10x1: VORR (op 0) VBIC (op 1); else VMOV (op 0) VMVN (op 1),
	 * except cmode 1110 op 1, VMOV.I64 */
	for (unsigned r = 0; r <= q; r++) {
		uint64_t *x = &c->v.d[d + r];
		if ((cmode & 1) && cmode < 12)
			*x = op ? *x & ~imm : *x | imm;
		else if (op && cmode != 14)
			*x = ~imm;
		else
			*x = imm;
	}
	return NEXT;
}

/* ---------------------------------------------------------------- three registers, same length */

/* VSHL / VRSHL by a signed register amount (the low byte of each element of m) */
static uint64_t shl_reg(struct cpu *c, uint64_t a, int64_t sh, unsigned esize, int uns, int round, int satq)
{
	(void)c;
	(void)satq;
	if (sh >= 0) {
		if (sh >= (int64_t)esize)
			return 0;
		return (a << sh) & emask(esize);
	}
	int64_t r = -sh;
	__int128 v = uns ? (__int128)a : (__int128)sx(a, esize);
	if (round) {
		if (r > (int64_t)esize)
			return 0;
		v += (__int128)1 << (r - 1);
		return (uint64_t)(v >> r) & emask(esize);
	}
	if (r >= (int64_t)esize)
		return uns ? 0 : (uint64_t)(sx(a, esize) < 0 ? -1 : 0) & emask(esize);
	return (uint64_t)(v >> r) & emask(esize);
}

/* VQSHL / VQRSHL by register: saturating left shifts, (rounding) right shifts */
static uint64_t qshl_reg(struct cpu *c, uint64_t a, int64_t sh, unsigned esize, int uns, int round)
{
	__int128 v = uns ? (__int128)a : (__int128)sx(a, esize);
	if (sh >= 0) {
		if (v == 0)
			return 0;
		if (sh >= (int64_t)esize)
			return sat(c, v < 0 ? -((__int128)1 << 100) : ((__int128)1 << 100), esize, uns);
		return sat(c, v * ((__int128)1 << sh), esize, uns);
	}
	int64_t r = -sh;
	if (r > (int64_t)esize)
		r = esize + 1;
	if (round)
		v += (__int128)1 << (r - 1);
	return sat(c, v >> r, esize, uns);
}

int neon_3same(struct cpu *c, uint32_t insn)
{
	uint32_t i = neon_a32(insn);
	unsigned opc = BITS(i, 11, 8), b = BIT(i, 4), u = BIT(i, 24), size = BITS(i, 21, 20), q = BIT(i, 6);
	unsigned d = VD(i), n = VN(i), m = VM(i), regs = q + 1, esize = 8u << size;
	if (q && ((d | n | m) & 1))
		return CPU_EXIT_UDF;
	int pairwise = opc == 10 || (opc == 11 && b);
	if (pairwise && q)
		return CPU_EXIT_UDF;
	int logic = opc == 1 && b;
	int allow64 = logic || (opc == 0 && b) || (opc == 2 && b) || opc == 4 || opc == 5 || (opc == 8 && !b);
	if (size == 3 && !allow64)
		return CPU_EXIT_UDF;
	if (opc == 9 && b && u && size != 0)
		return CPU_EXIT_UDF;	/* polynomial multiply: bytes only */
	if (opc == 11 && !b && (size == 0 || size == 3))
		return CPU_EXIT_UDF;
	uint64_t vn[2], vm[2], vd[2], r[2];
	rd_regs(c, n, regs, vn);
	rd_regs(c, m, regs, vm);
	rd_regs(c, d, regs, vd);
	if (logic) {
		for (unsigned k = 0; k < regs; k++) {
			uint64_t x = vn[k], y = vm[k], z = vd[k];
			switch (u << 2 | size) {
			case 0: r[k] = x & y; break;
			case 1: r[k] = x & ~y; break;
			case 2: r[k] = x | y; break;
			case 3: r[k] = x | ~y; break;
			case 4: r[k] = x ^ y; break;
			case 5: r[k] = (x & z) | (y & ~z); break;	/* VBSL */
			case 6: r[k] = (x & y) | (z & ~y); break;	/* VBIT */
			default: r[k] = (z & y) | (x & ~y); break;	/* VBIF */
			}
		}
		wr_regs(c, d, regs, r);
		return NEXT;
	}
	unsigned ne = regs * 64 / esize;
	if (pairwise) {
		unsigned half = ne / 2;
		for (unsigned e = 0; e < ne; e++) {
			const uint64_t *src = e < half ? vn : vm;
			unsigned k = (e % half) * 2;
			uint64_t x = get_e(src, esize, k), y = get_e(src, esize, k + 1), v;
			if (opc == 11)
				v = x + y;
			else if (!u) {
				int64_t sxv = sx(x, esize), syv = sx(y, esize);
				v = (uint64_t)(b ? (sxv < syv ? sxv : syv) : (sxv > syv ? sxv : syv));
			} else {
				v = b ? (x < y ? x : y) : (x > y ? x : y);
			}
			set_e(r, esize, e, v);
		}
		wr_regs(c, d, regs, r);
		return NEXT;
	}
	for (unsigned e = 0; e < ne; e++) {
		uint64_t x = get_e(vn, esize, e), y = get_e(vm, esize, e), z = get_e(vd, esize, e), v = 0;
		__int128 X = u ? (__int128)x : (__int128)sx(x, esize), Y = u ? (__int128)y : (__int128)sx(y, esize);
		switch (opc) {
		case 0: v = b ? sat(c, X + Y, esize, u) : (uint64_t)((X + Y) >> 1); break;
		case 1: v = (uint64_t)((X + Y + 1) >> 1); break;
		case 2: v = b ? sat(c, X - Y, esize, u) : (uint64_t)((X - Y) >> 1); break;
		case 3: v = (b ? X >= Y : X > Y) ? ~0ull : 0; break;
		/* VSHL/VRSHL Dd, Dm, Dn: the value is m's, the amount n's */
		case 4: v = b ? qshl_reg(c, y, (int8_t)x, esize, u, 0) : shl_reg(c, y, (int8_t)x, esize, u, 0, 0); break;
		case 5: v = b ? qshl_reg(c, y, (int8_t)x, esize, u, 1) : shl_reg(c, y, (int8_t)x, esize, u, 1, 0); break;
		case 6: v = (uint64_t)(b ? (X < Y ? X : Y) : (X > Y ? X : Y)); break;
		case 7: {
			__int128 df = X > Y ? X - Y : Y - X;
			v = (uint64_t)df + (b ? z : 0);
			break;
		}
		case 8:
			if (!b)
				v = u ? x - y : x + y;
			else
				v = (u ? x == y : (x & y) != 0) ? ~0ull : 0;
			break;
		case 9:
			if (!b) {
				v = u ? z - x * y : z + x * y;
			} else if (!u) {
				v = x * y;
			} else {	/* polynomial (carry-less) multiply of bytes */
				for (int k = 0; k < 8; k++)
					if ((y >> k) & 1)
						v ^= x << k;
			}
			break;
		default: {	/* 11: VQDMULH / VQRDMULH */
			__int128 p = 2 * (__int128)sx(x, esize) * sx(y, esize);
			if (u)
				p += (__int128)1 << (esize - 1);
			v = sat(c, p >> esize, esize, 0);
			break;
		}
		}
		set_e(r, esize, e, v);
	}
	wr_regs(c, d, regs, r);
	return NEXT;
}


static uint32_t fmaxmin(uint32_t a, uint32_t b, int min, uint32_t f, uint32_t *fl)
{
	a = (uint32_t)fp_flush_in(a, 0, f, fl);
	b = (uint32_t)fp_flush_in(b, 0, f, fl);
	if (fp_is_nan(0, a) || fp_is_nan(0, b)) {
		if (fp_is_snan(0, a) || fp_is_snan(0, b))
			*fl |= FPSCR_IOC;
		return (uint32_t)fp_default_nan(0);
	}
	uint32_t lt = fp_compare(0, a, b, 1, f, fl) == 0x80000000u;
	if ((a & 0x7fffffffu) == 0 && (b & 0x7fffffffu) == 0)
		return min ? a | b : a & b;	/* -0 < +0 */
	return (min ? lt : !lt) ? a : b;
}

int neon_3same_fp(struct cpu *c, uint32_t insn)
{
	uint32_t i = neon_a32(insn);
	unsigned opc = BITS(i, 11, 8), b = BIT(i, 4), u = BIT(i, 24), op = BIT(i, 21), q = BIT(i, 6);
	unsigned d = VD(i), n = VN(i), m = VM(i), regs = q + 1;
	if (BIT(i, 20) || (q && ((d | n | m) & 1)))
		return CPU_EXIT_UDF;
	int pairwise = (opc == 13 && !b && u && !op) || (opc == 15 && u);
	if (pairwise && q)
		return CPU_EXIT_UDF;
	if (opc == 14 && !u && op && !b)
		return CPU_EXIT_UDF;
	uint64_t vn[2], vm[2], vd[2], r[2];
	rd_regs(c, n, regs, vn);
	rd_regs(c, m, regs, vm);
	rd_regs(c, d, regs, vd);
	uint32_t f = std_fpscr(c), fl = 0;
	unsigned ne = regs * 2;
	for (unsigned e = 0; e < ne; e++) {
		uint32_t x, y, z = (uint32_t)get_e(vd, 32, e), v;
		if (pairwise) {
			const uint64_t *src = e < ne / 2 ? vn : vm;
			unsigned k = (e % (ne / 2)) * 2;
			x = (uint32_t)get_e(src, 32, k);
			y = (uint32_t)get_e(src, 32, k + 1);
		} else {
			x = (uint32_t)get_e(vn, 32, e);
			y = (uint32_t)get_e(vm, 32, e);
		}
		switch (opc) {
		case 13:
			if (!b && !u)
				v = (uint32_t)fp_arith(op ? FOP_SUB : FOP_ADD, 0, x, y, f, &fl);
			else if (!b && !op)
				v = (uint32_t)fp_arith(FOP_ADD, 0, x, y, f, &fl);
			else if (!b)
				v = (uint32_t)fp_arith(FOP_SUB, 0, x, y, f, &fl) & 0x7fffffffu;
			else if (!u) {
				uint32_t p = (uint32_t)fp_arith(FOP_MUL, 0, x, y, f, &fl);
				v = (uint32_t)fp_arith(op ? FOP_SUB : FOP_ADD, 0, z, p, f, &fl);
			} else
				v = (uint32_t)fp_arith(FOP_MUL, 0, x, y, f, &fl);
			break;
		case 12:	/* VFMA / VFMS: fused, d + (-)n*m */
			v = (uint32_t)fp_muladd(0, z, op ? x ^ 0x80000000u : x, y, f, &fl);
			break;
		case 14: if (b) {	/* VACGE / VACGT: compare absolute values */
			uint32_t cf = fp_compare(0, x & 0x7fffffffu, y & 0x7fffffffu, 0, f, &fl);
			int t = op ? cf == 0x20000000u : (cf == 0x20000000u || cf == 0x60000000u);
			v = t ? ~0u : 0;
			break;
		} else {
			uint32_t cf = fp_compare(0, x, y, !u || 1, f, &fl);
			if (u && (fp_is_nan(0, x) || fp_is_nan(0, y)))
				fl |= FPSCR_IOC;	/* VCGE/VCGT signal on quiet NaNs too */
			int t = !u ? cf == 0x60000000u : op ? cf == 0x20000000u : (cf == 0x20000000u || cf == 0x60000000u);
			v = t ? ~0u : 0;
			break;
		}
		default:
			if (b) {	/* VRECPS: 2 - n*m; VRSQRTS: (3 - n*m) / 2; infinity times zero gives 2 / 1.5 */
				uint32_t xf = (uint32_t)fp_flush_in(x, 0, f, &fl), yf = (uint32_t)fp_flush_in(y, 0, f, &fl);
				int iz = ((xf & 0x7fffffffu) == 0x7f800000u && !(yf & 0x7fffffffu)) ||
					 ((yf & 0x7fffffffu) == 0x7f800000u && !(xf & 0x7fffffffu));
				if (fp_is_nan(0, xf) || fp_is_nan(0, yf)) {
					v = (uint32_t)fp_arith(FOP_MUL, 0, xf, yf, f, &fl);
				} else if (iz) {
					v = op ? 0x3fc00000u : 0x40000000u;
				} else {
					uint32_t p = (uint32_t)fp_arith(FOP_MUL, 0, xf, yf, f, &fl);
					v = (uint32_t)fp_arith(FOP_SUB, 0, op ? 0x40400000u : 0x40000000u, p, f, &fl);
					if (op)
						v = (uint32_t)fp_arith(FOP_MUL, 0, v, 0x3f000000u, f, &fl);
				}
				break;
			}
			v = fmaxmin(x, y, op, f, &fl);
			break;
		}
		set_e(r, 32, e, v);
	}
	c->fpscr |= fl;
	wr_regs(c, d, regs, r);
	return NEXT;
}

/* ---------------------------------------------------------------- shifts by immediate */

int neon_shift(struct cpu *c, uint32_t insn)
{
	uint32_t i = neon_a32(insn);
	unsigned imm6 = BITS(i, 21, 16), l = BIT(i, 7), u = BIT(i, 24), q = BIT(i, 6), opc = BITS(i, 11, 8);
	unsigned d = VD(i), m = VM(i), esize;
	if (l)
		esize = 64;
	else if (imm6 & 32)
		esize = 32;
	else if (imm6 & 16)
		esize = 16;
	else
		esize = 8;
	unsigned lsh = l ? imm6 : imm6 - esize, rsh = (l ? 64 : 2 * esize) - imm6;
	if (opc == 8 || opc == 9 || opc == 10) {	/* narrowing / lengthening: esize is the narrow size */
		if (l)
			return CPU_EXIT_UDF;
		uint64_t vm[2], r[2] = { 0, 0 };
		if (opc != 10) {	/* VSHRN VRSHRN VQSHRUN VQRSHRUN VQSHRN VQRSHRN Dd, Qm, #rsh */
			int rnd = BIT(i, 6), satq = !(opc == 8 && !u), src_uns = opc == 9 && u, dst_uns = u;
			if (m & 1)
				return CPU_EXIT_UDF;
			rd_regs(c, m, 2, vm);
			for (unsigned e = 0; e < 64 / esize; e++) {
				uint64_t x = get_e(vm, 2 * esize, e);
				__int128 X = src_uns ? (__int128)x : (__int128)sx(x, 2 * esize);
				if (rnd)
					X += (__int128)1 << (rsh - 1);
				X >>= rsh;
				set_e(r, esize, e, satq ? sat(c, X, esize, dst_uns) : (uint64_t)X);
			}
			c->v.d[d] = r[0];
			return NEXT;
		}
		/* VSHLL / VMOVL Qd, Dm, #lsh */
		if (d & 1)
			return CPU_EXIT_UDF;
		vm[0] = c->v.d[m];
		for (unsigned e = 0; e < 64 / esize; e++) {
			uint64_t x = get_e(vm, esize, e);
			uint64_t w = u ? x : (uint64_t)sx(x, esize);
			set_e(r, 2 * esize, e, w << lsh);
		}
		wr_regs(c, d, 2, r);
		return NEXT;
	}
	unsigned regs = q + 1;
	if (q && ((d | m) & 1))
		return CPU_EXIT_UDF;
	uint64_t vm[2], vd[2], r[2];
	rd_regs(c, m, regs, vm);
	rd_regs(c, d, regs, vd);
	if (opc >= 14) {	/* VCVT between F32 and fixed point: bit 8 set to fixed */
		if (l || !(imm6 & 32))
			return CPU_EXIT_UDF;
		uint32_t f = std_fpscr(c), fl = 0;
		int fbits = 64 - (int)imm6;
		for (unsigned e = 0; e < regs * 2; e++) {
			uint32_t x = (uint32_t)get_e(vm, 32, e), v;
			if (opc == 15)
				v = (uint32_t)fp_to_int(x, 0, !u, 32, fbits, FPR_RZ, f, &fl);
			else
				v = (uint32_t)fp_from_int(u ? (int64_t)x : (int64_t)(int32_t)x, 0, fbits, f, &fl);
			set_e(r, 32, e, v);
		}
		c->fpscr |= fl;
		wr_regs(c, d, regs, r);
		return NEXT;
	}
	for (unsigned e = 0; e < regs * 64 / esize; e++) {
		uint64_t x = get_e(vm, esize, e), z = get_e(vd, esize, e), v;
		__int128 X = u ? (__int128)x : (__int128)sx(x, esize);
		switch (opc) {
		case 0: case 1: case 2: case 3: {
			if (opc & 2)
				X += (__int128)1 << (rsh - 1);
			v = (uint64_t)(X >> rsh);
			if (opc & 1)
				v += z;
			break;
		}
		case 4: {	/* VSRI */
			uint64_t mk = rsh >= esize ? 0 : emask(esize) >> rsh;
			v = (z & ~mk) | (rsh >= esize ? 0 : x >> rsh);
			break;
		}
		case 6: case 7: {	/* VQSHLU (6, U 1), VQSHL (7): saturating left shift */
			if (opc == 6 && !u)
				return CPU_EXIT_UDF;
			__int128 S = opc == 6 ? (__int128)sx(x, esize) : X;
			v = sat(c, S * ((__int128)1 << lsh), esize, opc == 6 || u);
			break;
		}
		default:	/* 5: VSHL (U 0) / VSLI (U 1) */
			if (!u)
				v = x << lsh;
			else {
				uint64_t mk = (emask(esize) << lsh) & emask(esize);
				v = (z & ~mk) | ((x << lsh) & mk);
			}
			break;
		}
		set_e(r, esize, e, v);
	}
	wr_regs(c, d, regs, r);
	return NEXT;
}

/* ---------------------------------------------------------------- reciprocal estimates (ARMv7) */

static double recip_estimate(double a)
{
	int q = (int)(a * 512.0);
	double r = 1.0 / (((double)q + 0.5) / 512.0);
	int s = (int)(256.0 * r + 0.5);
	return s / 256.0;
}

static double rsqrt_estimate(double a)
{
	double r;
	if (a < 0.5) {
		int q0 = (int)(a * 512.0);
		r = 1.0 / sqrt(((double)q0 + 0.5) / 512.0);
	} else {
		int q1 = (int)(a * 256.0);
		r = 1.0 / sqrt(((double)q1 + 0.5) / 256.0);
	}
	int s = (int)(256.0 * r + 0.5);
	return s / 256.0;
}

static inline uint64_t dbits(double x) { uint64_t v; memcpy(&v, &x, 8); return v; }
static inline double bitsd(uint64_t v) { double x; memcpy(&x, &v, 8); return x; }

static uint32_t recpe_f32(uint32_t x, uint32_t f, uint32_t *fl)
{
	x = (uint32_t)fp_flush_in(x, 0, f, fl);
	uint32_t sign = x & 0x80000000u, exp = (x >> 23) & 0xff;
	if (fp_is_nan(0, x)) {
		if (fp_is_snan(0, x))
			*fl |= FPSCR_IOC;
		return (uint32_t)fp_default_nan(0);
	}
	if (!(x & 0x7fffffffu)) {
		*fl |= FPSCR_DZC;
		return sign | 0x7f800000u;
	}
	if ((x & 0x7fffffffu) == 0x7f800000u)
		return sign;
	if (exp >= 253) {
		*fl |= FPSCR_UFC;
		return sign;
	}
	double a = bitsd(0x3feull << 52 | (uint64_t)(x & 0x7fffff) << 29);
	uint64_t e = dbits(recip_estimate(a));
	return sign | (253 - exp) << 23 | (uint32_t)((e >> 29) & 0x7fffff);
}

static uint32_t rsqrte_f32(uint32_t x, uint32_t f, uint32_t *fl)
{
	x = (uint32_t)fp_flush_in(x, 0, f, fl);
	uint32_t exp = (x >> 23) & 0xff;
	if (fp_is_nan(0, x)) {
		if (fp_is_snan(0, x))
			*fl |= FPSCR_IOC;
		return (uint32_t)fp_default_nan(0);
	}
	if (!(x & 0x7fffffffu)) {
		*fl |= FPSCR_DZC;
		return (x & 0x80000000u) | 0x7f800000u;
	}
	if (x & 0x80000000u) {
		*fl |= FPSCR_IOC;
		return (uint32_t)fp_default_nan(0);
	}
	if (x == 0x7f800000u)
		return 0;
	uint64_t m = (uint64_t)(x & 0x7fffff) << 29;
	double a = bitsd(((x >> 23) & 1 ? 0x3fdull : 0x3feull) << 52 | m);
	uint64_t e = dbits(rsqrt_estimate(a));
	return ((380 - exp) / 2) << 23 | (uint32_t)((e >> 29) & 0x7fffff);
}

static uint32_t recpe_u32(uint32_t x)
{
	if (!(x >> 31))
		return 0xffffffffu;
	uint64_t e = dbits(recip_estimate(bitsd(0x3feull << 52 | (uint64_t)(x & 0x7fffffff) << 21)));
	return 0x80000000u | (uint32_t)((e >> 21) & 0x7fffffff);
}

static uint32_t rsqrte_u32(uint32_t x)
{
	if (!(x >> 30))
		return 0xffffffffu;
	double a = x >> 31 ? bitsd(0x3feull << 52 | (uint64_t)(x & 0x7fffffff) << 21)
			   : bitsd(0x3fdull << 52 | (uint64_t)(x & 0x3fffffff) << 22);
	uint64_t e = dbits(rsqrt_estimate(a));
	return 0x80000000u | (uint32_t)((e >> 21) & 0x7fffffff);
}

/* ---------------------------------------------------------------- permutes and miscellaneous */

int neon_vext(struct cpu *c, uint32_t insn)
{
	uint32_t i = neon_a32(insn);
	unsigned q = BIT(i, 6), imm4 = BITS(i, 11, 8), d = VD(i), n = VN(i), m = VM(i), regs = q + 1;
	if ((q && ((d | n | m) & 1)) || (!q && imm4 > 7))
		return CPU_EXIT_UDF;
	uint8_t buf[32], out[16];
	uint64_t vn[2], vm[2];
	rd_regs(c, n, regs, vn);
	rd_regs(c, m, regs, vm);
	memcpy(buf, vn, 8 * regs);
	memcpy(buf + 8 * regs, vm, 8 * regs);
	memcpy(out, buf + imm4, 8 * regs);
	uint64_t r[2];
	memcpy(r, out, 8 * regs);
	wr_regs(c, d, regs, r);
	return NEXT;
}

int neon_vdup_scalar(struct cpu *c, uint32_t insn)
{
	uint32_t i = neon_a32(insn);
	unsigned imm4 = BITS(i, 19, 16), q = BIT(i, 6), d = VD(i), m = VM(i), esize, idx;
	if (imm4 & 1) {
		esize = 8;
		idx = imm4 >> 1;
	} else if (imm4 & 2) {
		esize = 16;
		idx = imm4 >> 2;
	} else if (imm4 & 4) {
		esize = 32;
		idx = imm4 >> 3;
	} else {
		return CPU_EXIT_UDF;
	}
	if (q && (d & 1))
		return CPU_EXIT_UDF;
	uint64_t x = get_e(&c->v.d[m], esize, idx), v = 0;
	for (unsigned e = 0; e < 64 / esize; e++)
		v |= x << (e * esize);
	for (unsigned r = 0; r <= q; r++)
		c->v.d[d + r] = v;
	return NEXT;
}

int neon_2misc(struct cpu *c, uint32_t insn)
{
	uint32_t i = neon_a32(insn);
	unsigned size = BITS(i, 19, 18), q = BIT(i, 6), d = VD(i), m = VM(i), regs = q + 1;
	unsigned esize = 8u << size, op = BITS(i, 8, 7), a = BITS(i, 17, 16), bb = BITS(i, 10, 7);
	uint64_t vm[2], vd[2], r[2] = { 0, 0 };
	if (a == 2 && (bb == 5 || (bb == 4 && q))) {	/* VQMOVUN (01001), VQMOVN (0101x) Dd, Qm */
		int op2 = BITS(i, 7, 6);	/* 01 VQMOVUN, 10 VQMOVN.S, 11 VQMOVN.U */
		if ((m & 1) || size == 3)
			return CPU_EXIT_UDF;
		uint64_t w[2];
		rd_regs(c, m, 2, w);
		for (unsigned e = 0; e < 64 / esize; e++) {
			uint64_t x = get_e(w, 2 * esize, e);
			__int128 X = op2 == 3 ? (__int128)x : (__int128)sx(x, 2 * esize);
			set_e(r, esize, e, sat(c, X, esize, op2 != 2));
		}
		c->v.d[d] = r[0];
		return NEXT;
	}
	if (a == 2 && bb == 6 && !q) {	/* VSHLL Qd, Dm, #esize */
		if (d & 1)
			return CPU_EXIT_UDF;
		uint64_t w[2] = { 0, 0 }, x = c->v.d[m];
		if (size == 3)
			return CPU_EXIT_UDF;
		for (unsigned e = 0; e < 64 / esize; e++)
			set_e(w, 2 * esize, e, get_e(&x, esize, e) << esize);
		wr_regs(c, d, 2, w);
		return NEXT;
	}
	if (a == 2 && (bb == 12 || bb == 14) && !q) {	/* VCVT.F16.F32 Dd, Qm / VCVT.F32.F16 Qd, Dm */
		uint32_t f = std_fpscr(c), fl = 0;
		uint64_t w[2] = { 0, 0 };
		if (size != 1 || (bb == 12 ? (m & 1) : (d & 1)))
			return CPU_EXIT_UDF;
		if (bb == 12) {
			rd_regs(c, m, 2, w);
			uint64_t h = 0;
			for (unsigned e = 0; e < 4; e++)
				h |= (uint64_t)fp_to_half(get_e(w, 32, e), 0, f, &fl) << (16 * e);
			c->fpscr |= fl;
			c->v.d[d] = h;
			return NEXT;
		}
		uint64_t h = c->v.d[m];
		for (unsigned e = 0; e < 4; e++)
			set_e(w, 32, e, fp_from_half((uint32_t)(h >> (16 * e)) & 0xffff, 0, f, &fl));
		c->fpscr |= fl;
		wr_regs(c, d, 2, w);
		return NEXT;
	}
	if (a == 2 && bb == 4 && !q) {	/* VMOVN Dd, Qm */
		if (size == 3 || (m & 1))
			return CPU_EXIT_UDF;
		rd_regs(c, m, 2, vm);
		for (unsigned e = 0; e < 64 / esize; e++)
			set_e(r, esize, e, get_e(vm, 2 * esize, e));
		c->v.d[d] = r[0];
		return NEXT;
	}
	if (q && ((d | m) & 1))
		return CPU_EXIT_UDF;
	rd_regs(c, m, regs, vm);
	rd_regs(c, d, regs, vd);
	unsigned ne = regs * 64 / esize;
	if (a == 0 && bb < 4) {	/* VREV64/32/16: reverse elements within groups */
		unsigned group = 64u >> op;
		if (op == 3 || esize >= group)
			return CPU_EXIT_UDF;
		unsigned per = group / esize;
		for (unsigned e = 0; e < ne; e++)
			set_e(r, esize, e, get_e(vm, esize, (e / per) * per + (per - 1 - e % per)));
		wr_regs(c, d, regs, r);
		return NEXT;
	}
	if (a == 2 && bb <= 3) {	/* VSWP VTRN VUZP VZIP: both registers change */
		uint64_t nd[2], nm[2];
		if (bb == 0) {
			if (size)
				return CPU_EXIT_UDF;
			wr_regs(c, d, regs, vm);
			wr_regs(c, m, regs, vd);
			return NEXT;
		}
		if (size == 3 || (bb >= 2 && !q && size == 2))
			return CPU_EXIT_UDF;
		if (bb == 1) {	/* VTRN */
			memcpy(nd, vd, sizeof(nd));
			memcpy(nm, vm, sizeof(nm));
			for (unsigned e = 0; e < ne; e += 2) {
				set_e(nd, esize, e + 1, get_e(vm, esize, e));
				set_e(nm, esize, e, get_e(vd, esize, e + 1));
			}
		} else {
			/* the concatenation d:m (d low) */
			uint64_t cat[4];
			memcpy(cat, vd, 8 * regs);
			memcpy(cat + regs, vm, 8 * regs);
			uint64_t out[4] = { 0, 0, 0, 0 };
			for (unsigned e = 0; e < 2 * ne; e++) {
				if (bb == 2)	/* VUZP: even elements to d, odd to m */
					set_e(out, esize, (e & 1) * ne + e / 2, get_e(cat, esize, e));
				else		/* VZIP: interleave d and m */
					set_e(out, esize, e, get_e(cat, esize, (e & 1) * ne + e / 2));
			}
			memcpy(nd, out, 8 * regs);
			memcpy(nm, out + regs, 8 * regs);
		}
		wr_regs(c, d, regs, nd);
		wr_regs(c, m, regs, nm);
		return NEXT;
	}
	if (size == 3)
		return CPU_EXIT_UDF;
	if (a == 0 && (bb >> 1 == 2 || bb >> 1 == 6)) {	/* VPADDL / VPADAL: pairs to double width */
		int uns = bb & 1, acc = bb >= 12;
		for (unsigned e = 0; e < ne / 2; e++) {
			uint64_t x = get_e(vm, esize, 2 * e), y = get_e(vm, esize, 2 * e + 1);
			uint64_t v = uns ? x + y : (uint64_t)(sx(x, esize) + sx(y, esize));
			if (acc)
				v += get_e(vd, 2 * esize, e);
			set_e(r, 2 * esize, e, v);
		}
		wr_regs(c, d, regs, r);
		return NEXT;
	}
	if (a == 3 && (bb >> 2) == 2) {	/* VRECPE (bit 7 0) / VRSQRTE (1), U32 (bit 8 0) or F32 */
		if (size != 2)
			return CPU_EXIT_UDF;
		uint32_t f = std_fpscr(c), fl = 0;
		for (unsigned e = 0; e < ne; e++) {
			uint32_t x = (uint32_t)get_e(vm, 32, e), v;
			switch (op) {
			case 0: v = recpe_u32(x); break;
			case 1: v = rsqrte_u32(x); break;
			case 2: v = recpe_f32(x, f, &fl); break;
			default: v = rsqrte_f32(x, f, &fl); break;
			}
			set_e(r, 32, e, v);
		}
		c->fpscr |= fl;
		wr_regs(c, d, regs, r);
		return NEXT;
	}
	if (a == 3 && (bb >> 2) == 3) {	/* VCVT between F32 and S32/U32 (standard FPSCR) */
		if (size != 2)
			return CPU_EXIT_UDF;
		uint32_t f = std_fpscr(c), fl = 0;
		for (unsigned e = 0; e < ne; e++) {
			uint32_t x = (uint32_t)get_e(vm, 32, e), v;
			switch (op) {
			case 0: v = (uint32_t)fp_from_int((int32_t)x, 0, 0, f, &fl); break;
			case 1: v = (uint32_t)fp_from_int((int64_t)x, 0, 0, f, &fl); break;
			case 2: v = (uint32_t)fp_to_int(x, 0, 1, 32, 0, FPR_RZ, f, &fl); break;
			default: v = (uint32_t)fp_to_int(x, 0, 0, 32, 0, FPR_RZ, f, &fl); break;
			}
			set_e(r, 32, e, v);
		}
		c->fpscr |= fl;
		wr_regs(c, d, regs, r);
		return NEXT;
	}
	if (a == 1 && bb >= 8 && bb <= 12) {	/* VCGT VCGE VCEQ VCLE VCLT #0, single precision */
		if (size != 2)
			return CPU_EXIT_UDF;
		uint32_t f = std_fpscr(c), fl = 0;
		for (unsigned e = 0; e < ne; e++) {
			uint32_t x = (uint32_t)get_e(vm, 32, e), cf = fp_compare(0, x, 0, bb == 10, f, &fl);
			int gt = cf == 0x20000000u, eq = cf == 0x60000000u, lt = cf == 0x80000000u, t;
			switch (bb) {
			case 8: t = gt; break;
			case 9: t = gt || eq; break;
			case 10: t = eq; break;
			case 11: t = lt || eq; break;
			default: t = lt; break;
			}
			set_e(r, 32, e, t ? ~0ull : 0);
		}
		c->fpscr |= fl;
		wr_regs(c, d, regs, r);
		return NEXT;
	}
	if (a == 1 && (bb == 14 || bb == 15)) {	/* VABS.F32 / VNEG.F32: the sign bit only */
		if (size != 2)
			return CPU_EXIT_UDF;
		for (unsigned k = 0; k < regs; k++)
			r[k] = bb == 14 ? vm[k] & ~0x8000000080000000ull : vm[k] ^ 0x8000000080000000ull;
		wr_regs(c, d, regs, r);
		return NEXT;
	}
	if (a == 0 && (bb == 14 || bb == 15)) {	/* VQABS / VQNEG */
		for (unsigned e = 0; e < ne; e++) {
			__int128 s = sx(get_e(vm, esize, e), esize);
			set_e(r, esize, e, sat(c, bb == 14 ? (s < 0 ? -s : s) : -s, esize, 0));
		}
		wr_regs(c, d, regs, r);
		return NEXT;
	}
	if (a == 1 && bb <= 4) {	/* VCGT VCGE VCEQ VCLE VCLT #0, integer */
		for (unsigned e = 0; e < ne; e++) {
			int64_t s = sx(get_e(vm, esize, e), esize);
			int t = bb == 0 ? s > 0 : bb == 1 ? s >= 0 : bb == 2 ? s == 0 : bb == 3 ? s <= 0 : s < 0;
			set_e(r, esize, e, t ? ~0ull : 0);
		}
		wr_regs(c, d, regs, r);
		return NEXT;
	}
	for (unsigned e = 0; e < ne; e++) {
		uint64_t x = get_e(vm, esize, e), v;
		int64_t s = sx(x, esize);
		if (a == 0 && bb == 8) {	/* VCLS */
			unsigned k = 0;
			while (k < esize - 1 && (((x >> (esize - 2 - k)) & 1) == ((x >> (esize - 1)) & 1)))
				k++;
			v = k;
		} else if (a == 0 && bb == 9) {	/* VCLZ */
			unsigned k = 0;
			while (k < esize && !((x >> (esize - 1 - k)) & 1))
				k++;
			v = k;
		} else if (a == 0 && bb == 10) {	/* VCNT */
			if (size)
				return CPU_EXIT_UDF;
			v = (uint64_t)__builtin_popcountll(x);
		} else if (a == 0 && bb == 11) {	/* VMVN */
			if (size)
				return CPU_EXIT_UDF;
			v = ~x;
		} else if (a == 1 && bb == 6) {	/* VABS */
			v = (uint64_t)(s < 0 ? -s : s);
		} else if (a == 1 && bb == 7) {	/* VNEG */
			v = (uint64_t)-s;
		} else {
			return CPU_EXIT_UDF;
		}
		set_e(r, esize, e, v);
	}
	wr_regs(c, d, regs, r);
	return NEXT;
}

int neon_vtbl(struct cpu *c, uint32_t insn)
{
	uint32_t i = neon_a32(insn);
	unsigned len = BITS(i, 9, 8) + 1, tbx = BIT(i, 6), d = VD(i), n = VN(i), m = VM(i);
	if (n + len > 32)
		return CPU_EXIT_UDF;
	uint8_t table[32];
	for (unsigned k = 0; k < len; k++)
		memcpy(table + 8 * k, &c->v.d[n + k], 8);
	uint64_t idx = c->v.d[m], old = c->v.d[d], r = 0;
	for (unsigned e = 0; e < 8; e++) {
		unsigned x = (idx >> (8 * e)) & 0xff;
		uint64_t b = x < 8 * len ? table[x] : tbx ? (old >> (8 * e)) & 0xff : 0;
		r |= b << (8 * e);
	}
	c->v.d[d] = r;
	return NEXT;
}

/* ---------------------------------------------------------------- long, wide and narrow forms */

int neon_3diff(struct cpu *c, uint32_t insn)
{
	uint32_t i = neon_a32(insn);
	unsigned opc = BITS(i, 11, 8), u = BIT(i, 24), size = BITS(i, 21, 20), d = VD(i), n = VN(i), m = VM(i);
	unsigned esize = 8u << size;
	if (size == 3)
		return CPU_EXIT_UDF;
	int wide_n = opc == 1 || opc == 3, narrow = opc == 4 || opc == 6;
	if (((opc == 9 || opc == 11 || opc == 13) && (u || size == 0)) || opc == 15 || (opc == 14 && (u || size)))
		return CPU_EXIT_UDF;
	if ((!narrow && (d & 1)) || ((wide_n || narrow) && (n & 1)) || (narrow && (m & 1)))
		return CPU_EXIT_UDF;
	uint64_t vn[2], vm[2], vd[2], r[2] = { 0, 0 };
	rd_regs(c, n, 2, vn);
	rd_regs(c, m, 2, vm);
	rd_regs(c, d, 2, vd);
	unsigned ne = 64 / esize;
	if (narrow) {	/* VADDHN VRADDHN VSUBHN VRSUBHN Dd, Qn, Qm */
		for (unsigned e = 0; e < ne; e++) {
			uint64_t x = get_e(vn, 2 * esize, e), y = get_e(vm, 2 * esize, e);
			uint64_t v = opc == 4 ? x + y : x - y;
			if (u)
				v += 1ull << (esize - 1);
			set_e(r, esize, e, v >> esize);
		}
		c->v.d[d] = r[0];
		return NEXT;
	}
	for (unsigned e = 0; e < ne; e++) {
		uint64_t x = wide_n ? get_e(vn, 2 * esize, e) : get_e(vn, esize, e), y = get_e(vm, esize, e);
		__int128 X = wide_n ? (u ? (__int128)x : (__int128)sx(x, 2 * esize)) : (u ? (__int128)x : (__int128)sx(x, esize));
		__int128 Y = u ? (__int128)y : (__int128)sx(y, esize), Z = (__int128)sx(get_e(vd, 2 * esize, e), 2 * esize);
		uint64_t v;
		switch (opc) {
		case 0: case 1: v = (uint64_t)(X + Y); break;
		case 2: case 3: v = (uint64_t)(X - Y); break;
		case 5: v = (uint64_t)(Z + (X > Y ? X - Y : Y - X)); break;
		case 7: v = (uint64_t)(X > Y ? X - Y : Y - X); break;
		case 8: v = (uint64_t)(Z + X * Y); break;
		case 10: v = (uint64_t)(Z - X * Y); break;
		case 12: v = (uint64_t)(X * Y); break;
		case 14: {	/* VMULL.P8 */
			v = 0;
			for (int k = 0; k < 8; k++)
				if ((y >> k) & 1)
					v ^= x << k;
			break;
		}
		default: {	/* 9 VQDMLAL, 11 VQDMLSL, 13 VQDMULL */
			uint64_t p = sat(c, 2 * X * Y, 2 * esize, 0);
			if (opc == 13)
				v = p;
			else
				v = sat(c, opc == 9 ? Z + sx(p, 2 * esize) : Z - sx(p, 2 * esize), 2 * esize, 0);
			break;
		}
		}
		set_e(r, 2 * esize, e, v);
	}
	wr_regs(c, d, 2, r);
	return NEXT;
}

int neon_scalar(struct cpu *c, uint32_t insn)
{
	uint32_t i = neon_a32(insn);
	unsigned opc = BITS(i, 11, 8), q = BIT(i, 24), size = BITS(i, 21, 20), d = VD(i), n = VN(i);
	unsigned esize = 8u << size, mreg, idx;
	if (size == 0 || size == 3)
		return CPU_EXIT_UDF;
	if (size == 1) {
		mreg = BITS(i, 2, 0);
		idx = BIT(i, 5) << 1 | BIT(i, 3);
	} else {
		mreg = BITS(i, 3, 0);
		idx = BIT(i, 5);
	}
	int is_long = opc == 2 || opc == 3 || opc == 6 || opc == 7 || opc == 10 || opc == 11;
	int fp = opc == 1 || opc == 5 || opc == 9;
	if (opc >= 14 || (fp && size != 2))
		return CPU_EXIT_UDF;
	if ((opc == 3 || opc == 7 || opc == 11) && q)
		return CPU_EXIT_UDF;	/* the saturating long forms exist signed only */
	unsigned regs = is_long ? 2 : q + 1;
	if ((is_long && (d & 1)) || (!is_long && q && ((d | n) & 1)))
		return CPU_EXIT_UDF;
	uint64_t sc = get_e(&c->v.d[mreg], esize, idx), vn[2], vd[2], r[2] = { 0, 0 };
	rd_regs(c, n, is_long ? 1 : regs, vn);
	rd_regs(c, d, regs, vd);
	uint32_t f = std_fpscr(c), fl = 0;
	unsigned ne = is_long ? 64 / esize : regs * 64 / esize;
	int uns = is_long && q;	/* VMLAL/VMLSL/VMULL: bit 24 is U */
	for (unsigned e = 0; e < ne; e++) {
		uint64_t x = get_e(vn, esize, e), v;
		if (fp) {
			uint32_t p = (uint32_t)fp_arith(FOP_MUL, 0, x, sc, f, &fl), z = (uint32_t)get_e(vd, 32, e);
			v = opc == 9 ? p : (uint32_t)fp_arith(opc == 1 ? FOP_ADD : FOP_SUB, 0, z, p, f, &fl);
			set_e(r, 32, e, v);
			continue;
		}
		if (!is_long) {
			uint64_t z = get_e(vd, esize, e);
			switch (opc) {
			case 0: v = z + x * sc; break;
			case 4: v = z - x * sc; break;
			case 8: v = x * sc; break;
			default: {	/* 12 VQDMULH, 13 VQRDMULH */
				__int128 p = 2 * (__int128)sx(x, esize) * sx(sc, esize);
				if (opc == 13)
					p += (__int128)1 << (esize - 1);
				v = sat(c, p >> esize, esize, 0);
				break;
			}
			}
			set_e(r, esize, e, v);
			continue;
		}
		__int128 X = uns ? (__int128)x : (__int128)sx(x, esize), Y = uns ? (__int128)sc : (__int128)sx(sc, esize);
		__int128 Z = (__int128)sx(get_e(vd, 2 * esize, e), 2 * esize);
		switch (opc) {
		case 2: v = (uint64_t)(Z + X * Y); break;
		case 6: v = (uint64_t)(Z - X * Y); break;
		case 10: v = (uint64_t)(X * Y); break;
		default: {	/* 3 VQDMLAL, 7 VQDMLSL, 11 VQDMULL */
			uint64_t p = sat(c, 2 * X * Y, 2 * esize, 0);
			v = opc == 11 ? p : sat(c, opc == 3 ? Z + sx(p, 2 * esize) : Z - sx(p, 2 * esize), 2 * esize, 0);
			break;
		}
		}
		set_e(r, 2 * esize, e, v);
	}
	c->fpscr |= fl;
	wr_regs(c, d, regs, r);
	return NEXT;
}
