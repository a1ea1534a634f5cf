// SPDX-License-Identifier: GPL-2.0-only
/* xarchctl: configure binfmt_xarch, inspect foreign programs, explain why they do not run. */
#include <stdlib.h>
#include <string.h>

#include "xarchctl.h"

#ifndef XARCHCTL_VERSION
#define XARCHCTL_VERSION "0.1"
#endif

static const char usage[] =
	"usage: xarchctl [--json] [--verbose] COMMAND [ARGS...]\n"
	"\n"
	"Commands:\n"
	"  status                          is binfmt_xarch loaded; per-arch settings and counters; sysroots\n"
	"  inspect FILE...                 ELF facts, the emulator and sysroot that would be used\n"
	"  doctor FILE                     why FILE would not run, and the fix\n"
	"  run [-L DIR] FILE [ARGS...]     run a foreign program through its emulator, without the module\n"
	"  set-emulator ARCH PATH          set ARCH's emulator [--enable] [--credentials on|off]\n"
	"  enable [ARCH] / disable [ARCH]  switch an arch (or, without ARCH, the module) on or off\n"
	"  credentials ARCH on|off         take setuid/setgid/capabilities from the guest binary\n"
	"  sysroot set|unset|list          default, per-arch and per-namespace sysroots\n"
	"  save [FILE]                     write the configuration to FILE (/etc/xarch/xarch.conf)\n"
	"  apply [--check] [FILE]          apply a saved configuration (all of it or nothing)\n"
	"  help [COMMAND]                  this text, or a command's\n"
	"\n"
	"Options: --json (status, inspect, doctor, sysroot list), --verbose, --version, -h/--help.\n"
	"Each command takes --help. See xarchctl(1).\n";

static const struct {
	const char *name;
	int (*fn)(int, char **);
} commands[] = {
	{ "status", cmd_status },
	{ "inspect", cmd_inspect },
	{ "doctor", cmd_doctor },
	{ "run", cmd_run },
	{ "set-emulator", cmd_set_emulator },
	{ "enable", cmd_enable },
	{ "disable", cmd_disable },
	{ "credentials", cmd_credentials },
	{ "sysroot", cmd_sysroot },
	{ "save", cmd_save },
	{ "apply", cmd_apply },
};

static int find_cmd(const char *name)
{
	for (unsigned int i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return (int)i;
	return -1;
}

int main(int argc, char **argv)
{
	int i, c;

	setvbuf(stdout, NULL, _IOFBF, 0);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			xc_opts.json = true;
		else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose"))
			xc_opts.verbose = true;
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			return XC_OK;
		} else if (!strcmp(argv[i], "--version")) {
			printf("xarchctl %s\n", XARCHCTL_VERSION);
			return XC_OK;
		} else if (argv[i][0] == '-') {
			xc_err("unknown option %s (see xarchctl --help)", argv[i]);
			return XC_USAGE;
		} else {
			break;
		}
	}
	if (i >= argc) {
		fputs(usage, stderr);
		return XC_USAGE;
	}
	if (!strcmp(argv[i], "help")) {
		if (i + 1 < argc) {
			c = find_cmd(argv[i + 1]);
			if (c < 0) {
				xc_err("help: unknown command %s", argv[i + 1]);
				return XC_USAGE;
			}
			char *hargv[] = { argv[i + 1], "--help", NULL };

			return commands[c].fn(2, hargv);
		}
		fputs(usage, stdout);
		return XC_OK;
	}
	c = find_cmd(argv[i]);
	if (c < 0) {
		xc_err("unknown command %s (see xarchctl --help)", argv[i]);
		return XC_USAGE;
	}
	/* --json after the command name is accepted too */
	if (strcmp(argv[i], "run") != 0) {
		int k = i + 1;

		for (int j = i + 1; j < argc; j++) {
			if (!strcmp(argv[j], "--json"))
				xc_opts.json = true;
			else
				argv[k++] = argv[j];
		}
		argc = k;
		argv[argc] = NULL;
	}
	return commands[c].fn(argc - i, argv + i);
}
