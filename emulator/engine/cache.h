/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cache.h — the decoded-code cache (cache.c): per 4 KiB guest code page, one 64-bit slot per
 * instruction slot (engine_guest.slot_shift bytes), filled by the guest's interpreter when an
 * instruction first runs and cleared on invalidation; plus the page's table of translated
 * blocks (jit.c). Pages live in a hash table read without locks and are never freed.
 */
#ifndef XARCH_CACHE_H
#define XARCH_CACHE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include "engine.h"

#define PAGE_SHIFT 12

/* Host entry points of the translated blocks starting in one code page, by slot. */
struct jit_page {
	unsigned n;			/* 4096 >> engine_guest.slot_shift */
	void *_Atomic entry[];
};

/* A guest code page of the decoded-code cache. Pages are never freed. */
struct code_page {
	uint64_t base;
	struct code_page *_Atomic next;
	struct jit_page *_Atomic jit;	/* NULL until a block of this page is translated */
	uint64_t slot[];		/* 4096 >> engine_guest.slot_shift of them; the guest's format */
};

/* size bytes of zeroed memory, 16-aligned, never freed (code pages, the JIT's page tables); NULL
 * when out of memory. Under cache_lock or the JIT's lock only (cache.c). */
void *cache_zalloc(size_t size);

/*
 * Make the memory of [*ready, upto) (not past end) present and writable now, CACHE_POPULATE_STEP
 * bytes at a time, advancing *ready: one system call instead of a page fault per 4 KiB page (two
 * when the page is read before it is written). For memory that is written in address order (the
 * arena, the JIT's code buffer).
 */
#define CACHE_POPULATE_STEP (64u << 10)
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
void cache_populate(uint8_t **ready, const uint8_t *upto, uint8_t *end);

/* Slots per page. */
static inline unsigned cache_slots(void) { return 1u << (PAGE_SHIFT - engine_guest.slot_shift); }

/* The page table (cache.c), read without locks: inline for the dispatch loops. */
#define CACHE_HASH_SIZE 4096
extern struct code_page *_Atomic cache_hash[CACHE_HASH_SIZE];

/* The page number's low bits: a program's code pages are clustered, so a short process touches
 * few of the table's 4 KiB pages (a multiplicative hash spread them over all 8), and pages up to
 * 16 MiB apart never share a chain. */
static inline unsigned cache_hash_of(uint64_t base)
{
	return (unsigned)(base >> PAGE_SHIFT) % CACHE_HASH_SIZE;
}

/* The page whose base (guest address & addr_mask, page-aligned) is base, or NULL. */
static inline struct code_page *cache_lookup(uint64_t base)
{
	for (struct code_page *p = atomic_load_explicit(&cache_hash[cache_hash_of(base)], memory_order_acquire); p;
	     p = atomic_load_explicit(&p->next, memory_order_acquire))
		if (p->base == base)
			return p;
	return NULL;
}

/* The page at base, created when absent (cache.c, under the cache lock). */
struct code_page *cache_page_new(uint64_t base);

static inline struct code_page *cache_page(uint64_t base)
{
	struct code_page *p = cache_lookup(base);
	return p ? p : cache_page_new(base);
}

/* Drop decoded code and translations for [addr, addr+len) (cpu_invalidate, IC IVAU). */
void cache_invalidate(uint64_t addr, uint64_t len);

/* Generation counter of code invalidations: a decode or translation that read code while it
 * changed compares it before and after and forgets the result. */
extern _Atomic uint64_t cache_gen;

#endif /* XARCH_CACHE_H */
