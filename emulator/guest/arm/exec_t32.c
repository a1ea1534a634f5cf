// SPDX-License-Identifier: GPL-2.0-only
/*
 * exec_t32.c — the 32-bit Thumb-2 handlers (t32.def): insn is hw1 << 16 | hw2. Each extracts
 * its fields and calls the operation A32 shares (exec_alu.c, exec_mul.c, exec_media.c,
 * exec_ldst.c). Register 13 and 15 restrictions that make a form unpredictable are refused.
 */
#include "decode.h"
#include "exec.h"

#define RN(i) BITS(i, 19, 16)
#define RT(i) BITS(i, 15, 12)
#define RD(i) BITS(i, 11, 8)
#define RM(i) BITS(i, 3, 0)

int t32_nop(struct cpu *c, uint32_t i)
{
	(void)c;
	(void)i;
	return NEXT;
}

/* UDF.W: undefined, except Linux's Thumb-2 ptrace breakpoint 0xf7f0a000 (SIGTRAP, as qemu) */
int t32_udf(struct cpu *c, uint32_t i)
{
	if (i != 0xf7f0a000u)
		return CPU_EXIT_UDF;
	c->xi.brk_imm = 0;
	return CPU_EXIT_BRK;
}

int t32_clrex(struct cpu *c, uint32_t i)
{
	(void)i;
	c->excl_addr = ~0ull;
	return NEXT;
}

int t32_excl(struct cpu *c, uint32_t i)
{
	uint32_t a = c->r[RN(i)];
	switch (c->op) {
	case OP_T32_LDREX: return ldrex(c, 4, RT(i), 0, a + ((i & 0xff) << 2));
	case OP_T32_STREX: return strex(c, 4, RD(i), RT(i), 0, a + ((i & 0xff) << 2));
	case OP_T32_LDREXB: return ldrex(c, 1, RT(i), 0, a);
	case OP_T32_LDREXH: return ldrex(c, 2, RT(i), 0, a);
	case OP_T32_LDREXD: return ldrex(c, 8, RT(i), RD(i), a);
	case OP_T32_STREXB: return strex(c, 1, RM(i), RT(i), 0, a);
	case OP_T32_STREXH: return strex(c, 2, RM(i), RT(i), 0, a);
	default: return strex(c, 8, RM(i), RT(i), RD(i), a);
	}
}

int t32_tbb(struct cpu *c, uint32_t i)
{
	uint32_t base = c->r[RN(i)], m = c->r[RM(i)], off;
	if (BIT(i, 4))
		off = ld16(base + 2 * m);
	else
		off = ld8(base + m);
	c->pc = c->r[15] + 2 * off;
	return JUMP;
}

int t32_ldrd(struct cpu *c, uint32_t i)
{
	unsigned p = BIT(i, 24), u = BIT(i, 23), w = BIT(i, 21);
	if (!p && !w)
		return CPU_EXIT_UDF;
	return ldst_dual(c, BIT(i, 20), RT(i), RD(i), RN(i), (i & 0xff) << 2, u, p, w);
}

int t32_ldstm(struct cpu *c, uint32_t i)
{
	unsigned rn = RN(i), w = BIT(i, 21), l = BIT(i, 20), db = BIT(i, 24);
	uint32_t list = i & 0xffff, base = c->r[rn], n = 4u * (uint32_t)__builtin_popcount(list);
	if (__builtin_popcount(list) < 2 || (list & 0x2000) || (!l && (list & 0x8000)) ||
	    (l && (list & 0xc000) == 0xc000))
		return CPU_EXIT_UDF;
	if (db)
		return ldst_multi(c, l, rn, list, base - n, w, base - n);
	return ldst_multi(c, l, rn, list, base, w, base + n);
}

