// SPDX-License-Identifier: GPL-2.0-only
/*
 * binfmt_xarch configuration: emulators, the default and per-arch sysroots,
 * and the per-mount-namespace sysroots (for every arch or for one).
 *
 * The sysroot passed to an emulator is the first that applies of: the entry
 * of the caller's mount namespace for the program's arch, the entry of that
 * namespace for every arch, the arch's sysroot, the default sysroot.
 *
 * Writers serialise on xarch_config_lock (a mutex: they open files and may
 * sleep).  Exec reads everything under RCU and takes a reference on what it
 * keeps using after rcu_read_unlock().
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/elf.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/magic.h>
#include <linux/mutex.h>
#include <linux/namei.h>
#include <linux/ns_common.h>
#include <linux/path.h>
#include <linux/proc_ns.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "compat.h"
#include "xarch.h"

static DEFINE_MUTEX(xarch_config_lock);

/**
 * struct xarch_nsroot - sysroot for one mount namespace, one arch or all
 * @node:   entry in xarch_nsroots
 * @reap:   entry in a writer's list of removed entries (@node must stay
 *          intact for readers until the grace period ends)
 * @nsfile: the namespace file it was configured with; holding it pins the
 *          namespace, so its identity (and inode number) cannot be reused
 * @ns:     the pinned namespace, compared by address
 * @arch:   the arch it applies to, or NULL for every arch
 * @root:   sysroot, as seen inside that namespace
 */
struct xarch_nsroot {
	struct list_head node;
	struct list_head reap;
	struct file *nsfile;
	struct ns_common *ns;
	const struct xarch_arch *arch;
	char root[XARCH_SYSROOT_MAX + 1];
};

static LIST_HEAD(xarch_nsroots);
static unsigned int xarch_nr_nsroots;
/* The mount namespace operations, learnt from the first namespace file. */
static const struct proc_ns_operations *xarch_mntns_ops;

static struct xarch_sysroot __rcu *xarch_default_sysroot;

/**
 * xarch_emu_get() - take a reference on an arch's emulator
 * @arch: the architecture
 *
 * Return: the emulator, or NULL when none is configured.
 */
struct xarch_emu *xarch_emu_get(struct xarch_arch *arch)
{
	struct xarch_emu *emu;

	rcu_read_lock();
	for (;;) {
		emu = rcu_dereference(arch->emu);
		if (!emu)
			break;
		xarch_test_delay_emu_get();
		if (refcount_inc_not_zero(&emu->ref))
			break;
		/*
		 * The count reached zero: a writer replaced this emulator
		 * and dropped the table's reference after publishing the
		 * new pointer, so reading it again finds the new one (or
		 * NULL).  The old one stays readable until the grace period.
		 */
	}
	rcu_read_unlock();
	return emu;
}

/**
 * xarch_emu_put() - drop a reference on an emulator
 * @emu: the emulator
 *
 * The last reference re-allows writes to the file and closes it.  Called
 * from process context only (exec, sysfs writes, module unload).
 */
void xarch_emu_put(struct xarch_emu *emu)
{
	if (!refcount_dec_and_test(&emu->ref))
		return;
	xarch_allow_write(emu->file);
	fput(emu->file);
	kfree_rcu(emu, rcu);
}

/*
 * Reject relative and over-long paths, and ASCII control characters (a
 * newline would break the listings).  Bytes >= 0x80 are allowed: the
 * kernel's iscntrl() counts 0x80-0x9f as control characters, which would
 * refuse UTF-8 names.
 */
