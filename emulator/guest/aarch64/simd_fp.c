// SPDX-License-Identifier: GPL-2.0-only
/* simd_fp.c — AdvSIMD floating point: three-same, two-register misc, across lanes, pairwise, by element, fixed-point conversions. */
#include "fp.h"
#include "simd_fp.h"

static int fp_elems(int scalar, int q, int sz) { return scalar ? 1 : (q ? 16 : 8) >> sz; }

int simd_fp_3same(struct cpu *c, uint32_t insn, int scalar)
{
	int q = BIT(insn, 30), u = BIT(insn, 29), a = BIT(insn, 23), sz = 2 + BIT(insn, 22);
	int opc = BITS(insn, 15, 11), key = (u << 6) | (a << 5) | opc;
	const vreg_t *n = &c->v[RN(insn)], *m = &c->v[RM(insn)];
	vreg_t d, old = c->v[RD(insn)];
	d.q = 0;
	if (!scalar && sz == 3 && !q)
		return CPU_EXIT_UDF;
	int elems = fp_elems(scalar, q, sz);
	if (scalar) {
		switch (key) {
		case 0x1b: case 0x1c: case 0x1f: case 0x3f: case 0x5c: case 0x5d: case 0x7a: case 0x7c: case 0x7d: break;
		default: return CPU_EXIT_UDF;
		}
	}
	int pairwise = u && !a ? (opc == 0x18 || opc == 0x1a || opc == 0x1e) : (u && a && (opc == 0x18 || opc == 0x1e));
	for (int i = 0; i < elems; i++) {
		uint64_t x, y, r;
		if (pairwise) {
			const vreg_t *src = i < elems / 2 ? n : m;
			int j = (i % (elems / 2)) * 2;
			x = lane(src, sz, j);
			y = lane(src, sz, j + 1);
		} else {
			x = lane(n, sz, i);
			y = lane(m, sz, i);
		}
		switch (key) {
		case 0x18: case 0x58: r = fp_op2(c, FOP_MAXNM, x, y, sz); break;
		case 0x38: case 0x78: r = fp_op2(c, FOP_MINNM, x, y, sz); break;
		case 0x19: r = fp_muladd(c, lane(&old, sz, i), x, y, sz); break;
		case 0x39: r = fp_muladd(c, lane(&old, sz, i), fp_neg(x, sz), y, sz); break;
		case 0x1a: case 0x5a: r = fp_op2(c, FOP_ADD, x, y, sz); break;
		case 0x3a: r = fp_op2(c, FOP_SUB, x, y, sz); break;
		case 0x1b: r = fp_op2(c, FOP_MULX, x, y, sz); break;
		case 0x1c: r = fp_cmp_mask(c, x, y, sz, 0); break;
		case 0x1e: case 0x5e: r = fp_op2(c, FOP_MAX, x, y, sz); break;
		case 0x3e: case 0x7e: r = fp_op2(c, FOP_MIN, x, y, sz); break;
		case 0x1f: r = fp_op2(c, FOP_RECPS, x, y, sz); break;
		case 0x3f: r = fp_op2(c, FOP_RSQRTS, x, y, sz); break;
		case 0x5b: r = fp_op2(c, FOP_MUL, x, y, sz); break;
		case 0x5c: r = fp_cmp_mask(c, x, y, sz, 1); break;
		case 0x5d: r = fp_cmp_mask(c, x, y, sz, 3); break;
		case 0x5f: r = fp_op2(c, FOP_DIV, x, y, sz); break;
		case 0x7a: r = fp_op2(c, FOP_ABD, x, y, sz); break;
		case 0x7c: r = fp_cmp_mask(c, x, y, sz, 2); break;
		case 0x7d: r = fp_cmp_mask(c, x, y, sz, 4); break;
		default: return CPU_EXIT_UDF;
		}
		setlane(&d, sz, i, r);
	}
	vwrite(c, RD(insn), &d, q && !scalar);
	return NEXT;
}

