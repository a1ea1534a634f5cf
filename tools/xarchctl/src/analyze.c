// SPDX-License-Identifier: GPL-2.0-only
/* xarchctl: gather everything inspect and doctor report about one file. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "analyze.h"
#include "sysfs.h"
#include "xarchctl.h"

char *xc_self_dir(void)
{
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = 0;
	slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = 0;
	return xc_strdup(buf[0] ? buf : "/");
}

char *xc_find_standalone_emulator(const char *arch, bool *exists)
{
	const char *envdir = getenv("XARCH_EMULATOR_DIR");
	char *name = xc_asprintf("xarch-%s", arch);
	char *dirs[3] = { NULL, NULL, NULL };
	char *found = NULL, *first = NULL;
	int nd = 0;
	struct stat st;

	if (envdir && *envdir)
		dirs[nd++] = xc_strdup(envdir);
	dirs[nd] = xc_self_dir();
	if (dirs[nd])
		nd++;
	dirs[nd++] = xc_strdup("/usr/lib/xarch");
	for (int i = 0; i < nd; i++) {
		char *p = xc_path_join(dirs[i], name);

		if (!first)
			first = xc_strdup(p);
		if (!found && stat(p, &st) == 0 && S_ISREG(st.st_mode))
			found = p;
		else
			free(p);
		free(dirs[i]);
	}
	free(name);
	*exists = found != NULL;
	if (found) {
		free(first);
		return found;
	}
	return first;
}

/*
 * The module's order: this namespace's entry for ARCH, its entry for every arch, ARCH's own sysroot, the
 * default. ARCH NULL: the arch is unknown, only entries and settings for every arch count.
 */
char *xc_current_sysroot(const char *arch, const char **source)
{
	unsigned long long self = xc_self_mntns_ino();
	struct xc_ns_entry *l;
	const char *found = NULL;
	char *def;
	size_t n;
	int err;

	if (!xc_module_loaded()) {
		*source = "module-not-loaded";
		return NULL;
	}
	n = xc_ns_list(&l, &err);
	if (!n && (err == EACCES || err == EPERM)) {
		*source = "unreadable";
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (!self || l[i].ino != self || !l[i].sysroot)
			continue;
		if (arch && l[i].arch && !strcmp(l[i].arch, arch)) {
			found = l[i].sysroot;
			break;
		}
		if (!l[i].arch)
			found = l[i].sysroot;
	}
	if (found) {
		char *s = xc_strdup(found);

		xc_ns_list_free(l, n);
		*source = "namespace";
		return s;
	}
	xc_ns_list_free(l, n);
	if (arch) {
		def = xc_sysfs_read(SF_ARCH_SYSROOT, arch, &err);
		if (def && !xc_sysfs_unset(def)) {
			*source = "arch";
			return def;
		}
		free(def);
		if (!def && (err == EACCES || err == EPERM)) {
			*source = "unreadable";
			return NULL;
		}
	}
	def = xc_sysfs_read(SF_SYSROOT, NULL, &err);
	if (def && !xc_sysfs_unset(def)) {
		*source = "default";
		return def;
	}
	free(def);
	*source = "none";
	return NULL;
}

