// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfp.c — the VFPv3-D32 / VFPv4 handlers (vfp.def), for A32 and T32 alike: register transfers,
 * loads and stores, FPSCR, and the data-processing instructions over vfp_fp.c's arithmetic.
 * Short vectors (FPSCR.Len/Stride) do not exist on this CPU (as on Cortex-A15): the fields
 * keep their value but make data processing undefined; the trap enables read as zero.
 */
#include "decode.h"
#include "exec.h"
#include "vfp.h"

/* Short vectors: with Len or Stride non-zero the data-processing instructions are undefined
 * (this CPU has no short vectors, MVFR0.ShortVecs = 0; qemu's cortex-a15 behaves so) */
#define VEC_UDF(c) ((c)->fpscr & 0x00370000u)

uint32_t vfp_hwcap(void)
{
	/* VFP NEON VFPv3 VFPv4 VFPD32 */
	return (1u << 6) | (1u << 12) | (1u << 13) | (1u << 16) | (1u << 19);
}

/* register numbers: S = Vx:bit, D = bit:Vx */
static inline unsigned sreg(uint32_t i, int vlo, int bit) { return BITS(i, vlo + 3, vlo) << 1 | BIT(i, bit); }
static inline unsigned dreg(uint32_t i, int vlo, int bit) { return BIT(i, bit) << 4 | BITS(i, vlo + 3, vlo); }
#define VD(i, dp) ((dp) ? dreg(i, 12, 22) : sreg(i, 12, 22))
#define VN(i, dp) ((dp) ? dreg(i, 16, 7) : sreg(i, 16, 7))
#define VM(i, dp) ((dp) ? dreg(i, 0, 5) : sreg(i, 0, 5))

static inline uint64_t rdv(const struct cpu *c, int dp, unsigned r) { return dp ? c->v.d[r] : c->v.s[r]; }
static inline void wrv(struct cpu *c, int dp, unsigned r, uint64_t v)
{
	if (dp)
		c->v.d[r] = v;
	else
		c->v.s[r] = (uint32_t)v;
}

int vfp_mov_core(struct cpu *c, uint32_t i)
{
	unsigned n = sreg(i, 16, 7), rt = BITS(i, 15, 12);
	if (rt == 15)
		return CPU_EXIT_UDF;
	if (BIT(i, 20))
		c->r[rt] = c->v.s[n];
	else
		c->v.s[n] = c->r[rt];
	return NEXT;
}

int vfp_vmsr(struct cpu *c, uint32_t i)
{
	unsigned rt = BITS(i, 15, 12);
	if (rt == 15)
		return CPU_EXIT_UDF;
	c->fpscr = c->r[rt] & FPSCR_MASK;
	return NEXT;
}

int vfp_vmrs(struct cpu *c, uint32_t i)
{
	unsigned rt = BITS(i, 15, 12);
	if (rt == 15)
		c->nzcv = c->fpscr & 0xf0000000u;	/* VMRS APSR_nzcv, FPSCR */
	else
		c->r[rt] = c->fpscr;
	return NEXT;
}

int vfp_mov_scalar(struct cpu *c, uint32_t i)
{
	unsigned d = dreg(i, 16, 7), rt = BITS(i, 15, 12), opc1 = BITS(i, 22, 21), opc2 = BITS(i, 6, 5);
	unsigned esize, idx;
	if (opc1 & 2) {
		esize = 8;
		idx = (opc1 & 1) << 2 | opc2;
	} else if (opc2 & 1) {
		esize = 16;
		idx = (opc1 & 1) << 1 | opc2 >> 1;
	} else if (!(opc2 & 2)) {
		esize = 32;
		idx = opc1 & 1;
	} else {
		return CPU_EXIT_UDF;
	}
	if (rt == 15 || (!BIT(i, 20) && BIT(i, 23)))
		return CPU_EXIT_UDF;
	unsigned sh = idx * esize;
	uint64_t mask = ((1ull << esize) - 1) << sh;
	if (!BIT(i, 20)) {
		c->v.d[d] = (c->v.d[d] & ~mask) | ((uint64_t)c->r[rt] << sh & mask);
		return NEXT;
	}
	uint32_t v = (uint32_t)((c->v.d[d] & mask) >> sh);
	if (esize < 32 && !BIT(i, 23))
		v = (uint32_t)sext(v, (int)esize);
	else if (esize == 32 && BIT(i, 23))
		return CPU_EXIT_UDF;
	c->r[rt] = v;
	return NEXT;
}

