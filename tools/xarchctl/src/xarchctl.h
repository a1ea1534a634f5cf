/* SPDX-License-Identifier: GPL-2.0-only */
/* xarchctl: shared declarations. */
#ifndef XARCHCTL_H
#define XARCHCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit codes (documented in xarchctl.1, EXIT STATUS). */
enum {
	XC_OK = 0,		/* success; doctor: FILE would run */
	XC_PROBLEM = 1,		/* doctor found a problem; inspect: a FILE could not be read or parsed */
	XC_USAGE = 2,		/* bad command line */
	XC_NOMODULE = 3,	/* the module is not loaded */
	XC_PERM = 4,		/* permission denied / not root */
	XC_INVALID = 5,		/* invalid argument: unknown arch, bad path, rejected by the module */
	XC_SYSERR = 6,		/* other system error */
	XC_NOEXEC = 126,	/* run: emulator found but not executable */
	XC_NOTFOUND = 127,	/* run: no emulator found */
};

struct xc_opts {
	bool json;
	bool verbose;
};
extern struct xc_opts xc_opts;
extern const char *xc_prog;

/* util.c */
void xc_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xc_read_small(const char *path, int *err);	/* whole file, trailing newline stripped; NULL + *err=errno */
char *xc_strdup(const char *s);
char *xc_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *xc_xmalloc(size_t n);
void *xc_xrealloc(void *p, size_t n);
char *xc_path_join(const char *a, const char *b);
bool xc_is_exec_file(const char *path, int *err);
int xc_help_requested(int argc, char **argv);

/* command entry points: argv[0] is the command name */
int cmd_inspect(int argc, char **argv);
int cmd_doctor(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_set_emulator(int argc, char **argv);
int cmd_enable(int argc, char **argv);
int cmd_disable(int argc, char **argv);
int cmd_credentials(int argc, char **argv);
int cmd_sysroot(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_save(int argc, char **argv);
int cmd_apply(int argc, char **argv);

#endif
