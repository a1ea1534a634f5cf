// SPDX-License-Identifier: GPL-2.0-only
/*
 * guest.c — the AArch64 guest as the core sees it (core/guest.h): its name, ELF identity, where
 * the Linux arm64 syscall ABI keeps the number (x8), arguments (x0..x5) and result (x0), how a
 * syscall restarts, its signal frame, auxv, /proc/cpuinfo and vDSO.
 */
#include <elf.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include "a64guest.h"
#include "abi.h"
#include "syscall.h"

static struct cpu_xinfo *a64_xinfo(struct cpu *c) { return &c->xi; }
static uint64_t a64_get_pc(const struct cpu *c) { return c->pc; }
static void a64_set_pc(struct cpu *c, uint64_t pc) { c->pc = pc; }
static uint64_t a64_get_sp(const struct cpu *c) { return c->sp; }

static void a64_start(struct cpu *c, uint64_t entry, uint64_t sp)
{
	c->pc = entry;
	c->sp = sp;
}

static void a64_clone_regs(struct cpu *d, const struct cpu *s, uint64_t newsp, int set_tls, uint64_t tls)
{
	if (d != s) {
		memcpy(d->x, s->x, sizeof(d->x));
		d->sp = s->sp;
		d->pc = s->pc;
		d->nzcv = s->nzcv;
		d->fpcr = s->fpcr;
		d->fpsr = s->fpsr;
		d->tpidr_el0 = s->tpidr_el0;
		memcpy(d->v, s->v, sizeof(d->v));
	}
	d->x[0] = 0;
	if (newsp)
		d->sp = newsp;
	if (set_tls)
		d->tpidr_el0 = tls;
}

/* SVC is 4 bytes; its result register x0 is also the first argument. */
static void a64_syscall_restart(struct cpu *c, uint64_t a0)
{
	c->pc -= 4;
	c->x[0] = a0;
}

/* arm64's own prctl options: none of these features is emulated */
static int a64_prctl(const uint64_t *a, long *ret)
{
	switch (a[0]) {
	case G_PR_SVE_SET_VL:
	case G_PR_SVE_GET_VL:
	case G_PR_SME_SET_VL:
	case G_PR_SME_GET_VL:
	case G_PR_PAC_RESET_KEYS:
	case G_PR_PAC_SET_ENABLED_KEYS:
	case G_PR_PAC_GET_ENABLED_KEYS:
	case G_PR_SET_TAGGED_ADDR_CTRL:
	case G_PR_GET_TAGGED_ADDR_CTRL:
		*ret = -EINVAL;	/* what arm64 Linux says when the feature is absent */
		return 1;
	default:
		return 0;
	}
}

#define X(n) ((int32_t)(offsetof(struct cpu, x) + 8 * (n)))

extern const struct guest_gdb a64_gdb;	/* gdb.c: registers and target description for -g */

const struct guest guest = {
	.emu_name = "xarch-aarch64",
	.uname_machine = "aarch64",
	.platform = "aarch64",
	.arch_name = "AArch64",
	.debian_arch = "arm64",
	.elf_machine = G_EM_AARCH64,
	.elf_class = ELFCLASS64,
	.addr_top = 1ull << 47,
	.open_flags = { G_O_DIRECTORY, G_O_NOFOLLOW, G_O_DIRECT, G_O_LARGEFILE },
	.cpu_size = sizeof(struct cpu),
	.cpu_xinfo = a64_xinfo,
	.get_pc = a64_get_pc,
	.set_pc = a64_set_pc,
	.get_sp = a64_get_sp,
	.start = a64_start,
	.clone_regs = a64_clone_regs,
	.syscalls = &syscalls_generic,
	/* number in x8, arguments in x0..x5, result in x0 */
	.sysregs = { .nr = X(8), .arg0 = X(0), .ret = X(0) },
	.reg_bytes = 8,
	.syscall_restart = a64_syscall_restart,
	.sigframe_setup = a64_sigframe_setup,
	.sigframe_restore = a64_sigframe_restore,
	.minsigstksz = G_SIGFRAME_MIN,
	.sigaltstack_min = G_MINSIGSTKSZ,
	.prctl = a64_prctl,
	.hwcap = cpu_hwcap,
	.hwcap2 = cpu_hwcap2,
	.cpuinfo = a64_cpuinfo,
	.vdso_init = a64_vdso_init,
	.gdb = &a64_gdb,
};
