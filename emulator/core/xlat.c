// SPDX-License-Identifier: GPL-2.0-only
/*
 * xlat.c — guest <-> host flag and structure translation (see xlat.h).
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include "xlat.h"

/* The four open flags whose values differ; every other bit means the same on both. */
static const struct {
	uint64_t g;
	int h;
} open_diff[] = {
	{ G_O_DIRECTORY, O_DIRECTORY },
	{ G_O_NOFOLLOW, O_NOFOLLOW },
	{ G_O_DIRECT, O_DIRECT },
	{ G_O_LARGEFILE, 0100000 /* x86_64 O_LARGEFILE */ },
};
#define G_DIFF_MASK (G_O_DIRECTORY | G_O_NOFOLLOW | G_O_DIRECT | G_O_LARGEFILE)
#define H_DIFF_MASK (O_DIRECTORY | O_NOFOLLOW | O_DIRECT | 0100000)

int xlat_open_flags_to_host(uint64_t g)
{
	int h = (int)(g & ~(uint64_t)G_DIFF_MASK);
	/* O_TMPFILE is __O_TMPFILE|O_DIRECTORY: its directory bit is translated with the rest. */
	for (size_t i = 0; i < sizeof(open_diff) / sizeof(open_diff[0]); i++)
		if (g & open_diff[i].g)
			h |= open_diff[i].h;
	return h;
}

uint64_t xlat_open_flags_to_guest(int h)
{
	uint64_t g = (uint64_t)(unsigned)(h & ~H_DIFF_MASK);
	for (size_t i = 0; i < sizeof(open_diff) / sizeof(open_diff[0]); i++)
		if (h & open_diff[i].h)
			g |= open_diff[i].g;
	return g;
}

void xlat_stat_to_guest(const struct stat *h, struct gabi_stat *g)
{
	memset(g, 0, sizeof(*g));
	g->st_dev = h->st_dev;
	g->st_ino = h->st_ino;
	g->st_mode = h->st_mode;
	g->st_nlink = (uint32_t)h->st_nlink;
	g->st_uid = h->st_uid;
	g->st_gid = h->st_gid;
	g->st_rdev = h->st_rdev;
	g->st_size = h->st_size;
	g->st_blksize = (int32_t)h->st_blksize;
	g->st_blocks = h->st_blocks;
	g->st_atime_sec = h->st_atim.tv_sec;
	g->st_atime_nsec = (uint64_t)h->st_atim.tv_nsec;
	g->st_mtime_sec = h->st_mtim.tv_sec;
	g->st_mtime_nsec = (uint64_t)h->st_mtim.tv_nsec;
	g->st_ctime_sec = h->st_ctim.tv_sec;
	g->st_ctime_nsec = (uint64_t)h->st_ctim.tv_nsec;
}

int xlat_prot_to_host(uint64_t g)
{
	/* BTI/MTE have no meaning here; guest-executable memory must be readable by the CPU. */
	int h = (int)(g & (PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP));
	if (h & PROT_EXEC)
		h |= PROT_READ;
	return h;
}
