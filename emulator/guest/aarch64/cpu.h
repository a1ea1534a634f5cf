/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cpu.h — the guest AArch64 CPU state. The contract with the Linux ABI layer (cpu_run() and
 * friends, struct cpu_xinfo, the fault rules) is guest-neutral: core/vcpu.h. The ABI layer
 * reaches the registers below only through this guest's hooks (guest.c, core/guest.h).
 * Guest memory is identity mapped: a guest virtual address is the host address (top byte
 * ignored).
 */
#ifndef XARCH_CPU_H
#define XARCH_CPU_H

#include <stdint.h>
#include <stdio.h>
#include "engine.h"
#include "vcpu.h"

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

	/* Exit information and the interrupt flag (vcpu.h), shared with the ABI layer. */
	struct cpu_xinfo xi;

	/* Private CPU-side state (flag caches, exclusive monitor, ...) follows; the ABI layer
	 * must not depend on it. */
	uint64_t excl_addr;	/* exclusive monitor: address, or ~0 when clear */
	uint64_t excl_val[2];	/* exclusive monitor: value(s) loaded */
	uint32_t excl_size;	/* exclusive monitor: access size in bytes */
	/* JIT: while jit_active, the guest's NZCV is jit_hfl (host flag image, see jit_a64.c), not nzcv */
	uint32_t jit_hfl;
	int jit_active;
	/* JIT: this thread's cache of indirect branch targets (guest pc -> host entry) */
	struct jit_ibtc_entry jit_ibtc[JIT_IBTC_SIZE];
};

/* HWCAP / HWCAP2 bits (arm64 Linux numbering) of what this CPU implements. */
uint64_t cpu_hwcap(void);
uint64_t cpu_hwcap2(void);

#endif /* XARCH_CPU_H */
