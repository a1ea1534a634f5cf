// SPDX-License-Identifier: GPL-2.0-only
/*
 * simd_int.c — AdvSIMD integer: three-same, three-different (widening/narrowing), two-register
 * misc, across-lanes, shift by immediate, by-element; vector and scalar forms share the code.
 * FP sub-encodings of these groups are forwarded to simd_fp.c.
 */
#include "simd.h"
#include "simd_fp.h"
#include "simd_fast.h"

static __int128 ext(const vreg_t *v, int sz, int i, int u)
{
	return u ? (__int128)lane(v, sz, i) : (__int128)slane(v, sz, i);
}

static uint64_t trunc_e(__int128 v, int sz) { return (uint64_t)v & ones(8 << sz); }

static uint64_t sat(struct cpu *c, __int128 v, int sz, int u)
{
	return u ? sat_u(c, v, 8 << sz) : sat_s(c, v, 8 << sz);
}

/* Shift by a signed register amount (SSHL family); rnd rounds right shifts, satur saturates left. */
static uint64_t shift_reg_elem(struct cpu *c, __int128 a, int sh, int sz, int u, int rnd, int satur)
{
	int w = 8 << sz;
	if (sh >= 0) {
		__int128 r;
		if (sh >= 64)
			r = a == 0 ? 0 : (a > 0 ? ((__int128)1 << 100) : -((__int128)1 << 100));
		else
			r = a * ((__int128)1 << sh);
		return satur ? sat(c, r, sz, u) : (sh >= w ? 0 : trunc_e(r, sz));
	}
	int n = -sh;
	if (n > 127)
		n = 127;
	__int128 r = rnd ? (a + ((__int128)1 << (n - 1))) >> n : a >> n;
	return satur ? sat(c, r, sz, u) : trunc_e(r, sz);
}

static uint64_t sqdmulh(struct cpu *c, __int128 a, __int128 b, int sz, int round)
{
	int w = 8 << sz;
	__int128 p = 2 * a * b + (round ? ((__int128)1 << (w - 1)) : 0);
	return sat_s(c, p >> w, w);
}

