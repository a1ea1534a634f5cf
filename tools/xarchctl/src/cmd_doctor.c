// SPDX-License-Identifier: GPL-2.0-only
/* xarchctl doctor FILE: why would FILE not run, and how to fix it. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyze.h"
#include "json.h"
#include "misc.h"
#include "sysfs.h"
#include "xarchctl.h"

static const char doctor_usage[] =
	"usage: xarchctl [--json] doctor FILE\n"
	"Explain, in plain sentences with the fix, why FILE would not run: not an ELF, damaged ELF,\n"
	"native binary, unsupported machine, not executable, noexec mount, module not loaded or\n"
	"disabled, no emulator for the arch, emulator missing or not executable, arch disabled, dynamic\n"
	"loader or a needed library missing in the sysroot.\n"
	"Exit status: 0 FILE should run (or is native), 1 a problem was found, 2 usage.\n";

struct finding {
	const char *id;
	const char *severity;	/* error, warning, info */
	char *message;
	char *fix;		/* NULL: none */
};

static struct finding findings[32];
static size_t nfindings;

static void add(const char *id, const char *severity, char *message, char *fix)
{
	if (nfindings < sizeof(findings) / sizeof(findings[0]))
		findings[nfindings++] = (struct finding){ id, severity, message, fix };
	else {
		free(message);
		free(fix);
	}
}

static size_t count_errors(void)
{
	size_t n = 0;

	for (size_t i = 0; i < nfindings; i++)
		n += !strcmp(findings[i].severity, "error");
	return n;
}

/* The #! interpreter of a script, or NULL. */
static char *script_interp(const char *file)
{
	char buf[256];
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	char *p, *end;

	if (fd < 0)
		return NULL;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 3 || buf[0] != '#' || buf[1] != '!')
		return NULL;
	buf[n] = 0;
	p = buf + 2;
	while (*p == ' ' || *p == '\t')
		p++;
	end = p;
	while (*end && *end != ' ' && *end != '\t' && *end != '\n')
		end++;
	*end = 0;
	return *p ? xc_strdup(p) : NULL;
}

/* A Debian-style cross sysroot on this machine that holds the interpreter, or NULL. */
static char *suggest_sysroot(const struct xc_report *r)
{
	char *dir, *p;
	struct stat st;

	if (!r->e.arch || !r->e.arch->triplet || !r->e.interp)
		return NULL;
	dir = xc_asprintf("/usr/%s", r->e.arch->triplet);
	p = xc_path_join(dir, r->e.interp);
	if (stat(p, &st) == 0) {
		free(p);
		return dir;
	}
	free(p);
	free(dir);
	return NULL;
}

static void file_checks(const struct xc_report *r)
{
	const char *f = r->file;

	if (!r->file_executable)
		add("not-executable", "error", xc_asprintf("%s is not executable (no execute permission for you).", f),
		    xc_asprintf("chmod +x %s", f));
	if (r->noexec_mount)
		add("noexec-mount", "error",
		    xc_asprintf("%s is on a file system mounted noexec: the kernel refuses to execute any file there.", f),
		    xc_asprintf("Remount it with exec (mount -o remount,exec MOUNTPOINT) or copy %s to another file system.", f));
}

