// SPDX-License-Identifier: GPL-2.0-only
/*
 * xlat.c — guest <-> host flag and structure translation (see xlat.h).
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include "guest.h"
#include "xlat.h"

/* The four open flags whose values are the architecture's (guest.open_flags) and x86_64's;
 * every other bit means the same on both. */
#define X86_O_LARGEFILE 0100000
#define H_DIFF_MASK (O_DIRECTORY | O_NOFOLLOW | O_DIRECT | X86_O_LARGEFILE)

int xlat_open_flags_to_host(uint64_t g)
{
	const struct guest_open_flags *o = &guest.open_flags;
	int h = (int)(g & ~(o->directory | o->nofollow | o->direct | o->largefile));
	/* O_TMPFILE is __O_TMPFILE|O_DIRECTORY: its directory bit is translated with the rest. */
	if (g & o->directory)
		h |= O_DIRECTORY;
	if (g & o->nofollow)
		h |= O_NOFOLLOW;
	if (g & o->direct)
		h |= O_DIRECT;
	if (g & o->largefile)
		h |= X86_O_LARGEFILE;
	return h;
}

uint64_t xlat_open_flags_to_guest(int h)
{
	const struct guest_open_flags *o = &guest.open_flags;
	uint64_t g = (uint64_t)(unsigned)(h & ~H_DIFF_MASK);
	if (h & O_DIRECTORY)
		g |= o->directory;
	if (h & O_NOFOLLOW)
		g |= o->nofollow;
	if (h & O_DIRECT)
		g |= o->direct;
	if (h & X86_O_LARGEFILE)
		g |= o->largefile;
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
