// SPDX-License-Identifier: GPL-2.0-only
/*
 * xarchctl save / apply: the module's configuration in a file (/etc/xarch/xarch.conf), so that it survives a
 * reboot (xarch.service applies it at boot). The format, one setting per line (xarchctl(1), CONFIGURATION FILE):
 *
 *   # comment
 *   enabled on|off
 *   default-sysroot none|/PATH
 *   ARCH emulator none|/PATH
 *   ARCH enabled on|off
 *   ARCH credentials on|off
 *   ARCH sysroot none|/PATH
 *
 * A path is the rest of the line. Settings the file does not name are left as they are. apply reads and checks
 * the whole file before writing anything, and undoes its earlier writes when the module refuses one.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arch.h"
#include "sysfs.h"
#include "xarchctl.h"

#define XC_CONF_DEFAULT "/etc/xarch/xarch.conf"

static const char save_usage[] =
	"usage: xarchctl save [FILE]\n"
	"Write the module's current configuration (global switch, default sysroot, and for every arch its\n"
	"emulator, enabled, credentials and sysroot) to FILE (default " XC_CONF_DEFAULT ", its directory made if\n"
	"needed; - for standard output). The file is replaced at once (written aside, then renamed).\n"
	"Per-namespace sysroots are not saved: mount namespaces do not outlive a reboot. Needs root (the\n"
	"emulator and sysroot files are readable by root only).\n";

static const char apply_usage[] =
	"usage: xarchctl apply [--check] [FILE]\n"
	"Apply the configuration in FILE (default " XC_CONF_DEFAULT "; - for standard input) to the loaded\n"
	"module. The whole file is checked first: a bad line is reported as FILE:LINE and nothing is\n"
	"changed. If the module refuses a setting, the ones already written are undone. Settings the\n"
	"file does not name keep their current value. --check only reads and checks FILE (no module\n"
	"needed). Needs root (CAP_SYS_ADMIN).\n";

/* The settings of one file, in the order apply writes them. */
enum conf_what { C_EMULATOR, C_ARCH_ENABLED, C_CREDENTIALS, C_ARCH_SYSROOT, C_SYSROOT, C_ENABLED, C_NWHAT };

static const char *const what_name[C_NWHAT] = {
	[C_EMULATOR] = "emulator",
	[C_ARCH_ENABLED] = "enabled",
	[C_CREDENTIALS] = "credentials",
	[C_ARCH_SYSROOT] = "sysroot",
	[C_SYSROOT] = "default-sysroot",
	[C_ENABLED] = "enabled",
};

struct conf_item {
	enum conf_what what;
	const struct xc_arch *arch;	/* NULL for the global settings */
	char *value;			/* "1"/"0", a path, or "" for none */
	unsigned int line;
};

struct conf {
	struct conf_item *items;
	size_t n;
};

static void conf_free(struct conf *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->items[i].value);
	free(c->items);
	c->items = NULL;
	c->n = 0;
}

static int parse_bool(const char *s)
{
	if (!strcmp(s, "on") || !strcmp(s, "1") || !strcmp(s, "yes") || !strcmp(s, "true"))
		return 1;
	if (!strcmp(s, "off") || !strcmp(s, "0") || !strcmp(s, "no") || !strcmp(s, "false"))
		return 0;
	return -1;
}

/* Split off the first whitespace-separated word of *s; *s then points past it and the spaces after it. */
static char *next_word(char **s)
{
	char *w = *s, *e;

	e = w + strcspn(w, " \t");
	if (*e) {
		*e++ = '\0';
		e += strspn(e, " \t");
	}
	*s = e;
	return w;
}

