// SPDX-License-Identifier: GPL-2.0-only
/* xarchctl set-emulator / enable / disable / credentials: per-arch configuration. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "arch.h"
#include "elfinfo.h"
#include "sysfs.h"
#include "xarchctl.h"

static const char set_emulator_usage[] =
	"usage: xarchctl set-emulator ARCH PATH [--enable] [--credentials on|off]\n"
	"Set the emulator binfmt_xarch uses for ARCH (the module opens PATH now, so it keeps working in\n"
	"chroots and containers). PATH must be an executable native program; a relative PATH is made\n"
	"absolute. --enable also enables ARCH; --credentials sets whether setuid/setgid/capabilities come\n"
	"from the guest binary. Needs root (CAP_SYS_ADMIN). On any failure nothing is changed.\n";

static const char enable_usage[] =
	"usage: xarchctl enable [ARCH] [--credentials on|off]\n"
	"       xarchctl disable [ARCH]\n"
	"Enable or disable dispatch of ARCH programs; without ARCH, the module's global switch.\n"
	"Needs root (CAP_SYS_ADMIN). On any failure nothing is changed.\n";

static const char credentials_usage[] =
	"usage: xarchctl credentials ARCH on|off\n"
	"When on, setuid/setgid bits and file capabilities of ARCH programs apply (the kernel computes\n"
	"them from the guest binary; the emulator sees AT_SECURE). Off by default.\n";

/* on/off/1/0/yes/no -> 1/0, -1 invalid */
static int parse_onoff(const char *s)
{
	if (!strcmp(s, "on") || !strcmp(s, "1") || !strcmp(s, "yes") || !strcmp(s, "true"))
		return 1;
	if (!strcmp(s, "off") || !strcmp(s, "0") || !strcmp(s, "no") || !strcmp(s, "false"))
		return 0;
	return -1;
}

/* Parse "--credentials X" / "--credentials=X" at argv[*i]; returns 1 consumed, 0 not it, -1 error. */
static int opt_credentials(int argc, char **argv, int *i, int *creds)
{
	const char *v;

	if (!strcmp(argv[*i], "--credentials")) {
		if (*i + 1 >= argc) {
			xc_err("--credentials needs on or off");
			return -1;
		}
		v = argv[++*i];
	} else if (!strncmp(argv[*i], "--credentials=", 14)) {
		v = argv[*i] + 14;
	} else {
		return 0;
	}
	*creds = parse_onoff(v);
	if (*creds < 0) {
		xc_err("--credentials: '%s' is not on or off", v);
		return -1;
	}
	return 1;
}

