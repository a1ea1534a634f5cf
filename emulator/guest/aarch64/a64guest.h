/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * a64guest.h — the AArch64 guest's pieces behind its struct guest (guest.c): signal frame,
 * /proc/cpuinfo, vDSO. Each is named in the guest description; core/ never calls them by name.
 */
#ifndef XARCH_A64GUEST_H
#define XARCH_A64GUEST_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include "cpu.h"

struct gabi_sigaction;

/* sigframe.c: the arm64 rt_sigframe (guest.h's sigframe_setup/sigframe_restore) */
uint64_t a64_sigframe_setup(struct cpu *c, uint64_t sp, int sig, const siginfo_t *info,
			    const struct gabi_sigaction *act, uint64_t mask, const void *stack, uint64_t restorer);
int a64_sigframe_restore(struct cpu *c, uint64_t *mask, void *stack);

/* cpuinfo.c */
char *a64_cpuinfo(size_t *len);

/* vdso.c */
void a64_vdso_init(void);

#endif /* XARCH_A64GUEST_H */
