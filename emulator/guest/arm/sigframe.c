// SPDX-License-Identifier: GPL-2.0-only
/*
 * sigframe.c — the 32-bit arm signal frames (abi.h): struct rt_sigframe for SA_SIGINFO
 * handlers (left by rt_sigreturn), struct sigframe for the others (left by sigreturn, which
 * glibc's restorer uses for them on arm). Both hold a ucontext: sigcontext (r0-r15, cpsr,
 * fault address), the blocked set and, in uc_regspace, the VFP record (d0-d31, fpscr,
 * fpexc) ended by a zero word. Dispositions, masks and the alternate stack are the core's.
 */
#include <string.h>
#include "abi.h"
#include "abi32.h"
#include "syscall.h"

static int is_fault(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

uint64_t arm_sigframe_setup(struct cpu *c, uint64_t sp, int sig, const siginfo_t *info,
			    const struct gabi_sigaction *act, uint64_t mask, const void *stack, uint64_t restorer)
{
	int rt = !!(act->flags & G_SA_SIGINFO);
	size_t size = rt ? sizeof(struct g32_rt_sigframe) : sizeof(struct g32_sigframe);
	uint64_t fa = ((sp & 0xffffffffu) - size) & ~7ull;
	if (sp < size || !mmap_is_guest(fa, size))
		return 0;
	memset((void *)(uintptr_t)fa, 0, size);
	struct g32_sigframe *f = (void *)(uintptr_t)fa;
	if (rt) {
		struct g32_rt_sigframe *rf = (void *)(uintptr_t)fa;
		abi32_siginfo_out(rf->info, info);
		f = &rf->sig;
		abi32_stack_out(&f->uc.uc_stack, stack);
	} else {
		f->uc.uc_flags = 0x5ac3c35a;	/* as Linux: a value trap_no never has */
	}
	struct g32_sigcontext *sc = &f->uc.uc_mcontext;
	if (is_fault(sig)) {
		/* a data abort (14) for memory faults, an undefined instruction (6) otherwise */
		sc->trap_no = sig == SIGSEGV || sig == SIGBUS ? 14 : 6;
		sc->fault_address = (uint32_t)(uintptr_t)info->si_addr;
	}
	sc->oldmask = (uint32_t)mask;
	memcpy(sc->r, c->r, sizeof(sc->r));
	sc->fp = c->r[11];
	sc->ip = c->r[12];
	sc->sp = c->r[13];
	sc->lr = c->r[14];
	sc->pc = (uint32_t)c->pc;
	sc->cpsr = cpu_get_cpsr(c);
	f->uc.uc_sigmask = mask;
	struct g32_vfp_sigframe *vfp = (void *)f->uc.uc_regspace;
	vfp->magic = G_VFP_MAGIC;
	vfp->size = sizeof(*vfp);
	memcpy(vfp->fpregs, c->v.d, sizeof(vfp->fpregs));
	vfp->fpscr = c->fpscr;
	vfp->fpexc = G_FPEXC_EN;
	/* the record after it (its magic word) stays 0: the end */

	uint32_t handler = (uint32_t)act->handler;
	unsigned thumb = handler & 1, idx = (thumb << 1) + (rt ? 3 : 0);
	/* the return code on the stack too, as Linux writes it (some unwinders look for it) */
	f->retcode[0] = arm_sigreturn_codes[idx];
	if (idx + 1 < 6)
		f->retcode[1] = arm_sigreturn_codes[idx + 1];
	uint32_t ret = (act->flags & G_SA_RESTORER) ? (uint32_t)act->restorer
						  : (uint32_t)restorer + (idx << 2) + thumb;

	c->r[0] = (uint32_t)sig;
	if (rt) {
		c->r[1] = (uint32_t)fa + offsetof(struct g32_rt_sigframe, info);
		c->r[2] = (uint32_t)fa + offsetof(struct g32_rt_sigframe, sig.uc);
	}
	c->r[13] = (uint32_t)fa;
	c->r[14] = ret;
	c->pc = handler & ~1u;
	c->thumb = thumb;
	c->itstate = 0;		/* a handler starts outside any IT block */
	return fa;
}

int arm_sigframe_restore(struct cpu *c, uint64_t *mask, void *stack)
{
	uint32_t fa = c->r[13];
	/* which frame: the call that returns from it (r7 holds its number) */
	int rt = c->r[7] == G_ARM_NR_rt_sigreturn;
	size_t size = rt ? sizeof(struct g32_rt_sigframe) : sizeof(struct g32_sigframe);
	if ((fa & 7) || !mmap_is_guest(fa, size))
		return -1;
	struct g32_sigframe *f = rt ? &((struct g32_rt_sigframe *)(uintptr_t)fa)->sig : (void *)(uintptr_t)fa;
	const struct g32_sigcontext *sc = &f->uc.uc_mcontext;
	memcpy(c->r, sc->r, sizeof(sc->r));
	c->r[11] = sc->fp;
	c->r[12] = sc->ip;
	c->r[13] = sc->sp;
	c->r[14] = sc->lr;
	cpu_set_cpsr(c, sc->cpsr);
	c->pc = sc->pc & (c->thumb ? ~1u : ~3u);
	const struct g32_vfp_sigframe *vfp = (const void *)f->uc.uc_regspace;
	if (vfp->magic == G_VFP_MAGIC && vfp->size == sizeof(*vfp)) {
		memcpy(c->v.d, vfp->fpregs, sizeof(vfp->fpregs));
		c->fpscr = vfp->fpscr;
	}
	*mask = f->uc.uc_sigmask;
	if (rt) {
		abi32_stack_in(stack, &f->uc.uc_stack);
	} else {
		struct gabi_stack keep = { .ss_flags = G_SS_ONSTACK };	/* sigreturn leaves sigaltstack alone */
		memcpy(stack, &keep, sizeof(keep));
	}
	return 0;
}
