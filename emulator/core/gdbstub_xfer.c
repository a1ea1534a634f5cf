// SPDX-License-Identifier: GPL-2.0-only
/*
 * gdbstub_xfer.c — the qXfer objects GDB reads: the target description (the guest's XML), the
 * auxv (GDB finds the program headers and the dynamic loader's r_debug through it), the thread
 * list with names, the executable's path.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "gdbstub_int.h"
#include "syscall.h"

/* qXfer: the slice [off, off+len) of an object: 'm' more follows, 'l' last */
static size_t xfer_slice(const char *obj, size_t size, const char *s, char *out, size_t cap)
{
	char *e;
	uint64_t off = strtoull(s, &e, 16);
	if (e == s || *e != ',')
		return (size_t)snprintf(out, cap, "E01");
	uint64_t len = strtoull(e + 1, NULL, 16);
	if (len > cap - 16)
		len = cap - 16;
	if (off >= size)
		return (size_t)snprintf(out, cap, "l");
	size_t n = size - off < len ? size - off : len;
	out[0] = off + n < size ? 'm' : 'l';
	memcpy(out + 1, obj + off, n);
	return n + 1;
}

static char *threads_xml(size_t *size)
{
	size_t cap = 256, n = 0;
	char *x = malloc(cap);
	if (!x)
		return NULL;
	n += (size_t)snprintf(x, cap, "<?xml version=\"1.0\"?>\n<threads>\n");
	for (struct gdb_thr *p = g.threads; p; p = p->next) {
		char name[64] = "", path[64];
		snprintf(path, sizeof(path), "/proc/self/task/%d/comm", p->tid);
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			ssize_t r = read(fd, name, sizeof(name) - 1);
			close(fd);
			name[r > 0 ? r : 0] = 0;
			for (char *c = name; *c; c++)
				if (*c == '\n')
					*c = 0;
				else if (*c == '<' || *c == '>' || *c == '&' || *c == '"')
					*c = '_';
		}
		while (n + 160 > cap) {
			char *nx = realloc(x, cap *= 2);
			if (!nx) {
				free(x);
				return NULL;
			}
			x = nx;
		}
		n += (size_t)snprintf(x + n, cap - n, "<thread id=\"p%x.%x\" core=\"0\" name=\"%s\"/>\n", g.pid,
				      p->tid, name);
	}
	while (n + 16 > cap) {
		char *nx = realloc(x, cap *= 2);
		if (!nx) {
			free(x);
			return NULL;
		}
		x = nx;
	}
	n += (size_t)snprintf(x + n, cap - n, "</threads>\n");
	*size = n;
	return x;
}

size_t gdb_xfer(const char *s, char *out, size_t cap)
{
	const char *obj = s;
	const char *colon = strchr(s, ':');
	if (!colon || strncmp(colon, ":read:", 6))
		return 0;
	size_t olen = (size_t)(colon - obj);
	const char *annex = colon + 6;
	const char *ac = strchr(annex, ':');
	if (!ac)
		return (size_t)snprintf(out, cap, "E01");
	size_t alen = (size_t)(ac - annex);
	const char *range = ac + 1;
	if (olen == 8 && !strncmp(obj, "features", 8)) {
		for (const struct guest_gdb_xml *x = guest.gdb->xml; x->name; x++)
			if (strlen(x->name) == alen && !strncmp(x->name, annex, alen))
				return xfer_slice(x->text, strlen(x->text), range, out, cap);
		return (size_t)snprintf(out, cap, "E00");
	} else if (olen == 4 && !strncmp(obj, "auxv", 4)) {
		static uint8_t auxv[4096];
		size_t n = proc.auxv_len < sizeof(auxv) ? proc.auxv_len : sizeof(auxv);
		memcpy(auxv, (void *)(uintptr_t)proc.auxv, n);
		return xfer_slice((const char *)auxv, n, range, out, cap);
	} else if (olen == 7 && !strncmp(obj, "threads", 7)) {
		size_t n;
		char *x = threads_xml(&n);
		if (!x)
			return (size_t)snprintf(out, cap, "E0c");
		size_t r = xfer_slice(x, n, range, out, cap);
		free(x);
		return r;
	} else if (olen == 9 && !strncmp(obj, "exec-file", 9)) {
		return xfer_slice(proc.exe, strlen(proc.exe), range, out, cap);
	}
	return 0;
}
