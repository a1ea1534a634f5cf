// SPDX-License-Identifier: GPL-2.0-only
/*
 * cache.c — the decoded-code cache shared by every guest (cache.h): the page table, its lock
 * (fork-safe), invalidation of decoded slots and translations, and the CPU contract's
 * cpu_invalidate(), cpu_set_jit() and cpu_fork_locks() (vcpu.h), which do not depend on the
 * guest.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "cache.h"
#include "jit.h"
#include "vcpu.h"

struct code_page *_Atomic cache_hash[CACHE_HASH_SIZE];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
_Atomic uint64_t cache_gen = 1;

/*
 * Fork safety: a fork() while another thread holds cache_lock (inside cache_page() or
 * cache_invalidate()) would leave the child's copy locked forever. glibc's fork takes it across
 * the fork through these handlers (registered once at start-up).
 */
static void cache_fork_prepare(void)
{
	pthread_mutex_lock(&cache_lock);
	jit_fork_locks(1);
}

static void cache_fork_release(void)
{
	jit_fork_locks(0);
	pthread_mutex_unlock(&cache_lock);
}
__attribute__((constructor)) static void cache_fork_register(void)
{
	pthread_atfork(cache_fork_prepare, cache_fork_release, cache_fork_release);
}

void cpu_set_jit(int threshold)
{
	jit_threshold = threshold > 255 ? 255 : threshold;
}

void cpu_fork_locks(int take)
{
	if (take)
		cache_fork_prepare();
	else
		cache_fork_release();
}

void cache_populate(uint8_t **ready, const uint8_t *upto, uint8_t *end)
{
	while (*ready < upto && *ready < end) {
		size_t step = (size_t)(end - *ready) < CACHE_POPULATE_STEP ? (size_t)(end - *ready) : CACHE_POPULATE_STEP;
		madvise(*ready, step, MADV_POPULATE_WRITE);	/* Linux 5.14; else the pages fault in */
		*ready += step;
	}
}

/*
 * The arena: code pages and the JIT's page tables are carved in address order out of chunks of
 * fresh anonymous memory, so they start zeroed (nothing to clear), one mmap per chunk instead of
 * one per code page (a page of A64 code takes 8 KiB + 24 bytes: three host pages when mapped
 * alone, about two here). The chunk is populated ahead of the allocations, 64 KiB at a time
 * (cache_populate()): the slots of a code page are read before they are written, which cost a
 * fault for the zero page and another for the copy, per page. Nothing is ever freed.
 * arena_lock is a leaf lock, taken only under cache_lock or the JIT's lock, which the fork
 * handlers hold, so a fork never copies it locked.
 */
#define ARENA_CHUNK (4ull << 20)
#define ARENA_ALIGN 16
static uint8_t *arena_pos, *arena_end, *arena_ready;
static pthread_mutex_t arena_lock = PTHREAD_MUTEX_INITIALIZER;

void *cache_zalloc(size_t size)
{
	size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	pthread_mutex_lock(&arena_lock);
	if (size > (size_t)(arena_end - arena_pos)) {
		size_t len = size > ARENA_CHUNK ? (size + 4095) & ~(size_t)4095 : ARENA_CHUNK;
		void *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (m == MAP_FAILED) {
			pthread_mutex_unlock(&arena_lock);
			return NULL;
		}
		/* 4 KiB pages: a huge page would make the first touch of a few slots clear 2 MiB */
		madvise(m, len, MADV_NOHUGEPAGE);
		arena_pos = arena_ready = m;
		arena_end = arena_pos + len;
	}
	void *r = arena_pos;
	arena_pos += size;
	cache_populate(&arena_ready, arena_pos, arena_end);
	pthread_mutex_unlock(&arena_lock);
	return r;
}

struct code_page *cache_page_new(uint64_t base)
{
	pthread_mutex_lock(&cache_lock);
	struct code_page *p = cache_lookup(base);
	if (!p) {
		p = cache_zalloc(sizeof(*p) + cache_slots() * sizeof(p->slot[0]));
		if (!p)
			abort();
		p->base = base;
		unsigned h = cache_hash_of(base);
		atomic_store_explicit(&p->next, atomic_load_explicit(&cache_hash[h], memory_order_relaxed),
				      memory_order_relaxed);
		atomic_store_explicit(&cache_hash[h], p, memory_order_release);
	}
	pthread_mutex_unlock(&cache_lock);
	return p;
}

static void clear_slots(struct code_page *p, uint64_t lo, uint64_t hi)
{
	/* [lo, hi) clipped to the page; a cleared slot is decoded again from memory when reached */
	uint64_t from = lo > p->base ? lo : p->base, to = hi < p->base + (1u << PAGE_SHIFT) ? hi : p->base + (1u << PAGE_SHIFT);
	unsigned sh = engine_guest.slot_shift;
	for (uint64_t a = from & ~((1ull << sh) - 1); a < to; a += 1ull << sh)
		__atomic_store_n(&p->slot[(a & ((1u << PAGE_SHIFT) - 1)) >> sh], 0, __ATOMIC_RELAXED);
	jit_invalidate(p, from, to);
}

void cache_invalidate(uint64_t addr, uint64_t len)
{
	addr &= engine_guest.addr_mask;
	if (!len)
		return;
	uint64_t end = addr + len < addr ? ~0ull : addr + len;
	uint64_t first = addr >> PAGE_SHIFT, last = (end - 1) >> PAGE_SHIFT;
	pthread_mutex_lock(&cache_lock);
	atomic_fetch_add(&cache_gen, 1);	/* before clearing: see l_undecoded */
	if (last - first >= CACHE_HASH_SIZE) {
		for (unsigned h = 0; h < CACHE_HASH_SIZE; h++)
			for (struct code_page *p = atomic_load_explicit(&cache_hash[h], memory_order_relaxed); p;
			     p = atomic_load_explicit(&p->next, memory_order_relaxed))
				if (p->base + (1u << PAGE_SHIFT) > addr && p->base < end)
					clear_slots(p, addr, end);
	} else {
		for (uint64_t pg = first; pg <= last; pg++) {
			struct code_page *p = cache_lookup(pg << PAGE_SHIFT);
			if (p)
				clear_slots(p, addr, end);
		}
	}
	pthread_mutex_unlock(&cache_lock);
}

void cpu_invalidate(uint64_t addr, uint64_t len)
{
	cache_invalidate(addr, len);
}

