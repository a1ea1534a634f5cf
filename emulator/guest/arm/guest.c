// SPDX-License-Identifier: GPL-2.0-only
/*
 * guest.c — the 32-bit arm (armhf, EABI) guest as the core sees it (core/guest.h): its name,
 * ELF identity (ELFCLASS32, EM_ARM, EABI version 5, not soft-float), its 32-bit address space
 * under the vectors page, the EABI syscall convention (number in r7, arguments r0..r5, result
 * r0; restart = the pc back over the SVC: 4 bytes in ARM state, 2 in Thumb), the ARM-private
 * calls, its signal frames, auxv, /proc/cpuinfo and the kuser helper and sigreturn pages.
 */
#include <elf.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include "abi.h"
#include "abi32.h"
#include "model.h"
#include "syscall.h"

static struct cpu_xinfo *arm_xinfo(struct cpu *c) { return &c->xi; }
static uint64_t arm_get_pc(const struct cpu *c) { return c->pc; }
static void arm_set_pc(struct cpu *c, uint64_t pc) { c->pc = pc; }
static uint64_t arm_get_sp(const struct cpu *c) { return c->r[13]; }

/* As Linux's start_thread: an odd entry point starts in Thumb state; r0 = 0 (no rtld_fini). */
static void arm_start(struct cpu *c, uint64_t entry, uint64_t sp)
{
	c->thumb = entry & 1;
	c->pc = entry & ~1ull;
	c->r[13] = (uint32_t)sp;
	c->r[0] = 0;
}

static void arm_clone_regs(struct cpu *d, const struct cpu *s, uint64_t newsp, int set_tls, uint64_t tls)
{
	if (d != s) {
		memcpy(d->r, s->r, sizeof(d->r));
		d->pc = s->pc;
		d->thumb = s->thumb;
		d->itstate = s->itstate;
		d->nzcv = s->nzcv;
		d->q = s->q;
		d->ge = s->ge;
		d->fpscr = s->fpscr;
		d->tpidruro = s->tpidruro;
		d->tpidrurw = s->tpidrurw;
		memcpy(&d->v, &s->v, sizeof(d->v));
	}
	d->r[0] = 0;
	if (newsp)
		d->r[13] = (uint32_t)newsp;
	if (set_tls)
		d->tpidruro = (uint32_t)tls;
}

static void arm_syscall_restart(struct cpu *c, uint64_t a0)
{
	c->pc -= c->thumb ? 2 : 4;
	c->r[0] = (uint32_t)a0;
}

static const char *arm_elf_check(uint32_t f)
{
	if ((f & G_EF_ARM_EABIMASK) != G_EF_ARM_EABI_VER5)
		return "not an ARM EABI version 5 program (an old-ABI or non-Linux ARM binary)";
	if (f & G_EF_ARM_ABI_FLOAT_SOFT)
		return "a soft-float (armel) program: xarch-arm runs hard-float (armhf) programs";
	return NULL;
}

/* ---- the ARM-private system calls (0x0f0000 + n, arch/arm/kernel/traps.c) ---- */

/* breakpoint: SIGTRAP at the SVC itself */
static long arm_breakpoint(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)a;
	(void)hostnr;
	struct cpu *c = t->cpu;
	c->pc -= c->thumb ? 2 : 4;
	signal_force(t, SIGTRAP, TRAP_BRKPT, c->pc);
	return SC_NOREG;
}

/* cacheflush(start, end, flags): code was written: forget its translations */
static long arm_cacheflush(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	(void)hostnr;
	if (a[1] < a[0] || a[2])
		return -EINVAL;
	cpu_invalidate(a[0], a[1] - a[0]);
	return 0;
}

/* usr26, usr32: only for CPUs with 26-bit mode (HWCAP_26BIT): ENOSYS, as Linux answers */
static long arm_usr26(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	(void)a;
	(void)hostnr;
	return -ENOSYS;
}

static long arm_set_tls(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)hostnr;
	t->cpu->tpidruro = (uint32_t)a[0];
	return 0;
}

static long arm_get_tls(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)a;
	(void)hostnr;
	return t->cpu->tpidruro;
}

const struct syscall_row arm_private_rows[7] = {
	[1] = { "breakpoint", arm_breakpoint, -1, "", 0 },
	[2] = { "cacheflush", arm_cacheflush, -1, "xxx", 0 },
	[3] = { "usr26", arm_usr26, -1, "", 0 },
	[4] = { "usr32", arm_usr26, -1, "", 0 },
	[5] = { "set_tls", arm_set_tls, -1, "x", 0 },
	[6] = { "get_tls", arm_get_tls, -1, "", 0 },
};

#define R(n) ((int32_t)(offsetof(struct cpu, r) + 4 * (n)))

extern const struct guest_gdb arm_gdb;	/* gdb.c: registers and target description for -g */

const struct guest guest = {
	.emu_name = "xarch-arm",
	.uname_machine = "armv7l",
	.platform = "v7l",
	.arch_name = "ARM (32-bit)",
	.debian_arch = "armhf",
	.elf_machine = G_EM_ARM,
	.elf_class = ELFCLASS32,
	.elf_check_flags = arm_elf_check,
	.addr_top = G_ARM_TOP,
	.open_flags = { G_ARM_O_DIRECTORY, G_ARM_O_NOFOLLOW, G_ARM_O_DIRECT, G_ARM_O_LARGEFILE },
	.cpu_size = sizeof(struct cpu),
	.cpu_xinfo = arm_xinfo,
	.get_pc = arm_get_pc,
	.set_pc = arm_set_pc,
	.get_sp = arm_get_sp,
	.start = arm_start,
	.clone_regs = arm_clone_regs,
	.syscalls = &syscalls_arm,
	/* number in r7, arguments in r0..r5, result in r0 */
	.sysregs = { .nr = R(7), .arg0 = R(0), .ret = R(0) },
	.reg_bytes = 4,
	.syscall_restart = arm_syscall_restart,
	.sigframe_setup = arm_sigframe_setup,
	.sigframe_restore = arm_sigframe_restore,
	.minsigstksz = 0,	/* 32-bit arm has no AT_MINSIGSTKSZ */
	.sigaltstack_min = G_ARM_MINSIGSTKSZ,
	.prctl = NULL,
	.hwcap = cpu_hwcap,
	.hwcap2 = cpu_hwcap2,
	.cpu_model = arm_cpu_model,	/* model.c: -cpu arm1176 */
	.cpu_models = "cortex-a7 (ARMv7-A, VFPv4, NEON: the default), arm1176 (ARMv6, VFPv2: Raspberry Pi 1)",
	.cpuinfo = arm_cpuinfo,
	.vdso_init = arm_pages_init,
	.gdb = &arm_gdb,
};
