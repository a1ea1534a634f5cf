// SPDX-License-Identifier: GPL-2.0-only
/* simd_perm.c — AdvSIMD copy (DUP/INS/UMOV/SMOV), permutes (ZIP/UZP/TRN), EXT, TBL/TBX, MOVI family. */
#include "simd.h"

static int imm5_size(unsigned imm5)
{
	if (!(imm5 & 15))
		return -1;
	return __builtin_ctz(imm5);
}

int exec_simd_copy(struct cpu *c, uint32_t insn)
{
	int q = BIT(insn, 30), op = BIT(insn, 29), imm4 = BITS(insn, 14, 11);
	unsigned imm5 = BITS(insn, 20, 16);
	int sz = imm5_size(imm5), rd = RD(insn), rn = RN(insn);
	if (sz < 0)
		return CPU_EXIT_UDF;
	int idx = imm5 >> (sz + 1), elems = (q ? 16 : 8) >> sz;
	vreg_t r;
	if (op) {
		if (!q)
			return CPU_EXIT_UDF;
		r = c->v[rd];
		setlane(&r, sz, idx, lane(&c->v[rn], sz, imm4 >> sz));
		c->v[rd] = r;
		return NEXT;
	}
	switch (imm4) {
	case 0: /* DUP (element) */
	case 1: { /* DUP (general) */
		if (sz == 3 && !q)
			return CPU_EXIT_UDF;
		uint64_t v = imm4 == 0 ? lane(&c->v[rn], sz, idx) : xr(c, rn);
		r.q = 0;
		for (int i = 0; i < elems; i++)
			setlane(&r, sz, i, v);
		vwrite(c, rd, &r, q);
		return NEXT;
	}
	case 3: /* INS (general) */
		if (!q)
			return CPU_EXIT_UDF;
		setlane(&c->v[rd], sz, idx, xr(c, rn));
		return NEXT;
	case 5: /* SMOV */
		if (sz >= (q ? 3 : 2))
			return CPU_EXIT_UDF;
		{
			uint64_t v = (uint64_t)slane(&c->v[rn], sz, idx);
			wx(c, rd, q ? v : (uint32_t)v);
		}
		return NEXT;
	case 7: /* UMOV */
		if (q != (sz == 3))
			return CPU_EXIT_UDF;
		wx(c, rd, lane(&c->v[rn], sz, idx));
		return NEXT;
	default:
		return CPU_EXIT_UDF;
	}
}

int exec_sisd_copy(struct cpu *c, uint32_t insn)
{
	unsigned imm5 = BITS(insn, 20, 16);
	int sz = imm5_size(imm5);
	if (sz < 0)
		return CPU_EXIT_UDF;
	vreg_t r;
	r.q = 0;
	setlane(&r, sz, 0, lane(&c->v[RN(insn)], sz, imm5 >> (sz + 1)));
	c->v[RD(insn)] = r;
	return NEXT;
}

int exec_simd_perm(struct cpu *c, uint32_t insn)
{
	int q = BIT(insn, 30), sz = BITS(insn, 23, 22), op = BITS(insn, 14, 12);
	if (sz == 3 && !q)
		return CPU_EXIT_UDF;
	int elems = (q ? 16 : 8) >> sz, half = elems / 2, part = op >> 2;
	const vreg_t *n = &c->v[RN(insn)], *m = &c->v[RM(insn)];
	vreg_t r;
	r.q = 0;
	switch (op & 3) {
	case 1: /* UZP */
		for (int i = 0; i < elems; i++) {
			int s = 2 * i + part;
			setlane(&r, sz, i, s < elems ? lane(n, sz, s) : lane(m, sz, s - elems));
		}
		break;
	case 2: /* TRN */
		for (int p = 0; p < half; p++) {
			setlane(&r, sz, 2 * p, lane(n, sz, 2 * p + part));
			setlane(&r, sz, 2 * p + 1, lane(m, sz, 2 * p + part));
		}
		break;
	case 3: /* ZIP */
		for (int p = 0; p < half; p++) {
			setlane(&r, sz, 2 * p, lane(n, sz, p + part * half));
			setlane(&r, sz, 2 * p + 1, lane(m, sz, p + part * half));
		}
		break;
	default:
		return CPU_EXIT_UDF;
	}
	vwrite(c, RD(insn), &r, q);
	return NEXT;
}

