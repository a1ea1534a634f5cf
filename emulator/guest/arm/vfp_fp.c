// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfp_fp.c — IEEE 754 arithmetic with the Arm rules (ARM ARM A2.7, the FPxxx pseudocode) on the
 * host's SSE unit.
 *
 * The host computes the correctly rounded result and its exception flags under the FPSCR's
 * rounding mode (MXCSR set for the one instruction, by inline assembly so that the compiler
 * cannot move the operation away from it). What Arm does differently is done here: NaN
 * operands (Arm picks the first signalling NaN, then the first quiet NaN; x86 the first
 * operand), the default NaN (positive on Arm), FPSCR.DN, flush-to-zero of inputs (IDC) and
 * outputs (FZ: Underflow without Inexact), and underflow detected before rounding (x86 detects
 * tininess after rounding: a result rounded up to the smallest normal is recomputed toward zero
 * to tell).
 */
#include <fenv.h>
#include <math.h>
#include <string.h>
#include "vfp.h"

/* MXCSR: exceptions masked, flags clear, rounding from FPSCR.RMode (Arm RP/RM are x86 up/down) */
static inline uint32_t mxcsr_of(int rmode)
{
	static const uint32_t rc[4] = { 0, 2, 1, 3 };
	return 0x1f80u | rc[rmode] << 13;
}
#define MX_IE 1u
#define MX_ZE 4u
#define MX_OE 8u
#define MX_UE 16u
#define MX_PE 32u

static inline double d_of(uint64_t v) { double d; memcpy(&d, &v, 8); return d; }
static inline uint64_t u_of(double d) { uint64_t v; memcpy(&v, &d, 8); return v; }
static inline float f_of(uint32_t v) { float f; memcpy(&f, &v, 4); return f; }
static inline uint32_t v_of(float f) { uint32_t v; memcpy(&v, &f, 4); return v; }

/* One SSE instruction on a, b under csr; returns the raised flags. */
#define SSE_OP(insn, a, b, csr, fl) \
	do { \
		uint32_t _c = (csr), _o, _d = 0x1f80; \
		__asm__ volatile("ldmxcsr %[cc]\n\t" insn " %[xb], %[xa]\n\tstmxcsr %[oo]\n\tldmxcsr %[dd]" \
				 : [xa] "+x"(a), [oo] "=m"(_o) \
				 : [xb] "x"(b), [cc] "m"(_c), [dd] "m"(_d)); \
		(fl) = _o & 0x3f; \
	} while (0)

static uint64_t host_op(int op, int dp, uint64_t a, uint64_t b, int rmode, uint32_t *mx)
{
	uint32_t csr = mxcsr_of(rmode), f;
	if (dp) {
		double x = d_of(a), y = d_of(b);
		switch (op) {
		case FOP_ADD: SSE_OP("addsd", x, y, csr, f); break;
		case FOP_SUB: SSE_OP("subsd", x, y, csr, f); break;
		case FOP_MUL: SSE_OP("mulsd", x, y, csr, f); break;
		case FOP_DIV: SSE_OP("divsd", x, y, csr, f); break;
		default: x = y; y = d_of(a); SSE_OP("sqrtsd", x, y, csr, f); break;
		}
		*mx = f;
		return u_of(x);
	}
	float x = f_of((uint32_t)a), y = f_of((uint32_t)b);
	switch (op) {
	case FOP_ADD: SSE_OP("addss", x, y, csr, f); break;
	case FOP_SUB: SSE_OP("subss", x, y, csr, f); break;
	case FOP_MUL: SSE_OP("mulss", x, y, csr, f); break;
	case FOP_DIV: SSE_OP("divss", x, y, csr, f); break;
	default: x = y; y = f_of((uint32_t)a); SSE_OP("sqrtss", x, y, csr, f); break;
	}
	*mx = f;
	return v_of(x);
}

