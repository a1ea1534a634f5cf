// SPDX-License-Identifier: GPL-2.0-only
/* Saturation limits and FPSR.QC; FP to integer saturation. */
#include "isa.h"

typedef unsigned __int128 u128;

static u128 vq(uint64_t hi, uint64_t lo) { return ((u128)hi << 64) | lo; }

#define V2(op, a, b) ({ u128 r_, x_ = (a), y_ = (b); \
	__asm__ volatile(op " %0.16b, %1.16b, %2.16b" : "=w"(r_) : "w"(x_), "w"(y_)); r_; })

int main(void)
{
	u128 r, a, b;
	set_fpsr(0);
	a = vq(0x7f7f7f7f7f7f7f7full, 0x8080808080808080ull);
	b = vq(0x0101010101010101ull, 0xffffffffffffffffull);
	r = V2("sqadd", a, b);
	CHECK128("sqadd.16b limits", r, 0x7f7f7f7f7f7f7f7full, 0x8080808080808080ull);
	CHECK("QC set", (get_fpsr() >> 27) & 1, 1);
	set_fpsr(0);
	r = V2("uqadd", vq(0xffull, 0xfeull), vq(1, 1));
	CHECK128("uqadd.16b", r, 0xff, 0xff);
	CHECK("QC set (uqadd)", (get_fpsr() >> 27) & 1, 1);
	set_fpsr(0);
	r = V2("uqsub", vq(0, 5), vq(0, 7));
	CHECK128("uqsub.16b floor", r, 0, 0);
	CHECK("QC (uqsub)", (get_fpsr() >> 27) & 1, 1);
	set_fpsr(0);
	r = V2("add", vq(0, 5), vq(0, 7));
	CHECK("QC clear after add", (get_fpsr() >> 27) & 1, 0);
	{
		u128 x = vq(0, 0x80008000u), y = vq(0, 0x80007fffu);
		__asm__ volatile("sqdmulh %0.8h, %1.8h, %2.8h" : "=w"(r) : "w"(x), "w"(y));
		CHECK128("sqdmulh -32768*-32768", r, 0, 0x7fff8001u);
		x = vq(0x8000000000000000ull, 0x7fffffffffffffffull);
		__asm__ volatile("sqxtn %0.2s, %1.2d" : "=w"(r) : "w"(x));
		CHECK128("sqxtn", r, 0, 0x800000007fffffffull);
		__asm__ volatile("sqxtun %0.2s, %1.2d" : "=w"(r) : "w"(x));
		CHECK128("sqxtun", r, 0, 0x00000000ffffffffull);
		x = vq(0, 0x4000000000000001ull);
		__asm__ volatile("sqshl %d0, %d1, #2" : "=w"(r) : "w"(x));
		CHECK128("sqshl #2 overflow", r, 0, 0x7fffffffffffffffull);
		x = vq(0, 0x8000000000000000ull);
		__asm__ volatile("sqabs %d0, %d1" : "=w"(r) : "w"(x));
		CHECK128("sqabs INT64_MIN", r, 0, 0x7fffffffffffffffull);
		__asm__ volatile("sqneg %d0, %d1" : "=w"(r) : "w"(x));
		CHECK128("sqneg INT64_MIN", r, 0, 0x7fffffffffffffffull);
	}
	/* FP -> int: saturation and NaN -> 0, both with IOC */
	{
		uint64_t x;
		double big = 1e30, nan = u2d(0x7ff8000000000000ull), neg = -1.5, half = 2.5;
		set_fpsr(0);
		__asm__ volatile("fcvtzs %x0, %d1" : "=r"(x) : "w"(big));
		CHECK("fcvtzs 1e30", x, 0x7fffffffffffffffull);
		CHECK("fpsr IOC", get_fpsr() & 0x1f, 1);
		__asm__ volatile("fcvtzs %w0, %d1" : "=r"(x) : "w"(big));
		CHECK("fcvtzs w 1e30", x, 0x7fffffff);
		__asm__ volatile("fcvtzu %x0, %d1" : "=r"(x) : "w"(neg));
		CHECK("fcvtzu -1.5", x, 0);
		__asm__ volatile("fcvtzs %x0, %d1" : "=r"(x) : "w"(nan));
		CHECK("fcvtzs nan", x, 0);
		set_fpsr(0);
		__asm__ volatile("fcvtns %x0, %d1" : "=r"(x) : "w"(half));
		CHECK("fcvtns 2.5 (ties even)", x, 2);
		__asm__ volatile("fcvtas %x0, %d1" : "=r"(x) : "w"(half));
		CHECK("fcvtas 2.5 (ties away)", x, 3);
		__asm__ volatile("fcvtms %x0, %d1" : "=r"(x) : "w"(neg));
		CHECK("fcvtms -1.5", x, (uint64_t)-2);
		__asm__ volatile("fcvtps %x0, %d1" : "=r"(x) : "w"(neg));
		CHECK("fcvtps -1.5", x, (uint64_t)-1);
		CHECK("fpsr IXC", get_fpsr() & 0x1f, 0x10);
	}
	DONE();
}
