/* SPDX-License-Identifier: GPL-2.0-only */
/* tests/arm: a check prints "name yes" or "name NO" (the runner counts them); values that
 * must equal qemu's are printed plainly. Lines starting with "self:" are checks where qemu-arm
 * 7.2 is known to differ from Linux: the runner leaves them out of the comparison. */
#ifndef T_COMMON_H
#define T_COMMON_H
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#define CHECK(name, cond) printf("%s %s\n", (name), (cond) ? "yes" : "NO")
#define SELF(name, cond) printf("self: %s %s\n", (name), (cond) ? "yes" : "NO")

/* a raw EABI system call: number in r7, arguments r0..r5 */
static inline long rawsc(long n, long a, long b, long c, long d, long e, long f)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r3 __asm__("r3") = d;
	register long r4 __asm__("r4") = e;
	register long r5 __asm__("r5") = f;
	register long r7 __asm__("r7") = n;
	__asm__ volatile("svc 0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7) : "memory");
	return r0;
}
#endif