int exec_simd_ext(struct cpu *c, uint32_t insn)
{
	int q = BIT(insn, 30), pos = BITS(insn, 14, 11), bytes = q ? 16 : 8;
	if (!q && pos >= 8)
		return CPU_EXIT_UDF;
	uint8_t cat[32];
	memcpy(cat, &c->v[RN(insn)], bytes);
	memcpy(cat + bytes, &c->v[RM(insn)], bytes);
	vreg_t r;
	r.q = 0;
	memcpy(&r, cat + pos, bytes);
	vwrite(c, RD(insn), &r, q);
	return NEXT;
}

int exec_simd_tbl(struct cpu *c, uint32_t insn)
{
	int q = BIT(insn, 30), len = BITS(insn, 14, 13) + 1, tbx = BIT(insn, 12), rn = RN(insn);
	uint8_t tab[64];
	for (int i = 0; i < len; i++)
		memcpy(tab + 16 * i, &c->v[(rn + i) & 31], 16);
	const vreg_t *m = &c->v[RM(insn)];
	vreg_t r = tbx ? c->v[RD(insn)] : (vreg_t){ .q = 0 };
	for (int i = 0; i < (q ? 16 : 8); i++) {
		unsigned idx = m->b[i];
		if (idx < 16u * len)
			r.b[i] = tab[idx];
		else if (!tbx)
			r.b[i] = 0;
	}
	vwrite(c, RD(insn), &r, q);
	return NEXT;
}

uint64_t simd_expand_imm(int op, int cmode, uint64_t imm8)
{
	uint64_t imm = 0;
	switch (cmode >> 1) {
	case 0: case 1: case 2: case 3:
		imm = imm8 << (8 * (cmode >> 1));
		imm |= imm << 32;
		break;
	case 4: case 5:
		imm = imm8 << (8 * ((cmode >> 1) & 1));
		imm |= imm << 16;
		imm |= imm << 32;
		break;
	case 6:
		imm = (cmode & 1) ? (imm8 << 16) | 0xffff : (imm8 << 8) | 0xff;
		imm |= imm << 32;
		break;
	default:
		if (!(cmode & 1) && !op) {
			imm = imm8 * 0x0101010101010101ull;
		} else if (!(cmode & 1) && op) {
			for (int i = 0; i < 8; i++)
				if ((imm8 >> i) & 1)
					imm |= 0xffull << (8 * i);
		} else if (!op) {
			uint64_t b6 = (imm8 >> 6) & 1;
			uint32_t f = (uint32_t)(((imm8 >> 7) & 1) << 31) | (uint32_t)((b6 ? 0x1f : 0x20) << 25) |
				     (uint32_t)((imm8 & 0x3f) << 19);
			imm = f | ((uint64_t)f << 32);
		} else {
			uint64_t b6 = (imm8 >> 6) & 1;
			imm = (((imm8 >> 7) & 1) << 63) | ((b6 ? 0xffull : 0x100ull) << 54) | ((imm8 & 0x3f) << 48);
		}
		break;
	}
	return imm;
}

int exec_simd_modimm(struct cpu *c, uint32_t insn)
{
	int q = BIT(insn, 30), op = BIT(insn, 29), cmode = BITS(insn, 15, 12);
	uint64_t imm8 = (BITS(insn, 18, 16) << 5) | BITS(insn, 9, 5), imm;
	if (BIT(insn, 11))
		return CPU_EXIT_UDF;	/* o2: FMOV half-precision (FP16 not implemented) */
	if (cmode == 15 && op && !q)
		return CPU_EXIT_UDF;
	imm = simd_expand_imm(op, cmode, imm8);
	vreg_t r = c->v[RD(insn)];
	int orr_bic = (cmode < 12 && (cmode & 1));
	if (orr_bic) {
		for (int i = 0; i < 2; i++)
			r.d[i] = op ? (r.d[i] & ~imm) : (r.d[i] | imm);
	} else {
		int invert = op && cmode < 14;
		r.d[0] = r.d[1] = invert ? ~imm : imm;
	}
	vwrite(c, RD(insn), &r, q);
	return NEXT;
}
