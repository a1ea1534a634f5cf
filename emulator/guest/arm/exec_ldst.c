// SPDX-License-Identifier: GPL-2.0-only
/*
 * exec_ldst.c — loads and stores both instruction sets share (ARM ARM A8.8): single, dual,
 * multiple, exclusive; and the CP15 registers user mode reaches (thread ID registers, the
 * CP15 barrier operations).
 *
 * Every form does its memory accesses first and writes registers after, so a fault leaves the
 * registers as they were (core/vcpu.h). The exclusive monitor is emulated with a host
 * compare-and-swap: LDREX remembers the address and the value it read, STREX succeeds when
 * memory still holds that value (the ABA case a real monitor would catch is accepted, as
 * qemu does).
 */
#include <signal.h>
#include "exec.h"

int exec_align_fault(struct cpu *c, uint32_t addr)
{
	c->xi.fault_addr = addr;
	c->xi.fault_signo = SIGBUS;
	c->xi.fault_code = BUS_ADRALN;
	return CPU_EXIT_FAULT;
}

int ldst_single(struct cpu *c, int load, unsigned size, int sgn, unsigned rt, unsigned rn, uint32_t off,
		int add, int index, int wback)
{
	/* PC as base reads Align(PC, 4) (the T32 literal forms) */
	uint32_t base = rn == 15 ? c->r[15] & ~3u : c->r[rn], oa = add ? base + off : base - off;
	uint32_t a = index ? oa : base, v;
	if (load) {
		switch (size) {
		case 1: v = ld8(a); if (sgn) v = (uint32_t)(int8_t)v; break;
		case 2: v = ld16(a); if (sgn) v = (uint32_t)(int16_t)v; break;
		default: v = ld32(a); break;
		}
		if (wback)
			c->r[rn] = oa;
		if (rt == 15)
			return bx_to(c, v);
		c->r[rt] = v;
		return NEXT;
	}
	v = c->r[rt];
	switch (size) {
	case 1: st8(a, v); break;
	case 2: st16(a, v); break;
	default: st32(a, v); break;
	}
	if (wback)
		c->r[rn] = oa;
	return NEXT;
}

int ldst_dual(struct cpu *c, int load, unsigned rt, unsigned rt2, unsigned rn, uint32_t off, int add,
	      int index, int wback)
{
	uint32_t base = rn == 15 ? c->r[15] & ~3u : c->r[rn], oa = add ? base + off : base - off;
	uint32_t a = index ? oa : base;
	if (load) {
		uint32_t v1 = ld32(a), v2 = ld32(a + 4);
		if (wback)
			c->r[rn] = oa;
		c->r[rt] = v1;
		c->r[rt2] = v2;
		return NEXT;
	}
	st32(a, c->r[rt]);
	st32(a + 4, c->r[rt2]);
	if (wback)
		c->r[rn] = oa;
	return NEXT;
}

int ldst_multi(struct cpu *c, int load, unsigned rn, uint32_t list, uint32_t start, int wback, uint32_t newrn)
{
	uint32_t a = start, v[16];
	if (load) {
		for (unsigned k = 0; k < 16; k++)
			if (list & (1u << k)) {
				v[k] = ld32(a);
				a += 4;
			}
		if (wback)
			c->r[rn] = newrn;
		for (unsigned k = 0; k < 15; k++)
			if (list & (1u << k))
				c->r[k] = v[k];
		if (list & 0x8000)
			return bx_to(c, v[15]);
		return NEXT;
	}
	for (unsigned k = 0; k < 16; k++)
		if (list & (1u << k)) {
			st32(a, c->r[k]);
			a += 4;
		}
	if (wback)
		c->r[rn] = newrn;
	return NEXT;
}

int ldrex(struct cpu *c, unsigned size, unsigned rt, unsigned rt2, uint32_t addr)
{
	if (addr & (size - 1))
		return exec_align_fault(c, addr);
	uint64_t v;
	switch (size) {
	case 1: v = __atomic_load_n((uint8_t *)gptr(addr), __ATOMIC_SEQ_CST); break;
	case 2: v = __atomic_load_n((uint16_t *)gptr(addr), __ATOMIC_SEQ_CST); break;
	case 4: v = __atomic_load_n((uint32_t *)gptr(addr), __ATOMIC_SEQ_CST); break;
	default: v = __atomic_load_n((uint64_t *)gptr(addr), __ATOMIC_SEQ_CST); break;
	}
	c->excl_addr = addr;
	c->excl_val = v;
	c->excl_size = size;
	c->r[rt] = (uint32_t)v;
	if (size == 8)
		c->r[rt2] = (uint32_t)(v >> 32);
	return NEXT;
}

int strex(struct cpu *c, unsigned size, unsigned rs, unsigned rt, unsigned rt2, uint32_t addr)
{
	if (addr & (size - 1))
		return exec_align_fault(c, addr);
	int ok = 0;
	if (c->excl_addr == addr && c->excl_size == size) {
		uint64_t v = c->r[rt], e = c->excl_val;
		switch (size) {
		case 1: {
			uint8_t x = (uint8_t)e;
			ok = __atomic_compare_exchange_n((uint8_t *)gptr(addr), &x, (uint8_t)v, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
			break;
		}
		case 2: {
			uint16_t x = (uint16_t)e;
			ok = __atomic_compare_exchange_n((uint16_t *)gptr(addr), &x, (uint16_t)v, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
			break;
		}
		case 4: {
			uint32_t x = (uint32_t)e;
			ok = __atomic_compare_exchange_n((uint32_t *)gptr(addr), &x, (uint32_t)v, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
			break;
		}
		default:
			v |= (uint64_t)c->r[rt2] << 32;
			ok = __atomic_compare_exchange_n((uint64_t *)gptr(addr), &e, v, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
			break;
		}
	} else {
		/* a failing STREX still checks that the address is writable (as the hardware's
		 * translation would): touch it without changing it */
		__atomic_fetch_add((uint8_t *)gptr(addr), 0, __ATOMIC_RELAXED);
	}
	c->excl_addr = ~0ull;
	c->r[rs] = !ok;
	return NEXT;
}

int cp15_access(struct cpu *c, int read, unsigned opc1, unsigned crn, unsigned crm, unsigned opc2, unsigned rt)
{
	if (opc1 == 0 && crn == 13 && crm == 0 && (opc2 == 2 || opc2 == 3)) {
		if (rt == 15)
			return CPU_EXIT_UDF;
		if (read) {
			c->r[rt] = opc2 == 3 ? c->tpidruro : c->tpidrurw;
			return NEXT;
		}
		if (opc2 == 3)
			return CPU_EXIT_UDF;	/* TPIDRURO is read-only at PL0 */
		c->tpidrurw = c->r[rt];
		return NEXT;
	}
	/* CP15ISB, CP15DSB, CP15DMB: the ARMv6 barrier operations, still allowed at PL0 */
	if (!read && opc1 == 0 && crn == 7 && ((crm == 5 && opc2 == 4) || (crm == 10 && (opc2 == 4 || opc2 == 5))))
		return NEXT;
	return CPU_EXIT_UDF;
}
