// SPDX-License-Identifier: GPL-2.0-only
/* Exclusive monitor success/failure, pairs, LSE atomics (CAS, CASP, LDADD.., SWP). */
#include "isa.h"

static uint64_t mem[4] __attribute__((aligned(16)));

int main(void)
{
	uint64_t st, v;
	mem[0] = 5;
	__asm__ volatile("ldxr %0, [%2]\n add %0, %0, #1\n stxr %w1, %0, [%2]" : "=&r"(v), "=&r"(st) : "r"(mem) : "memory");
	CHECK("ldxr/stxr status", st, 0);
	CHECK("ldxr/stxr value", mem[0], 6);
	__asm__ volatile("mov %0, #9\n stxr %w1, %0, [%2]" : "=&r"(v), "=&r"(st) : "r"(mem) : "memory");
	CHECK("stxr without ldxr fails", st, 1);
	CHECK("memory unchanged", mem[0], 6);
	__asm__ volatile("ldxr %0, [%2]\n clrex\n stxr %w1, %0, [%2]" : "=&r"(v), "=&r"(st) : "r"(mem) : "memory");
	CHECK("stxr after clrex fails", st, 1);
	__asm__ volatile("ldxr %0, [%2]\n stxr %w1, %0, [%3]" : "=&r"(v), "=&r"(st) : "r"(mem), "r"(mem + 1) : "memory");
	CHECK("stxr to another address fails", st, 1);
	__asm__ volatile("ldxr %0, [%2]\n mov %0, #77\n str %0, [%2]\n stxr %w1, %0, [%2]" : "=&r"(v), "=&r"(st) : "r"(mem) : "memory");
	CHECK("stxr after an intervening store to the line (value changed) fails", st, 1);
	{
		uint64_t lo, hi;
		mem[0] = 1;
		mem[1] = 2;
		__asm__ volatile("ldaxp %0, %1, [%3]\n add %0, %0, #10\n add %1, %1, #20\n stlxp %w2, %0, %1, [%3]"
				 : "=&r"(lo), "=&r"(hi), "=&r"(st) : "r"(mem) : "memory");
		CHECK("ldaxp/stlxp status", st, 0);
		CHECK("pair lo", mem[0], 11);
		CHECK("pair hi", mem[1], 22);
	}
	{
		uint64_t cmp = 11, nv = 100;
		__asm__ volatile("casal %0, %2, [%3]" : "+r"(cmp) : "r"(0), "r"(nv), "r"(mem) : "memory");
		CHECK("cas success returns old", cmp, 11);
		CHECK("cas stored", mem[0], 100);
		cmp = 5;
		__asm__ volatile("cas %0, %2, [%3]" : "+r"(cmp) : "r"(0), "r"(nv + 1), "r"(mem) : "memory");
		CHECK("cas failure returns current", cmp, 100);
		CHECK("cas failure leaves memory", mem[0], 100);
	}
	{
		register uint64_t s0 __asm__("x4") = 100, s1 __asm__("x5") = 22;
		register uint64_t n0 __asm__("x6") = 7, n1 __asm__("x7") = 8;
		__asm__ volatile("caspal x4, x5, x6, x7, [%2]" : "+r"(s0), "+r"(s1) : "r"(mem), "r"(n0), "r"(n1) : "memory");
		uint64_t o0 = s0, o1 = s1;	/* register variables do not survive calls */
		CHECK("casp old lo", o0, 100);
		CHECK("casp old hi", o1, 22);
		CHECK("casp new lo", mem[0], 7);
		CHECK("casp new hi", mem[1], 8);
	}
	{
		uint64_t old;
		mem[2] = 0xf0;
		__asm__ volatile("ldadd %1, %0, [%2]" : "=r"(old) : "r"(0x10ull), "r"(mem + 2) : "memory");
		CHECK("ldadd old", old, 0xf0);
		CHECK("ldadd new", mem[2], 0x100);
		__asm__ volatile("ldclral %1, %0, [%2]" : "=r"(old) : "r"(0x100ull), "r"(mem + 2) : "memory");
		CHECK("ldclr new", mem[2], 0);
		__asm__ volatile("ldsetl %1, %0, [%2]" : "=r"(old) : "r"(0x8000000000000001ull), "r"(mem + 2) : "memory");
		__asm__ volatile("ldsmax %1, %0, [%2]" : "=r"(old) : "r"(5ull), "r"(mem + 2) : "memory");
		CHECK("ldsmax (negative vs 5)", mem[2], 5);
		__asm__ volatile("ldumin %1, %0, [%2]" : "=r"(old) : "r"(3ull), "r"(mem + 2) : "memory");
		CHECK("ldumin", mem[2], 3);
		__asm__ volatile("swpal %1, %0, [%2]" : "=r"(old) : "r"(42ull), "r"(mem + 2) : "memory");
		CHECK("swp old", old, 3);
		CHECK("swp new", mem[2], 42);
		uint32_t w = 0xffffffffu;
		uint32_t o32;
		__asm__ volatile("ldaddb %w1, %w0, [%2]" : "=r"(o32) : "r"(1u), "r"(&w) : "memory");
		CHECK("ldaddb wraps in the byte", w, 0xffffff00u);
		CHECK("ldaddb old zero-extended", o32, 0xff);
	}
	DONE();
}
