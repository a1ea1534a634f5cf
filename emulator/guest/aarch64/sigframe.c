// SPDX-License-Identifier: GPL-2.0-only
/*
 * sigframe.c — the arm64 rt_sigframe (arch/arm64/kernel/signal.c layout, abi.h): built on
 * delivery and read back by rt_sigreturn. Dispositions, masks, the alternate stack and when to
 * deliver are the core's (core/signal.c); this file knows only the frame.
 */
#include <stddef.h>
#include <string.h>
#include "a64guest.h"
#include "abi.h"
#include "syscall.h"

uint64_t a64_sigframe_setup(struct cpu *c, uint64_t sp, int sig, const siginfo_t *info,
			    const struct gabi_sigaction *act, uint64_t mask, const void *stack, uint64_t restorer)
{
	uint64_t rec = (sp - 16) & ~15ull;
	uint64_t fa = (rec - sizeof(struct gabi_rt_sigframe)) & ~15ull;
	if (!mmap_is_guest(fa, sp - fa))
		return 0;

	struct gabi_rt_sigframe *f = (void *)(uintptr_t)fa;
	memset(f, 0, offsetof(struct gabi_rt_sigframe, uc.uc_mcontext.__reserved) + sizeof(struct gabi_fpsimd_context) + 16);
	memcpy(f->info, info, sizeof(f->info));
	memcpy(&f->uc.uc_stack, stack, sizeof(f->uc.uc_stack));
	f->uc.uc_sigmask = mask;
	struct gabi_sigcontext *mc = &f->uc.uc_mcontext;
	if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP)
		mc->fault_address = (uint64_t)(uintptr_t)info->si_addr;
	memcpy(mc->regs, c->x, sizeof(mc->regs));
	mc->sp = c->sp;
	mc->pc = c->pc;
	mc->pstate = c->nzcv & 0xf0000000u;
	struct gabi_fpsimd_context *fp = (void *)mc->__reserved;
	fp->head.magic = G_FPSIMD_MAGIC;
	fp->head.size = sizeof(*fp);
	fp->fpsr = c->fpsr;
	fp->fpcr = c->fpcr;
	for (int i = 0; i < 32; i++)
		fp->vregs[i] = c->v[i].q;
	/* terminator record (magic 0, size 0) already zeroed */
	uint64_t *r = (uint64_t *)(uintptr_t)rec;
	r[0] = c->x[29];
	r[1] = c->x[30];

	c->x[0] = (uint64_t)sig;
	c->x[1] = fa + offsetof(struct gabi_rt_sigframe, info);
	c->x[2] = fa + offsetof(struct gabi_rt_sigframe, uc);
	c->x[29] = rec;
	c->x[30] = (act->flags & G_SA_RESTORER) ? act->restorer : restorer;
	c->sp = fa;
	c->pc = act->handler;
	return fa;
}

int a64_sigframe_restore(struct cpu *c, uint64_t *mask, void *stack)
{
	uint64_t fa = c->sp;
	if ((fa & 15) || !mmap_is_guest(fa, sizeof(struct gabi_rt_sigframe)))
		return -1;
	struct gabi_rt_sigframe *f = (void *)(uintptr_t)fa;
	struct gabi_sigcontext *mc = &f->uc.uc_mcontext;
	memcpy(c->x, mc->regs, sizeof(c->x));
	c->sp = mc->sp;
	c->pc = mc->pc;
	c->nzcv = (uint32_t)mc->pstate & 0xf0000000u;
	/* Walk the records for the FP/SIMD state. */
	size_t off = 0;
	while (off + sizeof(struct gabi_ctx_head) <= sizeof(mc->__reserved)) {
		struct gabi_ctx_head *h = (void *)(mc->__reserved + off);
		if (!h->magic || h->size < sizeof(*h) || off + h->size > sizeof(mc->__reserved))
			break;
		if (h->magic == G_FPSIMD_MAGIC && h->size >= sizeof(struct gabi_fpsimd_context)) {
			struct gabi_fpsimd_context *fp = (void *)h;
			c->fpsr = fp->fpsr;
			c->fpcr = fp->fpcr;
			for (int i = 0; i < 32; i++)
				c->v[i].q = fp->vregs[i];
		}
		off += h->size;
	}
	*mask = f->uc.uc_sigmask;
	memcpy(stack, &f->uc.uc_stack, sizeof(f->uc.uc_stack));
	return 0;
}