static inline uint64_t sign_bit(int dp) { return dp ? 1ull << 63 : 1u << 31; }
static inline uint64_t min_normal(int dp) { return dp ? 0x0010000000000000ull : 0x00800000u; }
static inline uint64_t mag(int dp, uint64_t a) { return a & (sign_bit(dp) - 1); }
static inline int is_denorm(int dp, uint64_t a) { return mag(dp, a) && mag(dp, a) < min_normal(dp); }
static inline uint64_t quiet(int dp, uint64_t a) { return a | (dp ? 1ull << 51 : 1u << 22); }

uint64_t fp_flush_in(uint64_t a, int dp, uint32_t fpscr, uint32_t *fl)
{
	if ((fpscr & FPSCR_FZ) && is_denorm(dp, a)) {
		*fl |= FPSCR_IDC;
		return a & sign_bit(dp);
	}
	return a;
}

/* FPProcessNaNs over n operands: 1 and *r set when some operand is a NaN. */
static int process_nans(int dp, const uint64_t *op, int n, uint32_t fpscr, uint32_t *fl, uint64_t *r)
{
	for (int k = 0; k < n; k++)
		if (fp_is_snan(dp, op[k])) {
			*fl |= FPSCR_IOC;
			*r = fpscr & FPSCR_DN ? fp_default_nan(dp) : quiet(dp, op[k]);
			return 1;
		}
	for (int k = 0; k < n; k++)
		if (fp_is_nan(dp, op[k])) {
			*r = fpscr & FPSCR_DN ? fp_default_nan(dp) : op[k];
			return 1;
		}
	return 0;
}

/*
 * The host's result r of an operation with flags mx into Arm's result and flags: invalid gives
 * the default NaN; tininess before rounding; flush-to-zero of tiny results. redo() recomputes
 * the operation toward zero (for the tininess of results rounded to the smallest normal).
 */
static uint64_t finish(int dp, uint64_t r, uint32_t mx, uint32_t fpscr, uint32_t *fl, int tiny_rz)
{
	if (mx & MX_IE) {
		*fl |= FPSCR_IOC;
		return fp_default_nan(dp);
	}
	if (fp_is_nan(dp, r) && (fpscr & FPSCR_DN))
		r = fp_default_nan(dp);
	uint64_t m = mag(dp, r);
	int tiny = (m && m < min_normal(dp)) || (!m && (mx & MX_PE)) || (m == min_normal(dp) && (mx & MX_PE) && tiny_rz);
	if (tiny && (fpscr & FPSCR_FZ)) {
		*fl |= FPSCR_UFC;
		if (mx & MX_ZE)
			*fl |= FPSCR_DZC;
		return r & sign_bit(dp);
	}
	if (mx & MX_ZE)
		*fl |= FPSCR_DZC;
	if (mx & MX_OE)
		*fl |= FPSCR_OFC;
	if (mx & MX_PE)
		*fl |= FPSCR_IXC;
	if ((mx & MX_UE) || (tiny && (mx & MX_PE)))
		*fl |= FPSCR_UFC;
	return r;
}

uint64_t fp_arith(int op, int dp, uint64_t a, uint64_t b, uint32_t fpscr, uint32_t *fl)
{
	uint64_t ops[2], r;
	a = fp_flush_in(a, dp, fpscr, fl);
	if (op != FOP_SQRT)
		b = fp_flush_in(b, dp, fpscr, fl);
	ops[0] = a;
	ops[1] = b;
	if (process_nans(dp, ops, op == FOP_SQRT ? 1 : 2, fpscr, fl, &r))
		return r;
	uint32_t mx, mz;
	int rm = FPSCR_RMODE(fpscr);
	r = host_op(op, dp, a, b, rm, &mx);
	int tiny_rz = 0;
	if (mag(dp, r) == min_normal(dp) && (mx & MX_PE))
		tiny_rz = mag(dp, host_op(op, dp, a, b, FPR_RZ, &mz)) < min_normal(dp);
	return finish(dp, r, mx, fpscr, fl, tiny_rz);
}

