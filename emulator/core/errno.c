// SPDX-License-Identifier: GPL-2.0-only
/*
 * errno.c — the one place a host error becomes a guest error.
 *
 * x86_64 and arm64 both use the asm-generic errno numbering (errno-base.h + errno.h), so the
 * conversion is the identity today; every handler still returns through here so that a host
 * with a different numbering (or a value we must hide, like ERESTART*) is handled in one place.
 */
#include <errno.h>
#include "syscall.h"

#define H_ERESTARTSYS 512
#define H_ERESTARTNOINTR 513
#define H_ERESTARTNOHAND 514
#define H_ERESTART_RESTARTBLOCK 516

long errno_to_guest(long r)
{
	if (r >= 0 || r < -4095)
		return r;
	switch (-r) {
	case H_ERESTARTSYS:
	case H_ERESTARTNOINTR:
	case H_ERESTARTNOHAND:
	case H_ERESTART_RESTARTBLOCK:
		return -EINTR;	/* never visible to user space on a real kernel */
	default:
		return r;	/* asm-generic on both sides */
	}
}
