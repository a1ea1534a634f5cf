// SPDX-License-Identifier: GPL-2.0-only
/* xarchctl sysroot set|unset|list: default, per-arch and per-mount-namespace (per-arch) sysroots. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arch.h"
#include "json.h"
#include "sysfs.h"
#include "xarchctl.h"

/**
 * xc_json_sysroots() - the "default", "arches" and "namespaces" members shared by status and sysroot list
 * @def:  the default_sysroot file's content (NULL or unset: null)
 * @ns:   the namespace entries
 * @n:    how many
 * @self: the caller's mount namespace inode, marks the "current" entry
 *
 * "arches" maps each arch with a sysroot of its own to it (the module's <arch>/sysroot files; arches whose
 * file is missing or unreadable are left out); a namespace entry's "arch" is null for every arch.
 */
void xc_json_sysroots(const char *def, const struct xc_ns_entry *ns, size_t n, unsigned long long self)
{
	json_str("default", (def && !xc_sysfs_unset(def)) ? def : NULL);
	json_obj_begin("arches");
	for (unsigned int i = 0; i < xc_narches; i++) {
		int err;
		char *v = xc_sysfs_read(SF_ARCH_SYSROOT, xc_arches[i].name, &err);

		if (v && !xc_sysfs_unset(v))
			json_str(xc_arches[i].name, v);
		free(v);
	}
	json_obj_end();
	json_arr_begin("namespaces");
	for (size_t i = 0; i < n; i++) {
		json_obj_begin(NULL);
		if (ns[i].ino)
			json_int("mntns", (long long)ns[i].ino);
		else
			json_null("mntns");
		json_str("sysroot", ns[i].sysroot);
		json_bool("current", self && ns[i].ino == self);
		json_str("arch", ns[i].arch);
		json_str("raw", ns[i].line);
		json_obj_end();
	}
	json_arr_end();
}

static const char sysroot_usage[] =
	"usage: xarchctl sysroot set [--pid PID | --ns NSFILE | --default] [--arch ARCH] DIR\n"
	"       xarchctl sysroot unset [--pid PID | --ns NSFILE | --id mnt:[N] | --default] [--arch ARCH]\n"
	"       xarchctl [--json] sysroot list\n"
	"The sysroot is where the emulator finds the guest's dynamic loader and libraries (-L DIR).\n"
	"--default sets the global default (also the default when no option is given); --pid PID or\n"
	"--ns /proc/PID/ns/mnt set it for one mount namespace, e.g. a container, from the host: DIR is\n"
	"then a path as seen inside that namespace (not checked, except through /proc/PID/root with --pid).\n"
	"--id removes an entry by the namespace id shown by list (when no process of it remains).\n"
	"--arch ARCH makes it ARCH's sysroot only (e.g. an armhf root for arm, an arm64 one for aarch64):\n"
	"alone, instead of the default; with --pid/--ns/--id, that namespace's entry for ARCH. Without\n"
	"--arch, unset of a namespace removes all of its entries; --arch all names its entry for every arch.\n"
	"What applies: the namespace's entry for the arch, its entry for every arch, the arch's sysroot,\n"
	"the default. Needs root (CAP_SYS_ADMIN).\n";

struct target {
	const char *pid;
	const char *ns;
	const char *id;
	const char *arch;	/* --arch as given; NULL: none */
	bool dflt;		/* --default */
	unsigned long long ino;
	char *nsfile;	/* resolved namespace file, NULL for the default */
};

