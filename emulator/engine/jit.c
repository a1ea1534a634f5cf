// SPDX-License-Identifier: GPL-2.0-only
/*
 * jit.c — the JIT block manager, shared by every guest: the host code buffer, block headers and
 * their fault maps, the trampoline, exit stubs, chaining, the indirect-branch cache and
 * invalidation. What a block does is the guest translator's (engine_guest.jit_body, e.g.
 * guest/aarch64/jit_a64.c).
 *
 * A block is a run of guest instructions from one entry pc to the first branch, system or
 * exception instruction, the end of its 4 KiB page, or JIT_BLOCK_MAX instructions.
 *
 * Host code layout, all in one RWX buffer that is never reused:
 *   enter/leave  the trampoline jit_enter(c, entry) and its epilogue (saves callee-saved regs)
 *   per block    header { guest pc, guest length, ... }, entry (8-aligned): an interrupt check,
 *                the body, then exit stubs and the fault map.
 * An exit stub is "jmp rel32; c->pc = target; return (0, stub)". The jmp initially falls
 * through; once the dispatch loop has a block for the target it rewrites the rel32 to jump to
 * that block (chaining), so hot loops stay in host code. A block is invalidated by rewriting
 * its first 8 bytes into a jump to its own exit, which returns to the dispatch loop with
 * c->pc = the block's pc; chained jumps into it therefore also leave. Nothing is freed, so no
 * thread can run into reused memory; when the buffer is full, translation stops and the
 * interpreter runs the rest.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "jit.h"

int jit_threshold = 16;
struct jit_ret (*jit_enter)(struct cpu *c, void *entry);
uint8_t *jit_leave;

#define BUF_SIZE (256ull << 20)
/* Exit stub layout: jmp rel32 (5), mov r11, imm64 (10), mov [rbx + pc], r11 (7), mov eax, 0 (5),
 * lea rdx, [rip + d] (7), jmp leave (5), then the list of jumps to the stub. */
#define STUB_SITES 39
#define HEAT_SIZE 8192

static uint8_t *buf, *buf_pos, *buf_end, *buf_ready;	/* [buf, buf_ready) populated */
static int buf_failed;
static uint8_t heat[HEAT_SIZE];
static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- for the translators ---- */

void jit_exit_to(struct jit_tr *t, uint8_t *rel, uint64_t target)
{
	t->fix[t->nfix].at = rel;
	t->fix[t->nfix].target = target;
	t->nfix++;
}

void jit_align_rel32(struct em *e, int op_len)
{
	static const uint8_t nop[3][3] = { { 0x90 }, { 0x66, 0x90 }, { 0x0f, 0x1f, 0x00 } };
	int pad = (int)(-((uintptr_t)e->p + (uintptr_t)op_len) & 3);
	if (pad) {
		memcpy(e->p, nop[pad - 1], (size_t)pad);
		e->p += pad;
	}
}

void jit_goto_pc(struct jit_tr *t, uint64_t target)
{
	if (target == t->start) {
		patch_rel32(jmp(&t->e), t->entry);
	} else {
		jit_align_rel32(&t->e, 1);
		jit_exit_to(t, jmp(&t->e), target);
	}
}

void jit_branch_cc(struct jit_tr *t, int cc, uint64_t taken, uint64_t next)
{
	if (taken != t->start)
		jit_align_rel32(&t->e, 2);
	uint8_t *rel = jcc(&t->e, cc);
	if (taken == t->start)
		patch_rel32(rel, t->entry);
	else
		jit_exit_to(t, rel, taken);
	jit_goto_pc(t, next);
}

void jit_ret_on(struct jit_tr *t, uint8_t *rel)
{
	t->ret_fix[t->nret++] = rel;
}

