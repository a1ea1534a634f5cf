// SPDX-License-Identifier: GPL-2.0-only
/*
 * exec.c — the decoded-code cache and the dispatch loop.
 *
 * Code is cached per 4 KiB guest page: a page holds 1024 slots, each one 64-bit word
 * (opcode << 32 | instruction word), filled lazily the first time the slot executes. Pages live
 * in a hash table shared by all guest threads: lookups are lock-free, insertions and
 * invalidations take a mutex. Pages are never freed, so a thread may keep a pointer to its
 * current page; an invalidation (IC IVAU, munmap, mprotect) clears the slots of the range with
 * atomic stores, and a cleared slot is decoded again from guest memory when next reached. An
 * instruction another thread already fetched may still complete, as on hardware without ISB.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "decode.h"
#include "exec.h"

#define PAGE_SHIFT 12
#define SLOTS (1u << (PAGE_SHIFT - 2))
#define HASH_SIZE 4096

struct code_page {
	uint64_t base;
	struct code_page *_Atomic next;
	uint64_t slot[SLOTS];
};

static struct code_page *_Atomic page_hash[HASH_SIZE];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic uint64_t cache_gen = 1;

static unsigned hash_of(uint64_t base) { return (unsigned)((base >> PAGE_SHIFT) * 0x9e3779b1u) % HASH_SIZE; }

static struct code_page *page_lookup(uint64_t base)
{
	for (struct code_page *p = atomic_load_explicit(&page_hash[hash_of(base)], memory_order_acquire); p;
	     p = atomic_load_explicit(&p->next, memory_order_acquire))
		if (p->base == base)
			return p;
	return NULL;
}

static struct code_page *page_get(uint64_t base)
{
	struct code_page *p = page_lookup(base);
	if (p)
		return p;
	pthread_mutex_lock(&cache_lock);
	p = page_lookup(base);
	if (!p) {
		p = mmap(NULL, sizeof(*p), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			abort();
		p->base = base;
		unsigned h = hash_of(base);
		atomic_store_explicit(&p->next, atomic_load_explicit(&page_hash[h], memory_order_relaxed),
				      memory_order_relaxed);
		atomic_store_explicit(&page_hash[h], p, memory_order_release);
	}
	pthread_mutex_unlock(&cache_lock);
	return p;
}

static void clear_slots(struct code_page *p, uint64_t lo, uint64_t hi)
{
	/* [lo, hi) clipped to the page; a cleared slot is decoded again from memory when reached */
	uint64_t from = lo > p->base ? lo : p->base, to = hi < p->base + (1u << PAGE_SHIFT) ? hi : p->base + (1u << PAGE_SHIFT);
	for (uint64_t a = from & ~3ull; a < to; a += 4)
		__atomic_store_n(&p->slot[(a >> 2) & (SLOTS - 1)], 0, __ATOMIC_RELAXED);
}