int simd_fp_2misc(struct cpu *c, uint32_t insn, int scalar)
{
	int q = BIT(insn, 30), u = BIT(insn, 29), a = BIT(insn, 23), sz = 2 + BIT(insn, 22);
	int opc = BITS(insn, 16, 12);
	const vreg_t *n = &c->v[RN(insn)];
	vreg_t d, old = c->v[RD(insn)];
	d.q = 0;
	if (opc == 22 || opc == 23) { /* FCVTN/FCVTXN, FCVTL */
		int from, to, ne;
		if (opc == 23) {
			if (u || a || scalar)
				return CPU_EXIT_UDF;
			from = sz - 1;
			to = sz;
			ne = 16 >> to;
			for (int i = 0; i < ne; i++)
				setlane(&d, to, i, fp_convert(c, lane(n, from, i + ne * q), from, to));
			c->v[RD(insn)] = d;
			return NEXT;
		}
		if (a)
			return CPU_EXIT_UDF;
		from = sz;
		to = sz - 1;
		if (u && sz != 3)
			return CPU_EXIT_UDF;	/* FCVTXN is double->single only */
		if (scalar && !u)
			return CPU_EXIT_UDF;
		ne = scalar ? 1 : 8 >> to;
		int half = scalar ? 0 : q;
		if (half)
			d = old;
		for (int i = 0; i < ne; i++) {
			uint64_t x = lane(n, from, i), r;
			if (u) { /* round to odd */
				uint32_t saved = c->fpcr;
				c->fpcr = (c->fpcr & ~(3u << 22)) | (3u << 22);
				uint32_t fl = c->fpsr;
				c->fpsr &= ~FPSR_IXC;
				r = fp_convert(c, x, 3, 2);
				int inexact = (c->fpsr & FPSR_IXC) != 0;
				c->fpsr |= fl;
				c->fpcr = saved;
				if (inexact && (r & 0x7f800000u) != 0x7f800000u)
					r |= 1;
			} else {
				r = fp_convert(c, x, from, to);
			}
			setlane(&d, to, i + ne * half, r);
		}
		vwrite(c, RD(insn), &d, half);
		return NEXT;
	}
	if (!scalar && sz == 3 && !q)
		return CPU_EXIT_UDF;
	int elems = fp_elems(scalar, q, sz), key = (u << 6) | (a << 5) | opc;
	if (!scalar && key == 0x3f)
		return CPU_EXIT_UDF;	/* FRECPX is scalar only */
	if (scalar) {
		switch (key) {
		case 0x2c: case 0x2d: case 0x2e: case 0x6c: case 0x6d:	/* FCMxx #0 */
		case 0x1a: case 0x1b: case 0x1c: case 0x1d: case 0x3a: case 0x3b: case 0x3d: case 0x3f:
		case 0x5a: case 0x5b: case 0x5c: case 0x5d: case 0x7a: case 0x7b: case 0x7d:
			break;
		default: return CPU_EXIT_UDF;
		}
	}
	for (int i = 0; i < elems; i++) {
		uint64_t x = lane(n, sz, i), r;
		int w = 8 << sz;
		switch (key) {
		case 0x2c: r = fp_cmp_mask(c, x, 0, sz, 2); break;			/* FCMGT #0 */
		case 0x2d: r = fp_cmp_mask(c, x, 0, sz, 0); break;			/* FCMEQ #0 */
		case 0x2e: r = fp_cmp_mask(c, 0, x, sz, 2); break;			/* FCMLT #0 */
		case 0x6c: r = fp_cmp_mask(c, x, 0, sz, 1); break;			/* FCMGE #0 */
		case 0x6d: r = fp_cmp_mask(c, 0, x, sz, 1); break;			/* FCMLE #0 */
		case 0x2f: r = fp_abs(x, sz); break;
		case 0x6f: r = fp_neg(x, sz); break;
		case 0x18: r = fp_round_int(c, x, sz, FPR_TIEEVEN, 0); break;
		case 0x19: r = fp_round_int(c, x, sz, FPR_NEGINF, 0); break;
		case 0x38: r = fp_round_int(c, x, sz, FPR_POSINF, 0); break;
		case 0x39: r = fp_round_int(c, x, sz, FPR_ZERO, 0); break;
		case 0x58: r = fp_round_int(c, x, sz, FPR_TIEAWAY, 0); break;
		case 0x59: r = fp_round_int(c, x, sz, fp_cur_rmode(c), 1); break;	/* FRINTX */
		case 0x79: r = fp_round_int(c, x, sz, fp_cur_rmode(c), 0); break;	/* FRINTI */
		case 0x1a: r = fp_to_int(c, x, sz, FPR_TIEEVEN, 1, w, 0); break;
		case 0x1b: r = fp_to_int(c, x, sz, FPR_NEGINF, 1, w, 0); break;
		case 0x1c: r = fp_to_int(c, x, sz, FPR_TIEAWAY, 1, w, 0); break;
		case 0x3a: r = fp_to_int(c, x, sz, FPR_POSINF, 1, w, 0); break;
		case 0x3b: r = fp_to_int(c, x, sz, FPR_ZERO, 1, w, 0); break;
		case 0x5a: r = fp_to_int(c, x, sz, FPR_TIEEVEN, 0, w, 0); break;
		case 0x5b: r = fp_to_int(c, x, sz, FPR_NEGINF, 0, w, 0); break;
		case 0x5c: r = fp_to_int(c, x, sz, FPR_TIEAWAY, 0, w, 0); break;
		case 0x7a: r = fp_to_int(c, x, sz, FPR_POSINF, 0, w, 0); break;
		case 0x7b: r = fp_to_int(c, x, sz, FPR_ZERO, 0, w, 0); break;
		case 0x1d: r = fp_from_int(c, sz == 3 ? x : (uint64_t)(int64_t)(int32_t)x, 1, sz, 0); break;
		case 0x5d: r = fp_from_int(c, x, 0, sz, 0); break;
		case 0x3d: r = fp_recpe(c, x, sz); break;
		case 0x7d: r = fp_rsqrte(c, x, sz); break;
		case 0x3f: r = fp_recpx(c, x, sz); break;
		case 0x7f: r = fp_sqrt(c, x, sz); break;
		case 0x3c: case 0x7c: { /* URECPE, URSQRTE (32-bit only) */
			if (sz != 2)
				return CPU_EXIT_UDF;
			uint32_t v = (uint32_t)x;
			if (key == 0x3c)
				r = !(v >> 31) ? 0xffffffffu : (uint64_t)(fp_recip_est_u((v >> 23) & 0x1ff) & 0x1ff) << 23;
			else
				r = !(v >> 30) ? 0xffffffffu : (uint64_t)(fp_rsqrt_est_u((v >> 23) & 0x1ff) & 0x1ff) << 23;
			break;
		}
		default: return CPU_EXIT_UDF;
		}
		setlane(&d, sz, i, r);
	}
	vwrite(c, RD(insn), &d, q && !scalar);
	return NEXT;
}

