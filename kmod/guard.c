// SPDX-License-Identifier: GPL-2.0-only
/*
 * binfmt_xarch: a running foreign program is write-protected, like a native
 * one.
 *
 * Writing to the file of a running native program fails with ETXTBSY: the
 * kernel denies writes to the file behind the process's mm->exe_file.  For
 * a foreign program that file is the emulator; the guest is only the open
 * file the emulator was handed (AT_EXECFD), which the kernel makes writable
 * again once the exec is done.  So the module denies writes to the guest
 * file itself, for as long as the address space of the new process lives:
 * an MMU notifier registered on that mm has its release callback run when
 * the mm is torn down (exit, the next exec, or a failure later in this
 * exec), and that allows writes again.  Only its release callback is set,
 * so it costs nothing on page table updates beyond a list walk.
 *
 * As for native programs, a fork() child that outlives its parent keeps
 * running the file without protecting it (the kernel shares exe_file with
 * the child; the notifier is not inherited).  Unloading the module lifts the
 * protection of foreign programs still running.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/binfmts.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/mm_types.h>
#include <linux/mmu_notifier.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "compat.h"
#include "xarch.h"

#if IS_ENABLED(CONFIG_MMU_NOTIFIER)

/**
 * struct xarch_guard - the write denial of one running foreign program
 * @mn:       notifier on the process's mm
 * @file:     the guest file, write-denied until released
 * @node:     entry in xarch_guards while not released
 */
struct xarch_guard {
	struct mmu_notifier mn;
	struct file *file;
	struct list_head node;
};

/* Guards not yet released; taken in the mm release path and at unload. */
static DEFINE_SPINLOCK(xarch_guards_lock);
static LIST_HEAD(xarch_guards);

/* Undo the denial and let the notifier go; @g is off the list already. */
static void xarch_guard_drop(struct xarch_guard *g)
{
	xarch_allow_write(g->file);
	fput(g->file);
	mmu_notifier_put(&g->mn);
}

/* Take @g off the list; false when someone else already did. */
static bool xarch_guard_claim(struct xarch_guard *g)
{
	bool mine;

	spin_lock(&xarch_guards_lock);
	mine = !list_empty(&g->node);
	list_del_init(&g->node);
	spin_unlock(&xarch_guards_lock);
	return mine;
}

static void xarch_guard_mm_release(struct mmu_notifier *mn,
				   struct mm_struct *mm)
{
	struct xarch_guard *g = container_of(mn, struct xarch_guard, mn);

	if (g->file && xarch_guard_claim(g))
		xarch_guard_drop(g);
}

static struct mmu_notifier *xarch_guard_alloc(struct mm_struct *mm)
{
	struct xarch_guard *g = kzalloc(sizeof(*g), GFP_KERNEL);

	if (!g)
		return ERR_PTR(-ENOMEM);
	INIT_LIST_HEAD(&g->node);
	return &g->mn;
}

static void xarch_guard_free(struct mmu_notifier *mn)
{
	kfree(container_of(mn, struct xarch_guard, mn));
}

static const struct mmu_notifier_ops xarch_guard_ops = {
	.release = xarch_guard_mm_release,
	.alloc_notifier = xarch_guard_alloc,
	.free_notifier = xarch_guard_free,
};

/**
 * xarch_guard_running() - write-protect the guest while it runs
 * @bprm: an exec that the module has taken, bprm->file the guest
 *
 * Best effort: when memory is short the program still runs, unprotected.
 */
void xarch_guard_running(struct linux_binprm *bprm)
{
	struct mmu_notifier *mn;
	struct xarch_guard *g;

	if (xarch_deny_write(bprm->file))
		return;
	mn = mmu_notifier_get(&xarch_guard_ops, bprm->mm);
	if (IS_ERR(mn)) {
		xarch_allow_write(bprm->file);
		return;
	}
	g = container_of(mn, struct xarch_guard, mn);
	if (g->file) {
		/* This mm is guarded already (cannot happen: one exec each). */
		mmu_notifier_put(mn);
		xarch_allow_write(bprm->file);
		return;
	}
	g->file = get_file(bprm->file);
	spin_lock(&xarch_guards_lock);
	list_add(&g->node, &xarch_guards);
	spin_unlock(&xarch_guards_lock);
}

/**
 * xarch_guard_release_all() - lift every protection, at module unload
 *
 * Called once no exec can reach the module any more.  Waits until no
 * notifier callback of ours can run.
 */
void xarch_guard_release_all(void)
{
	struct xarch_guard *g;

	spin_lock(&xarch_guards_lock);
	while (!list_empty(&xarch_guards)) {
		g = list_first_entry(&xarch_guards, struct xarch_guard, node);
		list_del_init(&g->node);
		spin_unlock(&xarch_guards_lock);
		xarch_guard_drop(g);
		spin_lock(&xarch_guards_lock);
	}
	spin_unlock(&xarch_guards_lock);
	mmu_notifier_synchronize();
}

#else /* !CONFIG_MMU_NOTIFIER */

void xarch_guard_running(struct linux_binprm *bprm)
{
}

void xarch_guard_release_all(void)
{
}

#endif