/* One line (no newline, leading and trailing blanks removed, not empty, not a comment). 0 or -1 after an error. */
static int parse_line(const char *file, unsigned int ln, char *s, struct conf *c)
{
	struct conf_item it = { .line = ln };
	char *key = next_word(&s), *word;
	int b;

	if (!strcmp(key, "enabled")) {
		it.what = C_ENABLED;
	} else if (!strcmp(key, "default-sysroot")) {
		it.what = C_SYSROOT;
	} else if ((it.arch = xc_arch_by_name(key))) {
		word = next_word(&s);
		if (!strcmp(word, "emulator")) {
			it.what = C_EMULATOR;
		} else if (!strcmp(word, "enabled")) {
			it.what = C_ARCH_ENABLED;
		} else if (!strcmp(word, "credentials")) {
			it.what = C_CREDENTIALS;
		} else if (!strcmp(word, "sysroot")) {
			it.what = C_ARCH_SYSROOT;
		} else {
			xc_err("%s:%u: '%s %s': an arch setting is emulator, enabled, credentials or sysroot", file, ln,
			       key, word);
			return -1;
		}
	} else {
		xc_err("%s:%u: '%s': not a setting (enabled, default-sysroot, or an arch: %s)", file, ln, key,
		       xc_arch_list());
		return -1;
	}
	if (!*s) {
		xc_err("%s:%u: %s%s%s: no value", file, ln, it.arch ? it.arch->name : "", it.arch ? " " : "",
		       what_name[it.what]);
		return -1;
	}
	if (it.what == C_EMULATOR || it.what == C_SYSROOT || it.what == C_ARCH_SYSROOT) {
		if (!strcmp(s, "none")) {
			it.value = xc_strdup("");
		} else if (s[0] != '/') {
			xc_err("%s:%u: '%s': not an absolute path (or none)", file, ln, s);
			return -1;
		} else {
			for (const char *p = s; *p; p++)
				if ((unsigned char)*p < 0x20 || *p == 0x7f) {
					xc_err("%s:%u: the path contains a control character", file, ln);
					return -1;
				}
			it.value = xc_strdup(s);
		}
	} else {
		b = parse_bool(s);
		if (b < 0) {
			xc_err("%s:%u: '%s': not on or off", file, ln, s);
			return -1;
		}
		it.value = xc_strdup(b ? "1" : "0");
	}
	for (size_t i = 0; i < c->n; i++)
		if (c->items[i].what == it.what && c->items[i].arch == it.arch) {
			xc_err("%s:%u: %s%s%s is already set on line %u", file, ln, it.arch ? it.arch->name : "",
			       it.arch ? " " : "", what_name[it.what], c->items[i].line);
			free(it.value);
			return -1;
		}
	c->items = xc_xrealloc(c->items, (c->n + 1) * sizeof(*c->items));
	c->items[c->n++] = it;
	return 0;
}

/* Read and check FILE ("-": stdin). Returns XC_OK, or an exit code after printing the error(s). */
static int conf_read(const char *file, struct conf *c)
{
	FILE *f = strcmp(file, "-") ? fopen(file, "re") : stdin;
	const char *name = strcmp(file, "-") ? file : "(standard input)";
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned int ln = 0, bad = 0;

	if (!f) {
		int e = errno;

		xc_err("%s: %s%s", file, strerror(e), e == ENOENT ? " (write one with: xarchctl save)" : "");
		return e == EACCES ? XC_PERM : XC_INVALID;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		char *s = line, *e;

		ln++;
		if (memchr(line, '\0', (size_t)len)) {
			xc_err("%s:%u: a NUL byte", name, ln);
			bad++;
			continue;
		}
		s += strspn(s, " \t");
		e = s + strlen(s);
		while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
		if (!*s || *s == '#')
			continue;
		if (parse_line(name, ln, s, c) < 0)
			bad++;
	}
	free(line);
	if (ferror(f)) {
		xc_err("%s: %s", name, strerror(errno));
		bad++;
	}
	if (f != stdin)
		fclose(f);
	if (bad) {
		xc_err("%s: %u bad line%s: nothing applied", name, bad, bad == 1 ? "" : "s");
		conf_free(c);
		return XC_INVALID;
	}
	return XC_OK;
}

static enum xc_sysfs_key sysfs_key(enum conf_what w)
{
	switch (w) {
	case C_EMULATOR: return SF_ARCH_EMULATOR;
	case C_ARCH_ENABLED: return SF_ARCH_ENABLED;
	case C_CREDENTIALS: return SF_ARCH_CREDENTIALS;
	case C_ARCH_SYSROOT: return SF_ARCH_SYSROOT;
	case C_SYSROOT: return SF_SYSROOT;
	default: return SF_ENABLED;
	}
}

