// SPDX-License-Identifier: GPL-2.0-only
/*
 * kuser.c — the two pages Linux gives every 32-bit arm process, as real ARM code the guest CPU
 * runs (no trap, no special case in the CPU):
 *   [vectors] at 0xffff0000: the kuser helpers (Documentation/arch/arm/kernel_user_helpers.rst)
 *     0xffff0f60 __kuser_cmpxchg64, 0xffff0fa0 __kuser_memory_barrier, 0xffff0fc0
 *     __kuser_cmpxchg, 0xffff0fe0 __kuser_get_tls, 0xffff0ffc the number of helpers (5);
 *   [sigpage]: the sigreturn code a handler without SA_RESTORER returns through.
 * The instructions are data: each word is the A32 encoding named in the comment beside it
 * (ARMv7: LDREX/STREX loops, DMB ISH, MRC of TPIDRURO), each helper within its 32-byte slots.
 */
#include <string.h>
#include <sys/mman.h>
#include "abi.h"
#include "model.h"
#include "syscall.h"

#define KUSER(off) (((off) - 0xf60) / 4)

static const struct {
	uint32_t off;
	uint32_t words[14];
	unsigned n;
} helpers[] = {
	/* __kuser_cmpxchg64(const int64_t *old r0, const int64_t *new r1, int64_t *ptr r2):
	 * r0 = 0 and C set when *ptr was old and is now new; r0 != 0, C clear otherwise */
	{ 0xf60, {
		0xe92d00f0,	/* push {r4, r5, r6, r7} */
		0xe1c040d0,	/* ldrd r4, r5, [r0] */
		0xe1c160d0,	/* ldrd r6, r7, [r1] */
		0xf57ff05b,	/* dmb ish */
		0xe1b20f9f,	/* 1: ldrexd r0, r1, [r2] */
		0xe0303004,	/* eors r3, r0, r4 */
		0x00313005,	/* eorseq r3, r1, r5 */
		0x01a23f96,	/* strexdeq r3, r6, r7, [r2] */
		0x03330001,	/* teqeq r3, #1 (the store lost the monitor: again) */
		0x0afffff9,	/* beq 1b */
		0xf57ff05b,	/* dmb ish */
		0xe8bd00f0,	/* pop {r4, r5, r6, r7} */
		0xe2730000,	/* rsbs r0, r3, #0 (C = r3 == 0) */
		0xe12fff1e,	/* bx lr */
	}, 14 },
	/* __kuser_memory_barrier(void) */
	{ 0xfa0, {
		0xf57ff05b,	/* dmb ish */
		0xe12fff1e,	/* bx lr */
	}, 2 },
	/* __kuser_cmpxchg(int old r0, int new r1, int *ptr r2): r0 = 0 and C set on success */
	{ 0xfc0, {
		0xf57ff05b,	/* dmb ish */
		0xe1923f9f,	/* 1: ldrex r3, [r2] */
		0xe0533000,	/* subs r3, r3, r0 */
		0x01823f91,	/* strexeq r3, r1, [r2] */
		0x03330001,	/* teqeq r3, #1 */
		0x0afffffa,	/* beq 1b */
		0xe2730000,	/* rsbs r0, r3, #0 */
		0xeaffffef,	/* b __kuser_memory_barrier (dmb ish; bx lr: the flags survive) */
	}, 8 },
	/* __kuser_get_tls(void): r0 = TPIDRURO */
	{ 0xfe0, {
		0xee1d0f70,	/* mrc p15, 0, r0, c13, c0, 3 */
		0xe12fff1e,	/* bx lr */
	}, 2 },
};
_Static_assert(KUSER(0x1000) == 40, "the helpers end at the page's end");

/*
 * The sigreturn code, in Linux's order (arch/arm/kernel/sigreturn_codes.S), so that index
 * (thumb << 1) + (SA_SIGINFO ? 3 : 0) finds it: ARM sigreturn, Thumb sigreturn, ARM
 * rt_sigreturn, Thumb rt_sigreturn.
 */
const uint32_t arm_sigreturn_codes[6] = {
	0xe3a07077,	/* mov r7, #119 (sigreturn) */
	0xef000000,	/* svc #0 */
	0xdf002777,	/* Thumb: movs r7, #119; svc #0 */
	0xe3a070ad,	/* mov r7, #173 (rt_sigreturn) */
	0xef000000,	/* svc #0 */
	0xdf0027ad,	/* Thumb: movs r7, #173; svc #0 */
};

uint64_t arm_sigpage;

void arm_pages_init(void)
{
	static uint32_t page[1024];
	memset(page, 0, sizeof(page));
	for (size_t h = 0; h < sizeof(helpers) / sizeof(helpers[0]); h++)
		memcpy(&page[helpers[h].off / 4], helpers[h].words, helpers[h].n * 4);
	if (arm_v6)	/* an ARM1176 has no DMB: its barrier is CP15's, as an ARMv6 kernel's helpers */
		for (int k = 0; k < 1024; k++)
			if (page[k] == 0xf57ff05bu)	/* dmb ish */
				page[k] = 0xee070fbau;	/* mcr p15, 0, r0, c7, c10, 5 */
	page[0xffc / 4] = KUSER(0x1000) / 8;	/* __kuser_helper_version: 32-byte slots, 5 */
	if (!mmap_special(G_ARM_VECTORS, page, sizeof(page), PROT_READ | PROT_EXEC, "[vectors]"))
		die("cannot map the kuser helper page at 0x%llx", (unsigned long long)G_ARM_VECTORS);

	memset(page, 0, sizeof(page));
	memcpy(page, arm_sigreturn_codes, sizeof(arm_sigreturn_codes));
	arm_sigpage = mmap_special(0, page, sizeof(page), PROT_READ | PROT_EXEC, "[sigpage]");
	if (!arm_sigpage)
		die("cannot map the sigreturn page");
	proc.sigtramp = arm_sigpage;
}
