/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cpu.h — the guest 32-bit ARM CPU state (ARMv7-A user mode: A32, T32, VFPv3-D32, Advanced SIMD).
 * The contract with the Linux ABI layer (cpu_run() and friends, struct cpu_xinfo, the fault
 * rules) is guest-neutral: core/vcpu.h. The ABI layer reaches the registers below only through
 * this guest's hooks (guest.c, core/guest.h), the signal frame (sigframe.c) and the CPSR/FPSCR
 * accessors declared here. Guest memory is identity mapped: a guest address (always < 4 GiB)
 * is the host address.
 */
#ifndef XARCH_ARM_CPU_H
#define XARCH_ARM_CPU_H

#include <stdint.h>
#include <stdio.h>
#include "engine.h"
#include "vcpu.h"

/** One 128-bit Advanced SIMD register Qn = D(2n+1):D(2n); little-endian lanes as on the guest. */
typedef union {
	uint8_t b[16];
	uint16_t h[8];
	uint32_t s[4];
	uint64_t d[2];
	float f[4];
	double fd[2];
	unsigned __int128 q;
} vreg_t;

/* CPSR bits user mode can see (ARM ARM B1.3.3); the mode field always reads USR (0x10). */
#define CPSR_N (1u << 31)
#define CPSR_Z (1u << 30)
#define CPSR_C (1u << 29)
#define CPSR_V (1u << 28)
#define CPSR_Q (1u << 27)
#define CPSR_T (1u << 5)
#define CPSR_MODE_USR 0x10u

/**
 * struct cpu - architectural state of one guest thread, plus the exit information.
 *
 * Contract fields (the ABI layer reads and writes them through the hooks and accessors; the
 * CPU may keep more below).
 */
struct cpu {
	/*
	 * R0..R14 (R13 = SP, R14 = LR). r[15] is the interpreter's: it may hold what a read of
	 * PC gives while an instruction executes; the program counter of the contract is pc.
	 */
	uint32_t r[16];
	/* address of the next instruction to execute (bit 0 clear; the instruction set is thumb) */
	uint64_t pc;
	uint32_t thumb;		/* 1 while executing T32 (CPSR.T) */
	uint32_t itstate;	/* CPSR.IT[7:0] (ITSTATE): the IT block state, 0 outside one */
	uint32_t nzcv;		/* N,Z,C,V in bits 31..28, as in the CPSR */
	uint32_t q;		/* CPSR.Q, the sticky saturation flag: 0 or 1 */
	uint32_t ge;		/* CPSR.GE[3:0] in bits 3..0 (SIMD-within-a-register flags) */
	uint32_t fpscr;		/* FPSCR as VMRS reads it (its NZCV, cumulative flags, modes) */
	uint32_t tpidruro;	/* TPIDRURO (CP15 c13 c0 3): the thread pointer, set by set_tls */
	uint32_t tpidrurw;	/* TPIDRURW (CP15 c13 c0 2): user read/write */
	/* D0..D31 = q[n/2].d[n%2]; S0..S31 = the 32-bit halves of D0..D15 (S2n = low half of Dn) */
	union {
		vreg_t q[16];
		uint64_t d[32];
		uint32_t s[64];
	} v;

	/* Exit information and the interrupt flag (vcpu.h), shared with the ABI layer. */
	struct cpu_xinfo xi;

	/* Private CPU-side state (exclusive monitor, ...) follows; the ABI layer must not depend
	 * on it. */
	uint64_t excl_addr;	/* exclusive monitor: address, or ~0 when clear */
	uint64_t excl_val;	/* exclusive monitor: value loaded (LDREXD: both words) */
	uint32_t excl_size;	/* exclusive monitor: access size in bytes */
	uint32_t op;		/* opcode (decode.h) of the instruction executing, for shared handlers */
	int jit_active;		/* set while translated code runs (jit_arm.c) */
	/* this thread's cache of indirect branch targets (pc | thumb -> host entry; jit_arm.c) */
	struct jit_ibtc_entry jit_ibtc[JIT_IBTC_SIZE];
};

/* The CPSR as MRS reads it in user mode (N Z C V Q, GE, IT, T, E = 0, mode USR; A I F set). */
uint32_t cpu_get_cpsr(const struct cpu *c);
/* Write the user-writable CPSR state from a saved value (sigreturn): N Z C V Q GE IT T. */
void cpu_set_cpsr(struct cpu *c, uint32_t cpsr);

/* HWCAP / HWCAP2 bits (arm Linux numbering, arch/arm/include/uapi/asm/hwcap.h) of what this CPU
 * implements. Only what is emulated completely is advertised. */
uint64_t cpu_hwcap(void);
uint64_t cpu_hwcap2(void);

#endif /* XARCH_ARM_CPU_H */