int t32_pkh(struct cpu *c, uint32_t i)
{
	unsigned t, amt, tb = BIT(i, 5);
	uint32_t cy, n = c->r[RN(i)];
	imm_shift(tb ? SR_ASR : SR_LSL, BITS(i, 14, 12) << 2 | BITS(i, 7, 6), &t, &amt);
	uint32_t m = shift_c(c->r[RM(i)], t, amt, 0, &cy);
	c->r[RD(i)] = tb ? (n & 0xffff0000u) | (m & 0xffff) : (m & 0xffff0000u) | (n & 0xffff);
	return NEXT;
}

/* The T32 data-processing opcodes (bits 24..21) in A32 numbering; -1 unallocated. */
static const signed char t32_dpop[16] = {
	DP_AND, DP_BIC, DP_ORR, DP_ORN, DP_EOR, -1, -1, -1,
	DP_ADD, -1, DP_ADC, DP_SBC, -1, DP_SUB, DP_RSB, -1,
};

static int t32_dp_common(struct cpu *c, uint32_t i, uint32_t b, uint32_t shc)
{
	int op = t32_dpop[BITS(i, 24, 21)];
	unsigned s = BIT(i, 20), rd = RD(i), rn = RN(i);
	if (op < 0)
		return CPU_EXIT_UDF;
	/* Rd = PC with S: the compare forms TST TEQ CMN CMP */
	if (rd == 15) {
		if (!s)
			return CPU_EXIT_UDF;
		switch (op) {
		case DP_AND: op = DP_TST; break;
		case DP_EOR: op = DP_TEQ; break;
		case DP_ADD: op = DP_CMN; break;
		case DP_SUB: op = DP_CMP; break;
		default: return CPU_EXIT_UDF;
		}
	}
	/* Rn = PC: the move forms MOV MVN for ORR ORN */
	if (rn == 15) {
		if (op == DP_ORR)
			op = DP_MOV;
		else if (op == DP_ORN)
			op = DP_MVN;
		else
			return CPU_EXIT_UDF;
	}
	return dp_exec(c, (unsigned)op, rd, c->r[rn], b, shc, s);
}

int t32_dp_sreg(struct cpu *c, uint32_t i)
{
	unsigned t, amt;
	uint32_t shc;
	if (RM(i) == 15 || RM(i) == 13)
		return CPU_EXIT_UDF;
	imm_shift(BITS(i, 5, 4), BITS(i, 14, 12) << 2 | BITS(i, 7, 6), &t, &amt);
	uint32_t b = shift_c(c->r[RM(i)], t, amt, (c->nzcv >> 29) & 1, &shc);
	return t32_dp_common(c, i, b, shc);
}

int t32_dp_modimm(struct cpu *c, uint32_t i)
{
	uint32_t shc, imm12 = BIT(i, 26) << 11 | BITS(i, 14, 12) << 8 | (i & 0xff);
	uint32_t b = t32_expand_imm(imm12, (c->nzcv >> 29) & 1, &shc);
	return t32_dp_common(c, i, b, shc);
}

