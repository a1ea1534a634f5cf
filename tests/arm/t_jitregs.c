// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest registers at a fault inside translated code: the arm JIT holds registers in host
 * registers inside a block (docs/engine.md); a load or store that faults must find every one the
 * block wrote before it in the signal frame, and none it writes after. The sequences below write
 * registers with data processing, loads and MOVW/MOVT, then fault (a load, a store, a load with
 * write-back, a byte load, one inside a loop on its third pass); the handler records the frame's
 * registers and PC and jumps back. Then registers written before a block leaves through a load
 * to the PC or (A32) an ADD to the PC.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <ucontext.h>
#include "common.h"

static sigjmp_buf env;
static volatile unsigned long got[16];
static volatile unsigned long fixup;	/* non-zero: the handler sets r0 to it and returns */

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	const mcontext_t *m = &((ucontext_t *)uc)->uc_mcontext;
	(void)sig; (void)si;
	got[0] = m->arm_r0; got[1] = m->arm_r1; got[2] = m->arm_r2; got[3] = m->arm_r3;
	got[4] = m->arm_r4; got[5] = m->arm_r5; got[6] = m->arm_r6; got[12] = m->arm_ip;
	got[15] = m->arm_pc;
	if (fixup) {
		((ucontext_t *)uc)->uc_mcontext.arm_r0 = fixup;
		fixup = 0;
		return;
	}
	siglongjmp(env, 1);
}

extern char f_load[], f_store[], f_wback[], f_byte[], f_loop[];

/* r0 = an unmapped address (16); the others computed in registers before the fault */
#define SETUP \
	"movw r1, #0x5678\n\tmovt r1, #0x1234\n\t" \
	"eor r2, r1, r1, ror #8\n\t" \
	"add r3, r2, #0x100\n\t" \
	"sub r4, r3, r1\n\t" \
	"lsl r5, r4, #3\n\t" \
	"orr r6, r5, r2\n\t" \
	"and r12, r6, #0xff0\n\t" \
	"mov r0, #16\n\t"
#define AFTER "mov r1, #0\n\tmov r2, #0\n\tmov r3, #0\n\tmov r4, #0\n\tmov r5, #0\n\tmov r6, #0\n\t"
#define CLOB "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r12", "memory", "cc"