static int xarch_check_path(const char *path, size_t max)
{
	size_t len = strnlen(path, max + 1);
	const unsigned char *p;

	if (len > max)
		return -ENAMETOOLONG;
	if (path[0] != '/')
		return -EINVAL;
	for (p = (const unsigned char *)path; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return -EINVAL;
	return 0;
}

/* Return the file type of an existing path, following symlinks. */
static int xarch_path_mode(const char *name, umode_t *mode)
{
	struct path path;
	int ret;

	ret = kern_path(name, LOOKUP_FOLLOW, &path);
	if (ret)
		return ret;
	*mode = d_inode(path.dentry)->i_mode;
	path_put(&path);
	return 0;
}

/**
 * xarch_check_emulator() - refuse an emulator that could never start
 * @file: the candidate, opened with open_exec()
 * @path: its path, for messages
 *
 * Every exec hands the emulator over to the kernel's ELF loader, so it must
 * be an ELF executable of this machine: a script would find its interpreter
 * missing in chroots, and a foreign or malformed binary would fail every
 * exec without a word.  A dynamically linked emulator is accepted with a
 * warning: it starts only where its libraries are visible.
 *
 * Return: 0, or -ENOEXEC (with a kernel message saying why) or -EIO.
 */
static int xarch_check_emulator(struct file *file, const char *path)
{
	struct elfhdr eh;
	struct elf_phdr ph;
	const char *why = NULL;
	loff_t pos = 0;
	unsigned int i;
	ssize_t n;

	n = kernel_read(file, &eh, sizeof(eh), &pos);
	if (n < 0)
		return n;
	if (n >= 2 && !memcmp(&eh, "#!", 2))
		why = "a #! script";
	else if ((size_t)n < sizeof(eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG))
		why = "not an ELF file";
	else if (eh.e_ident[EI_CLASS] != ELF_CLASS ||
		 eh.e_ident[EI_DATA] != ELF_DATA || eh.e_machine != ELF_ARCH)
		why = "an ELF file for another machine";
	else if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
		why = "not an executable ELF file";
	else if (eh.e_phentsize != sizeof(ph) || !eh.e_phnum)
		why = "an ELF file without valid program headers";
	if (why) {
		pr_warn("emulator %s refused: %s\n", path, why);
		return -ENOEXEC;
	}

	for (i = 0; i < eh.e_phnum && i < 64; i++) {
		pos = eh.e_phoff + (loff_t)i * sizeof(ph);
		n = kernel_read(file, &ph, sizeof(ph), &pos);
		if (n != sizeof(ph)) {
			pr_warn("emulator %s refused: its program headers cannot be read\n",
				path);
			return n < 0 ? n : -ENOEXEC;
		}
		if (ph.p_type == PT_INTERP) {
			pr_warn("emulator %s is dynamically linked: it will not start where its libraries are not visible (chroots, containers)\n",
				path);
			break;
		}
	}
	return 0;
}

/**
 * xarch_set_emulator() - open and install an arch's emulator
 * @arch: the architecture
 * @path: absolute path of the emulator, or "" to remove it
 *
 * The emulator is opened here, with the caller's view of the filesystem,
 * and kept open: execs clone this file, so it need not exist where the
 * guest runs.  On any error the previous emulator stays in place.
 *
 * Return: 0 or a negative errno.
 */
int xarch_set_emulator(struct xarch_arch *arch, const char *path)
{
	struct xarch_emu *emu = NULL, *old;
	struct file *file;
	umode_t mode;
	size_t len;
	int ret;

	if (*path) {
		/* Reads give the path and a newline in one page. */
		ret = xarch_check_path(path, PATH_MAX - 2);
		if (ret)
			return ret;
		ret = xarch_path_mode(path, &mode);
		if (ret)
			return ret;
		if (S_ISDIR(mode))
			return -EISDIR;
		if (!S_ISREG(mode))
			return -EACCES;

		len = strlen(path);
		emu = kmalloc(struct_size(emu, path, len + 1), GFP_KERNEL);
		if (!emu)
			return -ENOMEM;
		/* Checks exec permission and noexec; denies writes. */
		file = open_exec(path);
		if (IS_ERR(file)) {
			kfree(emu);
			return PTR_ERR(file);
		}
		ret = xarch_check_emulator(file, path);
		if (ret) {
			xarch_allow_write(file);
			fput(file);
			kfree(emu);
			return ret;
		}
		refcount_set(&emu->ref, 1);
		emu->file = file;
		memcpy(emu->path, path, len + 1);
	}

	mutex_lock(&xarch_config_lock);
	old = rcu_replace_pointer(arch->emu, emu,
				  lockdep_is_held(&xarch_config_lock));
	mutex_unlock(&xarch_config_lock);
	xarch_config_changed(arch);

	if (old)
		xarch_emu_put(old);
	return 0;
}

/**
 * xarch_config_changed() - a setting that decides dispatch has changed
 * @arch: the architecture, or NULL for all of them
 *
 * The next refusal of each kind is logged again, whatever the rate limit.
 */
void xarch_config_changed(struct xarch_arch *arch)
{
	unsigned int i;

	for (i = 0; i < xarch_nr_arches; i++)
		if (!arch || arch == &xarch_arches[i])
			WRITE_ONCE(xarch_arches[i].warned, 0);
}

/**
 * xarch_show_emulator() - print an arch's emulator path
 * @arch: the architecture
 * @buf:  sysfs buffer
 *
 * Return: bytes written; an empty line when none is configured.
 */
ssize_t xarch_show_emulator(struct xarch_arch *arch, char *buf)
{
	struct xarch_emu *emu = xarch_emu_get(arch);
	ssize_t len;

	len = sysfs_emit(buf, "%s\n", emu ? emu->path : "");
	if (emu)
		xarch_emu_put(emu);
	return len;
}

/**
 * xarch_set_sysroot() - check and install a sysroot
 * @slot: xarch_default_sysroot or an arch's sysroot
 * @path: absolute path of an existing directory, or "" to remove it
 *
 * The directory is looked up in the writer's view, to catch typos; the
 * path is passed as it is and means whatever it names in each guest's view.
 *
 * Return: 0, or -EINVAL (relative path, control characters),
 * -ENAMETOOLONG, -ENOTDIR, the lookup's error, -ENOMEM; the old setting
 * is kept on error.
 */
static int xarch_set_sysroot(struct xarch_sysroot __rcu **slot,
			     const char *path)
{
	struct xarch_sysroot *root = NULL, *old;
	umode_t mode;
	size_t len;
	int ret;

	if (*path) {
		ret = xarch_check_path(path, XARCH_SYSROOT_MAX);
		if (ret)
			return ret;
		ret = xarch_path_mode(path, &mode);
		if (ret)
			return ret;
		if (!S_ISDIR(mode))
			return -ENOTDIR;
		len = strlen(path);
		root = kmalloc(struct_size(root, path, len + 1), GFP_KERNEL);
		if (!root)
			return -ENOMEM;
		memcpy(root->path, path, len + 1);
	}

	mutex_lock(&xarch_config_lock);
	old = rcu_replace_pointer(*slot, root,
				  lockdep_is_held(&xarch_config_lock));
	mutex_unlock(&xarch_config_lock);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

static ssize_t xarch_show_sysroot(struct xarch_sysroot __rcu **slot,
				  char *buf)
{
	struct xarch_sysroot *root;
	ssize_t len;

	rcu_read_lock();
	root = rcu_dereference(*slot);
	len = sysfs_emit(buf, "%s\n", root ? root->path : "");
	rcu_read_unlock();
	return len;
}

/**
 * xarch_set_default_sysroot() - set the sysroot of arches without their own
 * @path: absolute path of an existing directory, or "" to remove it
 *
 * Return: 0 or a negative errno, see xarch_set_sysroot().
 */
int xarch_set_default_sysroot(const char *path)
{
	return xarch_set_sysroot(&xarch_default_sysroot, path);
}

/**
 * xarch_show_default_sysroot() - print the default sysroot
 * @buf: sysfs buffer
 *
 * Return: bytes written; an empty line when none is set.
 */
ssize_t xarch_show_default_sysroot(char *buf)
{
	return xarch_show_sysroot(&xarch_default_sysroot, buf);
}

/**
 * xarch_set_arch_sysroot() - set an arch's sysroot
 * @arch: the architecture
 * @path: absolute path of an existing directory, or "" to fall back to the
 *        default sysroot again
 *
 * Return: 0 or a negative errno, see xarch_set_sysroot().
 */
int xarch_set_arch_sysroot(struct xarch_arch *arch, const char *path)
{
	return xarch_set_sysroot(&arch->sysroot, path);
}

/**
 * xarch_show_arch_sysroot() - print an arch's sysroot
 * @arch: the architecture
 * @buf:  sysfs buffer
 *
 * Return: bytes written; an empty line when none is set.
 */
ssize_t xarch_show_arch_sysroot(struct xarch_arch *arch, char *buf)
{
	return xarch_show_sysroot(&arch->sysroot, buf);
}

/**
 * xarch_arch_has_sysroot() - whether an arch has a sysroot of its own
 * @arch: the architecture
 *
 * Return: true when set (a snapshot).
 */
bool xarch_arch_has_sysroot(struct xarch_arch *arch)
{
	return rcu_access_pointer(arch->sysroot);
}

/**
 * xarch_open_mntns() - open a mount namespace file
 * @name: path of a namespace file, e.g. /proc/<pid>/ns/mnt
 * @nsp:  the namespace, on success
 *
 * Only nsfs files of mount namespaces are accepted; the file system is
 * checked before anything is opened, so naming a FIFO or a device has no
 * side effect.  The nsfs inode keeps a reference on its namespace for as
 * long as the returned file is open.
 *
 * Return: the open file or an ERR_PTR().
 */
static struct file *xarch_open_mntns(const char *name, struct ns_common **nsp)
{
	struct ns_common *ns;
	struct file *file;
	struct path path;
	int ret;

	if (name[0] != '/')
		return ERR_PTR(-EINVAL);
	ret = kern_path(name, LOOKUP_FOLLOW, &path);
	if (ret)
		return ERR_PTR(ret);
	if (path.dentry->d_sb->s_magic != NSFS_MAGIC) {
		path_put(&path);
		return ERR_PTR(-EINVAL);
	}
	file = dentry_open(&path, O_RDONLY, current_cred());
	path_put(&path);
	if (IS_ERR(file))
		return file;
	ns = file_inode(file)->i_private;
	if (!ns || !xarch_ns_is_mnt(ns)) {
		fput(file);
		return ERR_PTR(-EINVAL);
	}
	*nsp = ns;
	return file;
}

static struct xarch_nsroot *xarch_find_nsroot(const struct ns_common *ns,
					      const struct xarch_arch *arch)
{
	struct xarch_nsroot *e;

	list_for_each_entry(e, &xarch_nsroots, node)
		if (e->ns == ns && e->arch == arch)
			return e;
	return NULL;
}

static void xarch_free_nsroot(struct xarch_nsroot *e)
{
	fput(e->nsfile);
	kfree(e);
}

/**
 * xarch_parse_arch() - parse the arch field of an ns_sysroots command
 * @name: an arch name as in xarch_arches[], or "*" for every arch
 * @arch: the arch, or NULL for every arch
 *
 * Return: 0, or -EINVAL for a name that is no supported arch.
 */
static int xarch_parse_arch(const char *name, const struct xarch_arch **arch)
{
	unsigned int i;

	if (!strcmp(name, "*")) {
		*arch = NULL;
		return 0;
	}
	for (i = 0; i < xarch_nr_arches; i++) {
		if (!strcmp(name, xarch_arches[i].name)) {
			*arch = &xarch_arches[i];
			return 0;
		}
	}
	return -EINVAL;
}

/**
 * xarch_parse_ns_id() - parse a namespace id as shown by the listing
 * @s:    "mnt:[N]" or "N"; modified
 * @inum: the namespace inode number N
 *
 * Return: 0 or -EINVAL.
 */
static int xarch_parse_ns_id(char *s, unsigned int *inum)
{
	size_t len = strlen(s);

	if (str_has_prefix(s, "mnt:[") && len > 6 && s[len - 1] == ']') {
		s[len - 1] = '\0';
		s += 5;
	}
	return kstrtouint(s, 10, inum) ? -EINVAL : 0;
}

/**
 * xarch_ns_sysroot_del() - remove a namespace's entries
 * @spec: a namespace file path, or an id as shown by the listing, then
 *        optionally a space and an arch name or "*"; modified
 *
 * Without an arch every entry of the namespace goes; with one, only the
 * entry for that arch ("*": the one for every arch).  The entries'
 * namespace files are closed after a grace period, which may free the
 * namespace.
 *
 * Return: 0, -ENOENT when no entry matches, or another errno (-EINVAL
 * for an unknown arch or a malformed id); nothing changes on error.
 */
static int xarch_ns_sysroot_del(char *spec)
{
	const struct xarch_arch *arch = NULL;
	struct xarch_nsroot *e, *tmp;
	bool every_entry = true;
	struct ns_common *ns;
	struct file *file;
	unsigned int inum;
	LIST_HEAD(reap);
	char *name;
	int ret;

	name = strchr(spec, ' ');
	if (name) {
		*name++ = '\0';
		ret = xarch_parse_arch(name, &arch);
		if (ret)
			return ret;
		every_entry = false;
	}

	if (spec[0] == '/') {
		if (strlen(spec) >= PATH_MAX)
			return -ENAMETOOLONG;
		file = xarch_open_mntns(spec, &ns);
		if (IS_ERR(file))
			return PTR_ERR(file);
		inum = ns->inum;
		fput(file);
	} else {
		ret = xarch_parse_ns_id(spec, &inum);
		if (ret)
			return -EINVAL;
	}

	/*
	 * The inode number identifies the namespace: every entry pins its
	 * namespace, so no other live namespace has that number.
	 */
	mutex_lock(&xarch_config_lock);
	list_for_each_entry_safe(e, tmp, &xarch_nsroots, node) {
		if (e->ns->inum != inum || (!every_entry && e->arch != arch))
			continue;
		list_del_rcu(&e->node);
		list_add_tail(&e->reap, &reap);
		WRITE_ONCE(xarch_nr_nsroots, xarch_nr_nsroots - 1);
	}
	mutex_unlock(&xarch_config_lock);
	if (list_empty(&reap))
		return -ENOENT;

	synchronize_rcu();
	list_for_each_entry_safe(e, tmp, &reap, reap)
		xarch_free_nsroot(e);
	return 0;
}

/**
 * xarch_ns_sysroot_add() - add or replace a namespace's entry for an arch
 * @nsname: path of the mount namespace file
 * @arch:   the arch, or NULL for every arch
 * @root:   the sysroot, a path inside that namespace
 *
 * An entry for the same namespace and arch is replaced, in place: the
 * count does not change, so a replacement succeeds even when the table is
 * full.
 *
 * Return: 0, -ENOSPC when XARCH_NS_MAX entries exist, or another errno;
 * on error the entries are unchanged.
 */
static int xarch_ns_sysroot_add(const char *nsname,
				const struct xarch_arch *arch,
				const char *root)
{
	struct xarch_nsroot *e, *old;
	struct ns_common *ns;
	int ret;

	ret = xarch_check_path(root, XARCH_SYSROOT_MAX);
	if (ret)
		return ret;

	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	strscpy(e->root, root, sizeof(e->root));
	e->arch = arch;
	e->nsfile = xarch_open_mntns(nsname, &ns);
	if (IS_ERR(e->nsfile)) {
		ret = PTR_ERR(e->nsfile);
		goto free_entry;
	}
	e->ns = ns;

	mutex_lock(&xarch_config_lock);
	old = xarch_find_nsroot(ns, arch);
	if (!old && xarch_nr_nsroots >= XARCH_NS_MAX) {
		mutex_unlock(&xarch_config_lock);
		ret = -ENOSPC;
		goto put_nsfile;
	}
	if (!xarch_mntns_ops)
		WRITE_ONCE(xarch_mntns_ops, ns->ops);
	if (old) {
		list_replace_rcu(&old->node, &e->node);
	} else {
		list_add_tail_rcu(&e->node, &xarch_nsroots);
		WRITE_ONCE(xarch_nr_nsroots, xarch_nr_nsroots + 1);
	}
	mutex_unlock(&xarch_config_lock);

	if (old) {
		synchronize_rcu();
		xarch_free_nsroot(old);
	}
	return 0;

put_nsfile:
	fput(e->nsfile);
free_entry:
	kfree(e);
	return ret;
}

/**
 * xarch_ns_sysroot_write() - handle a write to ns_sysroots
 * @cmd: one command, trailing newline removed; modified in place
 *
 * "<nsfile> <sysroot>" adds or replaces the entry of the mount namespace
 * of <nsfile> for every arch, "<nsfile> <arch> <sysroot>" the one for
 * <arch> only (an arch name never begins with '/', a sysroot always does;
 * "*" names every arch).  "-<ns>" removes every entry of a namespace,
 * "-<ns> <arch>" one, where <ns> is a namespace file, "mnt:[N]" or "N".
 *
 * Return: 0 or a negative errno.
 */
int xarch_ns_sysroot_write(char *cmd)
{
	const struct xarch_arch *arch = NULL;
	char *rest, *root;
	int ret;

	if (cmd[0] == '-')
		return xarch_ns_sysroot_del(cmd + 1);

	rest = strchr(cmd, ' ');
	if (!rest)
		return -EINVAL;
	*rest++ = '\0';
	if (strlen(cmd) >= PATH_MAX)
		return -ENAMETOOLONG;
	root = rest;
	if (rest[0] != '/') {
		/* An arch, then the sysroot; else a relative sysroot. */
		root = strchr(rest, ' ');
		if (!root)
			return -EINVAL;
		*root++ = '\0';
		ret = xarch_parse_arch(rest, &arch);
		if (ret)
			return ret;
	}
	return xarch_ns_sysroot_add(cmd, arch, root);
}

/**
 * xarch_ns_sysroot_show() - list the per-namespace sysroots
 * @buf: sysfs buffer
 *
 * Return: bytes written, one "mnt:[N] <sysroot>" line per entry for every
 * arch and one "mnt:[N] <arch> <sysroot>" line per entry for one arch, in
 * the order they were added.
 */
ssize_t xarch_ns_sysroot_show(char *buf)
{
	struct xarch_nsroot *e;
	ssize_t len = 0;

	mutex_lock(&xarch_config_lock);
	list_for_each_entry(e, &xarch_nsroots, node) {
		if (e->arch)
			len += sysfs_emit_at(buf, len, "mnt:[%u] %s %s\n",
					     e->ns->inum, e->arch->name,
					     e->root);
		else
			len += sysfs_emit_at(buf, len, "mnt:[%u] %s\n",
					     e->ns->inum, e->root);
	}
	mutex_unlock(&xarch_config_lock);
	return len;
}

/**
 * xarch_ns_sysroot_count() - number of per-namespace entries
 *
 * Return: the count.
 */
unsigned int xarch_ns_sysroot_count(void)
{
	return READ_ONCE(xarch_nr_nsroots);
}

/**
 * xarch_current_sysroot() - sysroot that applies to the current task
 * @arch: the arch of the program being executed
 * @buf:  receives the path
 * @size: size of @buf, at least XARCH_SYSROOT_MAX + 1
 *
 * The first that is set wins: the current mount namespace's entry for
 * @arch, its entry for every arch, @arch's sysroot, the default sysroot.
 *
 * Return: true when a sysroot applies.
 */
bool xarch_current_sysroot(const struct xarch_arch *arch, char *buf,
			   size_t size)
{
	const struct proc_ns_operations *ops = READ_ONCE(xarch_mntns_ops);
	struct ns_common *ns = NULL;
	struct xarch_sysroot *root;
	struct xarch_nsroot *e;
	const char *found = NULL;

	/* Takes task_lock(), must not be called under RCU. */
	if (ops && READ_ONCE(xarch_nr_nsroots))
		ns = ops->get(current);

	rcu_read_lock();
	if (ns) {
		list_for_each_entry_rcu(e, &xarch_nsroots, node) {
			if (e->ns != ns)
				continue;
			if (e->arch == arch) {
				found = e->root;
				break;
			}
			if (!e->arch)
				found = e->root;
		}
	}
	if (!found) {
		root = rcu_dereference(arch->sysroot);
		if (!root)
			root = rcu_dereference(xarch_default_sysroot);
		if (root)
			found = root->path;
	}
	if (found)
		strscpy(buf, found, size);
	rcu_read_unlock();

	/* Not the last reference: current still uses this namespace. */
	if (ns)
		ops->put(ns);
	return found;
}

/**
 * xarch_config_release() - drop every configured object at module unload
 *
 * Called once the binfmt is unregistered and sysfs is gone, so nothing else
 * can reach the configuration any more.
 */
void xarch_config_release(void)
{
	struct xarch_nsroot *e, *tmp;
	struct xarch_sysroot *root;
	struct xarch_emu *emu;
	unsigned int i;

	mutex_lock(&xarch_config_lock);
	for (i = 0; i < xarch_nr_arches; i++) {
		emu = rcu_replace_pointer(xarch_arches[i].emu, NULL,
					  lockdep_is_held(&xarch_config_lock));
		if (emu)
			xarch_emu_put(emu);
		root = rcu_replace_pointer(xarch_arches[i].sysroot, NULL,
					   lockdep_is_held(&xarch_config_lock));
		if (root)
			kfree_rcu(root, rcu);
	}
	root = rcu_replace_pointer(xarch_default_sysroot, NULL,
				   lockdep_is_held(&xarch_config_lock));
	list_for_each_entry_safe(e, tmp, &xarch_nsroots, node) {
		list_del(&e->node);
		xarch_free_nsroot(e);
	}
	WRITE_ONCE(xarch_nr_nsroots, 0);
	mutex_unlock(&xarch_config_lock);

	synchronize_rcu();
	kfree(root);
}
