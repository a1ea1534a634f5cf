// SPDX-License-Identifier: GPL-2.0-only
/* fp_scalar.c — scalar floating-point instructions (single/double; half-precision conversions). */
#include "fp.h"
#include "simd.h"

/* ptype -> log2 size: 00 single, 01 double, 11 half; -1 reserved. */
static int ptype_sz(uint32_t insn)
{
	switch (BITS(insn, 23, 22)) {
	case 0: return 2;
	case 1: return 3;
	case 3: return 1;
	default: return -1;
	}
}

static void fwrite_reg(struct cpu *c, int rd, uint64_t v, int sz)
{
	vreg_t r;
	r.q = 0;
	setlane(&r, sz, 0, v);
	c->v[rd] = r;
}

static uint64_t fread_reg(struct cpu *c, int rn, int sz) { return lane(&c->v[rn], sz, 0); }

int exec_fp_dp1(struct cpu *c, uint32_t insn)
{
	int sz = ptype_sz(insn), opc = BITS(insn, 20, 15);
	if (sz < 0 || BIT(insn, 31) || BIT(insn, 29))
		return CPU_EXIT_UDF;
	uint64_t x = fread_reg(c, RN(insn), sz), r;
	if (opc >= 4 && opc <= 7) {
		static const int tosz[4] = { 2, 3, -1, 1 };
		int to = tosz[opc - 4];
		if (to < 0 || to == sz)
			return CPU_EXIT_UDF;
		fwrite_reg(c, RD(insn), fp_convert(c, x, sz, to), to);
		return NEXT;
	}
	if (sz == 1)
		return CPU_EXIT_UDF;	/* FP16 arithmetic not implemented */
	switch (opc) {
	case 0: r = x; break;
	case 1: r = fp_abs(x, sz); break;
	case 2: r = fp_neg(x, sz); break;
	case 3: r = fp_sqrt(c, x, sz); break;
	case 8: r = fp_round_int(c, x, sz, FPR_TIEEVEN, 0); break;
	case 9: r = fp_round_int(c, x, sz, FPR_POSINF, 0); break;
	case 10: r = fp_round_int(c, x, sz, FPR_NEGINF, 0); break;
	case 11: r = fp_round_int(c, x, sz, FPR_ZERO, 0); break;
	case 12: r = fp_round_int(c, x, sz, FPR_TIEAWAY, 0); break;
	case 14: r = fp_round_int(c, x, sz, fp_cur_rmode(c), 1); break;
	case 15: r = fp_round_int(c, x, sz, fp_cur_rmode(c), 0); break;
	default: return CPU_EXIT_UDF;
	}
	fwrite_reg(c, RD(insn), r, sz);
	return NEXT;
}

int exec_fp_cmp(struct cpu *c, uint32_t insn)
{
	int sz = ptype_sz(insn), op2 = BITS(insn, 4, 0);
	if (sz < 2 || BIT(insn, 31) || BIT(insn, 29) || (op2 & 7))
		return CPU_EXIT_UDF;
	uint64_t a = fread_reg(c, RN(insn), sz), b = (op2 & 8) ? 0 : fread_reg(c, RM(insn), sz);
	c->nzcv = fp_compare(c, a, b, sz, (op2 >> 4) & 1);
	return NEXT;
}

int exec_fp_ccmp(struct cpu *c, uint32_t insn)
{
	int sz = ptype_sz(insn);
	if (sz < 2 || BIT(insn, 31) || BIT(insn, 29))
		return CPU_EXIT_UDF;
	if (cond_holds(c->nzcv, BITS(insn, 15, 12)))
		c->nzcv = fp_compare(c, fread_reg(c, RN(insn), sz), fread_reg(c, RM(insn), sz), sz, BIT(insn, 4));
	else
		c->nzcv = BITS(insn, 3, 0) << 28;
	return NEXT;
}

int exec_fp_imm(struct cpu *c, uint32_t insn)
{
	int sz = ptype_sz(insn);
	if (sz < 2 || BIT(insn, 31) || BIT(insn, 29) || BITS(insn, 9, 5))
		return CPU_EXIT_UDF;
	uint64_t imm8 = BITS(insn, 20, 13), s = imm8 >> 7, b6 = (imm8 >> 6) & 1, r;
	if (sz == 2)
		r = (s << 31) | ((b6 ? 0x1full : 0x20ull) << 25) | ((imm8 & 0x3f) << 19);
	else
		r = (s << 63) | ((b6 ? 0xffull : 0x100ull) << 54) | ((imm8 & 0x3f) << 48);
	fwrite_reg(c, RD(insn), r, sz);
	return NEXT;
}