/* fma() under the FPSCR's rounding mode with the host's flags (glibc's fma honours both). */
static uint64_t host_fma(int dp, uint64_t a, uint64_t b, uint64_t c, int rmode, uint32_t *mx)
{
	static const int rnd[4] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
	uint64_t r;
	fesetround(rnd[rmode]);
	feclearexcept(FE_ALL_EXCEPT);
	if (dp) {
		volatile double x = d_of(a), y = d_of(b), z = d_of(c), v;
		v = fma(y, z, x);
		r = u_of(v);
	} else {
		volatile float x = f_of((uint32_t)a), y = f_of((uint32_t)b), z = f_of((uint32_t)c), v;
		v = fmaf(y, z, x);
		r = v_of(v);
	}
	int e = fetestexcept(FE_ALL_EXCEPT);
	fesetround(FE_TONEAREST);
	feclearexcept(FE_ALL_EXCEPT);
	*mx = (e & FE_INVALID ? MX_IE : 0) | (e & FE_DIVBYZERO ? MX_ZE : 0) | (e & FE_OVERFLOW ? MX_OE : 0) |
	      (e & FE_UNDERFLOW ? MX_UE : 0) | (e & FE_INEXACT ? MX_PE : 0);
	return r;
}

uint64_t fp_muladd(int dp, uint64_t a, uint64_t b, uint64_t c, uint32_t fpscr, uint32_t *fl)
{
	uint64_t ops[3], r;
	a = fp_flush_in(a, dp, fpscr, fl);
	b = fp_flush_in(b, dp, fpscr, fl);
	c = fp_flush_in(c, dp, fpscr, fl);
	ops[0] = a;
	ops[1] = b;
	ops[2] = c;
	/* a quiet NaN addend with infinity times zero is still Invalid */
	uint64_t inf = dp ? 0x7ff0000000000000ull : 0x7f800000u;
	int inf_zero = (mag(dp, b) == inf && !mag(dp, c)) || (!mag(dp, b) && mag(dp, c) == inf);
	if (fp_is_nan(dp, a) && !fp_is_snan(dp, a) && inf_zero && !fp_is_nan(dp, b) && !fp_is_nan(dp, c)) {
		*fl |= FPSCR_IOC;
		return fp_default_nan(dp);
	}
	if (process_nans(dp, ops, 3, fpscr, fl, &r))
		return r;
	uint32_t mx, mz;
	int rm = FPSCR_RMODE(fpscr);
	r = host_fma(dp, a, b, c, rm, &mx);
	int tiny_rz = 0;
	if (mag(dp, r) == min_normal(dp) && (mx & MX_PE))
		tiny_rz = mag(dp, host_fma(dp, a, b, c, FPR_RZ, &mz)) < min_normal(dp);
	return finish(dp, r, mx, fpscr, fl, tiny_rz);
}

uint32_t fp_compare(int dp, uint64_t a, uint64_t b, int quiet_cmp, uint32_t fpscr, uint32_t *fl)
{
	a = fp_flush_in(a, dp, fpscr, fl);
	b = fp_flush_in(b, dp, fpscr, fl);
	if (fp_is_nan(dp, a) || fp_is_nan(dp, b)) {
		if (!quiet_cmp || fp_is_snan(dp, a) || fp_is_snan(dp, b))
			*fl |= FPSCR_IOC;
		return 0x30000000u;
	}
	double x = dp ? d_of(a) : f_of((uint32_t)a), y = dp ? d_of(b) : f_of((uint32_t)b);
	if (x == y)
		return 0x60000000u;
	return x < y ? 0x80000000u : 0x20000000u;
}

uint64_t fp_s2d(uint32_t a, uint32_t fpscr, uint32_t *fl)
{
	a = (uint32_t)fp_flush_in(a, 0, fpscr, fl);
	if (fp_is_nan(0, a)) {
		if (fp_is_snan(0, a))
			*fl |= FPSCR_IOC;
		if (fpscr & FPSCR_DN)
			return fp_default_nan(1);
		return (uint64_t)(a >> 31) << 63 | 0x7ff8000000000000ull | (uint64_t)(a & 0x3fffff) << 29;
	}
	return u_of((double)f_of(a));
}