int cmd_apply(int argc, char **argv)
{
	const char *file = XC_CONF_DEFAULT;
	bool check = false, have_file = false;
	struct conf c = { 0 };
	struct xc_txn t = { 0 };
	int rc;

	if (xc_help_requested(argc, argv)) {
		fputs(apply_usage, stdout);
		return XC_OK;
	}
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--check")) {
			check = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			xc_err("apply: unknown option %s", argv[i]);
			return XC_USAGE;
		} else if (have_file) {
			xc_err("apply: one FILE at most");
			return XC_USAGE;
		} else {
			file = argv[i];
			have_file = true;
		}
	}
	rc = conf_read(file, &c);
	if (rc != XC_OK)
		return rc;
	if (check) {
		printf("%s: %zu setting%s, no error\n", file, c.n, c.n == 1 ? "" : "s");
		conf_free(&c);
		return XC_OK;
	}
	if (!xc_module_loaded()) {
		conf_free(&c);
		return xc_err_nomodule();
	}
	/* Every arch named must be one the loaded module has, before anything is written. */
	for (size_t i = 0; i < c.n; i++) {
		struct stat st;
		char *dir;

		if (!c.items[i].arch)
			continue;
		dir = xc_sysfs_path(SF_ARCH_DIR, c.items[i].arch->name);
		if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
			xc_err("%s:%u: the loaded module does not provide arch %s (%s): nothing applied", file,
			       c.items[i].line, c.items[i].arch->name, dir);
			free(dir);
			conf_free(&c);
			return XC_INVALID;
		}
		free(dir);
	}
	/* Emulators first, the global switch last; each write saves the old value for the rollback. */
	for (int w = 0; w < C_NWHAT; w++)
		for (size_t i = 0; i < c.n; i++) {
			struct conf_item *it = &c.items[i];

			if ((int)it->what != w)
				continue;
			rc = xc_txn_write(&t, sysfs_key(it->what), it->arch ? it->arch->name : NULL, it->value, true);
			if (rc != XC_OK) {
				/* xc_txn_write has named the file and the cause, and rolled back. */
				xc_err("%s:%u: this setting was refused: nothing applied", file, it->line);
				conf_free(&c);
				xc_txn_free(&t);
				return rc;
			}
		}
	if (xc_opts.verbose)
		printf("%s: %zu setting%s applied\n", file, c.n, c.n == 1 ? "" : "s");
	conf_free(&c);
	xc_txn_free(&t);
	return XC_OK;
}

/* Read one sysfs value for save; NULL after printing the error (rc set). */
static char *save_read(enum xc_sysfs_key key, const char *arch, int *rc)
{
	int e = 0;
	char *v = xc_sysfs_read(key, arch, &e);

	if (!v) {
		char *p = xc_sysfs_path(key, arch);

		if (e == EACCES || e == EPERM) {
			xc_err("%s: permission denied (saving the configuration needs root)", p);
			*rc = XC_PERM;
		} else {
			xc_err("%s: %s", p, strerror(e));
			*rc = XC_SYSERR;
		}
		free(p);
	}
	return v;
}

static int save_bool_line(FILE *f, const char *prefix, enum xc_sysfs_key key, const char *arch)
{
	int rc = XC_OK;
	char *v = save_read(key, arch, &rc);

	if (!v)
		return rc;
	fprintf(f, "%s%s\n", prefix, parse_bool(v) == 1 ? "on" : "off");
	free(v);
	return XC_OK;
}

static int save_path_line(FILE *f, const char *prefix, enum xc_sysfs_key key, const char *arch)
{
	int rc = XC_OK;
	char *v = save_read(key, arch, &rc);

	if (!v)
		return rc;
	fprintf(f, "%s%s\n", prefix, xc_sysfs_unset(v) ? "none" : v);
	free(v);
	return XC_OK;
}

