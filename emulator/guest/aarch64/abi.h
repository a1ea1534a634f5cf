/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi.h — the parts of the Linux arm64 user ABI only AArch64 has: the rt_sigframe and its
 * records (arch/arm64/kernel/signal.c layout), the ELF machine. The asm-generic rest is
 * core/linux_abi.h.
 */
#ifndef XARCH_AARCH64_ABI_H
#define XARCH_AARCH64_ABI_H

#include <stdint.h>
#include "linux_abi.h"

/* ELF */
#define G_EM_AARCH64 183

/* open(2): arm64's own values of these four (asm-generic elsewhere) */
#define G_O_DIRECTORY 0040000
#define G_O_NOFOLLOW 0100000
#define G_O_DIRECT 0200000
#define G_O_LARGEFILE 0400000

/* sigaltstack: MINSIGSTKSZ */
#define G_MINSIGSTKSZ 5120

/* ---- prctl options that only exist on arm64 ---- */
#define G_PR_SVE_SET_VL 50
#define G_PR_SVE_GET_VL 51
#define G_PR_PAC_RESET_KEYS 54
#define G_PR_SET_TAGGED_ADDR_CTRL 55
#define G_PR_GET_TAGGED_ADDR_CTRL 56
#define G_PR_PAC_SET_ENABLED_KEYS 60
#define G_PR_PAC_GET_ENABLED_KEYS 61
#define G_PR_SME_SET_VL 63
#define G_PR_SME_GET_VL 64

/* ---- rt_sigframe (arch/arm64/kernel/signal.c layout) ---- */
struct gabi_sigcontext {
	uint64_t fault_address;
	uint64_t regs[31];
	uint64_t sp;
	uint64_t pc;
	uint64_t pstate;
	uint8_t __reserved[4096] __attribute__((aligned(16)));
};

struct gabi_ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct gabi_stack uc_stack;
	uint64_t uc_sigmask;
	uint8_t __unused[1024 / 8 - 8];
	struct gabi_sigcontext uc_mcontext __attribute__((aligned(16)));
};

struct gabi_rt_sigframe {
	uint8_t info[128];	/* siginfo_t: same layout as x86_64's */
	struct gabi_ucontext uc;
};
_Static_assert(__builtin_offsetof(struct gabi_ucontext, uc_mcontext) == 176, "ucontext layout");
_Static_assert(sizeof(struct gabi_rt_sigframe) == 4688, "rt_sigframe layout");

struct gabi_ctx_head {
	uint32_t magic;
	uint32_t size;
};
#define G_FPSIMD_MAGIC 0x46508001
#define G_ESR_MAGIC 0x45535201
struct gabi_fpsimd_context {
	struct gabi_ctx_head head;
	uint32_t fpsr;
	uint32_t fpcr;
	unsigned __int128 vregs[32];
};
_Static_assert(sizeof(struct gabi_fpsimd_context) == 528, "fpsimd_context");
struct gabi_esr_context {
	struct gabi_ctx_head head;
	uint64_t esr;
};

/* AT_MINSIGSTKSZ as Linux computes it for an FPSIMD-only CPU: frame + frame record + slack. */
#define G_SIGFRAME_MIN (sizeof(struct gabi_rt_sigframe) + 16 + 16)

#endif /* XARCH_AARCH64_ABI_H */
