// SPDX-License-Identifier: GPL-2.0-only
/* xarchctl status */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arch.h"
#include "json.h"
#include "misc.h"
#include "sysfs.h"
#include "xarchctl.h"

static const char status_usage[] =
	"usage: xarchctl [--json] status\n"
	"Show whether binfmt_xarch is loaded and enabled; per arch: emulator, enabled, credentials,\n"
	"exec and failure counters; the default, per-arch and per-namespace sysroots; binfmt_misc entries that\n"
	"match the same programs, and which of the two runs them (tried with a minimal program).\n"
	"Exit status: 0 loaded, 3 not loaded.\n";

static const char load_hint[] = "modprobe binfmt_xarch (or insmod binfmt_xarch.ko)";

/* value as read, or NULL; unreadable files (root only) yield NULL and *denied */
static char *rd(enum xc_sysfs_key k, const char *arch, bool *denied)
{
	int err;
	char *v = xc_sysfs_read(k, arch, &err);

	if (!v && (err == EACCES || err == EPERM))
		*denied = true;
	return v;
}

static void json_boolstr(const char *key, const char *v)
{
	if (!v)
		json_null(key);
	else
		json_bool(key, !strcmp(v, "1") || !strcmp(v, "Y") || !strcmp(v, "y") || !strcmp(v, "on"));
}

static void json_num(const char *key, const char *v)
{
	char *end;
	long long n;

	if (!v || !*v) {
		json_null(key);
		return;
	}
	n = strtoll(v, &end, 10);
	if (*end)
		json_null(key);
	else
		json_int(key, n);
}

static const char *txt(const char *v)
{
	return v ? v : "?";
}

/*
 * The binfmt_misc entries that match programs of an arch binfmt_xarch knows, and for each such arch
 * with an enabled entry, which handler runs its programs (a probe: a minimal program is run).
 */
static void status_misc(bool loaded)
{
	struct xc_misc *m;
	size_t unreadable, n;
	bool mounted;

	n = xc_misc_list(&m, &mounted, &unreadable);
	if (xc_opts.json) {
		json_obj_begin("binfmt_misc");
		json_str("dir", xc_misc_dir());
		json_bool("mounted", mounted);
		json_int("unreadable", (long long)unreadable);
		json_arr_begin("competing");
	} else if (!mounted) {
		printf("binfmt_misc: not mounted at %s (no competing handler)\n", xc_misc_dir());
		return;
	} else {
		printf("binfmt_misc: %zu entr%s at %s\n", n, n == 1 ? "y" : "ies", xc_misc_dir());
	}
	for (unsigned int i = 0; i < xc_narches; i++) {
		const struct xc_arch *a = &xc_arches[i];
		const struct xc_misc *first = NULL;
		enum xc_runner r = XC_RUN_UNKNOWN;
		int err = 0;

		for (size_t j = 0; j < n; j++) {
			if (!xc_misc_matches(&m[j], a))
				continue;
			if (!xc_opts.json)
				printf("  %-20s %-8s matches %s programs; interpreter %s (flags %s)\n", m[j].name,
				       m[j].enabled ? "enabled" : "disabled", a->name, m[j].interpreter,
				       *m[j].flags ? m[j].flags : "none");
			if (m[j].enabled && !first)
				first = &m[j];
		}
		if (!first)
			continue;
		/* Without binfmt_xarch there is nothing to compare: binfmt_misc runs them. */
		r = loaded ? xc_misc_probe(a, &err) : XC_RUN_OTHER;
		if (xc_opts.json) {
			json_obj_begin(NULL);
			json_str("arch", a->name);
			json_str("entry", first->name);
			json_str("interpreter", first->interpreter);
			json_str("runs_it", r == XC_RUN_UNKNOWN ? NULL : xc_runner_name(r));
			json_obj_end();
			continue;
		}
		switch (r) {
		case XC_RUN_XARCH:
			printf("  %s programs run under binfmt_xarch; binfmt_misc's %s is not used for them.\n"
			       "    To hand them to it instead: xarchctl disable %s\n", a->name, first->name, a->name);
			break;
		case XC_RUN_OTHER:
			if (!loaded) {
				printf("  %s programs run under binfmt_misc's %s (binfmt_xarch is not loaded).\n", a->name,
				       first->name);
				break;
			}
			printf("  %s programs run under binfmt_misc's %s, not binfmt_xarch: either binfmt_xarch has\n"
			       "    no enabled emulator for %s (see above), or binfmt_misc was loaded after binfmt_xarch.\n"
			       "    To have binfmt_xarch run them: reload it (modprobe -r binfmt_xarch && modprobe binfmt_xarch),\n"
			       "    or disable the entry: echo 0 > %s/%s (update-binfmts --disable %s with binfmt-support)\n",
			       a->name, first->name, a->name, xc_misc_dir(), first->name, first->name);
			break;
		case XC_RUN_NONE:
			printf("  %s programs run under neither (a minimal one failed to start: %s)\n", a->name,
			       strerror(err));
			break;
		default:
			printf("  which handler runs %s programs is unknown (could not try one: %s)\n", a->name,
			       err == ENOSYS ? "no probe program for this arch" : strerror(err));
		}
	}
	if (xc_opts.json) {
		json_arr_end();
		json_obj_end();
	} else if (unreadable) {
		printf("  %zu entr%s could not be read\n", unreadable, unreadable == 1 ? "y" : "ies");
	}
	xc_misc_list_free(m, n);
}

