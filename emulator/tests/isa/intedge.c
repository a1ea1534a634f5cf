// SPDX-License-Identifier: GPL-2.0-only
/* Integer edge cases: division by zero and overflow, shifts by >= width, flags, CLS/CLZ, bitfields. */
#include "isa.h"

#define OP2(insn, a, b) ({ uint64_t r_; __asm__ volatile(insn : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); r_; })

int main(void)
{
	CHECK("udiv x/0", OP2("udiv %0, %1, %2", 123, 0), 0);
	CHECK("sdiv x/0", OP2("sdiv %0, %1, %2", -5, 0), 0);
	CHECK("sdiv INT64_MIN/-1", OP2("sdiv %0, %1, %2", 0x8000000000000000ull, -1), 0x8000000000000000ull);
	CHECK("sdiv w INT32_MIN/-1", OP2("sdiv %w0, %w1, %w2", 0x80000000u, 0xffffffffu), 0x80000000u);
	CHECK("sdiv -7/2", OP2("sdiv %0, %1, %2", -7, 2), (uint64_t)-3);
	CHECK("lslv by 64 (mod 64)", OP2("lsl %0, %1, %2", 1, 64), 1);
	CHECK("lslv by 65", OP2("lsl %0, %1, %2", 1, 65), 2);
	CHECK("lsrv w by 33", OP2("lsr %w0, %w1, %w2", 0x80000000u, 33), 0x40000000u);
	CHECK("asrv by 127", OP2("asr %0, %1, %2", 0x8000000000000000ull, 127), ~0ull);
	CHECK("rorv w by 36", OP2("ror %w0, %w1, %w2", 0x1, 36), 0x10000000u);
	{
		typedef unsigned __int128 u128;
		u128 r, x = ((u128)0x8000000000000000ull << 64) | 0x8000000000000000ull, s;
		s = ((u128)(uint64_t)-64 << 64) | 64;
		__asm__ volatile("sshl %0.2d, %1.2d, %2.2d" : "=w"(r) : "w"(x), "w"(s));
		CHECK128("sshl by 64 / by -64", r, ~0ull, 0);
		s = ((u128)(uint64_t)-64 << 64) | (uint64_t)-65;
		__asm__ volatile("ushl %0.2d, %1.2d, %2.2d" : "=w"(r) : "w"(x), "w"(s));
		CHECK128("ushl by -64 / -65", r, 0, 0);
		__asm__ volatile("ushr %d0, %d1, #64" : "=w"(r) : "w"(x));
		CHECK128("ushr #64", r, 0, 0);
		__asm__ volatile("sshr %d0, %d1, #64" : "=w"(r) : "w"(x));
		CHECK128("sshr #64", r, 0, ~0ull);
		x = 0x7fffffffffffffffull;
		__asm__ volatile("srshr %d0, %d1, #1" : "=w"(r) : "w"(x));
		CHECK128("srshr #1 rounding", r, 0, 0x4000000000000000ull);
		__asm__ volatile("urshr %d0, %d1, #64" : "=w"(r) : "w"(x));
		CHECK128("urshr #64", r, 0, 0);
	}
	/* flags */
	{
		uint64_t f;
		__asm__ volatile("adds %0, %1, %2\n mrs %0, nzcv" : "=r"(f) : "r"(0x7fffffffffffffffull), "r"(1ull) : "cc");
		CHECK("adds INT64_MAX+1 nzcv", f, 0x90000000u);
		__asm__ volatile("subs %w0, %w1, %w2\n mrs %0, nzcv" : "=r"(f) : "r"(0u), "r"(1u) : "cc");
		CHECK("subs w 0-1 nzcv", f, 0x80000000u);
		__asm__ volatile("cmp %1, %1\n mrs %0, nzcv" : "=r"(f) : "r"(5ull) : "cc");
		CHECK("cmp x,x nzcv", f, 0x60000000u);
		__asm__ volatile("msr nzcv, xzr\n ccmp %1, #3, #0xf, eq\n mrs %0, nzcv" : "=r"(f) : "r"(5ull) : "cc");
		CHECK("ccmp cond false -> nzcv imm", f, 0xf0000000u);
		__asm__ volatile("mov %0, #0x20000000\n msr nzcv, %0\n adcs %0, %1, %1\n mrs %0, nzcv" : "=&r"(f) : "r"(0xffffffffffffffffull) : "cc");
		CHECK("adcs -1+-1+1 nzcv", f, 0xa0000000u);
	}
	{
		uint64_t r;
		__asm__ volatile("cls %0, %1" : "=r"(r) : "r"(0ull));
		CHECK("cls 0", r, 63);
		__asm__ volatile("cls %w0, %w1" : "=r"(r) : "r"(0xffffffffu));
		CHECK("cls w -1", r, 31);
		__asm__ volatile("clz %0, %1" : "=r"(r) : "r"(0ull));
		CHECK("clz 0", r, 64);
		__asm__ volatile("rbit %w0, %w1" : "=r"(r) : "r"(1u));
		CHECK("rbit w 1", r, 0x80000000u);
		__asm__ volatile("sbfx %0, %1, #60, #4" : "=r"(r) : "r"(0x8000000000000000ull));
		CHECK("sbfx #60,#4", r, (uint64_t)-8);
		__asm__ volatile("mov %0, #-1\n bfi %0, %1, #8, #8" : "=&r"(r) : "r"(0x12ull));
		CHECK("bfi", r, 0xffffffffffff12ffull);
		__asm__ volatile("extr %0, %1, %2, #4" : "=r"(r) : "r"(0xaull), "r"(0xf000000000000000ull));
		CHECK("extr", r, 0xaf00000000000000ull);
		__asm__ volatile("umulh %0, %1, %1" : "=r"(r) : "r"(~0ull));
		CHECK("umulh -1*-1", r, 0xfffffffffffffffeull);
		__asm__ volatile("smulh %0, %1, %1" : "=r"(r) : "r"(~0ull));
		CHECK("smulh -1*-1", r, 0);
		__asm__ volatile("crc32cx %w0, %w1, %2" : "=r"(r) : "r"(0xffffffffu), "r"(0x0123456789abcdefull));
		printf("crc32cx %#llx\n", (unsigned long long)r);
	}
	DONE();
}