int exec_fp_dp2(struct cpu *c, uint32_t insn)
{
	static const int ops[9] = { FOP_MUL, FOP_DIV, FOP_ADD, FOP_SUB, FOP_MAX, FOP_MIN, FOP_MAXNM, FOP_MINNM, FOP_NMUL };
	int sz = ptype_sz(insn), opc = BITS(insn, 15, 12);
	if (sz < 2 || BIT(insn, 31) || BIT(insn, 29) || opc > 8)
		return CPU_EXIT_UDF;
	fwrite_reg(c, RD(insn), fp_op2(c, ops[opc], fread_reg(c, RN(insn), sz), fread_reg(c, RM(insn), sz), sz), sz);
	return NEXT;
}

int exec_fp_csel(struct cpu *c, uint32_t insn)
{
	int sz = ptype_sz(insn);
	if (sz < 2 || BIT(insn, 31) || BIT(insn, 29))
		return CPU_EXIT_UDF;
	int rs = cond_holds(c->nzcv, BITS(insn, 15, 12)) ? RN(insn) : RM(insn);
	fwrite_reg(c, RD(insn), fread_reg(c, rs, sz), sz);
	return NEXT;
}

int exec_fp_dp3(struct cpu *c, uint32_t insn)
{
	int sz = ptype_sz(insn), o1 = BIT(insn, 21), o0 = BIT(insn, 15);
	if (sz < 2 || BIT(insn, 31) || BIT(insn, 29))
		return CPU_EXIT_UDF;
	uint64_t n = fread_reg(c, RN(insn), sz), m = fread_reg(c, RM(insn), sz), a = fread_reg(c, RA(insn), sz);
	if (o0 != o1)
		n = fp_neg(n, sz);
	if (o1)
		a = fp_neg(a, sz);
	fwrite_reg(c, RD(insn), fp_muladd(c, a, n, m, sz), sz);
	return NEXT;
}

int exec_fp_int(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), ptype = BITS(insn, 23, 22), rmode = BITS(insn, 20, 19), opc = BITS(insn, 18, 16);
	int sz = ptype_sz(insn), w = sf ? 64 : 32, rd = RD(insn), rn = RN(insn);
	if (BIT(insn, 29))
		return CPU_EXIT_UDF;
	if (opc >= 6) { /* FMOV */
		int ok = (rmode == 0 && ((!sf && ptype == 0) || (sf && ptype == 1))) || (sf && ptype == 2 && rmode == 1);
		if (!ok)
			return CPU_EXIT_UDF;
		if (opc == 6) {
			wx(c, rd, ptype == 2 ? c->v[rn].d[1] : ptype == 1 ? c->v[rn].d[0] : c->v[rn].s[0]);
		} else if (ptype == 2) {
			c->v[rd].d[1] = xr(c, rn);
		} else {
			fwrite_reg(c, rd, sf ? xr(c, rn) : (uint32_t)xr(c, rn), sf ? 3 : 2);
		}
		return NEXT;
	}
	if (sz < 0 || sz == 1)
		return CPU_EXIT_UDF;
	if (opc == 2 || opc == 3) {
		if (rmode)
			return CPU_EXIT_UDF;
		uint64_t v = xr(c, rn);
		if (!sf)
			v = opc == 2 ? (uint64_t)(int64_t)(int32_t)v : (uint32_t)v;
		fwrite_reg(c, rd, fp_from_int(c, v, opc == 2, sz, 0), sz);
		return NEXT;
	}
	int rm;
	if (opc <= 1) {
		static const int modes[4] = { FPR_TIEEVEN, FPR_POSINF, FPR_NEGINF, FPR_ZERO };
		rm = modes[rmode];
	} else {
		if (rmode)
			return CPU_EXIT_UDF;
		rm = FPR_TIEAWAY;
	}
	wx(c, rd, fp_to_int(c, fread_reg(c, rn, sz), sz, rm, !(opc & 1), w, 0));
	return NEXT;
}

int exec_fp_fixed(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), rmode = BITS(insn, 20, 19), opc = BITS(insn, 18, 16), scale = BITS(insn, 15, 10);
	int sz = ptype_sz(insn), w = sf ? 64 : 32, fb = 64 - scale;
	if (BIT(insn, 29) || sz < 2 || (!sf && scale < 32))
		return CPU_EXIT_UDF;
	if (rmode == 0 && (opc == 2 || opc == 3)) {
		uint64_t v = xr(c, RN(insn));
		if (!sf)
			v = opc == 2 ? (uint64_t)(int64_t)(int32_t)v : (uint32_t)v;
		fwrite_reg(c, RD(insn), fp_from_int(c, v, opc == 2, sz, fb), sz);
		return NEXT;
	}
	if (rmode == 3 && opc <= 1) {
		wx(c, RD(insn), fp_to_int(c, fread_reg(c, RN(insn), sz), sz, FPR_ZERO, !opc, w, fb));
		return NEXT;
	}
	return CPU_EXIT_UDF;
}
