// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdso.c — the guest's signal return trampoline. Linux arm64 returns from a handler without
 * SA_RESTORER through the vDSO's __kernel_rt_sigreturn, which is exactly
 *	mov x8, #139 (__NR_rt_sigreturn); svc #0
 * libgcc's unwinder recognises a signal frame by these two instructions at the return address,
 * so unwinding through handlers works without unwind tables.
 * (No AT_SYSINFO_EHDR yet: glibc then uses plain syscalls for clock_gettime & co.)
 */
#include <string.h>
#include <sys/mman.h>
#include "syscall.h"


void vdso_init(void)
{
	void *p = mmap(NULL, PAGE_SIZE_G, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("cannot map the signal trampoline");
	static const uint32_t tramp[] = {
		0xd2801168,	/* mov x8, #139 */
		0xd4000001,	/* svc #0 */
	};
	memcpy(p, tramp, sizeof(tramp));
	mprotect(p, PAGE_SIZE_G, PROT_READ);
	proc.sigtramp = (uint64_t)(uintptr_t)p;
	mmap_note(proc.sigtramp, PAGE_SIZE_G, PROT_READ | PROT_EXEC, 0);
}