int t32_plainimm(struct cpu *c, uint32_t i)
{
	unsigned rd = RD(i), rn = RN(i), lsb = BITS(i, 14, 12) << 2 | BITS(i, 7, 6), w = i & 31;
	uint32_t imm12 = BIT(i, 26) << 11 | BITS(i, 14, 12) << 8 | (i & 0xff), n = c->r[rn];
	/* SP as destination only for ADDW/SUBW SP, SP, #imm */
	if (rd == 15 || (rd == 13 && !((c->op == OP_T32_ADDW || c->op == OP_T32_SUBW) && rn == 13)))
		return CPU_EXIT_UDF;
	switch (c->op) {
	case OP_T32_ADDW:
		c->r[rd] = (rn == 15 ? n & ~3u : n) + imm12;
		return NEXT;
	case OP_T32_SUBW:
		c->r[rd] = (rn == 15 ? n & ~3u : n) - imm12;
		return NEXT;
	case OP_T32_MOVW:
		c->r[rd] = rn << 12 | imm12;
		return NEXT;
	case OP_T32_MOVT:
		c->r[rd] = (c->r[rd] & 0xffff) | (rn << 12 | imm12) << 16;
		return NEXT;
	case OP_T32_SSAT: case OP_T32_USAT: {
		int u = c->op == OP_T32_USAT;
		if (BIT(i, 21) && !lsb) {	/* SSAT16 / USAT16 */
			c->r[rd] = u ? usat16(c, n, w & 15) : ssat16(c, n, (w & 15) + 1);
			return NEXT;
		}
		unsigned t, amt;
		uint32_t cy;
		imm_shift(BIT(i, 21) ? SR_ASR : SR_LSL, lsb, &t, &amt);
		int32_t v = (int32_t)shift_c(n, t, amt, 0, &cy);
		c->r[rd] = u ? usat(c, v, w) : ssat(c, v, w + 1);
		return NEXT;
	}
	case OP_T32_BFI: {
		if (w < lsb)
			return CPU_EXIT_UDF;
		uint32_t mask = (uint32_t)((2ull << w) - (1ull << lsb)), v = rn == 15 ? 0 : n;
		c->r[rd] = (c->r[rd] & ~mask) | ((v << lsb) & mask);
		return NEXT;
	}
	default: {	/* SBFX, UBFX: w is width - 1 */
		if (lsb + w > 31 || rn == 15)
			return CPU_EXIT_UDF;
		uint32_t f = (n >> lsb) & (uint32_t)((2ull << w) - 1);
		c->r[rd] = c->op == OP_T32_UBFX ? f : (uint32_t)sext(f, (int)w + 1);
		return NEXT;
	}
	}
}

int t32_msr(struct cpu *c, uint32_t i)
{
	unsigned mask = BITS(i, 11, 10);
	if (BIT(i, 20) || !mask || BITS(i, 9, 8))
		return CPU_EXIT_UDF;
	msr_apsr(c, c->r[RN(i)], mask);
	return NEXT;
}

int t32_mrs(struct cpu *c, uint32_t i)
{
	if (BIT(i, 20))
		return CPU_EXIT_UDF;
	c->r[RD(i)] = cpu_get_cpsr(c) & ~0x0600fc20u;	/* without IT, T */
	return NEXT;
}

int t32_b(struct cpu *c, uint32_t i)
{
	uint32_t s = BIT(i, 26), j1 = BIT(i, 13), j2 = BIT(i, 11), off;
	if (c->op == OP_T32_B_COND) {
		unsigned cond = BITS(i, 25, 22);
		if (cond >= 14 || in_it(c))
			return CPU_EXIT_UDF;
		if (!cond_pass(c->nzcv, cond))
			return NEXT;
		off = (uint32_t)sext(s << 20 | j2 << 19 | j1 << 18 | BITS(i, 21, 16) << 12 | (i & 0x7ff) << 1, 21);
		c->pc = c->r[15] + off;
		return JUMP;
	}
	uint32_t i1 = !(j1 ^ s), i2 = !(j2 ^ s);
	off = (uint32_t)sext(s << 24 | i1 << 23 | i2 << 22 | BITS(i, 25, 16) << 12 | (i & 0x7ff) << 1, 25);
	if (c->op == OP_T32_B) {
		c->pc = c->r[15] + off;
		return JUMP;
	}
	c->r[14] = ((uint32_t)c->pc + 4) | 1;
	if (c->op == OP_T32_BL) {
		c->pc = c->r[15] + off;
		return JUMP;
	}
	c->thumb = 0;	/* BLX imm: to A32, from Align(PC, 4) */
	c->pc = ((c->r[15] & ~3u) + off) & ~3u;
	return JUMP;
}

