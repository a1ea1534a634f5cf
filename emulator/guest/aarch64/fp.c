// SPDX-License-Identifier: GPL-2.0-only
/*
 * fp.c — Arm floating-point semantics over host SSE. NaN operands are handled here in software
 * (Arm's propagation order and default NaN differ from x86); ordinary operands are computed by
 * SSE instructions under an MXCSR built from FPCR, and the MXCSR exception flags are folded into
 * FPSR. The arithmetic is in inline asm so the compiler cannot move it across the MXCSR writes.
 */
#include <math.h>
#include "fp.h"

#define MX_DEFAULT 0x1f80u

static inline void mx_set(unsigned v) { __asm__ volatile("ldmxcsr %0" : : "m"(v) : "memory"); }
static inline unsigned mx_get(void) { unsigned v; __asm__ volatile("stmxcsr %0" : "=m"(v) : : "memory"); return v; }

int fp_cur_rmode(const struct cpu *c) { return (c->fpcr >> 22) & 3; }

static void mx_begin_rm(int rm)
{
	static const unsigned rc[4] = { 0, 2, 1, 3 };	/* Arm RN, RP, RM, RZ -> x86 RC */
	mx_set(MX_DEFAULT | (rc[rm & 3] << 13));
}

static __thread uint32_t op_flags;	/* FPSR bits raised by the last host operation */

static void mx_end(struct cpu *c)
{
	unsigned m = mx_get();
	uint32_t f = 0;
	if (m & 0x01) f |= FPSR_IOC;
	if (m & 0x04) f |= FPSR_DZC;
	if (m & 0x08) f |= FPSR_OFC;
	if (m & 0x10) f |= FPSR_UFC;
	if (m & 0x20) f |= FPSR_IXC;
	c->fpsr |= f;
	op_flags = f;
	mx_set(MX_DEFAULT);
}

static int fbits(int sz) { return sz == 1 ? 10 : sz == 2 ? 23 : 52; }
static int ebits(int sz) { return sz == 1 ? 5 : sz == 2 ? 8 : 11; }
static uint64_t signbit_of(int sz) { return 1ull << ((8 << sz) - 1); }
static uint64_t expmask(int sz) { return ones(ebits(sz)) << fbits(sz); }
static uint64_t fracmask(int sz) { return ones(fbits(sz)); }
static uint64_t qbit(int sz) { return 1ull << (fbits(sz) - 1); }

static int is_nan(uint64_t a, int sz) { return (a & expmask(sz)) == expmask(sz) && (a & fracmask(sz)); }
static int is_snan(uint64_t a, int sz) { return is_nan(a, sz) && !(a & qbit(sz)); }
static int is_inf(uint64_t a, int sz) { return (a & ~signbit_of(sz)) == expmask(sz); }
static int is_zero(uint64_t a, int sz) { return (a & ~signbit_of(sz)) == 0; }
static int is_denorm(uint64_t a, int sz) { return (a & expmask(sz)) == 0 && (a & fracmask(sz)); }
static uint64_t default_nan(int sz) { return expmask(sz) | qbit(sz); }

static uint64_t nan_result(struct cpu *c, uint64_t a, int sz)
{
	if (is_snan(a, sz))
		c->fpsr |= FPSR_IOC;
	if (c->fpcr & FPCR_DN)
		return default_nan(sz);
	return a | qbit(sz);
}

/* Arm FPProcessNaNs for two operands; returns 1 and sets *r when an operand is a NaN. */
static int process_nans2(struct cpu *c, uint64_t a, uint64_t b, int sz, uint64_t *r)
{
	if (is_snan(a, sz)) { *r = nan_result(c, a, sz); return 1; }
	if (is_snan(b, sz)) { *r = nan_result(c, b, sz); return 1; }
	if (is_nan(a, sz)) { *r = nan_result(c, a, sz); return 1; }
	if (is_nan(b, sz)) { *r = nan_result(c, b, sz); return 1; }
	return 0;
}