void jit_exit_indirect(struct em *e)
{
	const int32_t ibtc = engine_guest.off_ibtc;
	mov_rr(e, 1, RAX, RDX);
	mov_rr(e, 1, RCX, RDX);
	shift_ri(e, 1, SH_SHR, RAX, (int)engine_guest.slot_shift);
	shift_ri(e, 1, SH_SHR, RCX, 13);
	alu_rr(e, 0, ALU_XOR, RAX, RCX);
	alu_ri(e, 0, 4, RAX, JIT_IBTC_SIZE - 1);		/* jit_ibtc_slot() */
	shift_ri(e, 0, SH_SHL, RAX, 4);
	/* cmp rdx, [rbx + rax + ibtc]; jne miss; jmp [rbx + rax + ibtc + 8] */
	b1(e, 0x48); b1(e, 0x3b); b1(e, 0x94); b1(e, 0x03); b4(e, (uint32_t)ibtc);
	b1(e, 0x75); b1(e, 7);
	b1(e, 0xff); b1(e, 0xa4); b1(e, 0x03); b4(e, (uint32_t)(ibtc + 8));
	mov_ri(e, RAX, 0);
	mov_ri(e, RDX, 0);
	patch_rel32(jmp(e), jit_leave);
}
_Static_assert(sizeof(struct jit_ibtc_entry) == 16, "jit_exit_indirect() scales the slot by 16");

/* ---- blocks ---- */

/* Header before each block's entry, for invalidation and faults. */
struct block_hdr {
	uint64_t pc;
	uint16_t len;		/* guest bytes */
	uint16_t ninsn;		/* guest instructions */
	uint32_t self_exit;	/* offset from the entry of the exit that leaves at pc */
	uint32_t map;		/* offset from the entry of uint16_t hoff[ninsn], goff[ninsn] (jit_tr) */
	uint32_t code_end;	/* offset from the entry of the end of the block's host code */
	uint8_t gdata[JIT_GDATA];	/* the guest translator's (jit_fault_info()) */
};

/* Every block's entry, in address order (the buffer only grows); under jit_lock. */
static uint8_t **blocks;
static size_t nblocks, blocks_cap;

int jit_guest_pc(uintptr_t host_pc, uint64_t *guest_pc)
{
	unsigned index;
	uint8_t gdata[JIT_GDATA];
	return jit_fault_info(host_pc, guest_pc, &index, gdata);
}

int jit_fault_info(uintptr_t host_pc, uint64_t *guest_pc, unsigned *index, uint8_t gdata[JIT_GDATA])
{
	int res = 0;
	pthread_mutex_lock(&jit_lock);
	size_t lo = 0, hi = nblocks;
	while (lo < hi) {	/* the last entry <= host_pc */
		size_t mid = (lo + hi) / 2;
		if ((uintptr_t)blocks[mid] <= host_pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo) {
		const uint8_t *entry = blocks[lo - 1];
		const struct block_hdr *h = (const struct block_hdr *)(entry - sizeof(struct block_hdr));
		uintptr_t off = host_pc - (uintptr_t)entry;
		if (off < h->code_end) {
			const uint16_t *hoff = (const uint16_t *)(entry + h->map), *goff = hoff + h->ninsn;
			unsigned k = 0;
			while (k + 1 < h->ninsn && hoff[k + 1] <= off)
				k++;
			*guest_pc = h->pc + goff[k];
			*index = k;
			memcpy(gdata, h->gdata, JIT_GDATA);
			res = 1;
		}
	}
	pthread_mutex_unlock(&jit_lock);
	return res;
}

static void emit_trampoline(void)
{
	struct em e = { buf_pos };
	uint8_t *enter = e.p;
	b1(&e, 0x55);					/* push rbp */
	b1(&e, 0x53);					/* push rbx */
	b1(&e, 0x41); b1(&e, 0x54);			/* push r12 */
	b1(&e, 0x41); b1(&e, 0x55);			/* push r13 */
	b1(&e, 0x41); b1(&e, 0x56);			/* push r14 */
	b1(&e, 0x41); b1(&e, 0x57);			/* push r15 */
	alu_ri(&e, 1, 5, RSP, 8);			/* sub rsp, 8: calls see a 16-aligned stack */
	mov_rr(&e, 1, CPU, RDI);
	engine_guest.jit_enter(&e);
	b1(&e, 0xff); b1(&e, 0xe6);			/* jmp rsi */
	jit_leave = e.p;				/* RAX, RDX: the return value */
	engine_guest.jit_leave(&e);
	alu_ri(&e, 1, 0, RSP, 8);			/* add rsp, 8 */
	b1(&e, 0x41); b1(&e, 0x5f);			/* pop r15 */
	b1(&e, 0x41); b1(&e, 0x5e);
	b1(&e, 0x41); b1(&e, 0x5d);
	b1(&e, 0x41); b1(&e, 0x5c);
	b1(&e, 0x5b);
	b1(&e, 0x5d);
	b1(&e, 0xc3);					/* ret */
	buf_pos = e.p;
	jit_enter = (struct jit_ret (*)(struct cpu *, void *))(void *)enter;
}

/*
 * XARCH_JIT_DUMP=DIR (a debugging aid): every translation's host code goes to DIR/<guest pc>.bin
 * (`objdump -D -b binary -mi386:x86-64 --adjust-vma=<host address>`), and a line "host address,
 * size, guest pc" to /tmp/perf-<pid>.map, where perf finds the names of JIT code.
 */
static const char *dump_dir;

static void dump_block(const uint8_t *entry, size_t len, uint64_t pc)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%llx.bin", dump_dir, (unsigned long long)pc);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd >= 0) {
		if (write(fd, entry, len) != (ssize_t)len)
			dump_dir = NULL;
		close(fd);
	}
	snprintf(path, sizeof(path), "/tmp/perf-%d.map", (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);	/* not through a planted link */
	if (fd >= 0) {
		int n = snprintf(path, sizeof(path), "%llx %zx g_%llx\n", (unsigned long long)(uintptr_t)entry, len,
				 (unsigned long long)pc);
		if (write(fd, path, (size_t)n) != n)
			dump_dir = NULL;
		close(fd);
	}
}