static void report(const char *name, const char *label, unsigned long r3)
{
	uint32_t r1 = 0x12345678, r2 = r1 ^ (r1 >> 8 | r1 << 24), r4 = r2 + 0x100 - r1, r5 = r4 << 3;
	uint32_t r6 = r5 | r2;
	char n[80];
	printf("%s: r0 %lx r1 %lx r2 %lx r3 %lx r4 %lx r5 %lx r6 %lx r12 %lx pc %s\n", name, got[0], got[1], got[2],
	       got[3], got[4], got[5], got[6], got[12], got[15] == ((uintptr_t)label & ~1u) ? "at the access" : "elsewhere");
	snprintf(n, sizeof(n), "%s: the registers written before the fault", name);
	CHECK(n, got[1] == r1 && got[2] == r2 && got[3] == r3 && got[4] == r4 && got[5] == r5 && got[6] == r6 &&
	      got[12] == (r6 & 0xff0));
	snprintf(n, sizeof(n), "%s: the PC of the faulting instruction", name);
	CHECK(n, got[15] == ((uintptr_t)label & ~1u));
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | SA_NODEFER };
	sigaction(SIGSEGV, &sa, NULL);
	uint32_t r2 = 0x12345678 ^ 0x78123456;

	if (!sigsetjmp(env, 1))
		__asm__ volatile(SETUP ".global f_load\nf_load:\n\tldr r3, [r0]\n\t" AFTER ::: CLOB);
	report("load", f_load, r2 + 0x100);
	if (!sigsetjmp(env, 1))
		__asm__ volatile(SETUP ".global f_store\nf_store:\n\tstr r1, [r0, #4]\n\t" AFTER ::: CLOB);
	report("store", f_store, r2 + 0x100);
	if (!sigsetjmp(env, 1))
		__asm__ volatile(SETUP ".global f_wback\nf_wback:\n\tldr r3, [r0, #4]!\n\t" AFTER ::: CLOB);
	report("load with write-back", f_wback, r2 + 0x100);
	CHECK("load with write-back: the base is not written", got[0] == 16);
	if (!sigsetjmp(env, 1))
		__asm__ volatile(SETUP ".global f_byte\nf_byte:\n\tldrb r3, [r0, #1]\n\t" AFTER ::: CLOB);
	report("byte load", f_byte, r2 + 0x100);

	/* a loop: r0 walks a mapped array and is made unmapped for the third pass */
	static uint32_t arr[2] = { 5, 7 };
	if (!sigsetjmp(env, 1))
		__asm__ volatile("mov r0, %0\n\tmov r3, #0\n\tmov r4, #0\n\tmov r12, #0\n"
				 "1:\n\tadd r4, r4, #1\n\t"
				 ".global f_loop\nf_loop:\n\tldr r1, [r0], #4\n\t"
				 "add r3, r3, r1\n\t"
				 "eor r12, r12, r3, ror #3\n\t"
				 "cmp r4, #2\n\tite ne\n\tmovne r2, #0\n\tmoveq r0, #16\n\tb 1b\n\t"
				 :: "r"(arr) : CLOB);
	printf("loop: r0 %lx r1 %lx r3 %lx r4 %lx r12 %lx\n", got[0], got[1], got[3], got[4], got[12]);
	uint32_t c12 = 0, c3 = 5;
	c12 ^= c3 >> 3 | c3 << 29;
	c3 += 7;
	c12 ^= c3 >> 3 | c3 << 29;
	CHECK("loop: the registers of the third pass", got[0] == 16 && got[1] == 7 && got[3] == 12 && got[4] == 3 &&
	      got[12] == c12);
	CHECK("loop: the PC of the faulting load", got[15] == ((uintptr_t)f_loop & ~1u));

	/*
	 * A fault inside an IT block, returned from: execution goes on at the load with the IT
	 * state of the frame, in a block that is entered there for the first time (translated code
	 * assumes ITSTATE 0 at a block's start and must leave the rest of the IT block to the
	 * interpreter). In ARM code the IT is nothing and the same conditions give the same results.
	 */
	static uint32_t word = 0x5a5a;
	unsigned long i3, i4, i5;
	fixup = (uintptr_t)&word;
	__asm__ volatile("mov r0, #16\n\tmov r3, #0\n\tmov r4, #0\n\tmov r5, #0\n\tcmp r3, #0\n\t"
			 "itte eq\n\tldreq r3, [r0]\n\tmoveq r4, #5\n\tmovne r5, #7\n\t"
			 "mov %0, r3\n\tmov %1, r4\n\tmov %2, r5\n\t"
			 : "=r"(i3), "=r"(i4), "=r"(i5) :: CLOB);
	printf("IT block resumed: r3 %lx r4 %lx r5 %lx\n", i3, i4, i5);
	CHECK("IT block resumed after a fault: its conditions hold", i3 == 0x5a5a && i4 == 5 && i5 == 0);

	/* a word loaded to the PC (a BX: the Thumb bit kept) after registers were written */
	unsigned long p1, p2, p6, pk;
	__asm__ volatile(
#ifdef __thumb__
			 "adr.w r5, 1f\n\torr r5, r5, #1\n\t"
#else
			 "adr r5, 1f\n\t"
#endif
			 "str r5, [sp, #-4]!\n\t" SETUP "ldr pc, [sp], #4\n\t" AFTER
			 "1:\n\tmov %0, r1\n\tmov %1, r2\n\tmov %2, r6\n\tmov %3, r12\n\t"
			 : "=r"(p1), "=r"(p2), "=r"(p6), "=r"(pk) :: CLOB);
	{
		uint32_t r1 = 0x12345678, r2 = r1 ^ (r1 >> 8 | r1 << 24), r4 = r2 + 0x100 - r1, r6 = r4 << 3 | r2;
		printf("load to the PC: r1 %lx r2 %lx r6 %lx r12 %lx\n", p1, p2, p6, pk);
		CHECK("load to the PC: the registers written before it", p1 == r1 && p2 == r2 && p6 == r6 &&
		      pk == (r6 & 0xff0));
	}
#ifndef __thumb__
	/* A32: ADD to the PC (a jump table), the registers written before it */
	for (unsigned long k = 0; k < 3; k++) {
		unsigned long j3, j2;
		__asm__ volatile("mov r1, %2\n\tadd r2, r1, #100\n\tadd pc, pc, r1, lsl #2\n\tnop\n\t"
				 "b 1f\n\tb 2f\n\tb 3f\n"
				 "1:\n\tmov r3, #10\n\tb 4f\n2:\n\tmov r3, #20\n\tb 4f\n3:\n\tmov r3, #30\n"
				 "4:\n\tmov %0, r3\n\tmov %1, r2\n\t"
				 : "=r"(j3), "=r"(j2) : "r"(k) : CLOB);
		printf("add to the PC %lu: %lu %lu\n", k, j3, j2);
		CHECK("add to the PC: the case taken", j3 == 10 * (k + 1) && j2 == k + 100);
	}
#endif
	return 0;
}