static int three_same_int(struct cpu *c, uint32_t insn, int scalar)
{
	int q = BIT(insn, 30), u = BIT(insn, 29), sz = BITS(insn, 23, 22), opc = BITS(insn, 15, 11);
	const vreg_t *n = &c->v[RN(insn)], *m = &c->v[RM(insn)];
	vreg_t d, old = c->v[RD(insn)];
	d.q = 0;
	if (opc == 3) { /* logical */
		if (scalar)
			return CPU_EXIT_UDF;
		for (int i = 0; i < 2; i++) {
			uint64_t a = n->d[i], b = m->d[i], o = old.d[i], r;
			switch ((u << 2) | sz) {
			case 0: r = a & b; break;
			case 1: r = a & ~b; break;
			case 2: r = a | b; break;
			case 3: r = a | ~b; break;
			case 4: r = a ^ b; break;
			case 5: r = (o & a) | (~o & b); break;	/* BSL */
			case 6: r = (o & ~b) | (a & b); break;	/* BIT */
			default: r = (o & b) | (a & ~b); break;	/* BIF */
			}
			d.d[i] = r;
		}
		vwrite(c, RD(insn), &d, q);
		return NEXT;
	}
	if (scalar) {
		switch (opc) {
		case 1: case 5: case 9: case 11: break;
		case 6: case 7: case 8: case 10: case 16: case 17:
			if (sz != 3)
				return CPU_EXIT_UDF;
			break;
		case 22:
			if (sz != 1 && sz != 2)
				return CPU_EXIT_UDF;
			break;
		default: return CPU_EXIT_UDF;
		}
	} else if (sz == 3 && (!q || ((0x3cf015u >> opc) & 1))) {
		return CPU_EXIT_UDF;	/* 1D vectors; no 64-bit lanes for HADD..ABA, MLA, MUL, MAXP, MINP */
	}
	int elems = scalar ? 1 : (q ? 16 : 8) >> sz, w = 8 << sz;
	if (opc == 20 || opc == 21 || opc == 23) { /* pairwise */
		if (opc == 23 && u)
			return CPU_EXIT_UDF;
		if (sz == 3 && opc != 23)
			return CPU_EXIT_UDF;
		for (int i = 0; i < elems; i++) {
			const vreg_t *src = i < elems / 2 ? n : m;
			int j = (i % (elems / 2)) * 2;
			__int128 a = ext(src, sz, j, u), b = ext(src, sz, j + 1, u), r;
			if (opc == 23)
				r = a + b;
			else if (opc == 20)
				r = a > b ? a : b;
			else
				r = a < b ? a : b;
			setlane(&d, sz, i, trunc_e(r, sz));
		}
		vwrite(c, RD(insn), &d, q);
		return NEXT;
	}
	for (int i = 0; i < elems; i++) {
		__int128 a = ext(n, sz, i, u), b = ext(m, sz, i, u);
		uint64_t r;
		switch (opc) {
		case 0: r = trunc_e((a + b) >> 1, sz); break;
		case 1: r = sat(c, a + b, sz, u); break;
		case 2: r = trunc_e((a + b + 1) >> 1, sz); break;
		case 4: r = trunc_e((a - b) >> 1, sz); break;
		case 5: r = sat(c, a - b, sz, u); break;
		case 6: r = a > b ? ones(w) : 0; break;
		case 7: r = a >= b ? ones(w) : 0; break;
		case 8: case 9: case 10: case 11:
			r = shift_reg_elem(c, a, (int8_t)lane(m, sz, i), sz, u, opc & 2, opc & 1);
			break;
		case 12: r = trunc_e(a > b ? a : b, sz); break;
		case 13: r = trunc_e(a < b ? a : b, sz); break;
		case 14: r = trunc_e(a > b ? a - b : b - a, sz); break;
		case 15: r = trunc_e((a > b ? a - b : b - a) + (__int128)lane(&old, sz, i), sz); break;
		case 16: r = trunc_e(u ? a - b : a + b, sz); break;
		case 17:
			if (u)
				r = lane(n, sz, i) == lane(m, sz, i) ? ones(w) : 0;
			else
				r = (lane(n, sz, i) & lane(m, sz, i)) ? ones(w) : 0;
			break;
		case 18: {
			uint64_t p = lane(n, sz, i) * lane(m, sz, i), o = lane(&old, sz, i);
			r = (u ? o - p : o + p) & ones(w);
			break;
		}
		case 19:
			if (u) {
				if (sz != 0)
					return CPU_EXIT_UDF;
				uint64_t x = lane(n, 0, i), y = lane(m, 0, i), p = 0;
				for (int k = 0; k < 8; k++)
					if ((y >> k) & 1)
						p ^= x << k;
				r = p & 0xff;
			} else {
				r = (lane(n, sz, i) * lane(m, sz, i)) & ones(w);
			}
			break;
		case 22:
			if (sz == 0 || sz == 3)
				return CPU_EXIT_UDF;
			r = sqdmulh(c, slane(n, sz, i), slane(m, sz, i), sz, u);
			break;
		default:
			return CPU_EXIT_UDF;
		}
		setlane(&d, sz, i, r);
	}
	vwrite(c, RD(insn), &d, q && !scalar);
	return NEXT;
}

int exec_simd_3same(struct cpu *c, uint32_t insn)
{
	if (BITS(insn, 15, 14) == 3)
		return simd_fp_3same(c, insn, 0);
	int opc = BITS(insn, 15, 11), sz = BITS(insn, 23, 22), q = BIT(insn, 30);
	if (opc != 3 && (sz != 3 || q) && fast_three_same(c, insn, BIT(insn, 29), opc, sz, q))
		return NEXT;
	return three_same_int(c, insn, 0);
}

int exec_sisd_3same(struct cpu *c, uint32_t insn)
{
	if (BITS(insn, 15, 14) == 3)
		return simd_fp_3same(c, insn, 1);
	return three_same_int(c, insn, 1);
}

