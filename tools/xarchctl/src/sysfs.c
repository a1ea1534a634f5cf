// SPDX-License-Identifier: GPL-2.0-only
/*
 * xarchctl: the module's sysfs interface. Every path and every command format the tool uses lives in the
 * table and the formatters/parser below, so following a change of the ABI (docs/ABI/sysfs-kernel-binfmt_xarch)
 * is a one-line change here.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arch.h"
#include "sysfs.h"
#include "xarchctl.h"

#define XC_SYSFS_DEFAULT "/sys/kernel/binfmt_xarch"

/* Relative to the base; "%s" is the arch name. */
static const char *const sysfs_files[SF_NKEYS] = {
	[SF_ENABLED] = "enabled",
	[SF_STATUS] = "status",
	[SF_SYSROOT] = "default_sysroot",
	[SF_NS_SYSROOTS] = "ns_sysroots",
	[SF_ARCH_DIR] = "%s",
	[SF_ARCH_EMULATOR] = "%s/emulator",
	[SF_ARCH_ENABLED] = "%s/enabled",
	[SF_ARCH_CREDENTIALS] = "%s/credentials",
	[SF_ARCH_EXECS] = "%s/execs",
	[SF_ARCH_FAILURES] = "%s/failures",
	[SF_ARCH_SYSROOT] = "%s/sysroot",
};

char *xc_ns_add_cmd(const char *nsfile, const char *arch, const char *dir)
{
	if (arch)
		return xc_asprintf("%s %s %s\n", nsfile, arch, dir);
	return xc_asprintf("%s %s\n", nsfile, dir);
}

char *xc_ns_del_cmd(const char *nsfile, const char *arch)
{
	if (arch)
		return xc_asprintf("-%s %s\n", nsfile, arch);
	return xc_asprintf("-%s\n", nsfile);
}

char *xc_ns_del_id_cmd(unsigned long long ino, const char *arch)
{
	if (arch)
		return xc_asprintf("-mnt:[%llu] %s\n", ino, arch);
	return xc_asprintf("-mnt:[%llu]\n", ino);
}

const char *xc_sysfs_base(void)
{
	const char *b = getenv("XARCH_SYSFS");

	return (b && *b) ? b : XC_SYSFS_DEFAULT;
}

char *xc_sysfs_path(enum xc_sysfs_key key, const char *arch)
{
	char *rel = xc_asprintf(sysfs_files[key], arch ? arch : "");
	char *p = xc_path_join(xc_sysfs_base(), rel);

	free(rel);
	return p;
}

bool xc_module_loaded(void)
{
	struct stat st;

	return stat(xc_sysfs_base(), &st) == 0 && S_ISDIR(st.st_mode);
}

char *xc_sysfs_read(enum xc_sysfs_key key, const char *arch, int *err)
{
	char *p = xc_sysfs_path(key, arch);
	char *v = xc_read_small(p, err);

	free(p);
	return v;
}

bool xc_sysfs_unset(const char *val)
{
	return !val || !*val || !strcmp(val, "(none)") || !strcmp(val, "none") || !strcmp(val, "-");
}

int xc_err_nomodule(void)
{
	xc_err("%s: module binfmt_xarch is not loaded (load it with: modprobe binfmt_xarch, or insmod binfmt_xarch.ko)",
	       xc_sysfs_base());
	return XC_NOMODULE;
}

int xc_check_arch(const char *arch)
{
	struct stat st;
	char *dir;

	if (!xc_arch_by_name(arch)) {
		xc_err("%s: invalid arch (known: %s)", arch, xc_arch_list());
		return XC_INVALID;
	}
	if (!xc_module_loaded())
		return xc_err_nomodule();
	dir = xc_sysfs_path(SF_ARCH_DIR, arch);
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		xc_err("%s: the loaded module does not provide arch %s", dir, arch);
		free(dir);
		return XC_INVALID;
	}
	free(dir);
	return XC_OK;
}

unsigned long long xc_self_mntns_ino(void)
{
	struct stat st;

	if (stat("/proc/self/ns/mnt", &st) < 0)
		return 0;
	return (unsigned long long)st.st_ino;
}

/*
 * Parse one listing line: "mnt:[<inode>] <sysroot>" (every arch) or "mnt:[<inode>] <arch> <sysroot>" (one
 * arch). A sysroot is absolute, an arch name never begins with '/'; the sysroot is the rest of the line.
 */
static void parse_ns_line(const char *line, struct xc_ns_entry *e)
{
	const char *sp = strchr(line, ' ');
	const char *d = line;

	e->ino = 0;
	e->arch = NULL;
	e->sysroot = NULL;
	e->line = xc_strdup(line);
	while (*d && d != sp && !isdigit((unsigned char)*d))
		d++;
	if (*d && d != sp)
		e->ino = strtoull(d, NULL, 10);
	if (sp) {
		while (*sp == ' ')
			sp++;
		if (*sp && *sp != '/') {
			const char *end = strchr(sp, ' ');

			if (end) {
				e->arch = xc_asprintf("%.*s", (int)(end - sp), sp);
				sp = end + 1;
			}
		}
		if (*sp)
			e->sysroot = xc_strdup(sp);
	}
}