static int buf_init(void)
{
	if (buf)
		return 1;
	if (buf_failed)
		return 0;
	dump_dir = secure_getenv("XARCH_JIT_DUMP");
	if (!engine_guest.jit_init()) {
		buf_failed = 1;		/* the interpreter runs everything */
		return 0;
	}
	void *m = mmap(NULL, BUF_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		       -1, 0);
	if (m == MAP_FAILED) {
		buf_failed = 1;
		return 0;
	}
	buf = buf_pos = buf_ready = m;
	buf_end = buf + BUF_SIZE;
	cache_populate(&buf_ready, buf_pos + 1, buf_end);
	emit_trampoline();
	return 1;
}

/* Make the code at entry leave to its own exit (8-byte atomic rewrite of the first bytes). */
static void block_kill(uint8_t *entry)
{
	const struct block_hdr *h = (const struct block_hdr *)(entry - sizeof(struct block_hdr));
	uint8_t b[8];
	memcpy(b, entry, 8);
	b[0] = 0xe9;
	int32_t d = (int32_t)((entry + h->self_exit) - (entry + 5));
	memcpy(b + 1, &d, 4);
	uint64_t v;
	memcpy(&v, b, 8);
	__atomic_store_n((uint64_t *)entry, v, __ATOMIC_RELEASE);
}

static unsigned slot_of(uint64_t pc)
{
	return (unsigned)(pc & ((1u << PAGE_SHIFT) - 1)) >> engine_guest.slot_shift;
}