static int three_diff(struct cpu *c, uint32_t insn, int scalar)
{
	int q = BIT(insn, 30), u = BIT(insn, 29), sz = BITS(insn, 23, 22), opc = BITS(insn, 15, 12);
	const vreg_t *n = &c->v[RN(insn)], *m = &c->v[RM(insn)];
	vreg_t d, old = c->v[RD(insn)];
	d.q = 0;
	if (scalar) {
		if (u || (opc != 9 && opc != 11 && opc != 13) || sz == 0 || sz == 3)
			return CPU_EXIT_UDF;
	}
	if (opc == 14 || opc == 15 || sz == 3)	/* opc 14: PMULL, exec_pmull (simd_crypto.c) */
		return CPU_EXIT_UDF;
	if ((opc == 9 || opc == 11 || opc == 13) && sz == 0)
		return CPU_EXIT_UDF;
	int half = scalar ? 0 : q, elems = scalar ? 1 : 8 >> sz, wsz = sz + 1;
	if (opc == 4 || opc == 6) { /* ADDHN/RADDHN/SUBHN/RSUBHN */
		int w = 8 << sz;
		d = half ? old : d;
		if (!half)
			d.q = 0;
		for (int i = 0; i < elems; i++) {
			uint64_t a = lane(n, wsz, i), b = lane(m, wsz, i);
			uint64_t r = opc == 4 ? a + b : a - b;
			unsigned __int128 rr = (unsigned __int128)(r & ones(2 * w));
			if (u)
				rr += (unsigned __int128)1 << (w - 1);
			setlane(&d, sz, i + elems * half, (uint64_t)(rr >> w));
		}
		vwrite(c, RD(insn), &d, half);
		return NEXT;
	}
	if (!scalar && (opc <= 3 || opc == 8 || opc == 10 || opc == 12)) {
		/* [SU]ADDL/W, [SU]SUBL/W, [SU]MLAL, [SU]MLSL, [SU]MULL: exact modulo 2^64, no __int128 */
		int wide_n = opc == 1 || opc == 3;
		for (int i = 0; i < elems; i++) {
			uint64_t a = wide_n ? (u ? lane(n, wsz, i) : (uint64_t)slane(n, wsz, i))
					    : (u ? lane(n, sz, i + elems * half) : (uint64_t)slane(n, sz, i + elems * half));
			uint64_t b = u ? lane(m, sz, i + elems * half) : (uint64_t)slane(m, sz, i + elems * half);
			uint64_t r;
			switch (opc) {
			case 0: case 1: r = a + b; break;
			case 2: case 3: r = a - b; break;
			case 8: r = lane(&old, wsz, i) + a * b; break;
			case 10: r = lane(&old, wsz, i) - a * b; break;
			default: r = a * b; break;
			}
			setlane(&d, wsz, i, r);
		}
		c->v[RD(insn)] = d;
		return NEXT;
	}
	for (int i = 0; i < elems; i++) {
		int wide_n = opc == 1 || opc == 3;
		__int128 a = wide_n ? ext(n, wsz, i, u) : ext(n, sz, i + elems * half, u);
		__int128 b = ext(m, sz, i + elems * half, u);
		__int128 acc = ext(&old, wsz, i, u), r;
		switch (opc) {
		case 0: case 1: r = a + b; break;
		case 2: case 3: r = a - b; break;
		case 5: r = acc + (a > b ? a - b : b - a); break;
		case 7: r = a > b ? a - b : b - a; break;
		case 8: r = acc + a * b; break;
		case 10: r = acc - a * b; break;
		case 12: r = a * b; break;
		case 9: case 11: case 13: {
			if (u)
				return CPU_EXIT_UDF;
			__int128 p = sat_s(c, 2 * a * b, 16 << sz);
			p = (__int128)sext64((uint64_t)p, 16 << sz);
			if (opc == 13) {
				r = p;
			} else {
				r = (__int128)sext64((uint64_t)sat_s(c, opc == 9 ? acc + p : acc - p, 16 << sz), 16 << sz);
			}
			break;
		}
		default:
			return CPU_EXIT_UDF;
		}
		setlane(&d, wsz, i, trunc_e(r, wsz));
	}
	c->v[RD(insn)] = d;
	return NEXT;
}

int exec_simd_3diff(struct cpu *c, uint32_t insn) { return three_diff(c, insn, 0); }
int exec_sisd_3diff(struct cpu *c, uint32_t insn) { return three_diff(c, insn, 1); }