size_t xc_ns_list(struct xc_ns_entry **out, int *err)
{
	char *txt = xc_sysfs_read(SF_NS_SYSROOTS, NULL, err), *save = NULL;
	size_t n = 0;

	*out = NULL;
	if (!txt)
		return 0;
	for (char *l = strtok_r(txt, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (!*l || *l == '#')
			continue;
		*out = xc_xrealloc(*out, (n + 1) * sizeof(**out));
		parse_ns_line(l, &(*out)[n]);
		n++;
	}
	free(txt);
	return n;
}

void xc_ns_list_free(struct xc_ns_entry *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(l[i].arch);
		free(l[i].sysroot);
		free(l[i].line);
	}
	free(l);
}

/* errno from open() (opening) or write() of a sysfs file -> one error line and an exit code. */
static int report_write_error(const char *path, int e, bool opening)
{
	if (e == ENOENT && opening && !xc_module_loaded())
		return xc_err_nomodule();
	if (e == EPERM || (opening && e == EACCES)) {
		if (geteuid() != 0)
			xc_err("%s: permission denied (not root: configuring binfmt_xarch needs CAP_SYS_ADMIN)", path);
		else
			xc_err("%s: permission denied (needs CAP_SYS_ADMIN in the initial user namespace)", path);
		return XC_PERM;
	}
	if (e == EROFS) {
		xc_err("%s: read-only file system (is /sys mounted read-only, e.g. inside a container?)", path);
		return XC_PERM;
	}
	if (opening && e == ENOENT) {
		xc_err("%s: no such file (this module version does not have it)", path);
		return XC_INVALID;
	}
	if (!opening) {
		const char *why = "";

		switch (e) {
		case EACCES: why = " (not a regular executable file, or on a noexec mount)"; break;
		case ETXTBSY: why = " (the file is open for writing)"; break;
		case ENOEXEC: why = " (not an ELF executable for this machine: a script, a foreign or malformed binary; the kernel log says which)"; break;
		case ENAMETOOLONG: why = " (path too long for the module)"; break;
		case ENOSPC: why = " (the table of namespace sysroots is full: unset one first)"; break;
		case ENOENT: why = " (missing file, or no such entry)"; break;
		case EINVAL: why = " (invalid value)"; break;
		default: break;
		}
		xc_err("%s: rejected by the module: %s%s", path, strerror(e), why);
		return XC_INVALID;
	}
	xc_err("%s: %s", path, strerror(e));
	return XC_SYSERR;
}

static int write_str(const char *path, const char *val, int *err_opening)
{
	size_t len = strlen(val);
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	ssize_t w;

	if (fd < 0) {
		*err_opening = 1;
		return errno;
	}
	*err_opening = 0;
	w = write(fd, val, len);
	if (w < 0) {
		int e = errno;

		close(fd);
		return e;
	}
	if ((size_t)w != len) {
		close(fd);
		return EIO;
	}
	if (close(fd) < 0)
		return errno;
	return 0;
}

int xc_txn_write(struct xc_txn *t, enum xc_sysfs_key key, const char *arch, const char *val, bool save_old)
{
	char *path = xc_sysfs_path(key, arch);
	char *old = NULL, *line;
	int e, opening, rc;

	if (t->n >= sizeof(t->w) / sizeof(t->w[0])) {
		free(path);
		xc_err("internal error: transaction too long");
		return XC_SYSERR;
	}
	if (save_old) {
		old = xc_read_small(path, &e);
		if (!old && e == ENOENT) {
			rc = report_write_error(path, e, true);
			free(path);
			xc_txn_rollback(t);
			return rc;
		}
	}
	line = xc_asprintf("%s%s", val, (*val && val[strlen(val) - 1] == '\n') ? "" : "\n");
	e = write_str(path, line, &opening);
	free(line);
	if (e) {
		rc = report_write_error(path, e, opening);
		free(path);
		free(old);
		xc_txn_rollback(t);
		return rc;
	}
	t->w[t->n].path = path;
	t->w[t->n].old = old;
	t->n++;
	return XC_OK;
}

void xc_txn_rollback(struct xc_txn *t)
{
	while (t->n > 0) {
		int opening;

		t->n--;
		if (t->w[t->n].old) {
			char *line = xc_asprintf("%s\n", t->w[t->n].old);

			if (write_str(t->w[t->n].path, line, &opening) != 0)
				xc_err("%s: could not restore the old value '%s'", t->w[t->n].path, t->w[t->n].old);
			free(line);
		}
		free(t->w[t->n].path);
		free(t->w[t->n].old);
	}
}

void xc_txn_free(struct xc_txn *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->w[i].path);
		free(t->w[i].old);
	}
	t->n = 0;
}

enum xc_tri xc_status_emulator_set(const char *arch)
{
	int err;
	char *st = xc_sysfs_read(SF_STATUS, NULL, &err), *save = NULL;
	size_t al = strlen(arch);
	enum xc_tri t = XC_UNKNOWN;

	if (!st)
		return t;
	for (char *l = strtok_r(st, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *em;

		if (strncmp(l, arch, al) != 0 || l[al] != ' ')
			continue;
		em = strstr(l, " emulator=");
		if (em)
			t = em[10] == '1' ? XC_YES : em[10] == '0' ? XC_NO : XC_UNKNOWN;
	}
	free(st);
	return t;
}
