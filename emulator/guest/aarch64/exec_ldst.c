// SPDX-License-Identifier: GPL-2.0-only
/* exec_ldst.c — single and pair loads/stores of general and SIMD&FP registers, all addressing modes. */
#include "exec.h"

enum { ACC_BAD = -1, ACC_PRFM = -2 };

/*
 * Classify size:opc:V of a single-register load/store. Returns the log2 access size (0..4)
 * and sets *kind: 0 store, 1 load zero-extend, 2 load sign-extend to 64, 3 load sign-extend to 32.
 */
static int classify(int size, int opc, int v, int *kind)
{
	if (v) {
		if (opc & 2) {
			if (size != 0)
				return ACC_BAD;
			*kind = opc & 1;
			return 4;
		}
		*kind = opc & 1;
		return size;
	}
	switch (opc) {
	case 0: *kind = 0; return size;
	case 1: *kind = 1; return size;
	case 2:
		if (size == 3)
			return ACC_PRFM;
		*kind = 2;
		return size;
	default:
		if (size >= 2)
			return ACC_BAD;
		*kind = 3;
		return size;
	}
}

static void access_one(struct cpu *c, uint64_t addr, int sz, int kind, int v, int rt)
{
	if (v) {
		vreg_t *r = &c->v[rt];
		if (kind == 0) {
			memcpy(gptr(addr), r, 1u << sz);
		} else {
			vreg_t t;
			t.q = 0;
			memcpy(&t, gptr(addr), 1u << sz);
			*r = t;
		}
		return;
	}
	switch (kind) {
	case 0: stn(addr, sz, xr(c, rt)); break;
	case 1: wx(c, rt, ldn(addr, sz)); break;
	case 2: wx(c, rt, (uint64_t)sext64(ldn(addr, sz), 8 << sz)); break;
	default: wx(c, rt, (uint32_t)sext64(ldn(addr, sz), 8 << sz)); break;
	}
}

int exec_ldst_uimm(struct cpu *c, uint32_t insn)
{
	int kind, v = BIT(insn, 26);
	int sz = classify(BITS(insn, 31, 30), BITS(insn, 23, 22), v, &kind);
	if (sz == ACC_BAD)
		return CPU_EXIT_UDF;
	if (sz == ACC_PRFM)
		return NEXT;
	uint64_t addr = xsp(c, RN(insn)) + ((uint64_t)BITS(insn, 21, 10) << sz);
	access_one(c, addr, sz, kind, v, RD(insn));
	return NEXT;
}

int exec_ldst_imm9(struct cpu *c, uint32_t insn)
{
	int kind, v = BIT(insn, 26), mode = BITS(insn, 11, 10);
	int sz = classify(BITS(insn, 31, 30), BITS(insn, 23, 22), v, &kind);
	if (sz == ACC_BAD)
		return CPU_EXIT_UDF;
	if (sz == ACC_PRFM)
		return mode == 0 ? NEXT : CPU_EXIT_UDF;
	int64_t off = sext64(BITS(insn, 20, 12), 9);
	uint64_t base = xsp(c, RN(insn));
	uint64_t addr = mode == 1 ? base : base + (uint64_t)off;
	access_one(c, addr, sz, kind, v, RD(insn));
	if (mode == 1 || mode == 3)
		wsp(c, RN(insn), base + (uint64_t)off);
	return NEXT;
}

int exec_ldst_reg(struct cpu *c, uint32_t insn)
{
	int kind, v = BIT(insn, 26), option = BITS(insn, 15, 13);
	int sz = classify(BITS(insn, 31, 30), BITS(insn, 23, 22), v, &kind);
	if (sz == ACC_BAD || !(option & 2))
		return CPU_EXIT_UDF;
	if (sz == ACC_PRFM)
		return NEXT;
	uint64_t m = xr(c, RM(insn));
	switch (option) {
	case 2: m = (uint32_t)m; break;
	case 6: m = (uint64_t)(int64_t)(int32_t)m; break;
	default: break;
	}
	if (BIT(insn, 12))
		m <<= sz;
	access_one(c, xsp(c, RN(insn)) + m, sz, kind, v, RD(insn));
	return NEXT;
}

int exec_ldr_lit(struct cpu *c, uint32_t insn)
{
	int opc = BITS(insn, 31, 30), v = BIT(insn, 26);
	uint64_t addr = c->pc + (uint64_t)sext64(BITS(insn, 23, 5) << 2, 21);
	if (v) {
		if (opc == 3)
			return CPU_EXIT_UDF;
		access_one(c, addr, 2 + opc, 1, 1, RD(insn));
	} else if (opc == 3) {
		return NEXT;	/* PRFM (literal) */
	} else if (opc == 2) {
		access_one(c, addr, 2, 2, 0, RD(insn));
	} else {
		access_one(c, addr, 2 + opc, 1, 0, RD(insn));
	}
	return NEXT;
}

int exec_ldst_pair(struct cpu *c, uint32_t insn)
{
	int opc = BITS(insn, 31, 30), v = BIT(insn, 26), l = BIT(insn, 22), mode = BITS(insn, 24, 23);
	int rt = RD(insn), rt2 = RA(insn), rn = RN(insn), sz, sgn = 0;
	if (v && opc == 2) { /* Q pair: the memcpy/memset workhorse */
		int64_t off = sext64(BITS(insn, 21, 15), 7) * 16;
		uint64_t base = xsp(c, rn), addr = mode == 1 ? base : base + (uint64_t)off;
		if (l) {
			vreg_t a, b;
			memcpy(&a, gptr(addr), 16);
			memcpy(&b, gptr(addr + 16), 16);
			c->v[rt] = a;
			c->v[rt2] = b;
		} else {
			memcpy(gptr(addr), &c->v[rt], 16);
			memcpy(gptr(addr + 16), &c->v[rt2], 16);
		}
		if (mode == 1 || mode == 3)
			wsp(c, rn, base + (uint64_t)off);
		return NEXT;
	}
	if (opc == 3)
		return CPU_EXIT_UDF;
	if (v) {
		sz = 2 + opc;
	} else {
		if (opc == 1) {
			if (!l || mode == 0)
				return CPU_EXIT_UDF;	/* STGP (MTE) / no LDNPSW */
			sgn = 1;
			sz = 2;
		} else {
			sz = opc ? 3 : 2;
		}
	}
	int64_t off = sext64(BITS(insn, 21, 15), 7) * (1 << sz);
	uint64_t base = xsp(c, rn);
	uint64_t addr = mode == 1 ? base : base + (uint64_t)off;
	uint64_t n = 1u << sz;
	if (v) {
		if (l) {
			vreg_t a, b;
			a.q = 0;
			b.q = 0;
			memcpy(&a, gptr(addr), n);
			memcpy(&b, gptr(addr + n), n);
			c->v[rt] = a;
			c->v[rt2] = b;
		} else {
			memcpy(gptr(addr), &c->v[rt], n);
			memcpy(gptr(addr + n), &c->v[rt2], n);
		}
	} else if (l) {
		uint64_t a = ldn(addr, sz), b = ldn(addr + n, sz);
		if (sgn) {
			a = (uint64_t)(int64_t)(int32_t)a;
			b = (uint64_t)(int64_t)(int32_t)b;
		}
		wx(c, rt, a);
		wx(c, rt2, b);
	} else {
		uint64_t a = xr(c, rt), b = xr(c, rt2);
		stn(addr, sz, a);
		stn(addr + n, sz, b);
	}
	if (mode == 1 || mode == 3)
		wsp(c, rn, base + (uint64_t)off);
	return NEXT;
}
