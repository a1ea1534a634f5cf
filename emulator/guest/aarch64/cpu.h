/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cpu.h — the guest AArch64 CPU state and the contract between the CPU (decode/exec*)
 * and the Linux ABI layer (main, loader, syscalls, signals, threads).
 *
 * The ABI layer owns processes, memory and signals; it creates one struct cpu per guest
 * thread and calls cpu_run() in a loop. cpu_run() executes guest instructions until
 * something the ABI layer must handle happens and returns why. Guest memory is identity
 * mapped: a guest virtual address is the host address (top byte ignored).
 */
#ifndef XARCH_CPU_H
#define XARCH_CPU_H

#include <stdint.h>
#include <stdio.h>

/** One 128-bit SIMD&FP register; little-endian lanes as on the guest. */
typedef union {
	uint8_t b[16];
	uint16_t h[8];
	uint32_t s[4];
	uint64_t d[2];
	float f[4];
	double fd[2];
	unsigned __int128 q;
} vreg_t;

/** Why cpu_run() returned. */
enum cpu_exit {
	CPU_EXIT_SVC = 1,	/* SVC #imm executed; pc already points after it */
	CPU_EXIT_UDF,		/* unallocated/unimplemented encoding at pc: SIGILL, ILL_ILLOPC */
	CPU_EXIT_BRK,		/* BRK #imm at pc: SIGTRAP, TRAP_BRKPT (arm64 Linux semantics) */
	CPU_EXIT_FAULT,		/* guest memory fault at pc; fault_addr/fault_code describe it */
	CPU_EXIT_SIGNAL,	/* pending asynchronous signal noticed at an instruction boundary */
};

/**
 * struct cpu - architectural state of one guest thread, plus the exit information.
 *
 * Contract fields (the ABI layer reads and writes them; the CPU may keep more below).
 */
struct cpu {
	uint64_t x[31];		/* X0..X30 (X30 = LR) */
	uint64_t sp;		/* SP_EL0 */
	uint64_t pc;		/* address of the next instruction to execute */
	uint32_t nzcv;		/* N,Z,C,V in bits 31..28 exactly as MRS NZCV reads them */
	uint32_t fpcr;		/* FPCR as MRS reads it */
	uint32_t fpsr;		/* FPSR as MRS reads it (cumulative exception bits) */
	uint64_t tpidr_el0;	/* TPIDR_EL0: the thread pointer */
	vreg_t v[32];		/* V0..V31 */

	/* Exit information, valid after cpu_run() returns the matching reason. */
	uint32_t svc_imm;	/* CPU_EXIT_SVC: the #imm16 */
	uint32_t brk_imm;	/* CPU_EXIT_BRK: the #imm16 */
	uint64_t fault_addr;	/* CPU_EXIT_FAULT: the guest address */
	int fault_signo;	/* CPU_EXIT_FAULT: SIGSEGV or SIGBUS */
	int fault_code;		/* CPU_EXIT_FAULT: SEGV_MAPERR, SEGV_ACCERR, BUS_ADRALN, ... */
	uint64_t fault_host_pc;	/* host fault: the host instruction pointer (the ABI's handler sets it) */

	/* Set (from any thread or a signal handler) to make cpu_run() return CPU_EXIT_SIGNAL. */
	volatile int interrupt;

	/* Private CPU-side state (flag caches, exclusive monitor, ...) follows; the ABI layer
	 * must not depend on it. */
	uint64_t excl_addr;	/* exclusive monitor: address, or ~0 when clear */
	uint64_t excl_val[2];	/* exclusive monitor: value(s) loaded */
	uint32_t excl_size;	/* exclusive monitor: access size in bytes */
	/* JIT: while jit_active, the guest's NZCV is jit_hfl (host flag image, see jit.c), not nzcv */
	uint32_t jit_hfl;
	int jit_active;
	/* JIT: this thread's cache of indirect branch targets (guest pc -> host entry) */
	struct cpu_ibtc {
		uint64_t pc;
		void *entry;
	} jit_ibtc[2048];
};

/*
 * Guest memory faults (agreed contract): guest loads and stores are plain host accesses, so a
 * bad guest address raises a host SIGSEGV/SIGBUS inside cpu_run(). While cpu_run() executes an
 * instruction, c->pc is the address of that instruction (it advances only after the instruction
 * completes), and an instruction performs all its memory accesses before it writes any guest
 * register, so a faulting instruction has changed no guest register: the ABI layer's host
 * signal handler records the host instruction pointer in c->fault_host_pc, may leave cpu_run()
 * by siglongjmp and then deliver the guest signal with pc = cpu_fault_pc(c), which must be
 * called first: it finds the guest pc (translated code does not store c->pc before each access)
 * and brings the other contract fields (nzcv) up to date. The next cpu_run() re-executes or
 * resumes correctly. The same holds for a fault
 * while fetching an instruction (pc is then the fetched address).
 * Alignment faults the host would not raise (exclusives, atomics, acquire/release, unaligned
 * pc) are returned as CPU_EXIT_FAULT with fault_signo SIGBUS, fault_code BUS_ADRALN.
 * c->interrupt is polled after taken branches and page crossings; cpu_run() does not clear it.
 */
uint64_t cpu_fault_pc(struct cpu *c);

/* Print the encoding table (name, class, mask, match) to f; returns the number of encodings. */
int cpu_list_insns(FILE *f);

/* Prepare a CPU for use (zero state, clear monitor). Call once per guest thread. */
void cpu_init(struct cpu *c);

/* Execute guest instructions from c->pc until an exit reason arises; returns it. */
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

/* HWCAP / HWCAP2 bits (arm64 Linux numbering) of what this CPU implements. */
uint64_t cpu_hwcap(void);
uint64_t cpu_hwcap2(void);

#endif /* XARCH_CPU_H */
