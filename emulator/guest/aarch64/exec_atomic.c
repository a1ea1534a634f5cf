// SPDX-License-Identifier: GPL-2.0-only
/*
 * exec_atomic.c — exclusives (LDXR/STXR and pairs), acquire/release, LSE atomics (CAS, CASP,
 * LDADD.., SWP). Exclusive stores are host compare-and-swap against the value the exclusive load
 * saw (the usual user-mode emulation of the monitor). All of these fault on misalignment.
 */
#include "exec.h"

static int misaligned(uint64_t addr, unsigned n) { return (addr & (n - 1)) != 0; }

static uint64_t aload(uint64_t a, int sz)
{
	void *p = gptr(a);
	switch (sz) {
	case 0: return __atomic_load_n((uint8_t *)p, __ATOMIC_ACQUIRE);
	case 1: return __atomic_load_n((uint16_t *)p, __ATOMIC_ACQUIRE);
	case 2: return __atomic_load_n((uint32_t *)p, __ATOMIC_ACQUIRE);
	default: return __atomic_load_n((uint64_t *)p, __ATOMIC_ACQUIRE);
	}
}

static void astore(uint64_t a, int sz, uint64_t v)
{
	void *p = gptr(a);
	switch (sz) {
	case 0: __atomic_store_n((uint8_t *)p, (uint8_t)v, __ATOMIC_SEQ_CST); break;
	case 1: __atomic_store_n((uint16_t *)p, (uint16_t)v, __ATOMIC_SEQ_CST); break;
	case 2: __atomic_store_n((uint32_t *)p, (uint32_t)v, __ATOMIC_SEQ_CST); break;
	default: __atomic_store_n((uint64_t *)p, v, __ATOMIC_SEQ_CST); break;
	}
}

