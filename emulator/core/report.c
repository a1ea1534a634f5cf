// SPDX-License-Identifier: GPL-2.0-only
/*
 * report.c — THE place that tells the user what the emulator does not implement (docs/diagnostics.md).
 *
 * One line on stderr per distinct item, once per process:
 *   xarch-aarch64: unimplemented syscall 293 (rseq) — returning ENOSYS
 *   xarch-aarch64: unimplemented instruction 0x02000000 at pc 0x400b2c — SIGILL
 *   xarch-aarch64: unsupported ioctl 0xae00 on fd 3 — ENOTTY
 * (the prefix is guest.emu_name)
 * On by default. Quiet unless -d (XARCH_DEBUG=1): syscalls whose table row is marked SC_PROBED
 * (C libraries probe them at start-up and cope with ENOSYS) and UDF #imm16, the encoding that is
 * undefined on purpose (the program asked for SIGILL). Callers only say what happened; whether
 * it is worth a line is decided here.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include "syscall.h"

enum item { I_SYSCALL = 1, I_INSN, I_IOCTL };

/* Items already reported: a lock-free set of (kind << 32 | value), inherited by forked children. */
#define SEEN_SLOTS 1024
static uint64_t seen[SEEN_SLOTS];
static int full_said;

/* 1 if (kind, value) is new (and now recorded), 0 if reported before or the set is full. */
static int first_time(enum item kind, uint32_t value)
{
	uint64_t key = (uint64_t)kind << 32 | value;
	uint64_t h = key * 0x9e3779b97f4a7c15ull;
	for (unsigned i = 0; i < SEEN_SLOTS; i++) {
		uint64_t *s = &seen[((h >> 54) + i) & (SEEN_SLOTS - 1)];
		uint64_t cur = __atomic_load_n(s, __ATOMIC_ACQUIRE);
		if (!cur && __atomic_compare_exchange_n(s, &cur, key, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			return 1;
		if (cur == key)
			return 0;
	}
	if (!__atomic_exchange_n(&full_said, 1, __ATOMIC_RELAXED)) {
		char b[128];
		int n = snprintf(b, sizeof(b), "%s: too many unimplemented items; no more reports\n", guest.emu_name);
		HS3(SYS_write, 2, b, n);
	}
	return 0;
}

/* One write, so that lines of threads and processes sharing stderr do not mix. */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char b[256];
	int n = snprintf(b, sizeof(b), "%s: ", guest.emu_name);
	va_list ap;
	va_start(ap, fmt);
	n += vsnprintf(b + n, sizeof(b) - (size_t)n, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(b) - 1)
		n = (int)sizeof(b) - 2;
	b[n++] = '\n';
	HS3(SYS_write, 2, b, n);
}

static const char *errname(long ret)
{
	const char *s = strerrorname_np((int)-ret);
	return s ? s : "an error";
}

void report_syscall(unsigned nr, const struct syscall_row *row, long ret)
{
	if (row && (row->flags & SC_PROBED) && !proc.debug)
		return;
	/* numbers in a private range (32-bit arm's 0x0f0000 + n) read better in hex */
	if (first_time(I_SYSCALL, nr))
		say(nr >= 0x10000 ? "unimplemented syscall 0x%x (%s) — returning %s"
				  : "unimplemented syscall %u (%s) — returning %s",
		    nr, row ? row->name : "unknown", errname(ret));
}

/* UDF #imm16: permanently undefined, what a program writes to get SIGILL. */
static int deliberately_undefined(uint32_t insn)
{
	return (insn & 0xffff0000u) == 0;
}

void report_insn(uint64_t pc)
{
	if (!mmap_is_guest(pc, 4))
		return;
	uint32_t insn = *(const uint32_t *)(uintptr_t)pc;
	if (deliberately_undefined(insn) && !proc.debug)
		return;
	if (!first_time(I_INSN, insn))
		return;
	if (proc.cpu_model)	/* an instruction the model lacks on purpose, as likely as a gap */
		say("instruction 0x%08x at pc 0x%llx: not one of this CPU's (-cpu %s) or unimplemented — SIGILL",
		    insn, (unsigned long long)pc, proc.cpu_model);
	else
		say("unimplemented instruction 0x%08x at pc 0x%llx — SIGILL", insn, (unsigned long long)pc);
}

void report_ioctl(uint32_t req, int fd, long ret)
{
	if (first_time(I_IOCTL, req))
		say("unsupported ioctl 0x%x on fd %d — %s", req, fd, errname(ret));
}