int t32_ldst_decode(unsigned op, uint32_t i, struct t32_ldst *d)
{
	unsigned sz = BITS(i, 22, 21);
	*d = (struct t32_ldst){ .size = 1u << sz, .sgn = BIT(i, 24), .load = BIT(i, 20), .add = 1, .index = 1 };
	if (sz == 3 || (d->sgn && sz == 2) || (!d->load && d->sgn))
		return -1;
	switch (op) {
	case OP_T32_LD_LIT:
		d->add = BIT(i, 23);
		d->off = i & 0xfff;
		break;
	case OP_T32_ST_IMM12: case OP_T32_LD_IMM12:
		d->off = i & 0xfff;
		break;
	case OP_T32_ST_IMM8: case OP_T32_LD_IMM8:
		d->off = i & 0xff;
		d->index = BIT(i, 10);
		d->add = BIT(i, 9);
		d->wback = BIT(i, 8);
		if (!d->index && !d->wback)
			return -1;
		break;
	default:
		if (RM(i) == 13 || RM(i) == 15)
			return -1;
		d->reg = 1;
		d->off = BITS(i, 5, 4);
		break;
	}
	/* byte and halfword loads to PC are the preload hints PLD, PLDW, PLI */
	if (d->load && RT(i) == 15 && d->size < 4)
		return 1;
	if (RN(i) == 15 && op != OP_T32_LD_LIT)
		return -1;
	if (d->wback && RN(i) == RT(i))
		return -1;
	return 0;
}

int t32_ldst(struct cpu *c, uint32_t i)
{
	struct t32_ldst d;
	int r = t32_ldst_decode(c->op, i, &d);
	if (r)
		return r < 0 ? CPU_EXIT_UDF : NEXT;
	uint32_t off = d.reg ? c->r[RM(i)] << d.off : d.off;
	return ldst_single(c, (int)d.load, d.size, (int)d.sgn, RT(i), RN(i), off, d.add, d.index, d.wback);
}

int t32_shift_reg(struct cpu *c, uint32_t i)
{
	uint32_t cy, r = shift_c(c->r[RN(i)], BITS(i, 22, 21), c->r[RM(i)] & 0xff, (c->nzcv >> 29) & 1, &cy);
	return dp_exec(c, DP_MOV, RD(i), 0, r, cy, BIT(i, 20));
}

int t32_xtend(struct cpu *c, uint32_t i)
{
	/* hw1 op: SXTAH UXTAH SXTAB16 UXTAB16 SXTAB UXTAB, in the A32 numbering of xtend() */
	static const signed char op[8] = { 3, 7, 0, 4, 2, 6, -1, -1 };
	int o = op[BITS(i, 22, 20)];
	if (o < 0)
		return CPU_EXIT_UDF;
	uint32_t m = ror32(c->r[RM(i)], 8 * BITS(i, 5, 4));
	c->r[RD(i)] = xtend((unsigned)o, RN(i) == 15 ? 0 : c->r[RN(i)], m);
	return NEXT;
}

int t32_paradd(struct cpu *c, uint32_t i)
{
	/* hw1 op1: ADD8 ADD16 ASX - SUB8 SUB16 SAX -, in par_addsub()'s numbering */
	static const signed char op[8] = { 4, 0, 1, -1, 5, 3, 2, -1 };
	int o = op[BITS(i, 22, 20)];
	unsigned k = BITS(i, 5, 4);
	if (o < 0 || k == 3 || BIT(i, 7))
		return CPU_EXIT_UDF;
	c->r[RD(i)] = par_addsub(c, (BIT(i, 6) ? 3 : 0) + k, (unsigned)o, c->r[RN(i)], c->r[RM(i)]);
	return NEXT;
}

int t32_misc(struct cpu *c, uint32_t i)
{
	unsigned op1 = BITS(i, 21, 20), op2 = BITS(i, 5, 4), rd = RD(i);
	uint32_t n = c->r[RN(i)], m = c->r[RM(i)];
	switch (op1) {
	case 0:	/* QADD QDADD QSUB QDSUB: op2 bit 0 doubling, bit 1 subtract */
		c->r[rd] = qaddsub(c, (op2 & 1) << 1 | op2 >> 1, m, n);
		return NEXT;
	case 1: {
		uint32_t r;
		switch (op2) {
		case 0: r = __builtin_bswap32(m); break;
		case 1: r = (m >> 8 & 0x00ff00ffu) | (m << 8 & 0xff00ff00u); break;
		case 2: r = rbit(m); break;
		default: r = (uint32_t)(int16_t)((m & 0xff) << 8 | (m >> 8 & 0xff)); break;
		}
		c->r[rd] = r;
		return NEXT;
	}
	case 2:
		if (op2)
			return CPU_EXIT_UDF;
		c->r[rd] = sel(c, n, m);
		return NEXT;
	default:
		if (op2)
			return CPU_EXIT_UDF;
		c->r[rd] = m ? (uint32_t)__builtin_clz(m) : 32;
		return NEXT;
	}
}

