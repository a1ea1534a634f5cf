/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcpu.h — the guest-neutral contract between a guest CPU (guest/<name>/: decoder, interpreter,
 * translator) and the Linux ABI layer (core/: main, loader, syscalls, signals, threads).
 *
 * The ABI layer owns processes, memory and signals; it creates one struct cpu per guest thread
 * and calls cpu_run() in a loop. cpu_run() executes guest instructions until something the ABI
 * layer must handle happens and returns why. struct cpu itself is the guest's (its cpu.h): the
 * core sees it only as an opaque object of guest.cpu_size bytes, reaches the registers only
 * through the hooks of guest.h, and shares with the CPU only the struct cpu_xinfo embedded in
 * it (guest.cpu_xinfo() finds it). Guest memory is identity mapped: a guest virtual address is
 * the host address once guest.addr_mask is applied.
 */
#ifndef XARCH_VCPU_H
#define XARCH_VCPU_H

#include <stdint.h>
#include <stdio.h>

struct cpu;

/** Why cpu_run() returned. */
enum cpu_exit {
	CPU_EXIT_SVC = 1,	/* system call instruction executed; pc already points after it */
	CPU_EXIT_UDF,		/* unallocated/unimplemented encoding at pc: SIGILL, ILL_ILLOPC */
	CPU_EXIT_BRK,		/* breakpoint instruction at pc: SIGTRAP, TRAP_BRKPT */
	CPU_EXIT_FAULT,		/* guest memory fault at pc; fault_addr/fault_code describe it */
	CPU_EXIT_SIGNAL,	/* pending asynchronous signal noticed at an instruction boundary */
	CPU_EXIT_STEP,		/* cpu_xinfo.step was set: one instruction executed (the debugger) */
};

/**
 * struct cpu_xinfo - exit information and the interrupt flag, the part of every guest's struct
 * cpu both sides read and write.
 */
struct cpu_xinfo {
	uint32_t svc_imm;	/* CPU_EXIT_SVC: the instruction's immediate */
	uint32_t brk_imm;	/* CPU_EXIT_BRK: the instruction's immediate */
	uint64_t fault_addr;	/* CPU_EXIT_FAULT: the guest address */
	int fault_signo;	/* CPU_EXIT_FAULT: SIGSEGV or SIGBUS */
	int fault_code;		/* CPU_EXIT_FAULT: SEGV_MAPERR, SEGV_ACCERR, BUS_ADRALN, ... */
	uint64_t fault_host_pc;	/* host fault: the host instruction pointer (the ABI's handler sets it) */
	/* host fault: the host's general registers by x86 number (RAX 0 .. R15 15), for a JIT that
	 * keeps guest registers in host registers (the ABI's handler sets them) */
	uint64_t fault_host_gpr[16];
	/* Set (from any thread or a signal handler) to make cpu_run() return CPU_EXIT_SIGNAL. */
	volatile int interrupt;
	/* Set by the ABI layer (the debugger) before cpu_run(): execute at most one instruction,
	 * in the interpreter, and return CPU_EXIT_STEP after it (or the exit it raised). */
	int step;
};

/*
 * Guest memory faults: guest loads and stores are plain host accesses, so a bad guest address
 * raises a host SIGSEGV/SIGBUS inside cpu_run(). While cpu_run() executes an instruction, the
 * guest pc is the address of that instruction (it advances only after the instruction
 * completes), and an instruction performs all its memory accesses before it writes any guest
 * register, so a faulting instruction has changed no guest register: the ABI layer's host
 * signal handler records the host instruction pointer in fault_host_pc, may leave cpu_run() by
 * siglongjmp and then deliver the guest signal at the pc cpu_fault_pc() returns, which must be
 * called first: it finds the guest pc (translated code does not store the pc before each
 * access) and brings the other contract state (flags) up to date. The next cpu_run()
 * re-executes or resumes correctly. The same holds for a fault while fetching an instruction
 * (pc is then the fetched address). Alignment faults the host would not raise are returned as
 * CPU_EXIT_FAULT with fault_signo SIGBUS, fault_code BUS_ADRALN.
 * interrupt is polled after taken branches and page crossings; cpu_run() does not clear it.
 */
uint64_t cpu_fault_pc(struct cpu *c);

/* Print the encoding table (name, class, mask, match) to f; returns the number of encodings. */
int cpu_list_insns(FILE *f);

/* Prepare a CPU for use (clear monitor, empty caches). c is zeroed memory (thread.c: fresh
 * anonymous pages, which stay unwritten until used). Call once per guest thread. */
void cpu_init(struct cpu *c);

/* Execute guest instructions from the guest pc until an exit reason arises; returns it. */
enum cpu_exit cpu_run(struct cpu *c);

/*
 * Forget any decoded code for [addr, addr+len): must be called by the ABI layer on munmap,
 * mprotect and mremap of executable ranges. Safe to call from any thread.
 */
void cpu_invalidate(uint64_t addr, uint64_t len);

/*
 * Translation to host code: threshold < 0 runs the interpreter only, 0 translates every block
 * the first time it runs, N > 0 after N entries (at most 255). The default is the fastest.
 */
void cpu_set_jit(int threshold);

/*
 * Take (take != 0) or release the CPU's own locks around a fork the ABI layer makes without
 * glibc's fork() (a raw clone), so the child never inherits one held by another thread.
 * glibc's fork() takes them itself (pthread_atfork).
 */
void cpu_fork_locks(int take);

#endif /* XARCH_VCPU_H */
