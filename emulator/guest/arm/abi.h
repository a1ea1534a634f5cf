/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi.h — what only the 32-bit arm Linux ABI has: the signal frames (arch/arm/kernel/signal.c
 * layouts: struct sigframe, struct rt_sigframe, the VFP record in uc_regspace), the kuser
 * helper page, the ELF identity, and this guest's hooks (guest.c, sigframe.c, kuser.c,
 * cpuinfo.c). Offsets checked against arm-linux-gnueabihf's <sys/ucontext.h> (asserts below).
 */
#ifndef XARCH_ARM_ABI_H
#define XARCH_ARM_ABI_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include "cpu.h"
#include "linux_abi.h"
#include "linux_abi32.h"

#define G_EM_ARM 40
/* e_flags: the EABI version in the top byte, the float ABI in bits 9 (soft) and 10 (hard) */
#define G_EF_ARM_EABIMASK 0xff000000u
#define G_EF_ARM_EABI_VER5 0x05000000u
#define G_EF_ARM_ABI_FLOAT_SOFT 0x200u

/* the guest's address space ends under the vectors page (COMPAT_STACK_TOP on a 64-bit Linux) */
#define G_ARM_TOP 0xffff0000ull
#define G_ARM_VECTORS 0xffff0000ull

/* open(2) flags whose values are arm's own (arch/arm/include/uapi/asm/fcntl.h) */
#define G_ARM_O_DIRECTORY 040000
#define G_ARM_O_NOFOLLOW 0100000
#define G_ARM_O_DIRECT 0200000
#define G_ARM_O_LARGEFILE 0400000

#define G_ARM_MINSIGSTKSZ 2048

struct g32_sigcontext {
	uint32_t trap_no, error_code, oldmask;
	uint32_t r[11];			/* r0..r10 */
	uint32_t fp, ip, sp, lr, pc, cpsr;
	uint32_t fault_address;
};

struct g32_ucontext {
	uint32_t uc_flags, uc_link;
	struct g32_stack uc_stack;
	struct g32_sigcontext uc_mcontext;
	uint64_t uc_sigmask;
	uint32_t __unused[30];		/* the C library's sigset_t is 128 bytes */
	uint32_t uc_regspace[128] __attribute__((aligned(8)));
};
_Static_assert(offsetof(struct g32_ucontext, uc_mcontext) == 20 &&
	       offsetof(struct g32_ucontext, uc_sigmask) == 104 &&
	       offsetof(struct g32_ucontext, uc_regspace) == 232 && sizeof(struct g32_ucontext) == 744,
	       "arm ucontext");

/* the VFP record at the start of uc_regspace, then a zero word ending the records */
#define G_VFP_MAGIC 0x56465001u
struct g32_vfp_sigframe {
	uint32_t magic, size;
	uint64_t fpregs[32];
	uint32_t fpscr, __pad;		/* struct user_vfp ends 8-aligned */
	uint32_t fpexc, fpinst, fpinst2;
} __attribute__((aligned(8)));
_Static_assert(sizeof(struct g32_vfp_sigframe) == 0x120, "arm VFP signal record");
#define G_FPEXC_EN 0x40000000u

struct g32_sigframe {			/* without SA_SIGINFO: returned from by sigreturn (119) */
	struct g32_ucontext uc;
	uint32_t retcode[4];
};

struct g32_rt_sigframe {		/* with SA_SIGINFO: returned from by rt_sigreturn (173) */
	uint8_t info[G32_SIGINFO_SIZE];
	struct g32_sigframe sig;
};

#define G_ARM_NR_sigreturn 119
#define G_ARM_NR_rt_sigreturn 173

/* guest.c */
extern uint64_t arm_sigpage;	/* the [sigpage]: sigreturn code for handlers without SA_RESTORER */
/* sigframe.c */
uint64_t arm_sigframe_setup(struct cpu *c, uint64_t sp, int sig, const siginfo_t *info,
			    const struct gabi_sigaction *act, uint64_t mask, const void *stack, uint64_t restorer);
int arm_sigframe_restore(struct cpu *c, uint64_t *mask, void *stack);
extern const uint32_t arm_sigreturn_codes[6];
/* kuser.c: the vectors page (kuser helpers) and the sigpage */
void arm_pages_init(void);
/* cpuinfo.c */
char *arm_cpuinfo(size_t *len);

#endif /* XARCH_ARM_ABI_H */