/* A binfmt_misc entry (qemu-user-static's, systemd-binfmt's) that matches programs of FILE's arch. */
static void misc_checks(const struct xc_report *r)
{
	const struct xc_arch *a = r->e.arch;
	const struct xc_misc *first = NULL;
	struct xc_misc *m;
	size_t unreadable, n;
	bool mounted;
	int err;

	n = xc_misc_list(&m, &mounted, &unreadable);
	for (size_t j = 0; j < n && !first; j++)
		if (m[j].enabled && xc_misc_matches(&m[j], a))
			first = &m[j];
	if (!first) {
		xc_misc_list_free(m, n);
		return;
	}
	if (!r->module_loaded) {
		add("binfmt-misc", "info",
		    xc_asprintf("binfmt_misc's entry %s (%s) matches %s programs: without binfmt_xarch, it runs %s.",
				first->name, first->interpreter, a->name, r->file),
		    NULL);
	} else {
		switch (xc_misc_probe(a, &err)) {
		case XC_RUN_XARCH:
			add("binfmt-misc-shadowed", "info",
			    xc_asprintf("binfmt_misc's entry %s (%s) also matches %s programs; binfmt_xarch is asked first and runs them (tried).",
					first->name, first->interpreter, a->name),
			    xc_asprintf("To hand %s programs to %s instead: xarchctl disable %s", a->name, first->name, a->name));
			break;
		case XC_RUN_OTHER:
			add("binfmt-misc-ahead", "warning",
			    xc_asprintf("%s programs are run by binfmt_misc's entry %s (%s), not by binfmt_xarch (tried): binfmt_misc was loaded after binfmt_xarch, or binfmt_xarch cannot take them (see the other findings).",
					a->name, first->name, first->interpreter),
			    xc_asprintf("Reload binfmt_xarch so it is asked first (modprobe -r binfmt_xarch && modprobe binfmt_xarch), or disable the entry: echo 0 > %s/%s (binfmt-support: update-binfmts --disable %s)",
					xc_misc_dir(), first->name, first->name));
			break;
		default:
			add("binfmt-misc", "info",
			    xc_asprintf("binfmt_misc's entry %s (%s) also matches %s programs; which handler is asked first could not be tried (%s).",
					first->name, first->interpreter, a->name, err == ENOSYS ? "no probe program for this arch" : strerror(err)),
			    NULL);
		}
	}
	xc_misc_list_free(m, n);
}