static void *translate(struct code_page *p, uint64_t pc)
{
	uint32_t code[JIT_BLOCK_MAX];
	unsigned idx = slot_of(pc);
	uint64_t seq = atomic_load_explicit(&cache_gen, memory_order_acquire);
	/* read the guest code before taking the lock: a fault here is the guest's fetch fault */
	unsigned n = engine_guest.jit_fetch(pc, code, JIT_BLOCK_MAX);

	pthread_mutex_lock(&jit_lock);
	struct jit_page *jp = atomic_load_explicit(&p->jit, memory_order_acquire);
	void *res = jp ? atomic_load_explicit(&jp->entry[idx], memory_order_acquire) : NULL;
	if (res || !n || !buf_init())
		goto out;
	if (!jp) {
		jp = cache_zalloc(sizeof(*jp) + cache_slots() * sizeof(jp->entry[0]));
		if (!jp)
			goto out;
		jp->n = cache_slots();
		atomic_store_explicit(&p->jit, jp, memory_order_release);
	}
	static struct jit_tr t;	/* under jit_lock */
	t.nfix = t.nret = 0;
	t.ninsn = t.len = 0;
	t.start = pc;
	memset(t.gdata, 0, sizeof(t.gdata));
	/* worst case per instruction is well under 320 bytes (a sequence, and a guest's stores and
	 * reloads of the registers it keeps in host registers); stubs 40 bytes per exit */
	size_t need = sizeof(struct block_hdr) + 16 + (size_t)n * (320 + 2 * 48 + 4) + 256;
	if ((size_t)(buf_end - buf_pos) < need)
		goto out;
	cache_populate(&buf_ready, buf_pos + need, buf_end);
	uint8_t *hdr = (uint8_t *)(((uintptr_t)buf_pos + 7) & ~(uintptr_t)7);
	t.entry = hdr + sizeof(struct block_hdr);
	t.e.p = t.entry;
	/* interrupt check: cmp dword [c->interrupt], 0; jne self_exit */
	op_rm(&t.e, 0, 0, 0x83, 1, 7, CPU, engine_guest.off_intr);
	b1(&t.e, 0);
	uint8_t *intr = jcc(&t.e, CC_NE);
	engine_guest.jit_body(&t, code, n);
	if (!t.ninsn || t.ninsn > JIT_BLOCK_MAX)
		abort();	/* the translator's contract */
	{
		/* "return eax" for handlers that did not return NEXT */
		uint8_t *ret = t.e.p;
		mov_ri(&t.e, RDX, 0);
		patch_rel32(jmp(&t.e), jit_leave);
		for (int j = 0; j < t.nret; j++)
			patch_rel32(t.ret_fix[j], ret);
	}
	/* the block's own exit (interrupt, invalidation): leave at pc, nothing to chain */
	uint8_t *self_exit = t.e.p;
	mov_ri(&t.e, R11, pc);
	mov_store(&t.e, 1, CPU, engine_guest.off_pc, R11);
	mov_ri(&t.e, RAX, 0);
	mov_ri(&t.e, RDX, 0);
	patch_rel32(jmp(&t.e), jit_leave);
	patch_rel32(intr, self_exit);
	/* chainable exits, one stub per distinct target */
	uint8_t *stubs[sizeof(t.fix) / sizeof(t.fix[0])];
	for (int j = 0; j < t.nfix; j++) {
		int q;
		for (q = 0; q < j && t.fix[q].target != t.fix[j].target; q++)
			;
		if (q < j) {
			stubs[j] = stubs[q];
			patch_rel32(t.fix[j].at, stubs[j]);
			continue;
		}
		int nsites = 0;
		for (int r = j; r < t.nfix; r++)
			nsites += t.fix[r].target == t.fix[j].target;
		/* jmp rel32 (the rel32 4-byte aligned, for atomic chaining); c->pc = target;
		 * return (0, this stub) */
		while (((uintptr_t)t.e.p + 1) & 3)
			b1(&t.e, 0xcc);
		uint8_t *s = stubs[j] = t.e.p;
		uint8_t *rel = jmp(&t.e);
		patch_rel32(rel, t.e.p);	/* falls through until chained */
		rex(&t.e, 1, 0, 0, R11);
		b1(&t.e, 0xb8 + (R11 & 7));				/* mov r11, imm64 (always 10 bytes) */
		b8(&t.e, t.fix[j].target);
		/* mov [rbx + disp32], r11: always 7 bytes (a guest's pc may be within disp8 reach) */
		b1(&t.e, 0x4c); b1(&t.e, 0x89); b1(&t.e, 0x9b); b4(&t.e, (uint32_t)engine_guest.off_pc);
		mov_ri(&t.e, RAX, 0);
		b1(&t.e, 0x48); b1(&t.e, 0x8d); b1(&t.e, 0x15);	/* lea rdx, [rip + disp32] = s */
		b4(&t.e, (uint32_t)(int32_t)(s - (t.e.p + 4)));
		patch_rel32(jmp(&t.e), jit_leave);
		patch_rel32(t.fix[j].at, s);
		/* after the stub's code: the jumps that lead to it, which chaining points at the
		 * target directly (count, then each rel32's offset from the stub) */
		if (t.e.p - s != STUB_SITES)
			abort();	/* the layout jit_chain() reads */
		b1(&t.e, (unsigned)nsites);
		for (int r = j; r < t.nfix; r++)
			if (t.fix[r].target == t.fix[j].target)
				b4(&t.e, (uint32_t)(int32_t)(t.fix[r].at - s));
	}
	uint32_t code_end = (uint32_t)(t.e.p - t.entry);
	while ((uintptr_t)t.e.p & 1)
		b1(&t.e, 0xcc);
	uint32_t map = (uint32_t)(t.e.p - t.entry);
	memcpy(t.e.p, t.hoff, 2 * t.ninsn);
	t.e.p += 2 * t.ninsn;
	memcpy(t.e.p, t.goff, 2 * t.ninsn);
	t.e.p += 2 * t.ninsn;
	struct block_hdr h = { pc, (uint16_t)t.len, (uint16_t)t.ninsn, (uint32_t)(self_exit - t.entry), map, code_end,
			       { 0 } };
	memcpy(h.gdata, t.gdata, JIT_GDATA);
	memcpy(hdr, &h, sizeof(h));
	if (nblocks == blocks_cap) {
		size_t cap = blocks_cap ? 2 * blocks_cap : 1024;
		uint8_t **nb = realloc(blocks, cap * sizeof(*nb));
		if (!nb)
			goto out;	/* not published: the buffer space is simply skipped */
		blocks = nb;
		blocks_cap = cap;
	}
	blocks[nblocks++] = t.entry;
	buf_pos = t.e.p;
	res = t.entry;
	if (dump_dir)
		dump_block(t.entry, code_end, pc);
	atomic_store_explicit(&jp->entry[idx], res, memory_order_release);
	if (atomic_load_explicit(&cache_gen, memory_order_seq_cst) != seq) {
		/* an invalidation raced with reading the code: forget this translation */
		block_kill(t.entry);
		atomic_store_explicit(&jp->entry[idx], NULL, memory_order_release);
		res = NULL;
	}
out:
	pthread_mutex_unlock(&jit_lock);
	return res;
}

