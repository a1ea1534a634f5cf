// SPDX-License-Identifier: GPL-2.0-only
/*
 * Debian's static libelf.a (elfutils >= 0.191) references helpers from elfutils' internal libeu, which no
 * package ships. They are thin tsearch wrappers over a tree whose first member is the root pointer; xarchctl
 * is single-threaded, so no lock is needed. This file goes into an archive linked after -lelf, so it is used
 * only when libelf itself does not provide these symbols.
 */
#include <search.h>
#include <stddef.h>

void eu_search_tree_init(void *tree);
void eu_search_tree_fini(void *tree);
void *eu_tsearch(const void *key, void *tree, int (*cmp)(const void *, const void *));
void *eu_tfind(const void *key, void *tree, int (*cmp)(const void *, const void *));
void *eu_tdelete(const void *key, void *tree, int (*cmp)(const void *, const void *));

void eu_search_tree_init(void *tree)
{
	*(void **)tree = NULL;
}

static void free_nothing(void *node)
{
	(void)node;
}

void eu_search_tree_fini(void *tree)
{
	tdestroy(*(void **)tree, free_nothing);
	*(void **)tree = NULL;
}

void *eu_tsearch(const void *key, void *tree, int (*cmp)(const void *, const void *))
{
	return tsearch(key, (void **)tree, cmp);
}

void *eu_tfind(const void *key, void *tree, int (*cmp)(const void *, const void *))
{
	return tfind(key, (void *const *)tree, cmp);
}

void *eu_tdelete(const void *key, void *tree, int (*cmp)(const void *, const void *))
{
	return tdelete(key, (void **)tree, cmp);
}
