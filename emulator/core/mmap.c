// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmap.c — the guest's memory: which host ranges belong to the guest (so that guest
 * MAP_FIXED/munmap never touch the emulator's own memory, and /proc/self/maps shows only the
 * guest), mmap/munmap/mprotect/mremap/brk and decoded-code invalidation.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "secure.h"
#include "syscall.h"
#include "xlat.h"

/*
 * The guest's address space ends at guest.addr_top: 2^47 for a 64-bit guest, whose mappings the
 * host kernel places (it never goes higher), 4 GiB (less the vectors page) for a 32-bit one.
 * A 32-bit guest must never get or see an address of 4 GiB or more, and the emulator's own
 * memory (malloc, thread stacks, the JIT buffer) must never land below 4 GiB where the guest
 * could map over it. So for such a guest the low 4 GiB are reserved at start-up (mmap_init():
 * one PROT_NONE, MAP_NORESERVE mapping, which keeps the host kernel's own choices above it), and
 * this file places every guest mapping itself inside the reservation: a guest mapping replaces
 * reserved pages (MAP_FIXED), munmap gives them back to the reservation instead of to the host.
 * space_lock serialises choosing a free range with mapping it.
 */
#define GUEST_TOP (guest.addr_top)
#define LOW_LIMIT (1ull << 32)	/* the reservation's end */

static int low_space;		/* the guest's space is the reservation below 4 GiB */
static uint64_t low_start;	/* its first page (vm.mmap_min_addr) */
static uint64_t mmap_base;	/* top-down placement starts below this (under the stack) */
static pthread_mutex_t space_lock = PTHREAD_MUTEX_INITIALIZER;

struct vma {
	uint64_t start, end;
	int prot;
	int is_stack;
	const char *name;	/* a special mapping's name in /proc/self/maps ("[vectors]"), or NULL */
};

static struct vma *vmas;
static size_t nvma, capvma;
static pthread_mutex_t vma_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t brk_lock = PTHREAD_MUTEX_INITIALIZER;

/* fork() from a multi-threaded guest must not leave these locked in the child. */
static void fork_prepare(void)
{
	pthread_mutex_lock(&brk_lock);
	pthread_mutex_lock(&space_lock);
	pthread_mutex_lock(&vma_lock);
}
static void fork_release(void)
{
	pthread_mutex_unlock(&vma_lock);
	pthread_mutex_unlock(&space_lock);
	pthread_mutex_unlock(&brk_lock);
}
void mmap_fork_locks(int take)
{
	if (take)
		fork_prepare();
	else
		fork_release();
}

__attribute__((constructor)) static void mmap_atfork(void)
{
	pthread_atfork(fork_prepare, fork_release, fork_release);
}

/* Remove [s, e) from the set, splitting entries; lock held. */
static void forget_locked(uint64_t s, uint64_t e)
{
	for (size_t i = 0; i < nvma;) {
		struct vma *v = &vmas[i];
		if (v->end <= s || v->start >= e) {
			i++;
			continue;
		}
		if (v->start < s && v->end > e) {	/* split in two */
			if (nvma == capvma) {
				size_t nc = capvma ? capvma * 2 : 64;
				struct vma *nv = realloc(vmas, nc * sizeof(*nv));
				if (!nv)
					return;
				vmas = nv;
				capvma = nc;
				v = &vmas[i];
			}
			memmove(&vmas[i + 2], &vmas[i + 1], (nvma - i - 1) * sizeof(*v));
			vmas[i + 1] = *v;
			vmas[i + 1].start = e;
			v->end = s;
			nvma++;
			return;
		}
		if (v->start < s) {
			v->end = s;
			i++;
		} else if (v->end > e) {
			v->start = e;
			i++;
		} else {
			memmove(v, v + 1, (nvma - i - 1) * sizeof(*v));
			nvma--;
		}
	}
}

static void note(uint64_t addr, uint64_t len, int prot, int is_stack, const char *name);