static void diagnose(const struct xc_report *r)
{
	const struct xc_elf *e = &r->e;
	const char *f = r->file;
	const char *arch;

	if (r->st == XC_ELF_IOERR) {
		add("unreadable", "error", xc_asprintf("%s cannot be read: %s.", f, r->err),
		    xc_strdup("Check the path and its permissions."));
		return;
	}
	if (r->st == XC_ELF_NOT_ELF) {
		char *interp = script_interp(f);

		if (interp) {
			add("not-elf", "error",
			    xc_asprintf("%s is a script, not an ELF program; the kernel runs its interpreter %s.", f, interp),
			    xc_asprintf("Run: xarchctl doctor %s", interp));
			free(interp);
		} else {
			add("not-elf", "error",
			    xc_asprintf("%s is not an ELF program (%s); binfmt_xarch only runs ELF executables.", f, r->err),
			    xc_strdup("Check that you have the right file: it is data, not a program."));
		}
		return;
	}
	if (r->st == XC_ELF_MALFORMED) {
		add("malformed", "error",
		    xc_asprintf("%s is a damaged or truncated ELF file (%s); the kernel refuses it with \"Exec format error\".", f, r->err),
		    xc_strdup("Download or build it again; compare its size and checksum with the original."));
		return;
	}
	if (!xc_elf_runnable_type(e->type)) {
		add("not-a-program", "error",
		    xc_asprintf("%s is an ELF %s file (type %s), not a program; it cannot be executed.", f,
				e->type == ET_REL ? "object" : e->type == ET_CORE ? "core dump" : "non-executable",
				xc_elf_type_name(e->type)),
		    e->type == ET_REL ? xc_strdup("Link it into an executable first.") : NULL);
		return;
	}
	if (e->native) {
		add("native", "info",
		    xc_asprintf("%s is a native %s program: the kernel runs it directly and xarch is not involved.", f,
				xc_machine_name(e->machine)),
		    NULL);
		file_checks(r);
		return;
	}
	if (!e->arch) {
		add("unsupported-arch", "error",
		    xc_asprintf("%s is a %d-bit %s-endian %s program (e_machine %u); xarch has no arch for it (supported: %s).",
				f, e->elfclass, e->big_endian ? "big" : "little", xc_machine_name(e->machine), e->machine,
				xc_arch_list()),
		    xc_asprintf("Run it on a %s machine, or under an emulator for it.", xc_machine_name(e->machine)));
		return;
	}
	arch = e->arch->name;
	if (e->kernel_refuses)
		add("header-refused", "error",
		    xc_asprintf("%s has a malformed ELF header (%s); binfmt_xarch does not match it and exec fails with \"Exec format error\".", f, e->kernel_refuses),
		    xc_strdup("Download or build it again."));
	if (!strcmp(e->linkage, "shared-library"))
		add("shared-library", "warning",
		    xc_asprintf("%s is a shared library (soname %s); it is normally loaded by a program, not run.", f,
				e->soname ? e->soname : "none"),
		    NULL);
	file_checks(r);

	if (!r->module_loaded) {
		add("module-not-loaded", "error",
		    xc_asprintf("The binfmt_xarch kernel module is not loaded, so executing %s (%s) fails with \"Exec format error\".", f, arch),
		    r->standalone_emu ? xc_asprintf("Load it: modprobe binfmt_xarch (or insmod binfmt_xarch.ko). Or run it without the module: xarchctl run %s", f)
				      : xc_strdup("Load it: modprobe binfmt_xarch (or insmod binfmt_xarch.ko)."));
	} else {
		if (r->global_enabled == XC_NO)
			add("module-disabled", "error",
			    xc_asprintf("binfmt_xarch is loaded but switched off globally (%s/enabled is 0).", xc_sysfs_base()),
			    xc_strdup("xarchctl enable"));
		if (!strcmp(r->emu_source, "unreadable") && r->emu_set != XC_NO)
			add("emulator-unreadable", "warning",
			    xc_asprintf("Cannot read which emulator is set for %s (the setting is readable by root only), so it was not checked.", arch),
			    xc_asprintf("Run as root: sudo xarchctl doctor %s", f));
		else if (!r->emulator)
			add("no-emulator", "error",
			    xc_asprintf("binfmt_xarch has no emulator for %s, so %s cannot be dispatched.", arch, f),
			    xc_asprintf("xarchctl set-emulator %s %s", arch,
					r->standalone_emu ? r->standalone_emu : "/usr/lib/xarch/xarch-ARCH"));
		else if (r->emu_exists == XC_NO)
			add("emulator-missing", "error",
			    xc_asprintf("The emulator set for %s, %s, does not exist (any more); the module may still hold the old file open, but the setting is stale.", arch, r->emulator),
			    xc_asprintf("Install the emulator again, then: xarchctl set-emulator %s %s", arch, r->emulator));
		else if (r->emu_executable == XC_NO)
			add("emulator-not-executable", "error",
			    xc_asprintf("The emulator set for %s, %s, is not an executable file.", arch, r->emulator),
			    xc_asprintf("chmod +x %s, then: xarchctl set-emulator %s %s", r->emulator, arch, r->emulator));
		if (r->emulator && r->emu_executable == XC_YES) {
			struct xc_elf ee;
			char eerr[256];

			if (xc_elf_parse_file(r->emulator, &ee, eerr, sizeof(eerr)) == XC_ELF_OK) {
				if (!ee.native)
					add("emulator-foreign", "error",
					    xc_asprintf("The emulator set for %s, %s, is itself a foreign program (%s): the module refuses to recurse.", arch, r->emulator,
							ee.arch ? ee.arch->name : xc_machine_name(ee.machine)),
					    xc_asprintf("xarchctl set-emulator %s /usr/lib/xarch/xarch-%s (a native x86_64 emulator)", arch, arch));
				xc_elf_free(&ee);
			}
		}
		if (r->arch_enabled == XC_NO)
			add("arch-disabled", "error", xc_asprintf("Arch %s is disabled in binfmt_xarch.", arch),
			    xc_asprintf("xarchctl enable %s", arch));
	}
	misc_checks(r);

	if (e->interp && !r->interp_resolved) {
		char *sug = suggest_sysroot(r);
		char *fix;

		if (sug && r->module_loaded)
			fix = xc_asprintf("%s has it: xarchctl sysroot set --arch %s %s (or --pid PID --arch %s for one container)",
					  sug, arch, sug, arch);
		else if (sug)
			fix = xc_asprintf("%s has it: xarchctl run -L %s %s (or, with the module, xarchctl sysroot set --arch %s %s)",
					  sug, sug, f, arch, sug);
		else if (e->arch->cross_pkg)
			fix = xc_asprintf("Install an %s sysroot (Debian: apt install %s) and point xarch at it: xarchctl sysroot set --arch %s /usr/%s",
					  arch, e->arch->cross_pkg, arch, e->arch->triplet);
		else
			fix = xc_asprintf("Install an %s root file system with %s and set it: xarchctl sysroot set --arch %s DIR",
					  arch, e->interp, arch);
		if (r->sysroot)
			add("loader-missing", "error",
			    xc_asprintf("%s needs the dynamic loader %s, which is neither in the sysroot %s nor in /; the emulator fails with \"Could not open '%s'\".", f, e->interp, r->sysroot, e->interp),
			    fix);
		else
			add("loader-missing", "error",
			    xc_asprintf("%s needs the dynamic loader %s, which does not exist and no sysroot is set; the emulator fails with \"Could not open '%s'\".", f, e->interp, e->interp),
			    fix);
		free(sug);
	}
	for (size_t i = 0; i < r->nlibs; i++) {
		if (r->libs[i].resolved)
			continue;
		add("library-missing", "error",
		    xc_asprintf("%s needs the library %s, which is not in the %s library directories of %s.", f,
				r->libs[i].name, arch, r->sysroot ? r->sysroot : "/"),
		    xc_asprintf("Install the %s package that provides %s into %s.", arch, r->libs[i].name,
				r->sysroot ? r->sysroot : "the sysroot (and set one with xarchctl sysroot set)"));
	}
	{
		struct stat st;

		if (stat(f, &st) == 0 && (st.st_mode & (S_ISUID | S_ISGID)) && r->credentials == XC_NO)
			add("credentials-off", "warning",
			    xc_asprintf("%s is set%cid, but credentials are off for %s: it runs with your own credentials.", f,
					(st.st_mode & S_ISUID) ? 'u' : 'g', arch),
			    xc_asprintf("xarchctl enable %s --credentials on (only if you trust the emulator with privileges)", arch));
	}
}