uint32_t fp_d2s(uint64_t a, uint32_t fpscr, uint32_t *fl)
{
	a = fp_flush_in(a, 1, fpscr, fl);
	if (fp_is_nan(1, a)) {
		if (fp_is_snan(1, a))
			*fl |= FPSCR_IOC;
		if (fpscr & FPSCR_DN)
			return (uint32_t)fp_default_nan(0);
		return (uint32_t)(a >> 63) << 31 | 0x7fc00000u | (uint32_t)((a >> 29) & 0x3fffff);
	}
	uint32_t csr = mxcsr_of(FPSCR_RMODE(fpscr)), mx, _o, _d = 0x1f80;
	double x = d_of(a);
	float y;
	__asm__ volatile("ldmxcsr %[c]\n\tcvtsd2ss %[x], %[y]\n\tstmxcsr %[o]\n\tldmxcsr %[d]"
			 : [y] "=x"(y), [o] "=m"(_o) : [x] "x"(x), [c] "m"(csr), [d] "m"(_d));
	mx = _o & 0x3f;
	uint32_t r = v_of(y);
	int tiny_rz = 0;
	if ((r & 0x7fffffffu) == 0x00800000u && (mx & MX_PE)) {
		uint32_t cz = mxcsr_of(FPR_RZ);
		float z;
		__asm__ volatile("ldmxcsr %[c]\n\tcvtsd2ss %[x], %[y]\n\tstmxcsr %[o]\n\tldmxcsr %[d]"
				 : [y] "=x"(z), [o] "=m"(_o) : [x] "x"(x), [c] "m"(cz), [d] "m"(_d));
		tiny_rz = (v_of(z) & 0x7fffffffu) < 0x00800000u;
	}
	return (uint32_t)finish(0, r, mx, fpscr, fl, tiny_rz);
}

/* Round a finite double to an integer value in mode rmode; *inexact when it changed. */
static double round_mode(double x, int rmode, int *inexact)
{
	double t = trunc(x), f = x - t;
	*inexact = f != 0;
	switch (rmode) {
	case FPR_RN:
		if (fabs(f) > 0.5 || (fabs(f) == 0.5 && fmod(t, 2) != 0))
			t += x < 0 ? -1 : 1;
		break;
	case FPR_RP: if (f > 0) t += 1; break;
	case FPR_RM: if (f < 0) t -= 1; break;
	default: break;
	}
	return t;
}

uint64_t fp_to_int(uint64_t a, int dp, int sgn, int size, int fbits, int rmode, uint32_t fpscr, uint32_t *fl)
{
	a = fp_flush_in(a, dp, fpscr, fl);
	if (fp_is_nan(dp, a)) {
		*fl |= FPSCR_IOC;
		return 0;
	}
	double x = dp ? d_of(a) : f_of((uint32_t)a);
	x = ldexp(x, fbits);	/* exact: scaling by a power of two (infinity stays infinity) */
	double lo = sgn ? -ldexp(1, size - 1) : 0, hi = sgn ? ldexp(1, size - 1) - 1 : ldexp(1, size) - 1;
	int inexact = 0;
	double t = isinf(x) ? x : round_mode(x, rmode, &inexact);
	if (t < lo || t > hi) {
		*fl |= FPSCR_IOC;
		t = t < lo ? lo : hi;
	} else if (inexact) {
		*fl |= FPSCR_IXC;
	}
	int64_t v = (int64_t)t;
	return (uint64_t)v & (size == 64 ? ~0ull : (1ull << size) - 1);
}

uint64_t fp_from_int(int64_t v, int dp, int fbits, uint32_t fpscr, uint32_t *fl)
{
	/* v has at most 32 significant bits: exact in a double; the one rounding is the final */
	double x = ldexp((double)v, -fbits);
	if (dp)
		return u_of(x);
	return fp_d2s(u_of(x), fpscr & ~FPSCR_FZ, fl);
}