/* VDUP (ARM core register): an Advanced SIMD instruction in the VFP encoding space */
int vfp_vdup_core(struct cpu *c, uint32_t i)
{
	unsigned be = BIT(i, 22) << 1 | BIT(i, 5), q = BIT(i, 21), d = dreg(i, 16, 7), rt = BITS(i, 15, 12);
	uint32_t v = c->r[rt];
	uint64_t x;
	if (be == 3 || rt == 15 || (q && (d & 1)))
		return CPU_EXIT_UDF;
	if (be == 0)
		x = (uint64_t)v * 0x0000000100000001ull;
	else if (be == 1)
		x = (uint64_t)(v & 0xffff) * 0x0001000100010001ull;
	else
		x = (uint64_t)(v & 0xff) * 0x0101010101010101ull;
	c->v.d[d] = x;
	if (q)
		c->v.d[d + 1] = x;
	return NEXT;
}

int vfp_mov_2core(struct cpu *c, uint32_t i)
{
	unsigned rt = BITS(i, 15, 12), rt2 = BITS(i, 19, 16), l = BIT(i, 20);
	if (rt == 15 || rt2 == 15 || (l && rt == rt2))
		return CPU_EXIT_UDF;
	if (BIT(i, 8)) {
		unsigned m = dreg(i, 0, 5);
		if (l) {
			c->r[rt] = (uint32_t)c->v.d[m];
			c->r[rt2] = (uint32_t)(c->v.d[m] >> 32);
		} else {
			c->v.d[m] = (uint64_t)c->r[rt2] << 32 | c->r[rt];
		}
		return NEXT;
	}
	unsigned m = sreg(i, 0, 5);
	if (m == 31)
		return CPU_EXIT_UDF;
	if (l) {
		c->r[rt] = c->v.s[m];
		c->r[rt2] = c->v.s[m + 1];
	} else {
		c->v.s[m] = c->r[rt];
		c->v.s[m + 1] = c->r[rt2];
	}
	return NEXT;
}

int vfp_ldst(struct cpu *c, uint32_t i)
{
	int dp = BIT(i, 8);
	unsigned rn = BITS(i, 19, 16), d = VD(i, dp);
	uint32_t base = rn == 15 ? c->r[15] & ~3u : c->r[rn], off = (i & 0xff) << 2;
	uint32_t a = BIT(i, 23) ? base + off : base - off;
	if (BIT(i, 20)) {
		if (dp)
			c->v.d[d] = (uint64_t)ld32(a + 4) << 32 | ld32(a);
		else
			c->v.s[d] = ld32(a);
		return NEXT;
	}
	if (dp) {
		st32(a, (uint32_t)c->v.d[d]);
		st32(a + 4, (uint32_t)(c->v.d[d] >> 32));
	} else {
		st32(a, c->v.s[d]);
	}
	return NEXT;
}

int vfp_ldstm(struct cpu *c, uint32_t i)
{
	unsigned p = BIT(i, 24), u = BIT(i, 23), w = BIT(i, 21), l = BIT(i, 20), rn = BITS(i, 19, 16);
	int dp = BIT(i, 8);
	unsigned d = VD(i, dp), imm8 = i & 0xff, n = dp ? imm8 / 2 : imm8;
	if (p == u || (p && !w) || rn == 15 || !n || (dp && n > 16) || d + n > 32)
		return CPU_EXIT_UDF;
	uint32_t base = c->r[rn], a = u ? base : base - 4 * imm8;
	uint32_t nb = u ? base + 4 * imm8 : base - 4 * imm8;
	/* FLDMX/FSTMX (odd imm8 with sz = 1) transfer imm8 / 2 doublewords and skip a word */
	if (l) {
		uint32_t tmp[32];
		for (unsigned k = 0; k < (dp ? 2 * n : n); k++)
			tmp[k] = ld32(a + 4 * k);
		if (w)
			c->r[rn] = nb;
		for (unsigned k = 0; k < n; k++)
			wrv(c, dp, d + k, dp ? (uint64_t)tmp[2 * k + 1] << 32 | tmp[2 * k] : tmp[k]);
		return NEXT;
	}
	for (unsigned k = 0; k < n; k++) {
		uint64_t v = rdv(c, dp, d + k);
		if (dp) {
			st32(a + 8 * k, (uint32_t)v);
			st32(a + 8 * k + 4, (uint32_t)(v >> 32));
		} else {
			st32(a + 4 * k, (uint32_t)v);
		}
	}
	if (w)
		c->r[rn] = nb;
	return NEXT;
}

