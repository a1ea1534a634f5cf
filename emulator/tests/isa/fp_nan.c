// SPDX-License-Identifier: GPL-2.0-only
/* NaN propagation, default NaN, FPSR cumulative flags, FPCR rounding (Arm ARM FPProcessNaNs etc.). */
#include "isa.h"

static uint32_t fadd_s(uint32_t a, uint32_t b)
{
	float r, x = u2f(a), y = u2f(b);
	__asm__ volatile("fadd %s0, %s1, %s2" : "=w"(r) : "w"(x), "w"(y));
	return f2u(r);
}

static uint64_t fmul_d(uint64_t a, uint64_t b)
{
	double r, x = u2d(a), y = u2d(b);
	__asm__ volatile("fmul %d0, %d1, %d2" : "=w"(r) : "w"(x), "w"(y));
	return d2u(r);
}

static uint32_t fmadd_s(uint32_t n, uint32_t m, uint32_t a)
{
	float r, x = u2f(n), y = u2f(m), z = u2f(a);
	__asm__ volatile("fmadd %s0, %s1, %s2, %s3" : "=w"(r) : "w"(x), "w"(y), "w"(z));
	return f2u(r);
}

int main(void)
{
	set_fpcr(0);
	set_fpsr(0);
	/* first operand's NaN wins among quiet NaNs; payload kept */
	CHECK("fadd qnan1+qnan2", fadd_s(0x7fc00001, 0x7fc00002), 0x7fc00001);
	CHECK("fadd 1+qnan2", fadd_s(0x3f800000, 0xffc00002), 0xffc00002);
	CHECK("fpsr after quiet NaNs", get_fpsr(), 0);
	/* a signalling NaN wins over a quiet one, is quieted, raises IOC */
	CHECK("fadd qnan1+snan2", fadd_s(0x7fc00001, 0x7f800002), 0x7fc00002);
	CHECK("fpsr IOC", get_fpsr(), 1);
	set_fpsr(0);
	CHECK("fmul snan*snan (first)", fmul_d(0x7ff0000000000001ull, 0xfff0000000000002ull), 0x7ff8000000000001ull);
	/* inf - inf: default NaN (positive, unlike x86) */
	CHECK("fadd inf+-inf", fadd_s(0x7f800000, 0xff800000), 0x7fc00000);
	CHECK("fmul 0*inf", fmul_d(0, 0x7ff0000000000000ull), 0x7ff8000000000000ull);
	/* FMADD: a quiet NaN addend with inf*0 gives the default NaN and IOC */
	set_fpsr(0);
	CHECK("fmadd inf*0+qnan", fmadd_s(0x7f800000, 0, 0x7fc00123), 0x7fc00000);
	CHECK("fpsr IOC (inf*0+qnan)", get_fpsr() & 1, 1);
	CHECK("fmadd 1*qnan(m)+qnan(a)", fmadd_s(0x3f800000, 0x7fc00005, 0x7fc00006), 0x7fc00006);
	/* default-NaN mode */
	set_fpcr(1u << 25);
	CHECK("DN: fadd qnan payload dropped", fadd_s(0x7fc00001, 0x3f800000), 0x7fc00000);
	set_fpcr(0);
	/* FMAXNM/FMINNM: a quiet NaN loses against a number */
	{
		float r, n = u2f(0x7fc00000), m = 2.0f;
		__asm__ volatile("fmaxnm %s0, %s1, %s2" : "=w"(r) : "w"(n), "w"(m));
		CHECK("fmaxnm qnan,2", f2u(r), 0x40000000);
		__asm__ volatile("fmax %s0, %s1, %s2" : "=w"(r) : "w"(n), "w"(m));
		CHECK("fmax qnan,2", f2u(r), 0x7fc00000);
		n = u2f(0x80000000);
		m = 0.0f;
		__asm__ volatile("fmin %s0, %s1, %s2" : "=w"(r) : "w"(n), "w"(m));
		CHECK("fmin -0,+0", f2u(r), 0x80000000);
	}
	/* conversion keeps the top payload bits */
	{
		double d = u2d(0x7ff4000000000001ull);
		float f;
		set_fpsr(0);
		__asm__ volatile("fcvt %s0, %d1" : "=w"(f) : "w"(d));
		CHECK("fcvt snan d->s", f2u(f), 0x7fe00000);
		CHECK("fpsr IOC (fcvt snan)", get_fpsr(), 1);
	}
	/* flags: overflow, underflow, inexact, divide by zero */
	set_fpsr(0);
	CHECK("fmul max*2", fmul_d(0x7fefffffffffffffull, 0x4000000000000000ull), 0x7ff0000000000000ull);
	CHECK("fpsr OFC|IXC", get_fpsr(), 0x14);
	set_fpsr(0);
	CHECK("fmul tiny", fmul_d(0x0010000000000001ull, 0x3fe0000000000000ull), 0x0008000000000000ull);
	CHECK("fpsr UFC|IXC", get_fpsr(), 0x18);
	set_fpsr(0);
	{
		double r, x = 1.0, y = 0.0;
		__asm__ volatile("fdiv %d0, %d1, %d2" : "=w"(r) : "w"(x), "w"(y));
		CHECK("fdiv 1/0", d2u(r), 0x7ff0000000000000ull);
		CHECK("fpsr DZC", get_fpsr(), 2);
	}
	/* rounding modes: 1/3 in each mode */
	for (int rm = 0; rm < 4; rm++) {
		static const uint32_t exp[4] = { 0x3eaaaaab, 0x3eaaaaab, 0x3eaaaaaa, 0x3eaaaaaa };
		float r, x = 1.0f, y = 3.0f;
		char name[40];
		set_fpcr((uint64_t)rm << 22);
		__asm__ volatile("fdiv %s0, %s1, %s2" : "=w"(r) : "w"(x), "w"(y));
		snprintf(name, sizeof name, "fdiv 1/3 rmode %d", rm);
		CHECK(name, f2u(r), exp[rm]);
	}
	set_fpcr(0);
	/* FRECPE(0) = inf with DZC; FRSQRTE(-1) = default NaN with IOC */
	{
		float r, z = 0.0f, m1 = -1.0f;
		set_fpsr(0);
		__asm__ volatile("frecpe %s0, %s1" : "=w"(r) : "w"(z));
		CHECK("frecpe 0", f2u(r), 0x7f800000);
		CHECK("fpsr DZC (frecpe)", get_fpsr(), 2);
		__asm__ volatile("frsqrte %s0, %s1" : "=w"(r) : "w"(m1));
		CHECK("frsqrte -1", f2u(r), 0x7fc00000);
		float two = 2.0f;
		__asm__ volatile("frecpe %s0, %s1" : "=w"(r) : "w"(two));
		CHECK("frecpe 2", f2u(r), 0x3eff8000);
	}
	DONE();
}