int cmd_status(int argc, char **argv)
{
	unsigned long long self = xc_self_mntns_ino();
	bool denied = false;
	struct xc_ns_entry *ns = NULL;
	size_t nns;
	char *enabled, *sysroot;
	int err;

	if (xc_help_requested(argc, argv)) {
		fputs(status_usage, stdout);
		return XC_OK;
	}
	if (argc > 1) {
		xc_err("status: unexpected argument %s", argv[1]);
		return XC_USAGE;
	}
	if (!xc_module_loaded()) {
		if (xc_opts.json) {
			json_obj_begin(NULL);
			json_int("schema", 1);
			json_str("command", "status");
			json_obj_begin("module");
			json_bool("loaded", false);
			json_str("sysfs", xc_sysfs_base());
			json_null("enabled");
			json_str("load_hint", load_hint);
			json_obj_end();
			json_arr_begin("arches");
			json_arr_end();
			json_null("sysroot");
			status_misc(false);
			json_obj_end();
			json_done();
		} else {
			printf("binfmt_xarch is not loaded (%s does not exist).\n", xc_sysfs_base());
			printf("Load it with: %s\n", load_hint);
			printf("Foreign programs can still be run without it: xarchctl run FILE ARGS...\n");
			status_misc(false);
		}
		return XC_NOMODULE;
	}
	enabled = rd(SF_ENABLED, NULL, &denied);
	sysroot = rd(SF_SYSROOT, NULL, &denied);
	nns = xc_ns_list(&ns, &err);
	if (!ns && (err == EACCES || err == EPERM))
		denied = true;

	if (xc_opts.json) {
		json_obj_begin(NULL);
		json_int("schema", 1);
		json_str("command", "status");
		json_obj_begin("module");
		json_bool("loaded", true);
		json_str("sysfs", xc_sysfs_base());
		json_boolstr("enabled", enabled);
		json_null("load_hint");
		json_obj_end();
		json_arr_begin("arches");
	} else {
		printf("binfmt_xarch: loaded, %s (%s)\n",
		       !enabled ? "enabled state unknown" : (!strcmp(enabled, "0") || !strcmp(enabled, "N")) ? "disabled" : "enabled",
		       xc_sysfs_base());
		printf("%-12s %-8s %-12s %10s %9s  %s\n", "ARCH", "ENABLED", "CREDENTIALS", "EXECS", "FAILURES", "EMULATOR");
	}
	for (unsigned int i = 0; i < xc_narches; i++) {
		const char *a = xc_arches[i].name;
		char *dir = xc_sysfs_path(SF_ARCH_DIR, a);
		struct stat st;
		char *emu, *en, *cr, *ex, *fa, *sr;
		int srerr;

		if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
			free(dir);
			continue;
		}
		free(dir);
		emu = rd(SF_ARCH_EMULATOR, a, &denied);
		en = rd(SF_ARCH_ENABLED, a, &denied);
		cr = rd(SF_ARCH_CREDENTIALS, a, &denied);
		ex = rd(SF_ARCH_EXECS, a, &denied);
		fa = rd(SF_ARCH_FAILURES, a, &denied);
		/* missing in modules older than per-arch sysroots: not a denial */
		sr = xc_sysfs_read(SF_ARCH_SYSROOT, a, &srerr);
		if (!sr && (srerr == EACCES || srerr == EPERM))
			denied = true;
		if (xc_opts.json) {
			json_obj_begin(NULL);
			json_str("arch", a);
			json_str("emulator", (emu && !xc_sysfs_unset(emu)) ? emu : NULL);
			json_bool("emulator_readable", emu != NULL);
			json_boolstr("enabled", en);
			json_boolstr("credentials", cr);
			json_num("execs", ex);
			json_num("failures", fa);
			json_str("sysroot", (sr && !xc_sysfs_unset(sr)) ? sr : NULL);
			json_bool("sysroot_readable", sr != NULL);
			json_obj_end();
		} else {
			printf("%-12s %-8s %-12s %10s %9s  %s\n", a, txt(en), txt(cr), txt(ex), txt(fa),
			       !emu ? "? (unreadable)" : xc_sysfs_unset(emu) ? "(none)" : emu);
		}
		free(emu);
		free(en);
		free(cr);
		free(ex);
		free(fa);
		free(sr);
	}
	if (xc_opts.json) {
		json_arr_end();
		json_obj_begin("sysroot");
		xc_json_sysroots(sysroot, ns, nns, self);
		json_obj_end();
		status_misc(true);
		json_bool("permission_denied", denied);
		json_obj_end();
		json_done();
	} else {
		printf("default sysroot: %s\n", !sysroot ? "? (unreadable)" : xc_sysfs_unset(sysroot) ? "(none)" : sysroot);
		for (unsigned int i = 0; i < xc_narches; i++) {
			char *v = xc_sysfs_read(SF_ARCH_SYSROOT, xc_arches[i].name, &err);

			if (v && !xc_sysfs_unset(v))
				printf("%s sysroot: %s\n", xc_arches[i].name, v);
			free(v);
		}
		printf("namespace sysroots: %zu\n", nns);
		for (size_t i = 0; i < nns; i++)
			printf("  %s%s\n", ns[i].line, (self && ns[i].ino == self) ? "   <- this namespace" : "");
		status_misc(true);
		if (denied)
			printf("some settings are readable by root only; run as root to see them.\n");
	}
	xc_ns_list_free(ns, nns);
	free(enabled);
	free(sysroot);
	return XC_OK;
}