int vfp_arith(struct cpu *c, uint32_t i)
{
	if (VEC_UDF(c))
		return CPU_EXIT_UDF;
	int dp = BIT(i, 8), op6 = BIT(i, 6);
	unsigned d = VD(i, dp), n = VN(i, dp), m = VM(i, dp);
	uint64_t a = rdv(c, dp, n), b = rdv(c, dp, m), acc = rdv(c, dp, d), r, sgn = dp ? 1ull << 63 : 1u << 31;
	uint32_t fl = 0, f = c->fpscr;
	switch (c->op) {
	case OP_A32_VFP_VMLA_VMLS: case OP_T32_VFP_VMLA_VMLS:
		/* VMLA: d + n*m; VMLS: d + -(n*m) — two roundings */
		r = fp_arith(FOP_MUL, dp, a, b, f, &fl);
		r = fp_arith(FOP_ADD, dp, acc, op6 ? r ^ sgn : r, f, &fl);
		break;
	case OP_A32_VFP_VNMLA_VNMLS: case OP_T32_VFP_VNMLA_VNMLS:
		/* VNMLA (op 1): -d + -(n*m); VNMLS (op 0): -d + n*m */
		r = fp_arith(FOP_MUL, dp, a, b, f, &fl);
		r = fp_arith(FOP_ADD, dp, acc ^ sgn, op6 ? r ^ sgn : r, f, &fl);
		break;
	case OP_A32_VFP_VMUL_VNMUL: case OP_T32_VFP_VMUL_VNMUL:
		r = fp_arith(FOP_MUL, dp, a, b, f, &fl);
		if (op6)
			r ^= sgn;
		break;
	case OP_A32_VFP_VADD_VSUB: case OP_T32_VFP_VADD_VSUB:
		r = fp_arith(op6 ? FOP_SUB : FOP_ADD, dp, a, b, f, &fl);
		break;
	case OP_A32_VFP_VDIV: case OP_T32_VFP_VDIV:
		r = fp_arith(FOP_DIV, dp, a, b, f, &fl);
		break;
	case OP_A32_VFP_VFNMA_VFNMS: case OP_T32_VFP_VFNMA_VFNMS:
		/* VFNMA (op 1): -d + -(n*m); VFNMS (op 0): -d + n*m — one rounding */
		r = fp_muladd(dp, acc ^ sgn, op6 ? a ^ sgn : a, b, f, &fl);
		break;
	default:	/* VFMA: d + n*m; VFMS: d + -n*m */
		r = fp_muladd(dp, acc, op6 ? a ^ sgn : a, b, f, &fl);
		break;
	}
	c->fpscr |= fl;
	wrv(c, dp, d, r);
	return NEXT;
}

int vfp_vmov_imm(struct cpu *c, uint32_t i)
{
	if (VEC_UDF(c))
		return CPU_EXIT_UDF;
	int dp = BIT(i, 8);
	uint32_t imm8 = BITS(i, 19, 16) << 4 | (i & 15), b6 = BIT(imm8, 6);
	uint64_t v;
	if (dp)
		v = (uint64_t)BIT(imm8, 7) << 63 | (uint64_t)(!b6) << 62 | (b6 ? 0xffull << 54 : 0) |
		    (uint64_t)(imm8 & 0x3f) << 48;
	else
		v = BIT(imm8, 7) << 31 | (uint32_t)(!b6) << 30 | (b6 ? 0x1fu << 25 : 0) | (imm8 & 0x3f) << 19;
	wrv(c, dp, VD(i, dp), v);
	return NEXT;
}

int vfp_unary(struct cpu *c, uint32_t i)
{
	if (VEC_UDF(c))
		return CPU_EXIT_UDF;
	int dp = BIT(i, 8);
	unsigned d = VD(i, dp);
	uint64_t m = rdv(c, dp, VM(i, dp)), sgn = dp ? 1ull << 63 : 1u << 31;
	uint32_t fl = 0;
	switch (c->op) {
	case OP_A32_VFP_VMOV_REG: case OP_T32_VFP_VMOV_REG: break;
	case OP_A32_VFP_VABS: case OP_T32_VFP_VABS: m &= ~sgn; break;
	case OP_A32_VFP_VNEG: case OP_T32_VFP_VNEG: m ^= sgn; break;
	default: m = fp_arith(FOP_SQRT, dp, m, 0, c->fpscr, &fl); break;
	}
	c->fpscr |= fl;
	wrv(c, dp, d, m);
	return NEXT;
}