/* Compare-and-swap of 1 << sz bytes; returns the old value. */
static uint64_t acas(uint64_t a, int sz, uint64_t expect, uint64_t desired)
{
	void *p = gptr(a);
	switch (sz) {
	case 0: { uint8_t e = (uint8_t)expect; __atomic_compare_exchange_n((uint8_t *)p, &e, (uint8_t)desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return e; }
	case 1: { uint16_t e = (uint16_t)expect; __atomic_compare_exchange_n((uint16_t *)p, &e, (uint16_t)desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return e; }
	case 2: { uint32_t e = (uint32_t)expect; __atomic_compare_exchange_n((uint32_t *)p, &e, (uint32_t)desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return e; }
	default: { uint64_t e = expect; __atomic_compare_exchange_n((uint64_t *)p, &e, desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return e; }
	}
}

/* 128-bit compare-and-swap (cmpxchg16b); returns 1 on success, old value in lo, hi. */
static int cas128(uint64_t a, uint64_t *lo, uint64_t *hi, uint64_t nlo, uint64_t nhi)
{
	unsigned char ok;
	__asm__ volatile("lock cmpxchg16b %1; sete %0"
			 : "=q"(ok), "+m"(*(unsigned __int128 *)gptr(a)), "+a"(*lo), "+d"(*hi)
			 : "b"(nlo), "c"(nhi)
			 : "memory", "cc");
	return ok;
}

int exec_excl(struct cpu *c, uint32_t insn)
{
	int sz = BITS(insn, 31, 30), rt = RD(insn), rs = RM(insn);
	uint64_t addr = xsp(c, RN(insn));
	if (misaligned(addr, 1u << sz))
		return exec_align_fault(c, addr);
	if (BIT(insn, 22)) {
		uint64_t v = aload(addr, sz);
		c->excl_addr = addr;
		c->excl_size = 1u << sz;
		c->excl_val[0] = v;
		wx(c, rt, v);
		return NEXT;
	}
	uint64_t status = 1;
	if (c->excl_addr == addr && c->excl_size == (1u << sz)) {
		uint64_t old = acas(addr, sz, c->excl_val[0], xr(c, rt));
		status = old != c->excl_val[0];
	}
	c->excl_addr = ~0ull;
	wx(c, rs, status);
	return NEXT;
}

int exec_exclp(struct cpu *c, uint32_t insn)
{
	int wide = BIT(insn, 30), rt = RD(insn), rt2 = RA(insn), rs = RM(insn);
	uint64_t addr = xsp(c, RN(insn));
	unsigned n = wide ? 16 : 8;
	if (misaligned(addr, n))
		return exec_align_fault(c, addr);
	if (BIT(insn, 22)) {
		uint64_t a, b;
		if (wide) {
			/* Two loads: a torn pair makes the STXP compare (a 128-bit CAS) fail, as required. */
			a = aload(addr, 3);
			b = aload(addr + 8, 3);
		} else {
			uint64_t v = aload(addr, 3);
			a = (uint32_t)v;
			b = v >> 32;
		}
		c->excl_addr = addr;
		c->excl_size = n;
		c->excl_val[0] = a;
		c->excl_val[1] = b;
		wx(c, rt, a);
		wx(c, rt2, b);
		return NEXT;
	}
	uint64_t status = 1;
	if (c->excl_addr == addr && c->excl_size == n) {
		if (wide) {
			uint64_t lo = c->excl_val[0], hi = c->excl_val[1];
			status = !cas128(addr, &lo, &hi, xr(c, rt), xr(c, rt2));
		} else {
			uint64_t e = (c->excl_val[0] & 0xffffffffu) | (c->excl_val[1] << 32);
			uint64_t d = (xr(c, rt) & 0xffffffffu) | (xr(c, rt2) << 32);
			status = acas(addr, 3, e, d) != e;
		}
	}
	c->excl_addr = ~0ull;
	wx(c, rs, status);
	return NEXT;
}

int exec_ldar(struct cpu *c, uint32_t insn)
{
	int sz = BITS(insn, 31, 30);
	uint64_t addr = xsp(c, RN(insn));
	if (misaligned(addr, 1u << sz))
		return exec_align_fault(c, addr);
	if (BIT(insn, 22))
		wx(c, RD(insn), aload(addr, sz));
	else
		astore(addr, sz, xr(c, RD(insn)));
	return NEXT;
}

int exec_cas(struct cpu *c, uint32_t insn)
{
	int sz = BITS(insn, 31, 30), rs = RM(insn);
	uint64_t addr = xsp(c, RN(insn));
	if (misaligned(addr, 1u << sz))
		return exec_align_fault(c, addr);
	uint64_t old = acas(addr, sz, xr(c, rs) & ones(8 << sz), xr(c, RD(insn)));
	wx(c, rs, old);
	return NEXT;
}

int exec_casp(struct cpu *c, uint32_t insn)
{
	int wide = BIT(insn, 30), rs = RM(insn), rt = RD(insn);
	uint64_t addr = xsp(c, RN(insn));
	if ((rs & 1) || (rt & 1))
		return CPU_EXIT_UDF;
	if (misaligned(addr, wide ? 16 : 8))
		return exec_align_fault(c, addr);
	if (wide) {
		uint64_t lo = xr(c, rs), hi = xr(c, rs + 1);
		cas128(addr, &lo, &hi, xr(c, rt), xr(c, rt + 1));
		wx(c, rs, lo);
		wx(c, rs + 1, hi);
	} else {
		uint64_t e = (xr(c, rs) & 0xffffffffu) | (xr(c, rs + 1) << 32);
		uint64_t d = (xr(c, rt) & 0xffffffffu) | (xr(c, rt + 1) << 32);
		uint64_t old = acas(addr, 3, e, d);
		wx(c, rs, (uint32_t)old);
		wx(c, rs + 1, old >> 32);
	}
	return NEXT;
}

int exec_atomic(struct cpu *c, uint32_t insn)
{
	int sz = BITS(insn, 31, 30), o3 = BIT(insn, 15), opc = BITS(insn, 14, 12);
	int w = 8 << sz;
	if (BIT(insn, 26) || (o3 && opc != 0))
		return CPU_EXIT_UDF;
	uint64_t addr = xsp(c, RN(insn));
	if (misaligned(addr, 1u << sz))
		return exec_align_fault(c, addr);
	uint64_t v = xr(c, RM(insn)) & ones(w);
	uint64_t old = aload(addr, sz), nv, seen;
	for (;;) {
		if (o3) {
			nv = v;
		} else {
			switch (opc) {
			case 0: nv = old + v; break;
			case 1: nv = old & ~v; break;
			case 2: nv = old ^ v; break;
			case 3: nv = old | v; break;
			case 4: nv = sext64(old, w) > sext64(v, w) ? old : v; break;
			case 5: nv = sext64(old, w) < sext64(v, w) ? old : v; break;
			case 6: nv = old > v ? old : v; break;
			default: nv = old < v ? old : v; break;
			}
		}
		seen = acas(addr, sz, old, nv & ones(w));
		if (seen == old)
			break;
		old = seen;
	}
	wx(c, RD(insn), old);
	return NEXT;
}