void cache_invalidate(uint64_t addr, uint64_t len)
{
	addr &= 0x00ffffffffffffffull;
	if (!len)
		return;
	uint64_t end = addr + len < addr ? ~0ull : addr + len;
	uint64_t first = addr >> PAGE_SHIFT, last = (end - 1) >> PAGE_SHIFT;
	pthread_mutex_lock(&cache_lock);
	atomic_fetch_add(&cache_gen, 1);	/* before clearing: see l_undecoded */
	if (last - first >= HASH_SIZE) {
		for (unsigned h = 0; h < HASH_SIZE; h++)
			for (struct code_page *p = atomic_load_explicit(&page_hash[h], memory_order_relaxed); p;
			     p = atomic_load_explicit(&p->next, memory_order_relaxed))
				if (p->base + (1u << PAGE_SHIFT) > addr && p->base < end)
					clear_slots(p, addr, end);
	} else {
		for (uint64_t pg = first; pg <= last; pg++) {
			struct code_page *p = page_lookup(pg << PAGE_SHIFT);
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

void cpu_init(struct cpu *c)
{
	memset(c, 0, sizeof(*c));
	c->excl_addr = ~0ull;
}

uint64_t cpu_fault_pc(const struct cpu *c)
{
	return c->pc;
}

int exec_udf(struct cpu *c, uint32_t insn)
{
	(void)c;
	(void)insn;
	return CPU_EXIT_UDF;
}

int exec_align_fault(struct cpu *c, uint64_t addr)
{
	c->fault_addr = addr;
	c->fault_signo = SIGBUS;
	c->fault_code = BUS_ADRALN;
	return CPU_EXIT_FAULT;
}

int decode_bitmasks(int n, int imms, int immr, int immediate, int datasize, uint64_t *wmask, uint64_t *tmask)
{
	unsigned v = ((unsigned)n << 6) | (~(unsigned)imms & 0x3f);
	if (!v)
		return 0;
	int len = 31 - __builtin_clz(v);
	if (len < 1)
		return 0;
	int esize = 1 << len;
	if (esize > datasize)
		return 0;
	int levels = esize - 1;
	int s = imms & levels, r = immr & levels;
	if (immediate && s == levels)
		return 0;
	int d = (s - r) & levels;
	uint64_t welem = ror64(ones(s + 1), r, esize), telem = ones(d + 1);
	uint64_t w = 0, t = 0;
	for (int i = 0; i < datasize; i += esize) {
		w |= welem << i;
		t |= telem << i;
	}
	*wmask = w;
	*tmask = t;
	return 1;
}

uint64_t cpu_hwcap(void)
{
	/* FP | ASIMD | AES | PMULL | SHA1 | SHA2 | CRC32 | ATOMICS | CPUID (arm64 HWCAP bit numbers). */
	return (1u << 0) | (1u << 1) | (1u << 3) | (1u << 4) | (1u << 5) | (1u << 6) | (1u << 7) | (1u << 8) |
	       (1u << 11);
}

uint64_t cpu_hwcap2(void)
{
	return 0;
}

enum cpu_exit cpu_run(struct cpu *c)
{
	static void *const labels[OP_COUNT] = {
		[OP_UNDECODED] = &&l_undecoded,
		[OP_UDF] = &&l_udf,
#define INSN(name, cls, mask, match, handler) [OP_##name] = &&l_##name,
#include "a64.def"
#undef INSN
	};
	struct code_page *p;
	uint64_t *slot, w, end;
	int r;

page:
	if (c->interrupt)
		return CPU_EXIT_SIGNAL;
	if (c->pc & 3)
		return exec_align_fault(c, c->pc);
	p = page_get(c->pc & ~((1ull << PAGE_SHIFT) - 1) & 0x00ffffffffffffffull);
	slot = &p->slot[(c->pc >> 2) & (SLOTS - 1)];
	end = p->base + (1u << PAGE_SHIFT);
dispatch:
	w = __atomic_load_n(slot, __ATOMIC_RELAXED);
	goto *labels[w >> 32];

l_undecoded:
	{
		/* If an invalidation raced with this fetch, forget the (possibly stale) decode again. */
		uint64_t seq = atomic_load_explicit(&cache_gen, memory_order_acquire), zero = 0;
		uint32_t insn = *(const volatile uint32_t *)gptr(c->pc);
		w = ((uint64_t)a64_decode(insn) << 32) | insn;
		if (__atomic_compare_exchange_n(slot, &zero, w, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) &&
		    atomic_load_explicit(&cache_gen, memory_order_seq_cst) != seq)
			__atomic_compare_exchange_n(slot, &w, 0, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
		goto *labels[w >> 32];
	}
l_udf:
	return CPU_EXIT_UDF;

#define INSN(name, cls, mask, match, handler) \
l_##name: \
	r = handler(c, (uint32_t)w); \
	goto after;
#include "a64.def"
#undef INSN

after:
	if (__builtin_expect(r == NEXT, 1)) {
		c->pc += 4;
		slot++;
		if (__builtin_expect((c->pc & 0x00ffffffffffffffull) < end, 1))
			goto dispatch;
		goto page;
	}
	if (r == JUMP) {
		if (c->interrupt)
			return CPU_EXIT_SIGNAL;
		uint64_t pc = c->pc & 0x00ffffffffffffffull;
		if (pc - p->base < (1u << PAGE_SHIFT) && !(pc & 3)) {
			slot = &p->slot[(pc >> 2) & (SLOTS - 1)];
			goto dispatch;
		}
		goto page;
	}
	c->excl_addr = ~0ull;	/* leaving for the kernel side (exception entry/return) clears the monitor */
	return (enum cpu_exit)r;
}
