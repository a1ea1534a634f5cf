// SPDX-License-Identifier: GPL-2.0-only
/* UDF/unallocated -> SIGILL at the instruction, BRK -> SIGTRAP, unaligned exclusive -> SIGBUS, hint space -> NOP. */
#include <setjmp.h>
#include <signal.h>
#include <ucontext.h>
#include "isa.h"

static sigjmp_buf jb;
static volatile int got_sig;
static volatile uint64_t got_pc, got_addr;

static void handler(int sig, siginfo_t *si, void *uc)
{
	got_sig = sig;
	got_pc = ((ucontext_t *)uc)->uc_mcontext.pc;
	got_addr = (uint64_t)si->si_addr;
	siglongjmp(jb, 1);
}

extern char udf_at[], brk_at[], unalloc_at[];

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGTRAP, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	if (!sigsetjmp(jb, 1))
		__asm__ volatile(".globl udf_at\nudf_at: udf #0x1234");
	CHECK("udf -> SIGILL", got_sig, SIGILL);
	CHECK("udf pc is the instruction", got_pc == (uint64_t)udf_at, 1);
	CHECK("udf si_addr is the instruction", got_addr == (uint64_t)udf_at, 1);
	got_sig = 0;
	if (!sigsetjmp(jb, 1))
		__asm__ volatile(".globl unalloc_at\nunalloc_at: .inst 0x02000000");
	CHECK("unallocated op0=0001 -> SIGILL", got_sig, SIGILL);
	got_sig = 0;
	if (!sigsetjmp(jb, 1))
		__asm__ volatile(".globl brk_at\nbrk_at: brk #0x3e8");
	CHECK("brk -> SIGTRAP", got_sig, SIGTRAP);
	CHECK("brk pc is the instruction", got_pc == (uint64_t)brk_at, 1);
	got_sig = 0;
	{
		static uint64_t buf[4];
		if (!sigsetjmp(jb, 1)) {
			uint64_t v;
			__asm__ volatile("ldxr %0, [%1]" : "=r"(v) : "r"((char *)buf + 4));
		}
		CHECK("unaligned ldxr -> SIGBUS", got_sig, SIGBUS);
	}
	got_sig = 0;
	if (!sigsetjmp(jb, 1))
		__asm__ volatile("adr x16, 1f\n add x16, x16, #2\n br x16\n 1: nop\n nop" ::: "x16");
	CHECK("branch to a misaligned pc -> SIGBUS", got_sig, SIGBUS);
	CHECK("si_addr is the misaligned pc", got_addr & 3, 2);
	got_sig = 0;
	/* hint space: PACIASP, AUTIASP, BTI c, XPACLRI, YIELD, CSDB execute as NOPs without PAC/BTI */
	{
		uint64_t lr_before, lr_after;
		__asm__ volatile("mov %0, x30\n hint #25\n hint #29\n hint #34\n hint #7\n yield\n csdb\n mov %1, x30"
				 : "=r"(lr_before), "=r"(lr_after));
		CHECK("hint space leaves x30", lr_before == lr_after, 1);
	}
	CHECK("no signal for hints", got_sig, 0);
	{
		uint64_t v;
		__asm__ volatile("mrs %0, dczid_el0" : "=r"(v));
		CHECK("DCZID_EL0 (64-byte DC ZVA)", v, 4);
		__asm__ volatile("mrs %0, ctr_el0" : "=r"(v));
		CHECK("CTR_EL0 IDC/DIC clear", (v >> 28) & 3, 0);
		__asm__ volatile("mrs %0, midr_el1" : "=r"(v));
		CHECK("MIDR_EL1 Cortex-A72", v, 0x410fd083);
		static uint8_t z[128] __attribute__((aligned(64)));
		memset(z, 0xaa, sizeof z);
		__asm__ volatile("dc zva, %0" : : "r"(z + 70) : "memory");
		CHECK("dc zva clears the 64-byte block", z[64] | z[127], 0);
		CHECK("dc zva leaves the previous block", z[63], 0xaa);
	}
	DONE();
}