/* ---- half precision (VCVTB/VCVTT): IEEE half, or the Alternative format with AHP ---- */

uint32_t fp_to_half(uint64_t a, int dp, uint32_t fpscr, uint32_t *fl)
{
	int ahp = (fpscr & FPSCR_AHP) != 0;
	a = fp_flush_in(a, dp, fpscr, fl);
	uint32_t sign = (uint32_t)(a >> (dp ? 63 : 31)) << 15;
	if (fp_is_nan(dp, a)) {
		if (ahp) {
			*fl |= FPSCR_IOC;
			return sign;
		}
		if (fp_is_snan(dp, a))
			*fl |= FPSCR_IOC;
		if (fpscr & FPSCR_DN)
			return 0x7e00;
		uint32_t frac = dp ? (uint32_t)((a >> 42) & 0x3ff) : (uint32_t)((a >> 13) & 0x3ff);
		return sign | 0x7e00 | frac;
	}
	double x = fabs(dp ? d_of(a) : f_of((uint32_t)a));
	if (isinf(x)) {
		if (ahp) {
			*fl |= FPSCR_IOC;
			return sign | 0x7fff;
		}
		return sign | 0x7c00;
	}
	if (x == 0)
		return sign;
	/* scale to an integer significand of 11 bits (or fewer for subnormals) and round */
	int e;
	frexp(x, &e);	/* x = m * 2^e, 0.5 <= m < 1 */
	int exp = e - 1;	/* x = 1.f * 2^exp */
	if (exp < -14)
		exp = -14;	/* subnormal: fixed scale */
	int rm = FPSCR_RMODE(fpscr);
	/* rounding of a magnitude: RP/RM depend on the sign */
	if (sign && rm == FPR_RP)
		rm = FPR_RM;
	else if (sign && rm == FPR_RM)
		rm = FPR_RP;
	int inexact;
	double sig = round_mode(ldexp(x, 10 - exp), rm, &inexact);
	if (sig >= 2048) {	/* rounded up to the next binade */
		sig /= 2;
		exp++;
	}
	int tiny = x < ldexp(1, -14);
	uint32_t r;
	int maxexp = ahp ? 16 : 15;
	if (exp > maxexp) {
		if (ahp) {
			*fl |= FPSCR_IOC;
			return sign | 0x7fff;
		}
		*fl |= FPSCR_OFC | FPSCR_IXC;
		/* overflow: infinity, or the largest finite toward zero */
		int to_inf = rm == FPR_RN || rm == FPR_RP;
		return sign | (to_inf ? 0x7c00 : 0x7bff);
	}
	if (sig < 1024)	/* subnormal */
		r = (uint32_t)sig;
	else
		r = (uint32_t)(exp + 15) << 10 | ((uint32_t)sig & 0x3ff);
	if (inexact) {
		*fl |= FPSCR_IXC;
		if (tiny)
			*fl |= FPSCR_UFC;
	}
	return sign | r;
}

uint64_t fp_from_half(uint32_t h, int dp, uint32_t fpscr, uint32_t *fl)
{
	int ahp = (fpscr & FPSCR_AHP) != 0;
	uint32_t sign = (h >> 15) & 1, e = (h >> 10) & 31, f = h & 0x3ff;
	double x;
	if (e == 31 && !ahp) {
		if (!f)
			x = INFINITY;
		else {
			if (!(f & 0x200))
				*fl |= FPSCR_IOC;
			if (fpscr & FPSCR_DN)
				return fp_default_nan(dp);
			if (dp)
				return (uint64_t)sign << 63 | 0x7ff8000000000000ull | (uint64_t)f << 42;
			return sign << 31 | 0x7fc00000u | f << 13;
		}
	} else if (e == 0) {
		x = ldexp(f, -24);	/* half-precision denormals are not flushed (as qemu) */
	} else {
		x = ldexp(1024 + f, (int)e - 25);
	}
	if (sign)
		x = -x;
	return dp ? u_of(x) : v_of((float)x);
}
