// SPDX-License-Identifier: GPL-2.0-only
/* simd_ldst.c — AdvSIMD structure loads/stores: LD1-LD4/ST1-ST4 (multiple, single lane, replicate). */
#include "exec.h"

static void post_index(struct cpu *c, uint32_t insn, uint64_t base, uint64_t total)
{
	if (!BIT(insn, 23))
		return;
	int rm = RM(insn);
	wsp(c, RN(insn), base + (rm == 31 ? total : c->x[rm]));
}

int exec_ldst_mult(struct cpu *c, uint32_t insn)
{
	int q = BIT(insn, 30), l = BIT(insn, 22), sz = BITS(insn, 11, 10), rt = RD(insn);
	int rpt, selem;
	switch (BITS(insn, 15, 12)) {
	case 0: rpt = 1; selem = 4; break;
	case 2: rpt = 4; selem = 1; break;
	case 4: rpt = 1; selem = 3; break;
	case 6: rpt = 3; selem = 1; break;
	case 7: rpt = 1; selem = 1; break;
	case 8: rpt = 1; selem = 2; break;
	case 10: rpt = 2; selem = 1; break;
	default: return CPU_EXIT_UDF;
	}
	if (sz == 3 && !q && selem > 1)
		return CPU_EXIT_UDF;
	int esz = 1 << sz, elems = (q ? 16 : 8) >> sz;
	uint64_t base = xsp(c, RN(insn)), addr = base;
	if (l) {
		vreg_t t[4];
		for (int r = 0; r < rpt * selem; r++)
			t[r] = c->v[(rt + r) & 31];
		for (int r = 0; r < rpt * selem; r++)
			if (!q)
				t[r].d[1] = 0;
		for (int r = 0; r < rpt; r++)
			for (int e = 0; e < elems; e++)
				for (int s = 0; s < selem; s++) {
					memcpy(&t[r + s].b[e * esz], gptr(addr), esz);
					addr += esz;
				}
		for (int r = 0; r < rpt * selem; r++)
			c->v[(rt + r) & 31] = t[r];
	} else {
		for (int r = 0; r < rpt; r++)
			for (int e = 0; e < elems; e++)
				for (int s = 0; s < selem; s++) {
					memcpy(gptr(addr), &c->v[(rt + r + s) & 31].b[e * esz], esz);
					addr += esz;
				}
	}
	post_index(c, insn, base, addr - base);
	return NEXT;
}

int exec_ldst_single(struct cpu *c, uint32_t insn)
{
	int q = BIT(insn, 30), l = BIT(insn, 22), r = BIT(insn, 21), opc = BITS(insn, 15, 13);
	int s = BIT(insn, 12), size = BITS(insn, 11, 10), rt = RD(insn);
	int selem = (((opc & 1) << 1) | r) + 1, scale = opc >> 1, index = 0;
	switch (scale) {
	case 0: index = (q << 3) | (s << 2) | size; break;
	case 1:
		if (size & 1)
			return CPU_EXIT_UDF;
		index = (q << 2) | (s << 1) | (size >> 1);
		break;
	case 2:
		if ((size & 2))
			return CPU_EXIT_UDF;
		if (!(size & 1)) {
			index = (q << 1) | s;
		} else {
			if (s)
				return CPU_EXIT_UDF;
			index = q;
			scale = 3;
		}
		break;
	default:
		if (!l || s)
			return CPU_EXIT_UDF;
		scale = size;
		break;
	}
	uint64_t base = xsp(c, RN(insn)), addr = base;
	if (opc >> 1 == 3) {
		int esz = 1 << scale;
		vreg_t t[4];
		for (int k = 0; k < selem; k++) {
			uint64_t v = ldn(addr, scale);
			t[k].q = 0;
			for (int e = 0; e < (q ? 16 : 8) / esz; e++)
				memcpy(&t[k].b[e * esz], &v, esz);
			addr += esz;
		}
		for (int k = 0; k < selem; k++)
			c->v[(rt + k) & 31] = t[k];
	} else {
		int esz = 1 << scale;
		if (l) {
			uint64_t t[4];
			for (int k = 0; k < selem; k++) {
				t[k] = ldn(addr, scale);
				addr += esz;
			}
			for (int k = 0; k < selem; k++)
				memcpy(&c->v[(rt + k) & 31].b[index * esz], &t[k], esz);
		} else {
			for (int k = 0; k < selem; k++) {
				memcpy(gptr(addr), &c->v[(rt + k) & 31].b[index * esz], esz);
				addr += esz;
			}
		}
	}
	post_index(c, insn, base, addr - base);
	return NEXT;
}