static int parse_target(int argc, char **argv, struct target *t, const char **dir, bool want_dir)
{
	int nsel = 0;

	*dir = NULL;
	memset(t, 0, sizeof(*t));
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--arch")) {
			if (i + 1 >= argc) {
				xc_err("sysroot: --arch needs a value");
				return XC_USAGE;
			}
			t->arch = argv[++i];
		} else if (!strncmp(argv[i], "--arch=", 7)) {
			t->arch = argv[i] + 7;
		} else if (!strcmp(argv[i], "--pid") || !strcmp(argv[i], "--ns")) {
			if (i + 1 >= argc) {
				xc_err("sysroot: %s needs a value", argv[i]);
				return XC_USAGE;
			}
			if (argv[i][2] == 'p')
				t->pid = argv[++i];
			else
				t->ns = argv[++i];
			nsel++;
		} else if (!strcmp(argv[i], "--id") && !want_dir) {
			if (i + 1 >= argc) {
				xc_err("sysroot: --id needs a value");
				return XC_USAGE;
			}
			t->id = argv[++i];
			nsel++;
		} else if (!strncmp(argv[i], "--pid=", 6)) {
			t->pid = argv[i] + 6;
			nsel++;
		} else if (!strncmp(argv[i], "--ns=", 5)) {
			t->ns = argv[i] + 5;
			nsel++;
		} else if (!strcmp(argv[i], "--default")) {
			t->dflt = true;
			nsel++;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			xc_err("sysroot: unknown option %s", argv[i]);
			return XC_USAGE;
		} else if (want_dir && !*dir) {
			*dir = argv[i];
		} else {
			xc_err("sysroot %s: unexpected argument %s", argv[1], argv[i]);
			return XC_USAGE;
		}
	}
	if (nsel > 1) {
		xc_err("sysroot: give only one of --pid, --ns, --default");
		return XC_USAGE;
	}
	if (t->arch) {
		bool all = !strcmp(t->arch, "all") || !strcmp(t->arch, "*");

		if (t->dflt) {
			xc_err("sysroot: --arch and --default exclude each other (--arch ARCH alone sets ARCH's sysroot)");
			return XC_USAGE;
		}
		if (all && !t->pid && !t->ns && !t->id) {
			xc_err("sysroot: --arch all is for a namespace entry (with --pid, --ns or --id)");
			return XC_USAGE;
		}
		if (!all && !xc_arch_by_name(t->arch)) {
			xc_err("--arch %s: invalid arch (known: %s)", t->arch, xc_arch_list());
			return XC_USAGE;
		}
	}
	if (want_dir && !*dir) {
		xc_err("sysroot set: needs DIR (see xarchctl sysroot --help)");
		return XC_USAGE;
	}
	if (t->id) {
		const char *d = t->id;
		char *end;

		if (!strncmp(d, "mnt:[", 5))
			d += 5;
		t->ino = strtoull(d, &end, 10);
		if (end == d || (*end && strcmp(end, "]") != 0) || !t->ino) {
			xc_err("--id %s: not a namespace id (mnt:[N] or N, as shown by xarchctl sysroot list)", t->id);
			return XC_USAGE;
		}
	}
	if (t->pid) {
		char *end;
		long pid = strtol(t->pid, &end, 10);
		struct stat st;

		if (!*t->pid || *end || pid <= 0) {
			xc_err("--pid %s: not a process id", t->pid);
			return XC_USAGE;
		}
		t->nsfile = xc_asprintf("/proc/%ld/ns/mnt", pid);
		if (stat(t->nsfile, &st) < 0) {
			int e = errno;

			xc_err("%s: %s", t->nsfile, e == ENOENT ? "no such process" : strerror(e));
			free(t->nsfile);
			t->nsfile = NULL;
			return e == EACCES || e == EPERM ? XC_PERM : XC_INVALID;
		}
	} else if (t->ns) {
		struct stat st;

		if (stat(t->ns, &st) < 0) {
			int e = errno;

			xc_err("%s: %s", t->ns, strerror(e));
			return e == EACCES || e == EPERM ? XC_PERM : XC_INVALID;
		}
		if (S_ISDIR(st.st_mode)) {
			xc_err("%s: is a directory, not a mount namespace file (/proc/PID/ns/mnt)", t->ns);
			return XC_INVALID;
		}
		t->nsfile = xc_strdup(t->ns);
	}
	return XC_OK;
}

/* The arch field of a namespace command: NULL for every arch (set) or every entry (unset), else the arch. */
static const char *ns_arch(const struct target *t, bool unset)
{
	if (!t->arch)
		return NULL;
	if (!strcmp(t->arch, "all") || !strcmp(t->arch, "*"))
		return unset ? "*" : NULL;
	return t->arch;
}

static int sysroot_set(int argc, char **argv)
{
	struct xc_txn tx = { 0 };
	struct target t;
	const char *dir;
	char *val = NULL, *cmd;
	int rc = parse_target(argc, argv, &t, &dir, true);

	if (rc)
		return rc;
	if (!xc_module_loaded()) {
		free(t.nsfile);
		return xc_err_nomodule();
	}
	if (!t.nsfile && t.arch) {
		rc = xc_check_arch(t.arch);
		if (rc)
			return rc;
	}
	if (!t.nsfile) {
		char resolved[PATH_MAX];
		struct stat st;

		if (!realpath(dir, resolved)) {
			xc_err("%s: %s", dir, strerror(errno));
			return XC_INVALID;
		}
		if (stat(resolved, &st) < 0 || !S_ISDIR(st.st_mode)) {
			xc_err("%s: not a directory", dir);
			return XC_INVALID;
		}
		val = xc_strdup(resolved);
		if (t.arch) {
			rc = xc_txn_write(&tx, SF_ARCH_SYSROOT, t.arch, val, false);
			if (!rc)
				printf("%s sysroot: %s\n", t.arch, val);
		} else {
			rc = xc_txn_write(&tx, SF_SYSROOT, NULL, val, false);
			if (!rc)
				printf("default sysroot: %s\n", val);
		}
	} else {
		if (dir[0] != '/') {
			xc_err("%s: a namespace sysroot must be an absolute path (as seen inside that namespace)", dir);
			free(t.nsfile);
			return XC_INVALID;
		}
		if (t.pid) {
			/* DIR is seen from inside the process's namespace: check it through /proc/PID/root. */
			char *root = xc_asprintf("/proc/%s/root", t.pid);
			char *inside = xc_path_join(root, dir);
			struct stat st;

			if (stat(inside, &st) == 0 && !S_ISDIR(st.st_mode)) {
				xc_err("%s: not a directory inside process %s's namespace", dir, t.pid);
				rc = XC_INVALID;
			} else if (stat(inside, &st) < 0 && errno == ENOENT) {
				xc_err("%s: does not exist inside process %s's namespace", dir, t.pid);
				rc = XC_INVALID;
			}
			free(root);
			free(inside);
			if (rc) {
				free(t.nsfile);
				return rc;
			}
		}
		cmd = xc_ns_add_cmd(t.nsfile, ns_arch(&t, false), dir);
		rc = xc_txn_write(&tx, SF_NS_SYSROOTS, NULL, cmd, false);
		if (!rc)
			printf("sysroot for %s%s%s: %s\n", t.nsfile, ns_arch(&t, false) ? ", arch " : "",
			       ns_arch(&t, false) ? t.arch : "", dir);
		free(cmd);
	}
	xc_txn_free(&tx);
	free(val);
	free(t.nsfile);
	return rc;
}

