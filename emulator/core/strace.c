// SPDX-License-Identifier: GPL-2.0-only
/*
 * strace.c — --strace: one line per guest syscall on stderr, "[tid] name(args) = result",
 * arguments decoded from the table's format string. Syscalls that may not return (exit,
 * execve) are printed on entry. -e trace=NAME,NAME (as strace's) keeps the lines of those calls
 * only; the signal lines stay.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "syscall.h"

/* -e trace=: the calls to show (bit per guest syscall number), NULL for all */
static uint8_t *trace_set;
static char *trace_spec;

int strace_set_filter(const char *spec)
{
	const struct syscall_table *tab = guest.syscalls;
	if (strncmp(spec, "trace=", 6)) {
		fprintf(stderr, "%s: -e %s: only trace=NAME[,NAME...] is supported\n", guest.emu_name, spec);
		return -1;
	}
	/* bit k: row k of the table; bit len + i: private row i (32-bit arm's cacheflush, set_tls...) */
	unsigned bits = tab->len + tab->priv_len;
	uint8_t *set = calloc((bits + 7) / 8, 1);
	char *list = strdup(spec + 6);
	if (!set || !list)
		die("out of memory");
	for (char *save = NULL, *n = strtok_r(list, ",", &save); n; n = strtok_r(NULL, ",", &save)) {
		unsigned k;
		for (k = 0; k < bits; k++) {
			const struct syscall_row *r = k < tab->len ? &tab->rows[k] : &tab->priv_rows[k - tab->len];
			if (r->fn && !strcmp(r->name, n))
				break;
		}
		if (k == bits) {
			fprintf(stderr, "%s: -e %s: unknown system call %s\n", guest.emu_name, spec, n);
			free(set);
			free(list);
			return -1;
		}
		set[k / 8] |= (uint8_t)(1u << (k % 8));
	}
	free(list);
	trace_set = set;
	trace_spec = strdup(spec);
	return 0;
}

const char *strace_filter(void)
{
	return trace_spec;
}

static int traced(unsigned nr)
{
	const struct syscall_table *tab = guest.syscalls;
	if (!trace_set)
		return 1;
	if (nr >= tab->len) {
		if (nr - tab->priv_base >= tab->priv_len)
			return 0;
		nr = tab->len + (nr - tab->priv_base);
	}
	return trace_set[nr / 8] >> (nr % 8) & 1;
}

static int noreturn_call(const char *n)
{
	return !strcmp(n, "exit") || !strcmp(n, "exit_group") || !strcmp(n, "execve") || !strcmp(n, "execveat");
}

static size_t put_str(char *b, size_t cap, const char *s)
{
	size_t o = 0;
	if (!s)
		return (size_t)snprintf(b, cap, "NULL");
	o += (size_t)snprintf(b + o, cap - o, "\"");
	for (int i = 0; s[i] && o + 8 < cap; i++) {
		if (i == 96) {
			o += (size_t)snprintf(b + o, cap - o, "\"...");
			return o;
		}
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			o += (size_t)snprintf(b + o, cap - o, "\\%c", c);
		else if (c == '\n')
			o += (size_t)snprintf(b + o, cap - o, "\\n");
		else if (c < 32 || c >= 127)
			o += (size_t)snprintf(b + o, cap - o, "\\x%02x", c);
		else
			b[o++] = (char)c;
	}
	o += (size_t)snprintf(b + o, cap - o, "\"");
	return o;
}

static size_t put_open_flags(char *b, size_t cap, uint64_t f)
{
	const struct guest_open_flags *of = &guest.open_flags;
	const struct {
		uint64_t v;
		const char *n;
	} names[] = {
		{ 0100, "O_CREAT" }, { 0200, "O_EXCL" }, { 0400, "O_NOCTTY" }, { 01000, "O_TRUNC" },
		{ 02000, "O_APPEND" }, { 04000, "O_NONBLOCK" }, { of->directory, "O_DIRECTORY" },
		{ of->nofollow, "O_NOFOLLOW" }, { of->direct, "O_DIRECT" }, { of->largefile, "O_LARGEFILE" },
		{ 02000000, "O_CLOEXEC" }, { 010000000, "O_PATH" },
	};
	static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
	size_t o = (size_t)snprintf(b, cap, "%s", acc[f & 3]);
	f &= ~3ull;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (f & names[i].v) {
			o += (size_t)snprintf(b + o, cap - o, "|%s", names[i].n);
			f &= ~names[i].v;
		}
	if (f)
		o += (size_t)snprintf(b + o, cap - o, "|0x%llx", (unsigned long long)f);
	return o;
}

