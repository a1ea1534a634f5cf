// SPDX-License-Identifier: GPL-2.0-only
/* xarchctl: small helpers. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xarchctl.h"

struct xc_opts xc_opts;
const char *xc_prog = "xarchctl";

void xc_err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", xc_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void *xc_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		xc_err("out of memory");
		exit(XC_SYSERR);
	}
	return p;
}

void *xc_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		xc_err("out of memory");
		exit(XC_SYSERR);
	}
	return p;
}

char *xc_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = xc_xmalloc(n);

	memcpy(d, s, n);
	return d;
}

char *xc_asprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		xc_err("formatting failed");
		exit(XC_SYSERR);
	}
	s = xc_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

char *xc_path_join(const char *a, const char *b)
{
	size_t la = strlen(a);

	while (la > 0 && a[la - 1] == '/')
		la--;
	while (*b == '/')
		b++;
	return xc_asprintf("%.*s/%s", (int)la, a, b);
}

/* Read a small (sysfs-like) file; at most 64 KiB. */
char *xc_read_small(const char *path, int *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t cap = 4096, len = 0;
	char *buf;

	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	buf = xc_xmalloc(cap + 1);
	for (;;) {
		ssize_t r = read(fd, buf + len, cap - len);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			*err = errno;
			close(fd);
			free(buf);
			return NULL;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (len == cap) {
			if (cap >= 65536)
				break;
			cap *= 2;
			buf = xc_xrealloc(buf, cap + 1);
		}
	}
	close(fd);
	buf[len] = 0;
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		buf[--len] = 0;
	*err = 0;
	return buf;
}

/* A regular file with at least one execute bit that the caller may execute. */
bool xc_is_exec_file(const char *path, int *err)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		*err = errno;
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		*err = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return false;
	}
	if (!(st.st_mode & 0111) || access(path, X_OK) < 0) {
		*err = EACCES;
		return false;
	}
	*err = 0;
	return true;
}

int xc_help_requested(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return 1;
	}
	return 0;
}