static int sysroot_unset(int argc, char **argv)
{
	struct xc_txn tx = { 0 };
	struct target t;
	const char *dir;
	int rc = parse_target(argc, argv, &t, &dir, false);

	if (rc)
		return rc;
	if (!xc_module_loaded()) {
		free(t.nsfile);
		return xc_err_nomodule();
	}
	if (t.id) {
		char *cmd = xc_ns_del_id_cmd(t.ino, ns_arch(&t, true));

		rc = xc_txn_write(&tx, SF_NS_SYSROOTS, NULL, cmd, false);
		if (!rc)
			printf("sysroot for mnt:[%llu]%s%s: (none)\n", t.ino, t.arch ? ", arch " : "",
			       t.arch ? t.arch : "");
		free(cmd);
	} else if (!t.nsfile && t.arch) {
		rc = xc_check_arch(t.arch);
		if (!rc)
			rc = xc_txn_write(&tx, SF_ARCH_SYSROOT, t.arch, "", false);
		if (!rc)
			printf("%s sysroot: (none, the default applies)\n", t.arch);
	} else if (!t.nsfile) {
		rc = xc_txn_write(&tx, SF_SYSROOT, NULL, "", false);
		if (!rc)
			printf("default sysroot: (none)\n");
	} else {
		char *cmd = xc_ns_del_cmd(t.nsfile, ns_arch(&t, true));

		rc = xc_txn_write(&tx, SF_NS_SYSROOTS, NULL, cmd, false);
		if (!rc)
			printf("sysroot for %s%s%s: (none)\n", t.nsfile, t.arch ? ", arch " : "",
			       t.arch ? t.arch : "");
		free(cmd);
	}
	xc_txn_free(&tx);
	free(t.nsfile);
	return rc;
}

static int sysroot_list(void)
{
	unsigned long long self = xc_self_mntns_ino();
	struct xc_ns_entry *ns;
	size_t n;
	int err, err2;
	char *def;

	if (!xc_module_loaded())
		return xc_err_nomodule();
	def = xc_sysfs_read(SF_SYSROOT, NULL, &err);
	n = xc_ns_list(&ns, &err2);
	if (!def && (err == EACCES || err == EPERM)) {
		char *p = xc_sysfs_path(SF_SYSROOT, NULL);

		xc_err("%s: permission denied (readable by root only)", p);
		free(p);
		xc_ns_list_free(ns, n);
		return XC_PERM;
	}
	if (xc_opts.json) {
		json_obj_begin(NULL);
		json_int("schema", 1);
		json_str("command", "sysroot-list");
		xc_json_sysroots(def, ns, n, self);
		json_obj_end();
		json_done();
	} else {
		printf("default: %s\n", (def && !xc_sysfs_unset(def)) ? def : "(none)");
		for (unsigned int i = 0; i < xc_narches; i++) {
			char *v = xc_sysfs_read(SF_ARCH_SYSROOT, xc_arches[i].name, &err);

			if (v && !xc_sysfs_unset(v))
				printf("%s: %s\n", xc_arches[i].name, v);
			free(v);
		}
		for (size_t i = 0; i < n; i++)
			printf("%s%s\n", ns[i].line, (self && ns[i].ino == self) ? "   <- this namespace" : "");
	}
	free(def);
	xc_ns_list_free(ns, n);
	return XC_OK;
}

int cmd_sysroot(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(sysroot_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? XC_USAGE : XC_OK;
	}
	if (xc_help_requested(argc, argv)) {
		fputs(sysroot_usage, stdout);
		return XC_OK;
	}
	if (!strcmp(argv[1], "set"))
		return sysroot_set(argc, argv);
	if (!strcmp(argv[1], "unset"))
		return sysroot_unset(argc, argv);
	if (!strcmp(argv[1], "list")) {
		if (argc > 2) {
			xc_err("sysroot list: unexpected argument %s", argv[2]);
			return XC_USAGE;
		}
		return sysroot_list();
	}
	xc_err("sysroot: unknown subcommand %s (set, unset, list)", argv[1]);
	return XC_USAGE;
}