static int save_to(FILE *f)
{
	struct stat st;
	int rc;

	fputs("# binfmt_xarch configuration, written by `xarchctl save`, applied by `xarchctl apply`\n"
	      "# (xarch.service does at boot). One setting per line; see xarchctl(1), CONFIGURATION FILE.\n"
	      "# Per-namespace sysroots are not kept: mount namespaces do not outlive a reboot.\n", f);
	rc = save_bool_line(f, "enabled ", SF_ENABLED, NULL);
	if (rc == XC_OK)
		rc = save_path_line(f, "default-sysroot ", SF_SYSROOT, NULL);
	for (unsigned int i = 0; rc == XC_OK && i < xc_narches; i++) {
		const char *a = xc_arches[i].name;
		char *dir = xc_sysfs_path(SF_ARCH_DIR, a), *prefix;
		bool have = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);

		free(dir);
		if (!have)
			continue;	/* an arch this module version does not have */
		prefix = xc_asprintf("%s emulator ", a);
		rc = save_path_line(f, prefix, SF_ARCH_EMULATOR, a);
		free(prefix);
		prefix = xc_asprintf("%s enabled ", a);
		if (rc == XC_OK)
			rc = save_bool_line(f, prefix, SF_ARCH_ENABLED, a);
		free(prefix);
		prefix = xc_asprintf("%s credentials ", a);
		if (rc == XC_OK)
			rc = save_bool_line(f, prefix, SF_ARCH_CREDENTIALS, a);
		free(prefix);
		/* a module older than per-arch sysroots has no such file: nothing to keep */
		dir = xc_sysfs_path(SF_ARCH_SYSROOT, a);
		have = stat(dir, &st) == 0;
		free(dir);
		prefix = xc_asprintf("%s sysroot ", a);
		if (rc == XC_OK && have)
			rc = save_path_line(f, prefix, SF_ARCH_SYSROOT, a);
		free(prefix);
	}
	return rc;
}

int cmd_save(int argc, char **argv)
{
	const char *file = XC_CONF_DEFAULT;
	char *tmp, *dir, *slash;
	FILE *f;
	int rc, fd;

	if (xc_help_requested(argc, argv)) {
		fputs(save_usage, stdout);
		return XC_OK;
	}
	if (argc > 2) {
		xc_err("save: one FILE at most");
		return XC_USAGE;
	}
	if (argc == 2) {
		if (argv[1][0] == '-' && argv[1][1]) {
			xc_err("save: unknown option %s", argv[1]);
			return XC_USAGE;
		}
		file = argv[1];
	}
	if (!xc_module_loaded())
		return xc_err_nomodule();
	if (!strcmp(file, "-")) {
		rc = save_to(stdout);
		return rc;
	}
	dir = xc_strdup(file);
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		/* Only the default file's directory is made; another FILE's must exist. */
		if (!strcmp(file, XC_CONF_DEFAULT) && mkdir(dir, 0755) < 0 && errno != EEXIST) {
			xc_err("%s: %s", dir, strerror(errno));
			free(dir);
			return errno == EACCES ? XC_PERM : XC_SYSERR;
		}
	}
	free(dir);
	tmp = xc_asprintf("%s.tmp-XXXXXX", file);
	fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;

		xc_err("%s: cannot write beside it: %s", file, strerror(e));
		free(tmp);
		return e == EACCES || e == EROFS ? XC_PERM : XC_SYSERR;
	}
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp);
		free(tmp);
		return XC_SYSERR;
	}
	rc = save_to(f);
	if (rc == XC_OK && (fchmod(fd, 0644) < 0 || fflush(f) != 0 || fsync(fd) < 0)) {
		xc_err("%s: %s", tmp, strerror(errno));
		rc = XC_SYSERR;
	}
	if (fclose(f) != 0 && rc == XC_OK) {
		xc_err("%s: %s", tmp, strerror(errno));
		rc = XC_SYSERR;
	}
	if (rc == XC_OK && rename(tmp, file) < 0) {
		xc_err("%s: %s", file, strerror(errno));
		rc = XC_SYSERR;
	}
	if (rc != XC_OK)
		unlink(tmp);
	else if (xc_opts.verbose)
		printf("saved to %s\n", file);
	free(tmp);
	return rc;
}