static int two_misc_int(struct cpu *c, uint32_t insn, int scalar)
{
	int q = BIT(insn, 30), u = BIT(insn, 29), sz = BITS(insn, 23, 22), opc = BITS(insn, 16, 12);
	const vreg_t *n = &c->v[RN(insn)];
	vreg_t d, old = c->v[RD(insn)];
	d.q = 0;
	int elems = scalar ? 1 : (q ? 16 : 8) >> sz, w = 8 << sz;
	if (scalar) {
		switch (opc) {
		case 3: case 7: case 20: break;
		case 18: if (!u) return CPU_EXIT_UDF; break;
		case 8: case 9: case 10: case 11:
			if (sz != 3 || (opc == 10 && u))
				return CPU_EXIT_UDF;
			break;
		default: return CPU_EXIT_UDF;
		}
	}
	switch (opc) {
	case 0: case 1: { /* REV64, REV32, REV16 */
		int grp = opc == 1 ? 1 : (u ? 2 : 3);
		if (sz >= grp || (opc == 1 && u))
			return CPU_EXIT_UDF;
		int per = 1 << (grp - sz);
		for (int i = 0; i < elems; i++)
			setlane(&d, sz, i, lane(n, sz, (i / per) * per + (per - 1 - i % per)));
		break;
	}
	case 2: case 6: { /* SADDLP/UADDLP, SADALP/UADALP */
		if (sz == 3)
			return CPU_EXIT_UDF;
		for (int i = 0; i < elems / 2; i++) {
			__int128 r = ext(n, sz, 2 * i, u) + ext(n, sz, 2 * i + 1, u);
			if (opc == 6)
				r += (__int128)lane(&old, sz + 1, i);
			setlane(&d, sz + 1, i, trunc_e(r, sz + 1));
		}
		break;
	}
	case 3: /* SUQADD / USQADD */
		if (sz == 3 && !q && !scalar)
			return CPU_EXIT_UDF;
		for (int i = 0; i < elems; i++) {
			__int128 a = ext(n, sz, i, !u), acc = ext(&old, sz, i, u);
			setlane(&d, sz, i, sat(c, a + acc, sz, u));
		}
		break;
	case 4: /* CLS / CLZ */
		if (sz == 3)
			return CPU_EXIT_UDF;
		for (int i = 0; i < elems; i++) {
			uint64_t a = lane(n, sz, i), r;
			if (u) {
				r = a ? (uint64_t)(__builtin_clzll(a) - (64 - w)) : (uint64_t)w;
			} else {
				uint64_t x = (a ^ (a >> 1)) & ones(w - 1);
				r = x ? (uint64_t)(__builtin_clzll(x) - (64 - w) - 1) : (uint64_t)(w - 1);
			}
			setlane(&d, sz, i, r);
		}
		break;
	case 5: /* CNT / NOT / RBIT */
		if (!u) {
			if (sz)
				return CPU_EXIT_UDF;
			for (int i = 0; i < elems; i++)
				d.b[i] = (uint8_t)__builtin_popcount(n->b[i]);
		} else if (sz == 0) {
			d.d[0] = ~n->d[0];
			d.d[1] = ~n->d[1];
		} else if (sz == 1) {
			for (int i = 0; i < elems * 2; i++) {
				uint8_t b = n->b[i], r = 0;
				for (int k = 0; k < 8; k++)
					r |= ((b >> k) & 1) << (7 - k);
				d.b[i] = r;
			}
		} else {
			return CPU_EXIT_UDF;
		}
		break;
	case 7: /* SQABS / SQNEG */
		if (sz == 3 && !q && !scalar)
			return CPU_EXIT_UDF;
		for (int i = 0; i < elems; i++) {
			__int128 a = slane(n, sz, i);
			setlane(&d, sz, i, sat_s(c, u ? -a : (a < 0 ? -a : a), w));
		}
		break;
	case 8: case 9: case 10: /* CMGT/CMGE/CMEQ/CMLE/CMLT #0 */
		if ((sz == 3 && !q && !scalar) || (opc == 10 && u))
			return CPU_EXIT_UDF;
		for (int i = 0; i < elems; i++) {
			int64_t a = slane(n, sz, i);
			int r;
			if (opc == 8)
				r = u ? a >= 0 : a > 0;
			else if (opc == 9)
				r = u ? a <= 0 : a == 0;
			else
				r = a < 0;
			setlane(&d, sz, i, r ? ones(w) : 0);
		}
		break;
	case 11: /* ABS / NEG */
		if (sz == 3 && !q && !scalar)
			return CPU_EXIT_UDF;
		for (int i = 0; i < elems; i++) {
			int64_t a = slane(n, sz, i);
			setlane(&d, sz, i, (uint64_t)(u ? -(uint64_t)a : (a < 0 ? -(uint64_t)a : (uint64_t)a)) & ones(w));
		}
		break;
	case 18: case 20: { /* XTN, SQXTN, SQXTUN, UQXTN; SHLL at 19 */
		if (sz == 3)
			return CPU_EXIT_UDF;
		int half = scalar ? 0 : q, ne = scalar ? 1 : 8 >> sz;
		if (!scalar) {
			d = old;
			if (!half)
				d.q = 0;
		}
		for (int i = 0; i < ne; i++) {
			uint64_t r;
			if (opc == 18 && !u) {
				r = lane(n, sz + 1, i) & ones(w);
			} else if (opc == 18) { /* SQXTUN */
				r = sat_u(c, slane(n, sz + 1, i), w);
			} else {
				r = sat(c, ext(n, sz + 1, i, u), sz, u);
			}
			setlane(&d, sz, i + ne * half, r);
		}
		vwrite(c, RD(insn), &d, half || scalar ? half : 0);
		return NEXT;
	}
	case 19: { /* SHLL */
		if (!u || sz == 3)
			return CPU_EXIT_UDF;
		int ne = 8 >> sz;
		for (int i = 0; i < ne; i++)
			setlane(&d, sz + 1, i, lane(n, sz, i + ne * q) << w);
		c->v[RD(insn)] = d;
		return NEXT;
	}
	default:
		return CPU_EXIT_UDF;
	}
	vwrite(c, RD(insn), &d, q && !scalar);
	return NEXT;
}