void mmap_note(uint64_t addr, uint64_t len, int prot, int is_stack)
{
	note(addr, len, prot, is_stack, NULL);
}

static void note(uint64_t addr, uint64_t len, int prot, int is_stack, const char *name)
{
	uint64_t s = PAGE_DOWN(addr), e = PAGE_UP(addr + len);
	pthread_mutex_lock(&vma_lock);
	forget_locked(s, e);
	if (nvma == capvma) {
		size_t nc = capvma ? capvma * 2 : 64;
		struct vma *nv = realloc(vmas, nc * sizeof(*nv));
		if (!nv) {
			pthread_mutex_unlock(&vma_lock);
			return;
		}
		vmas = nv;
		capvma = nc;
	}
	size_t i = 0;
	while (i < nvma && vmas[i].start < s)
		i++;
	memmove(&vmas[i + 1], &vmas[i], (nvma - i) * sizeof(*vmas));
	vmas[i] = (struct vma){ s, e, prot, is_stack, name };
	nvma++;
	pthread_mutex_unlock(&vma_lock);
}

void mmap_forget(uint64_t addr, uint64_t len)
{
	pthread_mutex_lock(&vma_lock);
	forget_locked(PAGE_DOWN(addr), PAGE_UP(addr + len));
	pthread_mutex_unlock(&vma_lock);
}

/* Is all of [addr, addr+len) guest memory? */
int mmap_is_guest(uint64_t addr, uint64_t len)
{
	uint64_t s = PAGE_DOWN(addr), e = PAGE_UP(addr + len);
	pthread_mutex_lock(&vma_lock);
	for (size_t i = 0; i < nvma && s < e; i++)
		if (vmas[i].start <= s && vmas[i].end > s)
			s = vmas[i].end;
	pthread_mutex_unlock(&vma_lock);
	return s >= e;
}

/* Does [s, e) overlap guest memory? vma_lock held. */
static int overlaps_locked(uint64_t s, uint64_t e)
{
	for (size_t i = 0; i < nvma && vmas[i].start < e; i++)
		if (vmas[i].end > s)
			return 1;
	return 0;
}

static int overlaps(uint64_t s, uint64_t e)
{
	pthread_mutex_lock(&vma_lock);
	int r = overlaps_locked(s, e);
	pthread_mutex_unlock(&vma_lock);
	return r;
}

/*
 * The reserved 32-bit space: a free range of len bytes (a page multiple) for a mapping without
 * MAP_FIXED, as Linux chooses one: the hint when it is free, else the highest free range below
 * mmap_base (under the stack), else the highest anywhere. 0 when nothing fits. space_lock held.
 */
static uint64_t find_free(uint64_t hint, uint64_t len)
{
	uint64_t r = 0;
	pthread_mutex_lock(&vma_lock);
	if (hint >= low_start && hint + len > hint && hint + len <= GUEST_TOP && !overlaps_locked(hint, hint + len))
		r = hint;
	for (int pass = 0; !r && pass < 2; pass++) {
		uint64_t upper = pass == 0 ? mmap_base : GUEST_TOP;
		for (size_t i = nvma; i-- > 0;) {
			if (vmas[i].start >= upper)
				continue;
			uint64_t lo = vmas[i].end > low_start ? vmas[i].end : low_start;
			if (vmas[i].end < upper && upper >= lo && upper - lo >= len) {
				r = upper - len;
				break;
			}
			upper = vmas[i].start;
		}
		if (!r && upper > low_start && upper - low_start >= len)
			r = upper - len;
	}
	pthread_mutex_unlock(&vma_lock);
	return r;
}

/* Map over reserved pages of the 32-bit space (the mapping replaces them). */
static long low_map(uint64_t addr, uint64_t len, int hprot, int flags, int fd, uint64_t off)
{
	return HS6(SYS_mmap, addr, len, hprot, (flags & ~MAP_FIXED_NOREPLACE) | MAP_FIXED, fd, off);
}

