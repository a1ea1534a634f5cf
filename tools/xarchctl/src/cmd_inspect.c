// SPDX-License-Identifier: GPL-2.0-only
/* xarchctl inspect FILE... */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "json.h"
#include "sysfs.h"
#include "xarchctl.h"

static const char inspect_usage[] =
	"usage: xarchctl [--json] inspect FILE...\n"
	"Read each FILE's ELF headers (libelf) and print: class, endianness, machine and arch, type,\n"
	"linkage (static, static-pie, dynamic, dynamic-pie), interpreter and needed libraries; which\n"
	"emulator binfmt_xarch would use and which sysroot applies to this mount namespace; whether the\n"
	"interpreter and each library exist there.\n"
	"Exit status: 0 all files read, 1 a file is not an ELF, is malformed or unreadable, 2 usage.\n";

static const char *tri_str(enum xc_tri t)
{
	return t == XC_YES ? "yes" : t == XC_NO ? "no" : "unknown";
}

static void json_tri(const char *key, enum xc_tri t)
{
	if (t == XC_UNKNOWN)
		json_null(key);
	else
		json_bool(key, t == XC_YES);
}

static const char *err_kind(enum xc_elf_status st)
{
	switch (st) {
	case XC_ELF_NOT_ELF: return "not-elf";
	case XC_ELF_MALFORMED: return "malformed";
	case XC_ELF_IOERR: return "io";
	default: return NULL;
	}
}

void xc_json_report(const struct xc_report *r)
{
	const struct xc_elf *e = &r->e;

	json_str("file", r->file);
	json_bool("ok", r->st == XC_ELF_OK);
	json_str("error_kind", err_kind(r->st));
	json_str("error", r->st == XC_ELF_OK ? NULL : r->err);
	if (r->st != XC_ELF_OK) {
		json_null("elf");
		return;
	}
	json_obj_begin("elf");
	json_int("class", e->elfclass);
	json_str("endianness", e->big_endian ? "big" : "little");
	json_int("machine", e->machine);
	json_str("machine_name", xc_machine_name(e->machine));
	json_str("type", xc_elf_type_name(e->type));
	json_str("linkage", e->linkage);
	json_str("interpreter", e->interp);
	json_arr_begin("needed");
	for (size_t i = 0; i < e->nneeded; i++)
		json_str(NULL, e->needed[i]);
	json_arr_end();
	json_str("soname", e->soname);
	json_str("runpath", e->runpath);
	json_str("kernel_refuses", e->kernel_refuses);
	json_obj_end();
	json_str("arch", e->arch ? e->arch->name : NULL);
	json_bool("native", e->native);
	json_bool("executable", r->file_executable);
	json_bool("noexec_mount", r->noexec_mount);
	if (!e->arch) {
		json_null("emulator");
		json_null("sysroot");
		json_null("interpreter");
		json_null("libraries");
		json_null("standalone_emulator");
		return;
	}
	json_obj_begin("emulator");
	json_str("source", r->emu_source);
	json_str("path", r->emulator);
	json_tri("set", r->emu_set);
	json_tri("exists", r->emu_exists);
	json_tri("executable", r->emu_executable);
	json_tri("arch_enabled", r->arch_enabled);
	json_tri("credentials", r->credentials);
	json_obj_end();
	json_obj_begin("sysroot");
	json_str("source", r->sysroot_source);
	json_str("path", r->sysroot);
	json_obj_end();
	if (e->interp) {
		json_obj_begin("interpreter");
		json_str("path", e->interp);
		json_bool("found", r->interp_resolved != NULL);
		json_str("resolved", r->interp_resolved);
		json_obj_end();
	} else {
		json_null("interpreter");
	}
	json_arr_begin("libraries");
	for (size_t i = 0; i < r->nlibs; i++) {
		json_obj_begin(NULL);
		json_str("name", r->libs[i].name);
		json_bool("found", r->libs[i].resolved != NULL);
		json_str("resolved", r->libs[i].resolved);
		json_obj_end();
	}
	json_arr_end();
	json_str("standalone_emulator", r->standalone_emu);
}

void xc_json_module(const struct xc_report *r)
{
	json_obj_begin("module");
	json_bool("loaded", r->module_loaded);
	json_str("sysfs", xc_sysfs_base());
	json_tri("enabled", r->global_enabled);
	json_obj_end();
}