int cmd_doctor(int argc, char **argv)
{
	struct xc_report r;
	const char *verdict;
	const char *file = NULL;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(doctor_usage, stdout);
			return XC_OK;
		}
		if (!strcmp(argv[i], "--") && i + 1 < argc && !file) {
			file = argv[++i];
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			xc_err("doctor: unknown option %s", argv[i]);
			return XC_USAGE;
		}
		if (file) {
			xc_err("doctor: one FILE at a time");
			return XC_USAGE;
		}
		file = argv[i];
	}
	if (!file) {
		xc_err("doctor: no FILE given (see xarchctl doctor --help)");
		return XC_USAGE;
	}
	xc_analyze(file, &r);
	diagnose(&r);
	if (count_errors())
		verdict = "problems";
	else if (r.st == XC_ELF_OK && r.e.native)
		verdict = "native";
	else
		verdict = "ok";
	rc = count_errors() ? XC_PROBLEM : XC_OK;

	if (xc_opts.json) {
		json_obj_begin(NULL);
		json_int("schema", 1);
		json_str("command", "doctor");
		json_str("file", file);
		json_str("verdict", verdict);
		json_arr_begin("findings");
		for (size_t i = 0; i < nfindings; i++) {
			json_obj_begin(NULL);
			json_str("id", findings[i].id);
			json_str("severity", findings[i].severity);
			json_str("message", findings[i].message);
			json_str("fix", findings[i].fix);
			json_obj_end();
		}
		json_arr_end();
		json_obj_begin("inspect");
		xc_json_report(&r);
		json_obj_end();
		xc_json_module(&r);
		json_obj_end();
		json_done();
	} else {
		for (size_t i = 0; i < nfindings; i++) {
			printf("%s: %s\n", findings[i].severity, findings[i].message);
			if (findings[i].fix)
				printf("  fix: %s\n", findings[i].fix);
		}
		if (!strcmp(verdict, "ok"))
			printf("ok: %s should run: arch %s, emulator %s, sysroot %s.\n", file, r.e.arch->name,
			       r.emulator ? r.emulator : "(root only, not checked)",
			       r.sysroot ? r.sysroot : (r.sysroot_source && !strcmp(r.sysroot_source, "unreadable")) ? "(root only, not checked)" : "none");
		else if (!strcmp(verdict, "problems"))
			printf("%zu problem%s found.\n", count_errors(), count_errors() == 1 ? "" : "s");
	}
	for (size_t i = 0; i < nfindings; i++) {
		free(findings[i].message);
		free(findings[i].fix);
	}
	xc_report_free(&r);
	return rc;
}