/* Validate an emulator path; returns a malloc'd absolute path or NULL after printing the error. */
static char *check_emulator(const char *path, int *rc)
{
	char resolved[PATH_MAX];
	struct stat st;
	struct xc_elf e;
	char err[256];
	char *abs;

	*rc = XC_INVALID;
	if (stat(path, &st) < 0) {
		xc_err("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		xc_err("%s: is a directory, not an emulator program", path);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		xc_err("%s: not a regular file", path);
		return NULL;
	}
	if (!(st.st_mode & 0111)) {
		xc_err("%s: not executable (chmod +x %s)", path, path);
		return NULL;
	}
	{
		struct statvfs vfs;

		if (statvfs(path, &vfs) == 0 && (vfs.f_flag & ST_NOEXEC)) {
			xc_err("%s: on a file system mounted noexec; the module cannot execute it", path);
			return NULL;
		}
	}
	if (path[0] == '/') {
		abs = xc_strdup(path);
	} else {
		if (!realpath(path, resolved)) {
			xc_err("%s: %s", path, strerror(errno));
			return NULL;
		}
		abs = xc_strdup(resolved);
	}
	if (xc_elf_parse_file(abs, &e, err, sizeof(err)) == XC_ELF_OK) {
		if (!e.native) {
			xc_err("%s: is a %s program, not a native one: an emulator must run on this machine",
			       path, e.arch ? e.arch->name : xc_machine_name(e.machine));
			xc_elf_free(&e);
			free(abs);
			return NULL;
		}
		xc_elf_free(&e);
	}
	*rc = XC_OK;
	return abs;
}

int cmd_set_emulator(int argc, char **argv)
{
	const char *arch = NULL, *path = NULL;
	int creds = -1, enable = 0, rc;
	struct xc_txn t = { 0 };
	char *abs;

	if (xc_help_requested(argc, argv)) {
		fputs(set_emulator_usage, stdout);
		return XC_OK;
	}
	for (int i = 1; i < argc; i++) {
		int r = opt_credentials(argc, argv, &i, &creds);

		if (r < 0)
			return XC_USAGE;
		if (r > 0)
			continue;
		if (!strcmp(argv[i], "--enable")) {
			enable = 1;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			xc_err("set-emulator: unknown option %s", argv[i]);
			return XC_USAGE;
		} else if (!arch) {
			arch = argv[i];
		} else if (!path) {
			path = argv[i];
		} else {
			xc_err("set-emulator: unexpected argument %s", argv[i]);
			return XC_USAGE;
		}
	}
	if (!arch || !path) {
		xc_err("set-emulator: needs ARCH and PATH (see xarchctl set-emulator --help)");
		return XC_USAGE;
	}
	rc = xc_check_arch(arch);
	if (rc)
		return rc;
	abs = check_emulator(path, &rc);
	if (!abs)
		return rc;
	rc = xc_txn_write(&t, SF_ARCH_EMULATOR, arch, abs, true);
	if (!rc && creds >= 0)
		rc = xc_txn_write(&t, SF_ARCH_CREDENTIALS, arch, creds ? "1" : "0", true);
	if (!rc && enable)
		rc = xc_txn_write(&t, SF_ARCH_ENABLED, arch, "1", true);
	if (!rc)
		printf("%s: emulator %s%s%s\n", arch, abs, creds < 0 ? "" : creds ? ", credentials on" : ", credentials off",
		       enable ? ", enabled" : "");
	xc_txn_free(&t);
	free(abs);
	return rc;
}

static int enable_disable(int argc, char **argv, int on)
{
	const char *arch = NULL;
	int creds = -1, rc;
	struct xc_txn t = { 0 };

	if (xc_help_requested(argc, argv)) {
		fputs(enable_usage, stdout);
		return XC_OK;
	}
	for (int i = 1; i < argc; i++) {
		int r = on ? opt_credentials(argc, argv, &i, &creds) : 0;

		if (r < 0)
			return XC_USAGE;
		if (r > 0)
			continue;
		if (argv[i][0] == '-' && argv[i][1]) {
			xc_err("%s: unknown option %s", argv[0], argv[i]);
			return XC_USAGE;
		}
		if (arch) {
			xc_err("%s: unexpected argument %s", argv[0], argv[i]);
			return XC_USAGE;
		}
		arch = argv[i];
	}
	if (!arch) {
		if (creds >= 0) {
			xc_err("%s: --credentials needs an ARCH", argv[0]);
			return XC_USAGE;
		}
		if (!xc_module_loaded())
			return xc_err_nomodule();
		rc = xc_txn_write(&t, SF_ENABLED, NULL, on ? "1" : "0", true);
		if (!rc)
			printf("binfmt_xarch: %s\n", on ? "enabled" : "disabled");
		xc_txn_free(&t);
		return rc;
	}
	rc = xc_check_arch(arch);
	if (rc)
		return rc;
	if (creds >= 0)
		rc = xc_txn_write(&t, SF_ARCH_CREDENTIALS, arch, creds ? "1" : "0", true);
	if (!rc)
		rc = xc_txn_write(&t, SF_ARCH_ENABLED, arch, on ? "1" : "0", true);
	if (!rc)
		printf("%s: %s%s\n", arch, on ? "enabled" : "disabled",
		       creds < 0 ? "" : creds ? ", credentials on" : ", credentials off");
	xc_txn_free(&t);
	return rc;
}

int cmd_enable(int argc, char **argv)
{
	return enable_disable(argc, argv, 1);
}

int cmd_disable(int argc, char **argv)
{
	return enable_disable(argc, argv, 0);
}

int cmd_credentials(int argc, char **argv)
{
	struct xc_txn t = { 0 };
	int on, rc;

	if (xc_help_requested(argc, argv)) {
		fputs(credentials_usage, stdout);
		return XC_OK;
	}
	if (argc != 3) {
		xc_err("credentials: needs ARCH and on|off (see xarchctl credentials --help)");
		return XC_USAGE;
	}
	on = parse_onoff(argv[2]);
	if (on < 0) {
		xc_err("credentials: '%s' is not on or off", argv[2]);
		return XC_USAGE;
	}
	rc = xc_check_arch(argv[1]);
	if (rc)
		return rc;
	rc = xc_txn_write(&t, SF_ARCH_CREDENTIALS, argv[1], on ? "1" : "0", true);
	if (!rc)
		printf("%s: credentials %s\n", argv[1], on ? "on" : "off");
	xc_txn_free(&t);
	return rc;
}