static void text_report(const struct xc_report *r)
{
	const struct xc_elf *e = &r->e;

	printf("%s:\n", r->file);
	if (r->st != XC_ELF_OK) {
		printf("  error:        %s\n", r->err);
		return;
	}
	printf("  format:       ELF%d %s-endian\n", e->elfclass, e->big_endian ? "big" : "little");
	printf("  machine:      %s (e_machine %u)", xc_machine_name(e->machine), e->machine);
	if (e->arch)
		printf(", arch %s\n", e->arch->name);
	else if (e->native)
		printf(", native: the kernel runs it directly\n");
	else
		printf(", no xarch arch handles it\n");
	printf("  type:         %s\n", xc_elf_type_name(e->type));
	printf("  linkage:      %s\n", e->linkage);
	printf("  interpreter:  %s\n", e->interp ? e->interp : "(none)");
	printf("  needed:       ");
	if (!e->nneeded)
		printf("(none)");
	for (size_t i = 0; i < e->nneeded; i++)
		printf("%s%s", i ? " " : "", e->needed[i]);
	putchar('\n');
	if (e->soname)
		printf("  soname:       %s\n", e->soname);
	if (e->runpath)
		printf("  runpath:      %s\n", e->runpath);
	if (e->kernel_refuses && e->arch)
		printf("  warning:      binfmt_xarch will not match it: %s\n", e->kernel_refuses);
	if (!e->arch)
		return;
	if (!r->module_loaded)
		printf("  emulator:     unknown: binfmt_xarch is not loaded\n");
	else if (!strcmp(r->emu_source, "unreadable"))
		printf("  emulator:     %s (the path is readable by root only)\n",
		       r->emu_set == XC_YES ? "set" : r->emu_set == XC_NO ? "none set" : "unknown");
	else if (!r->emulator)
		printf("  emulator:     none set for %s\n", e->arch->name);
	else
		printf("  emulator:     %s (exists: %s, executable: %s, arch enabled: %s, credentials: %s)\n",
		       r->emulator, tri_str(r->emu_exists), tri_str(r->emu_executable), tri_str(r->arch_enabled),
		       tri_str(r->credentials));
	printf("  stand-alone:  %s\n", r->standalone_emu ? r->standalone_emu : "(no xarch emulator found for `xarchctl run`)");
	if (!r->module_loaded)
		printf("  sysroot:      unknown: binfmt_xarch is not loaded (looked up in /)\n");
	else if (!r->sysroot)
		printf("  sysroot:      none (looked up in /)\n");
	else
		printf("  sysroot:      %s (%s)\n", r->sysroot, r->sysroot_source);
	if (e->interp)
		printf("  interpreter:  %s\n", r->interp_resolved ? r->interp_resolved : "MISSING");
	for (size_t i = 0; i < r->nlibs; i++)
		printf("  library:      %s => %s\n", r->libs[i].name, r->libs[i].resolved ? r->libs[i].resolved : "MISSING");
}

int cmd_inspect(int argc, char **argv)
{
	int rc = XC_OK, first = 1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(inspect_usage, stdout);
			return XC_OK;
		}
		if (!strcmp(argv[i], "--")) {
			first = i + 1;
			break;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			xc_err("inspect: unknown option %s", argv[i]);
			return XC_USAGE;
		}
		first = i;
		break;
	}
	if (first >= argc) {
		xc_err("inspect: no FILE given (see xarchctl inspect --help)");
		return XC_USAGE;
	}
	if (xc_opts.json) {
		json_obj_begin(NULL);
		json_int("schema", 1);
		json_str("command", "inspect");
		json_arr_begin("files");
	}
	for (int i = first; i < argc; i++) {
		struct xc_report r;

		xc_analyze(argv[i], &r);
		if (r.st != XC_ELF_OK) {
			rc = XC_PROBLEM;
			if (!xc_opts.json)
				xc_err("%s: %s", argv[i], r.err);
		}
		if (xc_opts.json) {
			json_obj_begin(NULL);
			xc_json_report(&r);
			json_obj_end();
		} else {
			if (i > first)
				putchar('\n');
			text_report(&r);
		}
		if (i == argc - 1 && xc_opts.json) {
			json_arr_end();
			xc_json_module(&r);
			json_obj_end();
			json_done();
		}
		xc_report_free(&r);
	}
	return rc;
}