static int is_fp_2misc(uint32_t insn)
{
	int opc = BITS(insn, 16, 12);
	return (opc >= 12 && opc <= 15) || opc == 22 || opc == 23 || opc >= 24;
}

int exec_simd_2misc(struct cpu *c, uint32_t insn)
{
	if (is_fp_2misc(insn))
		return simd_fp_2misc(c, insn, 0);
	if (fast_two_misc(c, insn, BIT(insn, 29), BITS(insn, 16, 12), BITS(insn, 23, 22), BIT(insn, 30)))
		return NEXT;
	return two_misc_int(c, insn, 0);
}

int exec_sisd_2misc(struct cpu *c, uint32_t insn)
{
	if (is_fp_2misc(insn))
		return simd_fp_2misc(c, insn, 1);
	return two_misc_int(c, insn, 1);
}

int exec_simd_across(struct cpu *c, uint32_t insn)
{
	int q = BIT(insn, 30), u = BIT(insn, 29), sz = BITS(insn, 23, 22), opc = BITS(insn, 16, 12);
	if (opc == 12 || opc == 15)
		return simd_fp_across(c, insn);
	if (sz == 3 || (sz == 2 && !q))
		return CPU_EXIT_UDF;
	const vreg_t *n = &c->v[RN(insn)];
	int elems = (q ? 16 : 8) >> sz;
	__int128 acc = ext(n, sz, 0, u);
	for (int i = 1; i < elems; i++) {
		__int128 a = ext(n, sz, i, u);
		switch (opc) {
		case 3: case 27: acc += a; break;
		case 10: if (a > acc) acc = a; break;
		case 26: if (a < acc) acc = a; break;
		default: return CPU_EXIT_UDF;
		}
	}
	vreg_t d;
	d.q = 0;
	if (opc == 3)
		setlane(&d, sz + 1, 0, trunc_e(acc, sz + 1));
	else if (opc == 27 && u)
		return CPU_EXIT_UDF;
	else
		setlane(&d, sz, 0, trunc_e(acc, sz));
	c->v[RD(insn)] = d;
	return NEXT;
}

int exec_sisd_pair(struct cpu *c, uint32_t insn)
{
	int u = BIT(insn, 29), sz = BITS(insn, 23, 22), opc = BITS(insn, 16, 12);
	if (!u && opc == 27 && sz == 3) {
		vreg_t d;
		d.q = 0;
		d.d[0] = c->v[RN(insn)].d[0] + c->v[RN(insn)].d[1];
		c->v[RD(insn)] = d;
		return NEXT;
	}
	if (u)
		return simd_fp_pair_scalar(c, insn);
	return CPU_EXIT_UDF;
}