void *jit_block(struct code_page *p, uint64_t pc, int force)
{
	if (pc & ~engine_guest.addr_mask)
		return NULL;
	struct jit_page *jp = atomic_load_explicit(&p->jit, memory_order_acquire);
	if (jp) {
		void *e = atomic_load_explicit(&jp->entry[slot_of(pc)], memory_order_acquire);
		if (e)
			return e;
	}
	if (!force) {
		uint8_t *h = &heat[(pc >> engine_guest.slot_shift) & (HEAT_SIZE - 1)];
		if (++*h < jit_threshold)
			return NULL;
		*h = 0;
	}
	return translate(p, pc);
}

static void chain_rel32(uint8_t *rel, const uint8_t *target)
{
	int32_t d = (int32_t)(target - (rel + 4));
	__atomic_store_n((int32_t *)(void *)rel, d, __ATOMIC_RELEASE);
}

void jit_chain(void *stub, void *entry)
{
	uint8_t *s = stub, n = s[STUB_SITES];
	chain_rel32(s + 1, entry);
	for (unsigned k = 0; k < n; k++) {
		int32_t off;
		memcpy(&off, s + STUB_SITES + 1 + 4 * k, 4);
		chain_rel32(s + off, entry);
	}
}

void jit_invalidate(struct code_page *p, uint64_t lo, uint64_t hi)
{
	struct jit_page *jp = atomic_load_explicit(&p->jit, memory_order_acquire);
	if (!jp)
		return;
	pthread_mutex_lock(&jit_lock);
	for (unsigned k = 0; k < jp->n; k++) {
		uint8_t *entry = atomic_load_explicit(&jp->entry[k], memory_order_relaxed);
		if (!entry)
			continue;
		const struct block_hdr *h = (const struct block_hdr *)(entry - sizeof(struct block_hdr));
		if (h->pc < hi && h->pc + h->len > lo) {
			block_kill(entry);
			atomic_store_explicit(&jp->entry[k], NULL, memory_order_release);
		}
	}
	pthread_mutex_unlock(&jit_lock);
}

void jit_fork_locks(int take)
{
	if (take)
		pthread_mutex_lock(&jit_lock);
	else
		pthread_mutex_unlock(&jit_lock);
}