int t32_mul(struct cpu *c, uint32_t i)
{
	unsigned rn = RN(i), ra = RT(i), rd = RD(i), rm = RM(i), nm = BITS(i, 5, 4), x = BIT(i, 4);
	switch (c->op) {
	case OP_T32_MUL:
		if (x)
			return mul_exec(c, MU_MLS, 0, rd, 0, rn, rm, ra, 0);
		return mul_exec(c, ra == 15 ? MU_MUL : MU_MLA, 0, rd, 0, rn, rm, ra, 0);
	case OP_T32_SMLAXY:
		return mul_exec(c, ra == 15 ? MU_SMULXY : MU_SMLAXY, 0, rd, 0, rn, rm, ra, (nm >> 1) | (nm & 1) << 1);
	case OP_T32_SMLAD: return mul_exec(c, MU_SMLAD, 0, rd, 0, rn, rm, ra, x);
	case OP_T32_SMLSD: return mul_exec(c, MU_SMLSD, 0, rd, 0, rn, rm, ra, x);
	case OP_T32_SMLAWY:
		return mul_exec(c, ra == 15 ? MU_SMULWY : MU_SMLAWY, 0, rd, 0, rn, rm, ra, x << 1);
	case OP_T32_SMMLA: return mul_exec(c, ra == 15 ? MU_SMMUL : MU_SMMLA, 0, rd, 0, rn, rm, ra, x);
	case OP_T32_SMMLS: return mul_exec(c, MU_SMMLS, 0, rd, 0, rn, rm, ra, x);
	case OP_T32_USAD8: return mul_exec(c, ra == 15 ? MU_USAD8 : MU_USADA8, 0, rd, 0, rn, rm, ra, 0);
	case OP_T32_SMULL: return mul_exec(c, MU_SMULL, 0, ra, rd, rn, rm, 0, 0);
	case OP_T32_UMULL: return mul_exec(c, MU_UMULL, 0, ra, rd, rn, rm, 0, 0);
	case OP_T32_SMLAL: return mul_exec(c, MU_SMLAL, 0, ra, rd, rn, rm, 0, 0);
	case OP_T32_UMLAL: return mul_exec(c, MU_UMLAL, 0, ra, rd, rn, rm, 0, 0);
	case OP_T32_UMAAL: return mul_exec(c, MU_UMAAL, 0, ra, rd, rn, rm, 0, 0);
	case OP_T32_SMLALXY: return mul_exec(c, MU_SMLALXY, 0, ra, rd, rn, rm, 0, (nm >> 1) | (nm & 1) << 1);
	case OP_T32_SMLALD: return mul_exec(c, MU_SMLALD, 0, ra, rd, rn, rm, 0, x);
	case OP_T32_SMLSLD: return mul_exec(c, MU_SMLSLD, 0, ra, rd, rn, rm, 0, x);
	case OP_T32_SDIV: return mul_exec(c, MU_SDIV, 0, rd, 0, rn, rm, 0, 0);
	case OP_T32_UDIV: return mul_exec(c, MU_UDIV, 0, rd, 0, rn, rm, 0, 0);
	default: return CPU_EXIT_UDF;
	}
}

int t32_cp15(struct cpu *c, uint32_t i)
{
	return cp15_access(c, BIT(i, 20), BITS(i, 23, 21), RN(i), RM(i), BITS(i, 7, 5), RT(i));
}