static int shift_imm(struct cpu *c, uint32_t insn, int scalar)
{
	int q = BIT(insn, 30), u = BIT(insn, 29), immh = BITS(insn, 22, 19), opc = BITS(insn, 15, 11);
	int immhb = BITS(insn, 22, 16);
	if (!immh)
		return CPU_EXIT_UDF;
	int sz = 31 - __builtin_clz((unsigned)immh), w = 8 << sz;
	int rsh = 2 * w - immhb, lsh = immhb - w;
	const vreg_t *n = &c->v[RN(insn)];
	vreg_t d, old = c->v[RD(insn)];
	d.q = 0;
	int narrow = opc >= 16 && opc <= 19;
	if (opc == 28 || opc == 31)
		return simd_fp_shift_imm(c, insn, scalar);
	if (narrow || opc == 20) {
		if (sz == 3)
			return CPU_EXIT_UDF;
		if (scalar && (opc == 20 || (opc == 16 && !u) || (opc == 17 && !u)))
			return CPU_EXIT_UDF;
	} else if (scalar) {
		if (sz != 3 && opc != 12 && opc != 14)
			return CPU_EXIT_UDF;
	} else if (sz == 3 && !q) {
		return CPU_EXIT_UDF;
	}
	if (narrow) {
		int half = scalar ? 0 : q, ne = scalar ? 1 : 8 >> sz;
		if (!scalar && half)
			d = old;
		int rnd = opc & 1;
		rsh = w - (immhb - w);	/* shift for the source element size 2w */
		rsh = 2 * w - immhb;
		for (int i = 0; i < ne; i++) {
			int srcu = (opc == 16 || opc == 17) ? u == 0 ? 1 : 0 : u;
			__int128 a = ext(n, sz + 1, i, srcu);
			if (rnd)
				a += (__int128)1 << (rsh - 1);
			a >>= rsh;
			uint64_t r;
			if ((opc == 16 || opc == 17) && !u)
				r = trunc_e(a, sz);			/* SHRN, RSHRN */
			else if (opc == 16 || opc == 17)
				r = sat_u(c, a, w);			/* SQSHRUN, SQRSHRUN */
			else
				r = sat(c, a, sz, u);			/* SQSHRN/UQSHRN (+R) */
			setlane(&d, sz, i + ne * half, r);
		}
		vwrite(c, RD(insn), &d, half);
		return NEXT;
	}
	if (opc == 20) { /* SSHLL/USHLL */
		int ne = 8 >> sz;
		for (int i = 0; i < ne; i++)
			setlane(&d, sz + 1, i, trunc_e(ext(n, sz, i + ne * q, u) << lsh, sz + 1));
		c->v[RD(insn)] = d;
		return NEXT;
	}
	int elems = scalar ? 1 : (q ? 16 : 8) >> sz;
	for (int i = 0; i < elems; i++) {
		__int128 a = ext(n, sz, i, u);
		uint64_t r, o = lane(&old, sz, i);
		switch (opc) {
		case 0: case 2: case 4: case 6: { /* SSHR, SSRA, SRSHR, SRSRA */
			__int128 x = a;
			if (opc & 4)
				x += (__int128)1 << (rsh - 1);
			x >>= rsh;
			r = trunc_e(x, sz);
			if (opc & 2)
				r = (r + o) & ones(w);
			break;
		}
		case 8: /* SRI */
			if (!u)
				return CPU_EXIT_UDF;
			{
				uint64_t mask = rsh >= w ? 0 : ones(w) >> rsh;
				r = rsh >= w ? o : ((o & ~mask) | ((uint64_t)a >> rsh)) & ones(w);
			}
			break;
		case 10: { /* SHL / SLI */
			uint64_t v = ((uint64_t)a << lsh) & ones(w);
			r = u ? (v | (o & ones(lsh))) : v;
			break;
		}
		case 12: /* SQSHLU */
			if (!u)
				return CPU_EXIT_UDF;
			r = sat_u(c, (__int128)slane(n, sz, i) * ((__int128)1 << lsh), w);
			break;
		case 14: /* SQSHL/UQSHL (immediate) */
			r = sat(c, a * ((__int128)1 << lsh), sz, u);
			break;
		default:
			return CPU_EXIT_UDF;
		}
		setlane(&d, sz, i, r);
	}
	vwrite(c, RD(insn), &d, q && !scalar);
	return NEXT;
}