static bool is_regular(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

char *xc_guest_lookup(const char *sysroot, const char *path, bool *in_sysroot)
{
	*in_sysroot = false;
	if (sysroot && strcmp(sysroot, "/") != 0) {
		char *p = xc_path_join(sysroot, path);

		if (is_regular(p)) {
			*in_sysroot = true;
			return p;
		}
		free(p);
	}
	if (is_regular(path))
		return xc_strdup(path);
	return NULL;
}

static char *find_library(const struct xc_report *r, const char *name)
{
	const struct xc_arch *a = r->e.arch;
	char *dirs[16];
	int nd = 0;
	char *found = NULL;
	bool insys;

	if (strchr(name, '/'))
		return xc_guest_lookup(r->sysroot, name, &insys);
	if (r->e.runpath) {
		char *copy = xc_strdup(r->e.runpath), *save = NULL;

		for (char *d = strtok_r(copy, ":", &save); d && nd < 8; d = strtok_r(NULL, ":", &save))
			if (d[0] == '/')
				dirs[nd++] = xc_strdup(d);
		free(copy);
	}
	if (a && a->triplet) {
		dirs[nd++] = xc_asprintf("/lib/%s", a->triplet);
		dirs[nd++] = xc_asprintf("/usr/lib/%s", a->triplet);
	}
	dirs[nd++] = xc_strdup("/lib");
	dirs[nd++] = xc_strdup("/usr/lib");
	if (r->e.elfclass == 64) {
		dirs[nd++] = xc_strdup("/lib64");
		dirs[nd++] = xc_strdup("/usr/lib64");
	}
	for (int i = 0; i < nd; i++) {
		if (!found) {
			char *p = xc_path_join(dirs[i], name);

			found = xc_guest_lookup(r->sysroot, p, &insys);
			free(p);
		}
		free(dirs[i]);
	}
	return found;
}

static enum xc_tri read_bool(enum xc_sysfs_key key, const char *arch)
{
	int err;
	char *v = xc_sysfs_read(key, arch, &err);
	enum xc_tri t;

	if (!v)
		return XC_UNKNOWN;
	if (!strcmp(v, "1") || !strcmp(v, "Y") || !strcmp(v, "y") || !strcmp(v, "on") || !strcmp(v, "enabled"))
		t = XC_YES;
	else if (!strcmp(v, "0") || !strcmp(v, "N") || !strcmp(v, "n") || !strcmp(v, "off") ||
		 !strcmp(v, "disabled"))
		t = XC_NO;
	else
		t = XC_UNKNOWN;
	free(v);
	return t;
}

static void module_side(struct xc_report *r)
{
	const char *arch = r->e.arch->name;
	int err;

	r->emu_set = r->emu_exists = r->emu_executable = r->arch_enabled = r->credentials = XC_UNKNOWN;
	if (!r->module_loaded) {
		r->emu_source = "module-not-loaded";
		return;
	}
	r->arch_enabled = read_bool(SF_ARCH_ENABLED, arch);
	r->credentials = read_bool(SF_ARCH_CREDENTIALS, arch);
	r->emulator = xc_sysfs_read(SF_ARCH_EMULATOR, arch, &err);
	if (!r->emulator) {
		r->emu_source = "unreadable";
		r->emu_set = xc_status_emulator_set(arch);
		return;
	}
	r->emu_set = xc_sysfs_unset(r->emulator) ? XC_NO : XC_YES;
	if (xc_sysfs_unset(r->emulator)) {
		free(r->emulator);
		r->emulator = NULL;
		r->emu_source = "unset";
		return;
	}
	r->emu_source = "module";
	{
		int e;
		struct stat st;

		r->emu_exists = stat(r->emulator, &st) == 0 ? XC_YES : XC_NO;
		r->emu_executable = xc_is_exec_file(r->emulator, &e) ? XC_YES : XC_NO;
	}
}

void xc_analyze(const char *file, struct xc_report *r)
{
	struct statvfs vfs;
	bool exists;

	memset(r, 0, sizeof(*r));
	r->file = file;
	r->global_enabled = XC_UNKNOWN;
	r->emu_set = r->emu_exists = r->emu_executable = r->arch_enabled = r->credentials = XC_UNKNOWN;
	r->module_loaded = xc_module_loaded();
	if (r->module_loaded)
		r->global_enabled = read_bool(SF_ENABLED, NULL);
	r->st = xc_elf_parse_file(file, &r->e, r->err, sizeof(r->err));
	if (r->st == XC_ELF_IOERR)
		return;
	r->file_executable = access(file, X_OK) == 0;
	{
		struct stat st;

		if (stat(file, &st) == 0 && !(st.st_mode & 0111))
			r->file_executable = false;
	}
	r->noexec_mount = statvfs(file, &vfs) == 0 && (vfs.f_flag & ST_NOEXEC);
	if (r->st != XC_ELF_OK || !r->e.arch)
		return;
	module_side(r);
	r->sysroot = xc_current_sysroot(r->e.arch->name, &r->sysroot_source);
	r->standalone_emu = xc_find_standalone_emulator(r->e.arch->name, &exists);
	if (!exists) {
		free(r->standalone_emu);
		r->standalone_emu = NULL;
	}
	if (r->e.interp)
		r->interp_resolved = xc_guest_lookup(r->sysroot, r->e.interp, &r->interp_in_sysroot);
	if (r->e.nneeded) {
		r->libs = xc_xmalloc(r->e.nneeded * sizeof(*r->libs));
		r->nlibs = r->e.nneeded;
		for (size_t i = 0; i < r->nlibs; i++) {
			r->libs[i].name = r->e.needed[i];
			r->libs[i].resolved = find_library(r, r->e.needed[i]);
		}
	}
}

void xc_report_free(struct xc_report *r)
{
	for (size_t i = 0; i < r->nlibs; i++)
		free(r->libs[i].resolved);
	free(r->libs);
	free(r->emulator);
	free(r->sysroot);
	free(r->interp_resolved);
	free(r->standalone_emu);
	xc_elf_free(&r->e);
}
