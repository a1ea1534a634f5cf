// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysreg.c — MRS/MSR, barriers and the SYS instructions EL0 may execute (DC ZVA, DC C*VA*,
 * IC IVAU). Identification registers read as Linux presents them to EL0 with HWCAP_CPUID on a
 * Cortex-A72 (other ID-space registers read as zero, as the kernel's emulation does).
 */
#include <time.h>
#include "cache.h"
#include "exec.h"

#define SR(op0, op1, crn, crm, op2) (((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))

#define FPCR_MASK 0x07f70000u	/* AHP, DN, FZ, RMode; Stride and Len (kept for AArch32 context, no effect) */
#define FPSR_MASK 0xf800009fu
#define CNT_FREQ 1000000000u

static uint64_t cntvct(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int exec_mrs(struct cpu *c, uint32_t insn)
{
	unsigned key = BITS(insn, 20, 5);
	uint64_t v;
	switch (key) {
	case SR(3, 3, 4, 2, 0): v = c->nzcv; break;
	case SR(3, 3, 4, 4, 0): v = c->fpcr; break;
	case SR(3, 3, 4, 4, 1): v = c->fpsr; break;
	case SR(3, 3, 13, 0, 2): v = c->tpidr_el0; break;
	case SR(3, 3, 13, 0, 3): v = 0; break;				/* TPIDRRO_EL0 */
	case SR(3, 3, 0, 0, 7): v = 4; break;				/* DCZID_EL0: 64 bytes */
	case SR(3, 3, 0, 0, 1): v = 0x8444c004u; break;			/* CTR_EL0, IDC=DIC=0 */
	case SR(3, 3, 14, 0, 0): v = CNT_FREQ; break;			/* CNTFRQ_EL0 */
	case SR(3, 3, 14, 0, 1):					/* CNTPCT_EL0 */
	case SR(3, 3, 14, 0, 2): v = cntvct(); break;			/* CNTVCT_EL0 */
	case SR(3, 0, 0, 0, 0): v = 0x410fd083u; break;			/* MIDR_EL1: Cortex-A72 r0p3 */
	case SR(3, 0, 0, 0, 5): v = 0x80000000u; break;			/* MPIDR_EL1 */
	case SR(3, 0, 0, 4, 0): v = 0x11; break;			/* ID_AA64PFR0_EL1: EL0/EL1 AArch64, FP, AdvSIMD */
	case SR(3, 0, 0, 6, 0):	/* ID_AA64ISAR0_EL1: atomics, CRC32, SHA2, SHA1, AES+PMULL */
		v = (2u << 20) | (1u << 16) | (1u << 12) | (1u << 8) | (2u << 4);
		break;
	default:
		/* The rest of the ID space (op0=3, op1=0, CRn=0, CRm=0..7) reads as zero. */
		if ((key & ~0x3fu) == SR(3, 0, 0, 0, 0) && BITS(insn, 11, 8) <= 7 &&
		    !(BITS(insn, 11, 8) == 0 && BITS(insn, 7, 5) < 5))
			v = 0;
		else
			return CPU_EXIT_UDF;
	}
	wx(c, RD(insn), v);
	return NEXT;
}

int exec_msr(struct cpu *c, uint32_t insn)
{
	uint64_t v = xr(c, RD(insn));
	switch (BITS(insn, 20, 5)) {
	case SR(3, 3, 4, 2, 0): c->nzcv = (uint32_t)v & 0xf0000000u; break;
	case SR(3, 3, 4, 4, 0): c->fpcr = (uint32_t)v & FPCR_MASK; break;
	case SR(3, 3, 4, 4, 1): c->fpsr = (uint32_t)v & FPSR_MASK; break;
	case SR(3, 3, 13, 0, 2): c->tpidr_el0 = v; break;
	default: return CPU_EXIT_UDF;
	}
	return NEXT;
}

int exec_sys(struct cpu *c, uint32_t insn)
{
	unsigned op = BITS(insn, 18, 5);
	uint64_t a = xr(c, RD(insn));
	if (BIT(insn, 19) == 0 || BITS(insn, 20, 19) != 1)
		return CPU_EXIT_UDF;
	switch (op) {
	case (3 << 11) | (7 << 7) | (4 << 3) | 1:	/* DC ZVA */
		memset(gptr(a & ~63ull), 0, 64);
		return NEXT;
	case (3 << 11) | (7 << 7) | (10 << 3) | 1:	/* DC CVAC */
	case (3 << 11) | (7 << 7) | (11 << 3) | 1:	/* DC CVAU */
	case (3 << 11) | (7 << 7) | (14 << 3) | 1:	/* DC CIVAC */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		return NEXT;
	case (3 << 11) | (7 << 7) | (5 << 3) | 1:	/* IC IVAU */
		cache_invalidate(a & ~63ull, 64);
		c->pc += 4;
		return JUMP;
	default:
		return CPU_EXIT_UDF;
	}
}

int exec_barrier(struct cpu *c, uint32_t insn)
{
	(void)c;
	(void)insn;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return NEXT;
}

int exec_isb(struct cpu *c, uint32_t insn)
{
	(void)insn;
	c->pc += 4;
	return JUMP;	/* revalidates the decoded-code cache generation */
}

int exec_clrex(struct cpu *c, uint32_t insn)
{
	(void)insn;
	c->excl_addr = ~0ull;
	return NEXT;
}