int exec_simd_shiftimm(struct cpu *c, uint32_t insn)
{
	if (BITS(insn, 29, 29) == 0 && BITS(insn, 15, 11) == 16 && fast_shrn(c, insn))
		return NEXT;
	return shift_imm(c, insn, 0);
}
int exec_sisd_shiftimm(struct cpu *c, uint32_t insn) { return shift_imm(c, insn, 1); }

static int by_elem_int(struct cpu *c, uint32_t insn, int scalar)
{
	int q = BIT(insn, 30), u = BIT(insn, 29), sz = BITS(insn, 23, 22), opc = BITS(insn, 15, 12);
	int l = BIT(insn, 21), mbit = BIT(insn, 20), h = BIT(insn, 11), rm = BITS(insn, 19, 16), idx;
	if (sz == 1) {
		idx = (h << 2) | (l << 1) | mbit;
	} else if (sz == 2) {
		idx = (h << 1) | l;
		rm |= mbit << 4;
	} else {
		return CPU_EXIT_UDF;
	}
	const vreg_t *n = &c->v[RN(insn)];
	vreg_t d, old = c->v[RD(insn)];
	d.q = 0;
	__int128 b = u ? (__int128)lane(&c->v[rm], sz, idx) : (__int128)slane(&c->v[rm], sz, idx);
	int w = 8 << sz;
	switch (opc) {
	case 0: case 4: case 8: { /* MLA, MLS, MUL */
		if (scalar || (opc != 8) != u || (opc == 8 && u))
			return CPU_EXIT_UDF;
		int elems = (q ? 16 : 8) >> sz;
		for (int i = 0; i < elems; i++) {
			uint64_t p = lane(n, sz, i) * (uint64_t)b, o = lane(&old, sz, i);
			setlane(&d, sz, i, (opc == 8 ? p : opc == 0 ? o + p : o - p) & ones(w));
		}
		vwrite(c, RD(insn), &d, q);
		return NEXT;
	}
	case 12: case 13: { /* SQDMULH, SQRDMULH */
		if (u)
			return CPU_EXIT_UDF;
		int elems = scalar ? 1 : (q ? 16 : 8) >> sz;
		for (int i = 0; i < elems; i++)
			setlane(&d, sz, i, sqdmulh(c, slane(n, sz, i), b, sz, opc == 13));
		vwrite(c, RD(insn), &d, q && !scalar);
		return NEXT;
	}
	case 2: case 3: case 6: case 7: case 10: case 11: { /* long forms */
		if ((opc & 1) && u)
			return CPU_EXIT_UDF;
		if (scalar && !(opc & 1))
			return CPU_EXIT_UDF;
		int ne = scalar ? 1 : 8 >> sz, half = scalar ? 0 : q;
		for (int i = 0; i < ne; i++) {
			__int128 a = ext(n, sz, i + ne * half, u), acc = ext(&old, sz + 1, i, u), r;
			__int128 p = a * b;
			if (opc & 1) {
				p = (__int128)sext64(sat_s(c, 2 * p, 2 * w), 2 * w);
				if (opc == 11)
					r = p;
				else
					r = sat_s(c, opc == 3 ? acc + p : acc - p, 2 * w);
			} else {
				r = opc == 10 ? p : opc == 2 ? acc + p : acc - p;
			}
			setlane(&d, sz + 1, i, trunc_e(r, sz + 1));
		}
		c->v[RD(insn)] = d;
		return NEXT;
	}
	default:
		return CPU_EXIT_UDF;
	}
}

static int is_fp_elem(uint32_t insn)
{
	int opc = BITS(insn, 15, 12), u = BIT(insn, 29);
	return (!u && (opc == 1 || opc == 5 || opc == 9)) || (u && opc == 9);
}

int exec_simd_elem(struct cpu *c, uint32_t insn)
{
	if (is_fp_elem(insn))
		return simd_fp_elem(c, insn, 0);
	return by_elem_int(c, insn, 0);
}

int exec_sisd_elem(struct cpu *c, uint32_t insn)
{
	if (is_fp_elem(insn))
		return simd_fp_elem(c, insn, 1);
	return by_elem_int(c, insn, 1);
}
