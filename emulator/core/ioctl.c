// SPDX-License-Identifier: GPL-2.0-only
/*
 * ioctl.c — ioctl(2). arm64 and x86_64 share the generic request encoding (direction, argument
 * size, type, number) and LP64 layouts, so a request goes to the host unchanged; a structure that
 * differed in size would give a different request number, which the host driver refuses with
 * ENOTTY. The request's type byte (bits 15..8) puts it in one of three classes:
 *   known    the types below: the same on both architectures, and the host's answer is the
 *            answer (ENOTTY there is an ordinary "not that kind of file", e.g. isatty's TCGETS)
 *   refused  KVM (0xae): the host's KVM would build x86 machines for an arm64 VMM: ENOTTY
 *   other    passed through; if the host answers ENOTTY, neither we nor the host know the
 *            request, and report.c says so
 */
#include <errno.h>
#include "syscall.h"

enum ioc_class { IOC_OTHER, IOC_KNOWN, IOC_REFUSED };

static enum ioc_class classify(uint32_t req)
{
	switch ((req >> 8) & 0xff) {
	case 'T':	/* termios, pty, FIO* (FIONREAD, FIONBIO, FIOCLEX...), tun */
	case 0x89:	/* sockets: SIOC* */
	case 0x8b:	/* wireless extensions */
	case 'f':	/* FS_IOC_GETFLAGS, FS_IOC_FIEMAP... */
	case 'v':	/* FS_IOC_GETVERSION */
	case 'X':	/* FIFREEZE, FITRIM, FS_IOC_FSGETXATTR */
	case 0x94:	/* FICLONE, FIDEDUPERANGE, btrfs */
	case 0x12:	/* block devices: BLKGETSIZE64... */
	case 'L':	/* loop devices */
	case 'R':	/* /dev/random */
	case 'K':	/* console keyboard: KDGKBTYPE... */
	case 'V':	/* VT_*, V4L2 */
		return IOC_KNOWN;
	case 0xae:	/* KVM */
		return IOC_REFUSED;
	default:
		return IOC_OTHER;
	}
}

long sys_ioctl(struct gthread *t, const uint64_t *a, int hostnr)
{
	uint32_t req = (uint32_t)a[1];	/* the kernel's cmd is an unsigned int */
	enum ioc_class k = classify(req);
	if (k == IOC_REFUSED) {
		report_ioctl(req, (int)a[0], -ENOTTY);
		return -ENOTTY;
	}
	long r = sys_pass(t, a, hostnr);
	if (r == -ENOTTY && k == IOC_OTHER)
		report_ioctl(req, (int)a[0], r);
	return r;
}