int simd_fp_across(struct cpu *c, uint32_t insn)
{
	int q = BIT(insn, 30), u = BIT(insn, 29), a = BIT(insn, 23), opc = BITS(insn, 16, 12);
	if (!u || !q || BIT(insn, 22))
		return CPU_EXIT_UDF;
	int op = opc == 12 ? (a ? FOP_MINNM : FOP_MAXNM) : (a ? FOP_MIN : FOP_MAX);
	const vreg_t *n = &c->v[RN(insn)];
	uint64_t x = fp_op2(c, op, n->s[0], n->s[1], 2);
	uint64_t y = fp_op2(c, op, n->s[2], n->s[3], 2);
	vreg_t d;
	d.q = 0;
	d.s[0] = (uint32_t)fp_op2(c, op, x, y, 2);
	c->v[RD(insn)] = d;
	return NEXT;
}

int simd_fp_pair_scalar(struct cpu *c, uint32_t insn)
{
	int a = BIT(insn, 23), sz = 2 + BIT(insn, 22), opc = BITS(insn, 16, 12), op;
	switch (opc) {
	case 12: op = a ? FOP_MINNM : FOP_MAXNM; break;
	case 13: if (a) return CPU_EXIT_UDF; op = FOP_ADD; break;
	case 15: op = a ? FOP_MIN : FOP_MAX; break;
	default: return CPU_EXIT_UDF;
	}
	const vreg_t *n = &c->v[RN(insn)];
	vreg_t d;
	d.q = 0;
	setlane(&d, sz, 0, fp_op2(c, op, lane(n, sz, 0), lane(n, sz, 1), sz));
	c->v[RD(insn)] = d;
	return NEXT;
}

int simd_fp_shift_imm(struct cpu *c, uint32_t insn, int scalar)
{
	int q = BIT(insn, 30), u = BIT(insn, 29), immh = BITS(insn, 22, 19), opc = BITS(insn, 15, 11);
	int immhb = BITS(insn, 22, 16);
	if (immh < 4)
		return CPU_EXIT_UDF;	/* half precision not implemented */
	int sz = immh >= 8 ? 3 : 2, w = 8 << sz, fb = 2 * w - immhb;
	if (!scalar && sz == 3 && !q)
		return CPU_EXIT_UDF;
	const vreg_t *n = &c->v[RN(insn)];
	vreg_t d;
	d.q = 0;
	int elems = fp_elems(scalar, q, sz);
	for (int i = 0; i < elems; i++) {
		uint64_t x = lane(n, sz, i), r;
		if (opc == 28)
			r = fp_from_int(c, u ? x : (uint64_t)sext64(x, w), !u, sz, fb);
		else
			r = fp_to_int(c, x, sz, FPR_ZERO, !u, w, fb);
		setlane(&d, sz, i, r);
	}
	vwrite(c, RD(insn), &d, q && !scalar);
	return NEXT;
}

int simd_fp_elem(struct cpu *c, uint32_t insn, int scalar)
{
	int q = BIT(insn, 30), u = BIT(insn, 29), opc = BITS(insn, 15, 12);
	int l = BIT(insn, 21), h = BIT(insn, 11), rm = RM(insn), idx;
	if (!BIT(insn, 23))
		return CPU_EXIT_UDF;	/* half precision not implemented */
	int sz = 2 + BIT(insn, 22);
	if (sz == 3) {
		if (l || (!q && !scalar))
			return CPU_EXIT_UDF;
		idx = h;
	} else {
		idx = (h << 1) | l;
	}
	const vreg_t *n = &c->v[RN(insn)];
	vreg_t d, old = c->v[RD(insn)];
	d.q = 0;
	uint64_t b = lane(&c->v[rm], sz, idx);
	int elems = fp_elems(scalar, q, sz);
	for (int i = 0; i < elems; i++) {
		uint64_t x = lane(n, sz, i), r;
		if (u)
			r = fp_op2(c, FOP_MULX, x, b, sz);
		else if (opc == 9)
			r = fp_op2(c, FOP_MUL, x, b, sz);
		else
			r = fp_muladd(c, lane(&old, sz, i), opc == 5 ? fp_neg(x, sz) : x, b, sz);
		setlane(&d, sz, i, r);
	}
	vwrite(c, RD(insn), &d, q && !scalar);
	return NEXT;
}