int vfp_cmp(struct cpu *c, uint32_t i)
{
	int dp = BIT(i, 8);
	uint32_t fl = 0;
	if (BIT(i, 16) && (i & 0x2f))
		return CPU_EXIT_UDF;
	uint64_t a = rdv(c, dp, VD(i, dp)), b = BIT(i, 16) ? 0 : rdv(c, dp, VM(i, dp));
	uint32_t nzcv = fp_compare(dp, a, b, !BIT(i, 7), c->fpscr, &fl);
	c->fpscr = (c->fpscr & 0x0fffffffu) | nzcv | fl;
	return NEXT;
}

int vfp_cvt_ds(struct cpu *c, uint32_t i)
{
	int dp = BIT(i, 8);	/* the source's precision */
	uint32_t fl = 0;
	if (dp)
		c->v.s[VD(i, 0)] = fp_d2s(c->v.d[VM(i, 1)], c->fpscr, &fl);
	else
		c->v.d[VD(i, 1)] = fp_s2d(c->v.s[VM(i, 0)], c->fpscr, &fl);
	c->fpscr |= fl;
	return NEXT;
}

int vfp_cvt_half(struct cpu *c, uint32_t i)
{
	unsigned d = VD(i, 0), m = VM(i, 0), top = BIT(i, 7) ? 16 : 0;
	uint32_t fl = 0;
	if (BIT(i, 16)) {	/* single to half, into the bottom or top half of Sd */
		uint32_t h = fp_to_half(c->v.s[m], 0, c->fpscr, &fl);
		c->v.s[d] = (c->v.s[d] & ~(0xffffu << top)) | h << top;
	} else {
		c->v.s[d] = (uint32_t)fp_from_half((c->v.s[m] >> top) & 0xffff, 0, c->fpscr, &fl);
	}
	c->fpscr |= fl;
	return NEXT;
}

int vfp_cvt_int(struct cpu *c, uint32_t i)
{
	int dp = BIT(i, 8);
	uint32_t fl = 0;
	if (BITS(i, 18, 16) == 0) {	/* VCVT.F32/F64.S32/U32: from Sm */
		uint32_t v = c->v.s[VM(i, 0)];
		int64_t x = BIT(i, 7) ? (int64_t)(int32_t)v : (int64_t)v;
		wrv(c, dp, VD(i, dp), fp_from_int(x, dp, 0, c->fpscr, &fl));
	} else {	/* VCVT{R}.S32/U32.F32/F64: to Sd; bit 7 set: toward zero */
		int rm = BIT(i, 7) ? FPR_RZ : FPSCR_RMODE(c->fpscr);
		c->v.s[VD(i, 0)] = (uint32_t)fp_to_int(rdv(c, dp, VM(i, dp)), dp, BIT(i, 16), 32, 0, rm, c->fpscr, &fl);
	}
	c->fpscr |= fl;
	return NEXT;
}

int vfp_cvt_fix(struct cpu *c, uint32_t i)
{
	int dp = BIT(i, 8), to_fixed = BIT(i, 18), uns = BIT(i, 16), size = BIT(i, 7) ? 32 : 16;
	int fbits = size - (int)(BITS(i, 3, 0) << 1 | BIT(i, 5));
	unsigned d = VD(i, dp);
	uint32_t fl = 0;
	if (fbits < 0)
		return CPU_EXIT_UDF;
	if (to_fixed) {
		uint64_t v = fp_to_int(rdv(c, dp, d), dp, !uns, size, fbits, FPR_RZ, c->fpscr, &fl);
		uint64_t ext = uns ? v : (uint64_t)(int64_t)sext((uint32_t)v, size);
		wrv(c, dp, d, dp ? ext : (uint32_t)ext);
	} else {
		uint32_t raw = (uint32_t)rdv(c, dp, d);
		int64_t x = uns ? (int64_t)(size == 16 ? raw & 0xffff : raw) : (int64_t)sext(raw, size);
		/* FixedToFP rounds to nearest here, whatever FPSCR.RMode says */
		wrv(c, dp, d, fp_from_int(x, dp, fbits, c->fpscr & ~(3u << 22), &fl));
	}
	c->fpscr |= fl;
	return NEXT;
}