static uint64_t flush_in(struct cpu *c, uint64_t a, int sz)
{
	if ((c->fpcr & FPCR_FZ) && is_denorm(a, sz)) {
		c->fpsr |= FPSR_IDC;
		return a & signbit_of(sz);
	}
	return a;
}

static uint64_t flush_out(struct cpu *c, uint64_t r, int sz, uint32_t before)
{
	/* With FZ a tiny result (x86 reported underflow, or it is subnormal) becomes a signed zero
	 * with UFC and without IXC. */
	if ((c->fpcr & FPCR_FZ) && (is_denorm(r, sz) || (op_flags & FPSR_UFC))) {
		c->fpsr = (c->fpsr & ~(FPSR_IXC | FPSR_UFC)) | (before & FPSR_IXC) | FPSR_UFC;
		return r & signbit_of(sz);
	}
	return r;
}

static uint64_t result_nan_fix(uint64_t r, int sz)
{
	/* A NaN produced from non-NaN operands is the Arm default NaN (x86's is negative). */
	return is_nan(r, sz) ? default_nan(sz) : r;
}

static double d_of(uint64_t a) { double d; memcpy(&d, &a, 8); return d; }
static float f_of(uint64_t a) { float f; uint32_t u = (uint32_t)a; memcpy(&f, &u, 4); return f; }
static uint64_t bits_d(double d) { uint64_t a; memcpy(&a, &d, 8); return a; }
static uint64_t bits_f(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

static uint64_t host_op(int op, uint64_t a, uint64_t b, int sz)
{
	if (sz == 3) {
		double x = d_of(a), y = d_of(b);
		switch (op) {
		case FOP_ADD: __asm__ volatile("addsd %1, %0" : "+x"(x) : "x"(y)); break;
		case FOP_SUB: __asm__ volatile("subsd %1, %0" : "+x"(x) : "x"(y)); break;
		case FOP_MUL: __asm__ volatile("mulsd %1, %0" : "+x"(x) : "x"(y)); break;
		default: __asm__ volatile("divsd %1, %0" : "+x"(x) : "x"(y)); break;
		}
		return bits_d(x);
	}
	float x = f_of(a), y = f_of(b);
	switch (op) {
	case FOP_ADD: __asm__ volatile("addss %1, %0" : "+x"(x) : "x"(y)); break;
	case FOP_SUB: __asm__ volatile("subss %1, %0" : "+x"(x) : "x"(y)); break;
	case FOP_MUL: __asm__ volatile("mulss %1, %0" : "+x"(x) : "x"(y)); break;
	default: __asm__ volatile("divss %1, %0" : "+x"(x) : "x"(y)); break;
	}
	return bits_f(x);
}

/* Arm detects tininess before rounding, x86 after: a result that rounded up to the smallest
 * normal is tiny for Arm when the same operation rounded toward zero stays subnormal. */
static int rounded_to_min_normal(uint64_t r, int sz, unsigned mx)
{
	return (mx & 0x20) && !(mx & 0x10) && (r & ~signbit_of(sz)) == (1ull << fbits(sz));
}

/* The unrounded result was below the normal range: UFC, or with FZ a signed zero (UFC, no IXC). */
static uint64_t tiny_result(struct cpu *c, uint64_t r, int sz, uint32_t before)
{
	if (c->fpcr & FPCR_FZ) {
		c->fpsr = (c->fpsr & ~FPSR_IXC) | (before & FPSR_IXC) | FPSR_UFC;
		return r & signbit_of(sz);
	}
	c->fpsr |= FPSR_UFC;
	return r;
}

static uint64_t arith(struct cpu *c, int op, uint64_t a, uint64_t b, int sz)
{
	uint32_t before = c->fpsr;
	mx_begin_rm(fp_cur_rmode(c));
	uint64_t r = host_op(op, a, b, sz);
	unsigned mx = mx_get();
	mx_end(c);
	if (rounded_to_min_normal(r, sz, mx)) {
		mx_begin_rm(FPR_ZERO);
		uint64_t t = host_op(op, a, b, sz);
		mx_set(MX_DEFAULT);
		if ((t & ~signbit_of(sz)) < (1ull << fbits(sz)))
			return tiny_result(c, r, sz, before);
	}
	return flush_out(c, result_nan_fix(r, sz), sz, before);
}

static uint64_t host_fma(uint64_t a, uint64_t n, uint64_t m, int sz)
{
	if (sz == 3) {
		double x = d_of(n), y = d_of(m), z = d_of(a);
		__asm__ volatile("" : "+x"(x), "+x"(y), "+x"(z));
		return bits_d(fma(x, y, z));
	}
	float x = f_of(n), y = f_of(m), z = f_of(a);
	__asm__ volatile("" : "+x"(x), "+x"(y), "+x"(z));
	return bits_f(fmaf(x, y, z));
}

static uint64_t fused(struct cpu *c, uint64_t a, uint64_t n, uint64_t m, int sz)
{
	uint32_t before = c->fpsr;
	uint64_t r;
	mx_begin_rm(fp_cur_rmode(c));
	r = host_fma(a, n, m, sz);
	unsigned mx = mx_get();
	mx_end(c);
	if (rounded_to_min_normal(r, sz, mx)) {
		mx_begin_rm(FPR_ZERO);
		uint64_t t = host_fma(a, n, m, sz);
		mx_set(MX_DEFAULT);
		if ((t & ~signbit_of(sz)) < (1ull << fbits(sz)))
			return tiny_result(c, r, sz, before);
	}
	return flush_out(c, result_nan_fix(r, sz), sz, before);
}

static uint64_t fp_const(double v, int sz) { return sz == 3 ? bits_d(v) : bits_f((float)v); }

static int fp_lt(uint64_t a, uint64_t b, int sz) { return sz == 3 ? d_of(a) < d_of(b) : f_of(a) < f_of(b); }

uint64_t fp_op2(struct cpu *c, int op, uint64_t a, uint64_t b, int sz)
{
	uint64_t r, sb = signbit_of(sz);
	if (op == FOP_NMUL)
		return fp_neg(fp_op2(c, FOP_MUL, a, b, sz), sz);
	if (op == FOP_ABD)
		return fp_abs(fp_op2(c, FOP_SUB, a, b, sz), sz);
	if (op == FOP_RECPS || op == FOP_RSQRTS)
		a = fp_neg(a, sz);	/* Arm negates op1 before NaN propagation */
	a = flush_in(c, a, sz);
	b = flush_in(c, b, sz);
	if (op == FOP_MAXNM || op == FOP_MINNM) {
		int qa = is_nan(a, sz) && !is_snan(a, sz), qb = is_nan(b, sz) && !is_snan(b, sz);
		if (qa && !qb && !is_nan(b, sz))
			a = op == FOP_MAXNM ? (expmask(sz) | sb) : expmask(sz);
		else if (qb && !qa && !is_nan(a, sz))
			b = op == FOP_MAXNM ? (expmask(sz) | sb) : expmask(sz);
		op = op == FOP_MAXNM ? FOP_MAX : FOP_MIN;
	}
	if (process_nans2(c, a, b, sz, &r))
		return r;
	switch (op) {
	case FOP_ADD: case FOP_SUB: case FOP_MUL: case FOP_DIV:
		if (op == FOP_DIV && is_zero(b, sz) && !is_zero(a, sz) && !is_inf(a, sz)) {
			c->fpsr |= FPSR_DZC;
			return ((a ^ b) & sb) | expmask(sz);
		}
		return arith(c, op, a, b, sz);
	case FOP_MULX:
		if ((is_inf(a, sz) && is_zero(b, sz)) || (is_zero(a, sz) && is_inf(b, sz)))
			return fp_const(2.0, sz) | ((a ^ b) & sb);
		return arith(c, FOP_MUL, a, b, sz);
	case FOP_MAX: case FOP_MIN: {
		int max = op == FOP_MAX;
		if (is_zero(a, sz) && is_zero(b, sz))
			return max ? (a & b) : (a | b);
		return (fp_lt(a, b, sz) ? max : !max) ? b : a;
	}
	case FOP_RECPS: case FOP_RSQRTS: {
		int rs = op == FOP_RSQRTS;
		if ((is_inf(a, sz) && is_zero(b, sz)) || (is_zero(a, sz) && is_inf(b, sz)))
			return fp_const(rs ? 1.5 : 2.0, sz);
		if (!rs)
			return fused(c, fp_const(2.0, sz), a, b, sz);
		/* (3 - a*b) / 2 with one rounding: halve the operand with the larger exponent (exact
		 * unless both are tiny, when the product is far below the rounding point of 1.5). */
		if (is_inf(a, sz) || is_inf(b, sz))
			return fused(c, fp_const(3.0, sz), a, b, sz);
		uint64_t ea = a & expmask(sz), eb = b & expmask(sz);
		if (ea >= eb && ea > (1ull << fbits(sz)))
			a -= 1ull << fbits(sz);
		else if (eb > (1ull << fbits(sz)))
			b -= 1ull << fbits(sz);
		return fused(c, fp_const(1.5, sz), a, b, sz);
	}
	default:
		return 0;
	}
}

uint64_t fp_muladd(struct cpu *c, uint64_t a, uint64_t n, uint64_t m, int sz)
{
	uint64_t r;
	a = flush_in(c, a, sz);
	n = flush_in(c, n, sz);
	m = flush_in(c, m, sz);
	int infzero = (is_inf(n, sz) && is_zero(m, sz)) || (is_zero(n, sz) && is_inf(m, sz));
	if (is_snan(a, sz)) return nan_result(c, a, sz);
	if (is_snan(n, sz)) return nan_result(c, n, sz);
	if (is_snan(m, sz)) return nan_result(c, m, sz);
	if (is_nan(a, sz)) {
		if (infzero) {
			c->fpsr |= FPSR_IOC;
			return default_nan(sz);
		}
		return nan_result(c, a, sz);
	}
	if (process_nans2(c, n, m, sz, &r))
		return r;
	return fused(c, a, n, m, sz);
}

uint64_t fp_sqrt(struct cpu *c, uint64_t a, int sz)
{
	a = flush_in(c, a, sz);
	if (is_nan(a, sz))
		return nan_result(c, a, sz);
	uint32_t before = c->fpsr;
	uint64_t r;
	mx_begin_rm(fp_cur_rmode(c));
	if (sz == 3) {
		double x = d_of(a);
		__asm__ volatile("sqrtsd %0, %0" : "+x"(x));
		r = bits_d(x);
	} else {
		float x = f_of(a);
		__asm__ volatile("sqrtss %0, %0" : "+x"(x));
		r = bits_f(x);
	}
	mx_end(c);
	return flush_out(c, result_nan_fix(r, sz), sz, before);
}

static double to_double(uint64_t a, int sz) { return sz == 3 ? d_of(a) : (double)f_of(a); }

uint32_t fp_compare(struct cpu *c, uint64_t a, uint64_t b, int sz, int signal_all)
{
	a = flush_in(c, a, sz);
	b = flush_in(c, b, sz);
	if (is_nan(a, sz) || is_nan(b, sz)) {
		if (signal_all || is_snan(a, sz) || is_snan(b, sz))
			c->fpsr |= FPSR_IOC;
		return 0x3u << 28;
	}
	double x = to_double(a, sz), y = to_double(b, sz);
	if (x == y)
		return 0x6u << 28;
	return x < y ? 0x8u << 28 : 0x2u << 28;
}

uint64_t fp_cmp_mask(struct cpu *c, uint64_t a, uint64_t b, int sz, int kind)
{
	a = flush_in(c, a, sz);
	b = flush_in(c, b, sz);
	if (is_nan(a, sz) || is_nan(b, sz)) {
		if (kind != 0 || is_snan(a, sz) || is_snan(b, sz))
			c->fpsr |= FPSR_IOC;
		return 0;
	}
	double x = to_double(a, sz), y = to_double(b, sz);
	if (kind >= 3) {
		x = fabs(x);
		y = fabs(y);
		kind -= 2;
	}
	int r = kind == 0 ? x == y : kind == 1 ? x >= y : x > y;
	return r ? ones(8 << sz) : 0;
}

static double round_to(double x, int rmode)
{
	switch (rmode) {
	case FPR_TIEEVEN: return roundeven(x);
	case FPR_POSINF: return ceil(x);
	case FPR_NEGINF: return floor(x);
	case FPR_ZERO: return trunc(x);
	default: return round(x);
	}
}

uint64_t fp_round_int(struct cpu *c, uint64_t a, int sz, int rmode, int exact)
{
	a = flush_in(c, a, sz);
	if (is_nan(a, sz))
		return nan_result(c, a, sz);
	if (is_inf(a, sz) || is_zero(a, sz))
		return a;
	double x = to_double(a, sz), r = round_to(x, rmode);
	if (exact && r != x)
		c->fpsr |= FPSR_IXC;
	uint64_t rb = sz == 3 ? bits_d(r) : bits_f((float)r);
	if (r == 0)
		rb = a & signbit_of(sz);
	return rb;
}

uint64_t fp_to_int(struct cpu *c, uint64_t a, int sz, int rmode, int is_signed, int bits, int fb)
{
	if (sz == 1)
		a = fp_convert(c, a, 1, 2), sz = 2;
	a = flush_in(c, a, sz);
	if (is_nan(a, sz)) {
		c->fpsr |= FPSR_IOC;
		return 0;
	}
	double x = to_double(a, sz);
	x = ldexp(x, fb);
	double r = round_to(x, rmode);
	long double lo, hi;
	if (is_signed) {
		hi = ldexpl(1.0L, bits - 1);
		lo = -hi;
	} else {
		hi = ldexpl(1.0L, bits);
		lo = 0;
	}
	if ((long double)r >= hi) {
		c->fpsr |= FPSR_IOC;
		return is_signed ? ones(bits - 1) : ones(bits);
	}
	if ((long double)r < lo) {
		c->fpsr |= FPSR_IOC;
		return is_signed ? (1ull << (bits - 1)) : 0;
	}
	if (r != x)
		c->fpsr |= FPSR_IXC;
	uint64_t v = is_signed ? (uint64_t)(int64_t)r : (uint64_t)r;
	return v & ones(bits);
}

uint64_t fp_from_int(struct cpu *c, uint64_t v, int is_signed, int sz, int fb)
{
	uint32_t before = c->fpsr;
	uint64_t r;
	mx_begin_rm(fp_cur_rmode(c));
	if (sz == 3) {
		double d;
		if (is_signed) {
			__asm__ volatile("cvtsi2sdq %1, %0" : "=x"(d) : "r"(v));
		} else if ((int64_t)v >= 0) {
			__asm__ volatile("cvtsi2sdq %1, %0" : "=x"(d) : "r"(v));
		} else {
			uint64_t h = (v >> 1) | (v & 1);
			__asm__ volatile("cvtsi2sdq %1, %0; addsd %0, %0" : "=&x"(d) : "r"(h));
		}
		if (fb)
			d = ldexp(d, -fb);
		r = bits_d(d);
	} else {
		float f;
		if (is_signed || (int64_t)v >= 0) {
			__asm__ volatile("cvtsi2ssq %1, %0" : "=x"(f) : "r"(v));
		} else {
			uint64_t h = (v >> 1) | (v & 1);
			__asm__ volatile("cvtsi2ssq %1, %0; addss %0, %0" : "=&x"(f) : "r"(h));
		}
		if (fb)
			f = ldexpf(f, -fb);
		r = bits_f(f);
	}
	mx_end(c);
	return flush_out(c, r, sz, before);
}

#define FPCR_AHP (1u << 26)

/* Round a double to half precision under rmode; ahp selects Arm's alternative half precision
 * (no infinities or NaNs, exponent 31 is normal, overflow saturates with IOC). */
static uint64_t to_half(struct cpu *c, double d, int rmode, int ahp)
{
	uint64_t s = signbit(d) ? 0x8000 : 0;
	double a = fabs(d);
	if (a == 0)
		return s;
	if (isinf(a)) {
		if (ahp) {
			c->fpsr |= FPSR_IOC;
			return s | 0x7fff;
		}
		return s | 0x7c00;
	}
	int e;
	frexp(a, &e);
	e -= 1;			/* a in [2^e, 2^(e+1)) */
	int ue = e < -14 ? -24 : e - 10;
	double q = ldexp(a, -ue), m;
	int rm = rmode;
	if (s && rm == FPR_POSINF)
		rm = FPR_NEGINF;
	else if (s && rm == FPR_NEGINF)
		rm = FPR_POSINF;
	m = round_to(q, rm);
	double v = ldexp(m, ue);
	if (ahp && v > 131008.0) {
		c->fpsr |= FPSR_IOC;
		return s | 0x7fff;
	}
	if (m != q) {
		c->fpsr |= FPSR_IXC;
		if (a < ldexp(1.0, -14))
			c->fpsr |= FPSR_UFC;
	}
	if (!ahp && v > 65504.0) {
		c->fpsr |= FPSR_OFC | FPSR_IXC;
		if (rm == FPR_ZERO || rm == FPR_NEGINF)
			return s | 0x7bff;
		return s | 0x7c00;
	}
	if (v < ldexp(1.0, -14))
		return s | (uint64_t)m;
	frexp(v, &e);
	e -= 1;
	return s | ((uint64_t)(e + 15) << 10) | ((uint64_t)ldexp(v, 10 - e) & 0x3ff);
}

static double from_half(uint64_t h, int ahp)
{
	int e = (h >> 10) & 31;
	double m = (double)(h & 0x3ff);
	double v = e == 0 ? ldexp(m, -24) : (e == 31 && !ahp) ? INFINITY : ldexp(m + 1024, e - 25);
	return (h & 0x8000) ? -v : v;
}

uint64_t fp_convert(struct cpu *c, uint64_t a, int from, int to)
{
	int ahp = (c->fpcr & FPCR_AHP) != 0;
	if (from != 1)
		a = flush_in(c, a, from);
	if (to == 1 && ahp && is_nan(a, from)) {
		c->fpsr |= FPSR_IOC;
		return (a & signbit_of(from)) ? 0x8000 : 0;
	}
	if (!(from == 1 && ahp) && is_nan(a, from)) {
		if (is_snan(a, from))
			c->fpsr |= FPSR_IOC;
		if (c->fpcr & FPCR_DN)
			return default_nan(to);
		uint64_t sign = (a & signbit_of(from)) ? signbit_of(to) : 0;
		uint64_t frac = a & fracmask(from);
		int shift = fbits(to) - fbits(from);
		frac = shift >= 0 ? frac << shift : frac >> -shift;
		return sign | expmask(to) | qbit(to) | frac;
	}
	double d = from == 1 ? from_half(a, ahp) : to_double(a, from);
	if (to == 1)
		return to_half(c, d, fp_cur_rmode(c), ahp);
	if (to == 3)
		return bits_d(d);
	uint32_t before = c->fpsr;
	float f;
	mx_begin_rm(fp_cur_rmode(c));
	__asm__ volatile("cvtsd2ss %1, %0" : "=x"(f) : "x"(d));
	mx_end(c);
	return flush_out(c, bits_f(f), 2, before);
}

/* Reciprocal estimate (Arm RecipEstimate: 8-bit table-free computation). */
unsigned fp_recip_est_u(unsigned a)
{
	a = a * 2 + 1;
	unsigned b = (1u << 19) / a;
	return (b + 1) / 2;
}

unsigned fp_rsqrt_est_u(unsigned a)
{
	if (a < 256)
		a = a * 2 + 1;
	else
		a = (a >> 1) << 1, a = (a + 1) * 2;
	unsigned b = 512;
	while (a * (b + 1) * (b + 1) < (1u << 28))
		b++;
	return (b + 1) / 2;
}

uint64_t fp_recpe(struct cpu *c, uint64_t a, int sz)
{
	int fbw = fbits(sz), eb = ebits(sz);
	int bias = (1 << (eb - 1)) - 1;
	uint64_t sign = a & signbit_of(sz);
	a = flush_in(c, a, sz);
	if (is_nan(a, sz))
		return nan_result(c, a, sz);
	if (is_inf(a, sz))
		return sign;
	if (is_zero(a, sz)) {
		c->fpsr |= FPSR_DZC;
		return sign | expmask(sz);
	}
	int exp = (int)((a & expmask(sz)) >> fbw);
	uint64_t frac = a & fracmask(sz);
	if (exp == 0 && !(frac >> (fbw - 2))) {
		/* Too small: overflow to infinity or max normal by rounding mode. */
		int rm = fp_cur_rmode(c);
		int to_inf = rm == FPR_TIEEVEN || (rm == FPR_POSINF && !sign) || (rm == FPR_NEGINF && sign);
		c->fpsr |= FPSR_OFC | FPSR_IXC;
		return to_inf ? (sign | expmask(sz)) : (sign | (expmask(sz) - (1ull << fbw)) | fracmask(sz));
	}
	if (exp >= 2 * bias - 1) {
		if (c->fpcr & FPCR_FZ) {
			c->fpsr |= FPSR_UFC;
			return sign;
		}
	}
	uint64_t f = frac << (52 - fbw);
	int e = exp;
	if (e == 0) {
		if (f & (1ull << 51)) {
			f = (f & ((1ull << 51) - 1)) << 1;
		} else {
			f = (f & ((1ull << 50) - 1)) << 2;
			e = -1;
		}
	}
	unsigned r = fp_recip_est_u((unsigned)(f >> 44) | 256);
	int re = 2 * bias - 1 - e;
	uint64_t rf = (uint64_t)(r & 0xff) << 44;
	if (re == 0) {
		rf = (1ull << 51) | (rf >> 1);
	} else if (re == -1) {
		rf = (1ull << 50) | (rf >> 2);
		re = 0;
	}
	return sign | ((uint64_t)re << fbw) | (rf >> (52 - fbw));
}

uint64_t fp_rsqrte(struct cpu *c, uint64_t a, int sz)
{
	int fbw = fbits(sz), eb = ebits(sz);
	int bias = (1 << (eb - 1)) - 1;
	uint64_t sign = a & signbit_of(sz);
	a = flush_in(c, a, sz);
	if (is_nan(a, sz))
		return nan_result(c, a, sz);
	if (is_zero(a, sz)) {
		c->fpsr |= FPSR_DZC;
		return sign | expmask(sz);
	}
	if (sign) {
		c->fpsr |= FPSR_IOC;
		return default_nan(sz);
	}
	if (is_inf(a, sz))
		return 0;
	int e = (int)((a & expmask(sz)) >> fbw);
	uint64_t f = (a & fracmask(sz)) << (52 - fbw);
	if (e == 0) {
		while (!(f & (1ull << 51))) {
			f <<= 1;
			e--;
		}
		f = (f << 1) & ((1ull << 52) - 1);
	}
	/* Arm: scaled = '1':fraction<51:44> when exp is even, '01':fraction<51:45> when odd. */
	unsigned scaled = (e & 1) ? (unsigned)(128 | ((f >> 45) & 0x7f)) : (unsigned)(256 | ((f >> 44) & 0xff));
	unsigned r = fp_rsqrt_est_u(scaled);
	int re = (3 * bias - 1 - e) / 2;
	return ((uint64_t)re << fbw) | ((uint64_t)(r & 0xff) << (fbw - 8));
}

uint64_t fp_recpx(struct cpu *c, uint64_t a, int sz)
{
	uint64_t sign = a & signbit_of(sz);
	a = flush_in(c, a, sz);
	if (is_nan(a, sz))
		return nan_result(c, a, sz);
	uint64_t e = (a & expmask(sz)) >> fbits(sz);
	if (e == 0)
		return sign | (expmask(sz) - (1ull << fbits(sz)));
	return sign | ((~e & ones(ebits(sz))) << fbits(sz));
}
