// SPDX-License-Identifier: GPL-2.0-only
/* xarchctl run [-L DIR] FILE ARGS...: run a foreign program through its emulator, without the module. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze.h"
#include "elfinfo.h"
#include "xarchctl.h"

static const char run_usage[] =
	"usage: xarchctl run [-L DIR] [-0 ARGV0] [-E EMULATOR] FILE [ARGS...]\n"
	"Run the foreign program FILE through the emulator for its arch, without the kernel module:\n"
	"exec EMULATOR [-L DIR] [-0 ARGV0] FILE ARGS... The emulator is xarch-ARCH from $XARCH_EMULATOR_DIR,\n"
	"the directory of xarchctl, or /usr/lib/xarch (first found), unless -E names one. The sysroot is\n"
	"DIR, else the one binfmt_xarch applies to this mount namespace, else none.\n"
	"Exit status: the program's; 126 emulator not executable, 127 no emulator, 5 FILE not foreign.\n";

int cmd_run(int argc, char **argv)
{
	const char *sysroot = NULL, *argv0 = NULL, *emu_opt = NULL, *file;
	const char *src;
	char *emu = NULL, *cur_sysroot = NULL;
	struct xc_elf e;
	char err[256];
	char **nargv;
	int i, n = 0, ex;
	bool exists;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(run_usage, stdout);
			return XC_OK;
		}
		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (!strcmp(a, "-L") || !strcmp(a, "-0") || !strcmp(a, "-E")) {
			if (i + 1 >= argc) {
				xc_err("run: %s needs a value", a);
				return XC_USAGE;
			}
			if (a[1] == 'L')
				sysroot = argv[++i];
			else if (a[1] == '0')
				argv0 = argv[++i];
			else
				emu_opt = argv[++i];
			continue;
		}
		if (a[0] == '-' && a[1]) {
			xc_err("run: unknown option %s", a);
			return XC_USAGE;
		}
		break;
	}
	if (i >= argc) {
		xc_err("run: no FILE given (see xarchctl run --help)");
		return XC_USAGE;
	}
	file = argv[i];
	switch (xc_elf_parse_file(file, &e, err, sizeof(err))) {
	case XC_ELF_OK:
		break;
	case XC_ELF_IOERR:
		xc_err("%s: %s", file, err);
		return errno == ENOENT ? XC_NOTFOUND : XC_INVALID;
	default:
		xc_err("%s: %s", file, err);
		return XC_INVALID;
	}
	if (e.native) {
		xc_err("%s: a native %s program; run it directly", file, xc_machine_name(e.machine));
		xc_elf_free(&e);
		return XC_INVALID;
	}
	if (!e.arch) {
		xc_err("%s: %s (e_machine %u, %d-bit %s-endian) is not an arch xarch supports (%s)", file,
		       xc_machine_name(e.machine), e.machine, e.elfclass, e.big_endian ? "big" : "little", xc_arch_list());
		xc_elf_free(&e);
		return XC_INVALID;
	}
	if (emu_opt) {
		emu = xc_strdup(emu_opt);
		exists = access(emu, F_OK) == 0;
	} else {
		emu = xc_find_standalone_emulator(e.arch->name, &exists);
	}
	if (!exists) {
		if (emu_opt)
			xc_err("%s: emulator not found", emu);
		else
			xc_err("xarch-%s: no emulator for %s found (looked in $XARCH_EMULATOR_DIR, next to xarchctl, /usr/lib/xarch)",
			       e.arch->name, file);
		free(emu);
		xc_elf_free(&e);
		return XC_NOTFOUND;
	}
	if (!sysroot) {
		cur_sysroot = xc_current_sysroot(e.arch->name, &src);
		sysroot = cur_sysroot;
	}
	nargv = xc_xmalloc(sizeof(char *) * (size_t)(argc + 8));
	nargv[n++] = emu;
	if (sysroot) {
		nargv[n++] = "-L";
		nargv[n++] = (char *)sysroot;
	}
	if (argv0) {
		nargv[n++] = "-0";
		nargv[n++] = (char *)argv0;
	}
	for (; i < argc; i++)
		nargv[n++] = argv[i];
	nargv[n] = NULL;
	if (xc_opts.verbose) {
		fprintf(stderr, "%s: exec", xc_prog);
		for (int k = 0; k < n; k++)
			fprintf(stderr, " %s", nargv[k]);
		fputc('\n', stderr);
	}
	fflush(NULL);
	execv(emu, nargv);
	ex = errno;
	xc_err("%s: cannot execute the emulator: %s", emu, strerror(ex));
	free(nargv);
	free(emu);
	free(cur_sysroot);
	xc_elf_free(&e);
	return ex == ENOENT ? XC_NOTFOUND : XC_NOEXEC;
}