/* Give pages of the 32-bit space back to the reservation (never to the host). */
static long low_unmap(uint64_t addr, uint64_t len)
{
	return HS6(SYS_mmap, addr, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
}

int mmap_low_space(void)
{
	return low_space;
}

void mmap_init(uint64_t stack_reserve)
{
	if (GUEST_TOP > LOW_LIMIT)
		return;	/* a 64-bit guest: the host kernel places its mappings */
	low_start = 65536;
	FILE *f = fopen("/proc/sys/vm/mmap_min_addr", "re");
	if (f) {
		unsigned long long v;
		if (fscanf(f, "%llu", &v) == 1 && v > low_start && v < (1ull << 30))
			low_start = PAGE_UP(v);
		fclose(f);
	}
	/* Nothing of ours may be there already: the guest could map over it. */
	f = fopen("/proc/self/maps", "re");
	if (f) {
		char line[512];
		while (fgets(line, sizeof(line), f)) {
			unsigned long long s, e;
			if (sscanf(line, "%llx-%llx", &s, &e) == 2 && s < LOW_LIMIT)
				die("the emulator's own memory is below 4 GiB (%.*s), where a 32-bit guest lives",
				    (int)strcspn(line, "\n"), line);
		}
		fclose(f);
	}
	void *r = mmap((void *)(uintptr_t)low_start, LOW_LIMIT - low_start, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (r != (void *)(uintptr_t)low_start)
		die("cannot reserve the 32-bit guest address space below 4 GiB: %s",
		    r == MAP_FAILED ? strerror(errno) : "address taken");
	low_space = 1;
	/* Linux: mmap_base = TASK_SIZE - max(stack rlimit + guard gap, 128 MiB) */
	uint64_t gap = stack_reserve > (128ull << 20) ? stack_reserve : (128ull << 20);
	mmap_base = PAGE_DOWN(GUEST_TOP - gap);
}

uint64_t mmap_place(uint64_t hint, uint64_t len, long *err)
{
	len = PAGE_UP(len);
	if (!low_space) {
		void *r = mmap((void *)(uintptr_t)hint, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (r == MAP_FAILED) {
			*err = -errno;
			return 0;
		}
		if ((uint64_t)(uintptr_t)r + len > GUEST_TOP) {
			munmap(r, len);
			*err = -ENOMEM;
			return 0;
		}
		*err = 0;
		return (uint64_t)(uintptr_t)r;
	}
	pthread_mutex_lock(&space_lock);
	uint64_t at = find_free(hint, len);
	pthread_mutex_unlock(&space_lock);
	*err = at ? 0 : -ENOMEM;
	return at;
}

uint64_t mmap_special(uint64_t addr, const void *data, size_t len, int gprot, const char *name)
{
	uint64_t plen = PAGE_UP(len);
	long r;
	if (low_space)
		pthread_mutex_lock(&space_lock);
	if (!addr && low_space) {
		addr = find_free(0, plen);
		r = addr ? low_map(addr, plen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) : -ENOMEM;
	} else if (low_space) {
		r = overlaps(addr, addr + plen) ? -EEXIST
						: low_map(addr, plen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	} else {
		r = HS6(SYS_mmap, addr, plen, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | (addr ? MAP_FIXED_NOREPLACE : 0), -1, 0);
	}
	if (r >= 0 || r < -4096) {
		addr = (uint64_t)r;
		memcpy((void *)(uintptr_t)addr, data, len);
		/* the guest CPU reads code, the host never executes it; nobody writes it */
		HS3(SYS_mprotect, addr, plen, PROT_READ);
		note(addr, plen, gprot, 0, name);
	}
	if (low_space)
		pthread_mutex_unlock(&space_lock);
	return r < 0 && r > -4096 ? 0 : addr;
}

long mmap_fixed_new(uint64_t addr, uint64_t len, int hprot, int flags, int fd, uint64_t off)
{
	if (addr + len > GUEST_TOP || addr + len < addr)
		return -ENOMEM;
	if (!low_space)
		return HS6(SYS_mmap, addr, len, hprot, (flags & ~MAP_FIXED) | MAP_FIXED_NOREPLACE, fd, off);
	if (addr < low_start)
		return -EPERM;
	if (overlaps(PAGE_DOWN(addr), PAGE_UP(addr + len)))
		return -EEXIST;
	return low_map(addr, len, hprot, flags, fd, off);
}

/* mmap in the reserved 32-bit space (mmap_guest); space_lock taken here. */
static uint64_t mmap_low(uint64_t addr, uint64_t len, int gprot, int hprot, int flags, int fd, uint64_t off,
			 long *err)
{
	uint64_t plen = PAGE_UP(len), at;
	long r;
	if (plen < len || plen > GUEST_TOP - low_start) {
		*err = -ENOMEM;
		return 0;
	}
	pthread_mutex_lock(&space_lock);
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		r = 0;
		if (addr & (PAGE_SIZE_G - 1))
			r = -EINVAL;
		else if (addr + plen > GUEST_TOP)
			r = -ENOMEM;	/* as Linux: beyond TASK_SIZE */
		else if (addr < low_start)
			r = -EPERM;	/* below vm.mmap_min_addr */
		else if ((flags & MAP_FIXED_NOREPLACE) && overlaps(addr, addr + plen))
			r = -EEXIST;
		if (r) {
			pthread_mutex_unlock(&space_lock);
			*err = r;
			return 0;
		}
		at = addr;
	} else if (!(at = find_free(PAGE_DOWN(addr), plen))) {
		pthread_mutex_unlock(&space_lock);
		*err = -ENOMEM;
		return 0;
	}
	r = low_map(at, len, hprot, flags, fd, off);
	if (r < 0 && r > -4096) {
		/* a failed mapping may have removed what was there: keep the hole reserved */
		if (!overlaps(at, at + plen))
			low_unmap(at, plen);
		pthread_mutex_unlock(&space_lock);
		*err = r;
		return 0;
	}
	cpu_invalidate(at, len);
	mmap_note(at, len, gprot, 0);
	pthread_mutex_unlock(&space_lock);
	*err = 0;
	return at;
}

static void set_prot(uint64_t s, uint64_t e, int prot)
{
	pthread_mutex_lock(&vma_lock);
	struct vma pieces[64];
	size_t np = 0;
	for (size_t i = 0; i < nvma && np < 64; i++) {
		struct vma *v = &vmas[i];
		uint64_t a = v->start > s ? v->start : s, b = v->end < e ? v->end : e;
		if (a < b)
			pieces[np++] = (struct vma){ a, b, prot, v->is_stack, v->name };
	}
	pthread_mutex_unlock(&vma_lock);
	for (size_t i = 0; i < np; i++)
		note(pieces[i].start, pieces[i].end - pieces[i].start, prot, pieces[i].is_stack, pieces[i].name);
}

/*
 * [s, e) is partly guest memory: take every hole that is free on the host (MAP_FIXED_NOREPLACE
 * succeeds). Returns 1 when all holes were free (the caller's MAP_FIXED then replaces what we
 * took), 0 when some hole holds emulator memory (everything taken is given back).
 */
static int claim_holes(uint64_t s, uint64_t e)
{
	uint64_t holes[64][2];
	int nh = 0, ok = 1;
	pthread_mutex_lock(&vma_lock);
	uint64_t at = s;
	for (size_t i = 0; i < nvma && at < e; i++) {
		if (vmas[i].end <= at)
			continue;
		if (vmas[i].start >= e)
			break;
		if (vmas[i].start > at) {
			if (nh == 64) {
				ok = 0;
				break;
			}
			holes[nh][0] = at;
			holes[nh++][1] = vmas[i].start;
		}
		at = vmas[i].end;
	}
	if (ok && at < e) {
		if (nh == 64)
			ok = 0;
		else {
			holes[nh][0] = at;
			holes[nh++][1] = e;
		}
	}
	pthread_mutex_unlock(&vma_lock);
	int taken = 0;
	for (; ok && taken < nh; taken++) {
		long r = HS6(SYS_mmap, holes[taken][0], holes[taken][1] - holes[taken][0], PROT_NONE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (r != (long)holes[taken][0]) {
			if (r >= 0 || r < -4096)
				HS2(SYS_munmap, r, holes[taken][1] - holes[taken][0]);
			ok = 0;
			break;
		}
	}
	if (!ok)
		for (int i = 0; i < taken; i++)
			HS2(SYS_munmap, holes[i][0], holes[i][1] - holes[i][0]);
	return ok;
}

uint64_t mmap_guest(uint64_t addr, uint64_t len, int gprot, int flags, int fd, uint64_t off, long *err)
{
	int hprot = xlat_prot_to_host((uint64_t)gprot);
	flags &= ~0x40;	/* MAP_32BIT is x86-only; 0x40 means nothing on arm64 */
	if (!len) {
		*err = -EINVAL;
		return 0;
	}
	if (low_space)
		return mmap_low(addr, len, gprot, hprot, flags, fd, off, err);
	if ((flags & MAP_FIXED) && !(flags & MAP_FIXED_NOREPLACE)) {
		if (addr & (PAGE_SIZE_G - 1) || addr + len > GUEST_TOP || addr + len < addr) {
			*err = -EINVAL;
			return 0;
		}
		/* Only replace what the guest owns; free space is taken with NOREPLACE. */
		long r = HS6(SYS_mmap, addr, len, hprot, (flags & ~MAP_FIXED) | MAP_FIXED_NOREPLACE, fd, off);
		if (r == -EEXIST) {
			if (!mmap_is_guest(addr, len) && !claim_holes(addr, addr + PAGE_UP(len))) {
				if (proc.debug)
					fprintf(stderr, "%s: guest MAP_FIXED at 0x%llx+0x%llx would replace "
						"emulator memory: ENOMEM\n", guest.emu_name, (unsigned long long)addr, (unsigned long long)len);
				*err = -ENOMEM;
				return 0;
			}
			r = HS6(SYS_mmap, addr, len, hprot, flags, fd, off);
		}
		if (r < 0 && r > -4096) {
			*err = r;
			return 0;
		}
		cpu_invalidate(addr, len);
		mmap_note(addr, len, gprot, 0);
		*err = 0;
		return (uint64_t)r;
	}
	long r = HS6(SYS_mmap, addr, len, hprot, flags, fd, off);
	if (r < 0 && r > -4096) {
		*err = r;
		return 0;
	}
	if ((uint64_t)r + len > GUEST_TOP) {	/* the host gave us something the guest cannot use */
		HS2(SYS_munmap, r, len);
		*err = -ENOMEM;
		return 0;
	}
	cpu_invalidate((uint64_t)r, len);
	mmap_note((uint64_t)r, len, gprot, 0);
	*err = 0;
	return (uint64_t)r;
}

long sys_mmap(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	(void)hostnr;
	long err;
	/* a set-uid guest maps code only from files nobody else can change (secure.c) */
	if ((a[2] & G_PROT_EXEC) && !(a[3] & G_MAP_ANONYMOUS) && (int)a[4] >= 0 &&
	    secure_check_code_fd((int)a[4], "a file") < 0)
		return -EACCES;
	uint64_t r = mmap_guest(a[0], a[1], (int)a[2], (int)a[3], (int)a[4], a[5], &err);
	return err ? err : (long)r;
}

long sys_munmap(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	uint64_t s = a[0], e = a[0] + PAGE_UP(a[1]);
	if (s & (PAGE_SIZE_G - 1) || !a[1] || e < s)
		return -EINVAL;
	/* Unmap only the guest's parts of the range. */
	if (low_space && e > GUEST_TOP)
		return -EINVAL;
	struct vma pieces[128];
	size_t np = 0;
	long r = 0;
	if (low_space)
		pthread_mutex_lock(&space_lock);
	pthread_mutex_lock(&vma_lock);
	for (size_t i = 0; i < nvma && np < 128; i++) {
		uint64_t x = vmas[i].start > s ? vmas[i].start : s, y = vmas[i].end < e ? vmas[i].end : e;
		if (x < y)
			pieces[np++] = (struct vma){ x, y, 0, 0, NULL };
	}
	forget_locked(s, e);
	pthread_mutex_unlock(&vma_lock);
	for (size_t i = 0; i < np && r >= 0; i++)
		r = low_space ? low_unmap(pieces[i].start, pieces[i].end - pieces[i].start)
			      : HS2(hostnr, pieces[i].start, pieces[i].end - pieces[i].start);
	if (low_space)
		pthread_mutex_unlock(&space_lock);
	if (r < 0 && r > -4096)
		return r;
	cpu_invalidate(s, e - s);
	return 0;
}

long sys_mprotect(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	if (!mmap_is_guest(a[0], a[1]))
		return a[1] ? -ENOMEM : 0;
	long r = HS3(hostnr, a[0], a[1], xlat_prot_to_host(a[2]));
	if (r == 0) {
		set_prot(PAGE_DOWN(a[0]), PAGE_UP(a[0] + a[1]), (int)a[2]);
		cpu_invalidate(a[0], a[1]);
	}
	return r;
}

/*
 * mremap in the reserved 32-bit space: the host kernel would move a mapping above 4 GiB, and
 * could not grow one in place over reserved pages, so the target is chosen here: shrinking
 * returns the tail to the reservation; growing in place first takes the reserved pages after
 * the mapping out of the reservation (a host mapping made by another thread in that instant
 * could land there: the one window of this scheme); moving goes to a free range found here,
 * and the old range returns to the reservation.
 */
static long mremap_low(uint64_t old, uint64_t oldlen, uint64_t newlen, uint64_t flags, uint64_t naddr, int prot,
		       int hostnr)
{
	uint64_t olen = PAGE_UP(oldlen), nlen = PAGE_UP(newlen);
	long r;
	if (!nlen || (old & (PAGE_SIZE_G - 1)) || nlen > GUEST_TOP)
		return -EINVAL;
	pthread_mutex_lock(&space_lock);
	if (flags & MREMAP_FIXED) {
		if ((naddr & (PAGE_SIZE_G - 1)) || naddr < low_start || naddr + nlen > GUEST_TOP) {
			r = -EINVAL;
			goto out;
		}
		r = HS5(hostnr, old, oldlen, newlen, flags, naddr);
	} else if (nlen <= olen) {
		r = HS5(hostnr, old, oldlen, newlen, flags & ~MREMAP_MAYMOVE, 0);
		if (r == (long)old && nlen < olen)
			low_unmap(old + nlen, olen - nlen);
		goto done;
	} else {
		r = -ENOMEM;
		if (old + nlen <= GUEST_TOP && !overlaps(old + olen, old + nlen)) {
			HS2(SYS_munmap, old + olen, nlen - olen);
			r = HS5(hostnr, old, oldlen, newlen, flags & ~MREMAP_MAYMOVE, 0);
			if (r < 0 && r > -4096)
				low_unmap(old + olen, nlen - olen);
		}
		if (r < 0 && r > -4096 && (flags & MREMAP_MAYMOVE)) {
			uint64_t at = find_free(0, nlen);
			if (!at) {
				r = -ENOMEM;
				goto out;
			}
			r = HS5(hostnr, old, oldlen, newlen, flags | MREMAP_FIXED, at);
		}
	}
	if (r >= 0 && (uint64_t)r != old && !(flags & 4 /* MREMAP_DONTUNMAP */))
		low_unmap(old, olen);
done:
	if (r < 0 && r > -4096)
		goto out;
	if (!(flags & 4 /* MREMAP_DONTUNMAP */))
		mmap_forget(old, oldlen);
	mmap_note((uint64_t)r, newlen, prot, 0);
	cpu_invalidate(old, oldlen);
	cpu_invalidate((uint64_t)r, newlen);
out:
	pthread_mutex_unlock(&space_lock);
	return r;
}

long sys_mremap(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	uint64_t old = a[0], oldlen = a[1], newlen = a[2], flags = a[3], naddr = a[4];
	if (!mmap_is_guest(old, oldlen ? oldlen : 1))
		return -EFAULT;
	if (!low_space && (flags & MREMAP_FIXED) && (naddr + newlen > GUEST_TOP || (!mmap_is_guest(naddr, newlen) &&
								      HS3(SYS_msync, naddr, newlen, 0) != -ENOMEM)))
		return -ENOMEM;	/* the target holds emulator memory (msync says mapped) */
	int prot = PROT_READ | PROT_WRITE;
	pthread_mutex_lock(&vma_lock);
	for (size_t i = 0; i < nvma; i++)
		if (vmas[i].start <= old && vmas[i].end > old)
			prot = vmas[i].prot;
	pthread_mutex_unlock(&vma_lock);
	if (low_space)
		return mremap_low(old, oldlen, newlen, flags, naddr, prot, hostnr);
	long r = HS5(hostnr, old, oldlen, newlen, flags, naddr);
	if (r < 0 && r > -4096)
		return r;
	if ((uint64_t)r + newlen > GUEST_TOP) {
		HS2(SYS_munmap, r, newlen);
		return -ENOMEM;
	}
	if (!(flags & 4 /* MREMAP_DONTUNMAP */))
		mmap_forget(old, oldlen);
	mmap_note((uint64_t)r, newlen, prot, 0);
	cpu_invalidate(old, oldlen);
	cpu_invalidate((uint64_t)r, newlen);
	return r;
}


long sys_brk(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	(void)hostnr;
	uint64_t want = a[0];
	pthread_mutex_lock(&brk_lock);
	if (want >= proc.brk_start && want < GUEST_TOP) {
		uint64_t top = PAGE_UP(want);
		if (top > proc.brk_mapped) {
			if (low_space)
				pthread_mutex_lock(&space_lock);
			long r = mmap_fixed_new(proc.brk_mapped, top - proc.brk_mapped, PROT_READ | PROT_WRITE,
						MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (r == (long)proc.brk_mapped) {
				mmap_note(proc.brk_mapped, top - proc.brk_mapped, PROT_READ | PROT_WRITE, 0);
				proc.brk_mapped = top;
				proc.brk_cur = want;
			} else if ((r >= 0 || r < -4096) && !low_space) {
				HS2(SYS_munmap, r, top - proc.brk_mapped);
			}
			if (low_space)
				pthread_mutex_unlock(&space_lock);
		} else {
			if (top < proc.brk_mapped) {
				if (low_space)
					low_unmap(top, proc.brk_mapped - top);
				else
					HS2(SYS_munmap, top, proc.brk_mapped - top);
				mmap_forget(top, proc.brk_mapped - top);
				proc.brk_mapped = top;
			}
			proc.brk_cur = want;
		}
	}
	long r = (long)proc.brk_cur;
	pthread_mutex_unlock(&brk_lock);
	return r;
}

long sys_shmat(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct shmid_ds ds;
	if (HS3(SYS_shmctl, a[0], IPC_STAT, &ds) < 0)
		return -EINVAL;
	if ((a[2] & SHM_REMAP) && !mmap_is_guest(a[1], ds.shm_segsz))
		return -EINVAL;
	long r;
	if (low_space) {
		/* the segment goes where this file chooses, over reserved pages (SHM_REMAP) */
		uint64_t len = PAGE_UP(ds.shm_segsz), at = a[1];
		pthread_mutex_lock(&space_lock);
		if (at && (at & (SHMLBA - 1)) && (a[2] & SHM_RND))
			at &= ~(uint64_t)(SHMLBA - 1);
		if (!at)
			at = find_free(0, len);
		if (!at || at + len > GUEST_TOP || (!(a[2] & SHM_REMAP) && overlaps(at, at + len)))
			r = at ? -EINVAL : -ENOMEM;
		else
			r = HS3(hostnr, a[0], at, (a[2] & ~SHM_RND) | SHM_REMAP);
		if (r >= 0 || r < -4096)
			mmap_note((uint64_t)r, ds.shm_segsz, (a[2] & SHM_RDONLY) ? PROT_READ : PROT_READ | PROT_WRITE, 0);
		pthread_mutex_unlock(&space_lock);
		return r;
	}
	r = HS3(hostnr, a[0], a[1], a[2]);
	if (r < 0 && r > -4096)
		return r;
	mmap_note((uint64_t)r, ds.shm_segsz, (a[2] & SHM_RDONLY) ? PROT_READ : PROT_READ | PROT_WRITE, 0);
	return r;
}

long sys_shmdt(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	long r = HS1(hostnr, a[0]);
	if (r == 0) {
		pthread_mutex_lock(&vma_lock);
		uint64_t e = 0;
		for (size_t i = 0; i < nvma; i++)
			if (vmas[i].start == PAGE_DOWN(a[0]))
				e = vmas[i].end;
		if (e)
			forget_locked(PAGE_DOWN(a[0]), e);
		pthread_mutex_unlock(&vma_lock);
		if (e && low_space)
			low_unmap(PAGE_DOWN(a[0]), e - PAGE_DOWN(a[0]));
	}
	return r;
}

/* /proc/self/maps for the guest: the host's lines clipped to guest ranges. */
int mmap_format_maps(char **out, size_t *outlen)
{
	int fd = (int)HS3(SYS_openat, AT_FDCWD, "/proc/self/maps", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fd;
	size_t cap = 1 << 16, len = 0;
	char *host = malloc(cap);
	for (;;) {
		if (!host)
			break;
		if (len + 4096 > cap) {
			char *n = realloc(host, cap *= 2);
			if (!n) {
				free(host);
				host = NULL;
				break;
			}
			host = n;
		}
		long r = HS3(SYS_read, fd, host + len, cap - len - 1);
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	HS1(SYS_close, fd);
	if (!host)
		return -ENOMEM;
	host[len] = 0;

	size_t ocap = len + 4096, o = 0;
	char *res = malloc(ocap);
	if (!res) {
		free(host);
		return -ENOMEM;
	}
	pthread_mutex_lock(&vma_lock);
	for (char *line = host; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		unsigned long long s, e, offv;
		char perms[8], dev[32];
		unsigned long long ino;
		int n = 0;
		if (sscanf(line, "%llx-%llx %7s %llx %31s %llu %n", &s, &e, perms, &offv, dev, &ino, &n) >= 6) {
			const char *name = line + n;
			for (size_t i = 0; i < nvma; i++) {
				uint64_t x = vmas[i].start > s ? vmas[i].start : s;
				uint64_t y = vmas[i].end < e ? vmas[i].end : e;
				if (x >= y)
					continue;
				const char *nm = vmas[i].name ? vmas[i].name : vmas[i].is_stack ? "[stack]" : name;
				if (!strncmp(nm, "[heap]", 6))
					nm = "";
				if (o + 512 + strlen(nm) > ocap) {
					char *nr = realloc(res, ocap = ocap * 2 + strlen(nm));
					if (!nr)
						break;
					res = nr;
				}
				char gp[5] = { vmas[i].prot & PROT_READ ? 'r' : '-', vmas[i].prot & PROT_WRITE ? 'w' : '-',
					       vmas[i].prot & PROT_EXEC ? 'x' : '-', perms[3], 0 };
				o += (size_t)snprintf(res + o, ocap - o, "%08llx-%08llx %s %08llx %s %-10llu %s%s\n",
						      (unsigned long long)x, (unsigned long long)y, gp,
						      offv + (x - s), dev, ino, *nm ? "                " : "", nm);
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	pthread_mutex_unlock(&vma_lock);
	free(host);
	*out = res;
	*outlen = o;
	return 0;
}