static size_t put_call(char *b, size_t cap, struct gthread *t, unsigned nr, const uint64_t *a)
{
	const struct syscall_row *row = syscall_row(nr);
	size_t o = (size_t)snprintf(b, cap, "[%d] ", t->tid);
	if (!row)
		return o + (size_t)snprintf(b + o, cap - o, "syscall_%u(0x%llx, 0x%llx, 0x%llx)", nr,
					    (unsigned long long)a[0], (unsigned long long)a[1], (unsigned long long)a[2]);
	o += (size_t)snprintf(b + o, cap - o, "%s(", row->name);
	for (int i = 0; row->fmt[i] && i < 6 && o + 128 < cap; i++) {
		if (i)
			o += (size_t)snprintf(b + o, cap - o, ", ");
		uint64_t v = a[i];
		switch (row->fmt[i]) {
		case 'd':
			if ((int)v == AT_FDCWD && i == 0)
				o += (size_t)snprintf(b + o, cap - o, "AT_FDCWD");
			else
				o += (size_t)snprintf(b + o, cap - o, "%d", (int)v);
			break;
		case 'u':
			o += (size_t)snprintf(b + o, cap - o, "%llu", (unsigned long long)v);
			break;
		case 's':
			o += put_str(b + o, cap - o, (const char *)(uintptr_t)v);
			break;
		case 'o':
			o += put_open_flags(b + o, cap - o, v);
			break;
		case 'm':
			o += (size_t)snprintf(b + o, cap - o, "0%llo", (unsigned long long)v);
			break;
		case 'p':
			o += v ? (size_t)snprintf(b + o, cap - o, "0x%llx", (unsigned long long)v)
			       : (size_t)snprintf(b + o, cap - o, "NULL");
			break;
		default:
			o += (size_t)snprintf(b + o, cap - o, "0x%llx", (unsigned long long)v);
			break;
		}
	}
	return o + (size_t)snprintf(b + o, cap - o, ")");
}

void strace_enter(struct gthread *t, unsigned nr, const uint64_t *a)
{
	const struct syscall_row *row = syscall_row(nr);
	if (!row || !noreturn_call(row->name) || !traced(nr))
		return;
	char b[1024];
	size_t o = put_call(b, sizeof(b) - 16, t, nr, a);
	o += (size_t)snprintf(b + o, sizeof(b) - o, " = ?\n");
	HS3(1 /* SYS_write */, 2, b, o);
}

void strace_exit(struct gthread *t, unsigned nr, const uint64_t *a, long r)
{
	const struct syscall_row *row = syscall_row(nr);
	if ((row && noreturn_call(row->name) && r >= 0) || !traced(nr))
		return;
	char b[1024];
	size_t o = put_call(b, sizeof(b) - 128, t, nr, a);
	if (r == -512)
		o += (size_t)snprintf(b + o, sizeof(b) - o, " = ? ERESTARTSYS (to be restarted)\n");
	else if (r == SC_RESTART)
		o += (size_t)snprintf(b + o, sizeof(b) - o, " = ? (signal before the call: restarted)\n");
	else if (r < 0 && r > -4096)
		o += (size_t)snprintf(b + o, sizeof(b) - o, " = -1 %s (%s)\n", strerrorname_np((int)-r) ?: "E?",
				      strerror((int)-r));
	else if (row && (!strcmp(row->name, "mmap") || !strcmp(row->name, "brk") || !strcmp(row->name, "mremap")))
		o += (size_t)snprintf(b + o, sizeof(b) - o, " = 0x%lx\n", r);
	else
		o += (size_t)snprintf(b + o, sizeof(b) - o, " = %ld\n", r);
	HS3(1 /* SYS_write */, 2, b, o);
}
