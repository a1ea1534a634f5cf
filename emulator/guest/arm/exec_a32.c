// SPDX-License-Identifier: GPL-2.0-only
/*
 * exec_a32.c — the A32 handlers (a32.def): each extracts its fields and calls the shared
 * operation (exec_alu.c, exec_mul.c, exec_media.c, exec_ldst.c).
 */
#include "decode.h"
#include "exec.h"

#define RN(i) BITS(i, 19, 16)
#define RD(i) BITS(i, 15, 12)
#define RS(i) BITS(i, 11, 8)
#define RM(i) BITS(i, 3, 0)

int a32_nop(struct cpu *c, uint32_t i)
{
	(void)c;
	(void)i;
	return NEXT;
}

int a32_clrex(struct cpu *c, uint32_t i)
{
	(void)i;
	c->excl_addr = ~0ull;
	return NEXT;
}

int a32_blx_imm(struct cpu *c, uint32_t i)
{
	uint32_t t = c->r[15] + ((uint32_t)sext(i & 0xffffff, 24) << 2) + (BIT(i, 24) << 1);
	c->r[14] = (uint32_t)c->pc + 4;
	c->thumb = 1;
	c->pc = t;
	return JUMP;
}

int a32_b(struct cpu *c, uint32_t i)
{
	if (BIT(i, 24))
		c->r[14] = (uint32_t)c->pc + 4;
	c->pc = c->r[15] + ((uint32_t)sext(i & 0xffffff, 24) << 2);
	return JUMP;
}

int a32_bx(struct cpu *c, uint32_t i)
{
	uint32_t t = c->r[RM(i)];
	if (BIT(i, 5))
		c->r[14] = (uint32_t)c->pc + 4;
	return bx_to(c, t);
}

int a32_mul(struct cpu *c, uint32_t i)
{
	unsigned s = BIT(i, 20), xy = BITS(i, 6, 5);
	/* register fields: 32-bit results go to bits 19..16 with the accumulator in 15..12; long
	 * results to RdHi 19..16, RdLo 15..12 */
	unsigned d = RN(i), a = RD(i), n = RM(i), m = RS(i);
	switch (c->op) {
	case OP_A32_MUL: return mul_exec(c, MU_MUL, s, d, 0, n, m, 0, 0);
	case OP_A32_MLA: return mul_exec(c, MU_MLA, s, d, 0, n, m, a, 0);
	case OP_A32_MLS: return mul_exec(c, MU_MLS, 0, d, 0, n, m, a, 0);
	case OP_A32_UMAAL: return mul_exec(c, MU_UMAAL, 0, a, d, n, m, 0, 0);
	case OP_A32_UMULL: return mul_exec(c, MU_UMULL, s, a, d, n, m, 0, 0);
	case OP_A32_UMLAL: return mul_exec(c, MU_UMLAL, s, a, d, n, m, 0, 0);
	case OP_A32_SMULL: return mul_exec(c, MU_SMULL, s, a, d, n, m, 0, 0);
	case OP_A32_SMLAL: return mul_exec(c, MU_SMLAL, s, a, d, n, m, 0, 0);
	case OP_A32_SMLAXY: return mul_exec(c, MU_SMLAXY, 0, d, 0, n, m, a, xy);
	case OP_A32_SMULXY: return mul_exec(c, MU_SMULXY, 0, d, 0, n, m, 0, xy);
	case OP_A32_SMLAWY: return mul_exec(c, MU_SMLAWY, 0, d, 0, n, m, a, xy);
	case OP_A32_SMULWY: return mul_exec(c, MU_SMULWY, 0, d, 0, n, m, 0, xy);
	case OP_A32_SMLALXY: return mul_exec(c, MU_SMLALXY, 0, a, d, n, m, 0, xy);
	case OP_A32_SMLAD: return mul_exec(c, MU_SMLAD, 0, d, 0, n, m, a, BIT(i, 5));
	case OP_A32_SMLSD: return mul_exec(c, MU_SMLSD, 0, d, 0, n, m, a, BIT(i, 5));
	case OP_A32_SMLALD: return mul_exec(c, MU_SMLALD, 0, a, d, n, m, 0, BIT(i, 5));
	case OP_A32_SMLSLD: return mul_exec(c, MU_SMLSLD, 0, a, d, n, m, 0, BIT(i, 5));
	case OP_A32_SMMLA: return mul_exec(c, a == 15 ? MU_SMMUL : MU_SMMLA, 0, d, 0, n, m, a, BIT(i, 5));
	case OP_A32_SMMLS: return mul_exec(c, MU_SMMLS, 0, d, 0, n, m, a, BIT(i, 5));
	case OP_A32_SDIV: return mul_exec(c, MU_SDIV, 0, d, 0, n, m, 0, 0);
	case OP_A32_UDIV: return mul_exec(c, MU_UDIV, 0, d, 0, n, m, 0, 0);
	case OP_A32_USAD8: return mul_exec(c, a == 15 ? MU_USAD8 : MU_USADA8, 0, d, 0, n, m, a, 0);
	default: return CPU_EXIT_UDF;
	}
}

int a32_excl(struct cpu *c, uint32_t i)
{
	static const unsigned sz[4] = { 4, 8, 1, 2 };
	unsigned size = sz[BITS(i, 22, 21)], rt = RM(i);
	uint32_t a = c->r[RN(i)];
	if (BIT(i, 20))
		return ldrex(c, size, RD(i), RD(i) + 1, a);
	if (size == 8 && (rt & 1))
		return CPU_EXIT_UDF;
	return strex(c, size, RD(i), rt, rt + 1, a);
}

int a32_ldst_x(struct cpu *c, uint32_t i)
{
	unsigned p = BIT(i, 24), u = BIT(i, 23), w = BIT(i, 21), l = BIT(i, 20), op2 = BITS(i, 6, 5);
	uint32_t off = BIT(i, 22) ? (BITS(i, 11, 8) << 4 | BITS(i, 3, 0)) : c->r[RM(i)];
	int wback = !p || w;
	if (op2 == 1)
		return ldst_single(c, l, 2, 0, RD(i), RN(i), off, u, p, wback);
	if (l)
		return ldst_single(c, 1, op2 == 2 ? 1 : 2, 1, RD(i), RN(i), off, u, p, wback);
	if ((RD(i) & 1) || (!p && w))	/* odd Rt; post-indexed with W set has no LDRDT */
		return CPU_EXIT_UDF;
	return ldst_dual(c, op2 == 2, RD(i), RD(i) + 1, RN(i), off, u, p, wback);
}

int a32_mrs(struct cpu *c, uint32_t i)
{
	c->r[RD(i)] = cpu_get_cpsr(c) & ~0x0600fc20u;	/* without the execution state (IT, T), as qemu */
	return NEXT;
}

int a32_msr(struct cpu *c, uint32_t i)
{
	uint32_t v;
	if (BIT(i, 25)) {
		uint32_t cy;
		v = a32_expand_imm(i & 0xfff, 0, &cy);
	} else {
		v = c->r[RM(i)];
	}
	msr_apsr(c, v, BITS(i, 19, 18));
	return NEXT;
}

int a32_clz(struct cpu *c, uint32_t i)
{
	uint32_t v = c->r[RM(i)];
	c->r[RD(i)] = v ? (uint32_t)__builtin_clz(v) : 32;
	return NEXT;
}

int a32_qaddsub(struct cpu *c, uint32_t i)
{
	c->r[RD(i)] = qaddsub(c, BITS(i, 22, 21), c->r[RM(i)], c->r[RN(i)]);
	return NEXT;
}

int a32_bkpt(struct cpu *c, uint32_t i)
{
	c->xi.brk_imm = BITS(i, 19, 8) << 4 | (i & 15);
	return CPU_EXIT_BRK;
}

/* UDF: undefined, except Linux's ptrace breakpoint 0xe7f001f0, which the kernel delivers as
 * SIGTRAP (TRAP_BRKPT), as qemu does */
int a32_udf(struct cpu *c, uint32_t i)
{
	if (i != 0xe7f001f0u)
		return CPU_EXIT_UDF;
	c->xi.brk_imm = 0;
	return CPU_EXIT_BRK;
}

int a32_movwt(struct cpu *c, uint32_t i)
{
	uint32_t imm = BITS(i, 19, 16) << 12 | (i & 0xfff);
	c->r[RD(i)] = BIT(i, 22) ? (c->r[RD(i)] & 0xffff) | imm << 16 : imm;
	return NEXT;
}

int a32_dp(struct cpu *c, uint32_t i)
{
	unsigned op = BITS(i, 24, 21), s = BIT(i, 20), rd = RD(i);
	uint32_t cin = (c->nzcv >> 29) & 1, b, shc;
	if (op >= DP_TST && op <= DP_CMN && !s)
		return CPU_EXIT_UDF;
	if (BIT(i, 25)) {
		b = a32_expand_imm(i & 0xfff, cin, &shc);
	} else if (!BIT(i, 4)) {
		unsigned t, amt;
		imm_shift(BITS(i, 6, 5), BITS(i, 11, 7), &t, &amt);
		b = shift_c(c->r[RM(i)], t, amt, cin, &shc);
	} else {
		/* register-specified shift: PC in any position is unpredictable */
		if (RM(i) == 15 || RN(i) == 15 || RS(i) == 15 || rd == 15)
			return CPU_EXIT_UDF;
		b = shift_c(c->r[RM(i)], BITS(i, 6, 5), c->r[RS(i)] & 0xff, cin, &shc);
	}
	/* SUBS PC, LR and friends are exception returns, not available in user mode */
	if (rd == 15 && s && !(op >= DP_TST && op <= DP_CMN))
		return CPU_EXIT_UDF;
	return dp_exec(c, op, rd, c->r[RN(i)], b, shc, s);
}

int a32_paradd(struct cpu *c, uint32_t i)
{
	static const signed char opmap[8] = { 0, 1, 2, 3, 4, -1, -1, 5 };
	unsigned op1 = BITS(i, 21, 20);
	int op = opmap[BITS(i, 7, 5)];
	if (!op1 || op < 0)
		return CPU_EXIT_UDF;
	c->r[RD(i)] = par_addsub(c, (BIT(i, 22) ? 3 : 0) + op1 - 1, (unsigned)op, c->r[RN(i)], c->r[RM(i)]);
	return NEXT;
}

int a32_pkh(struct cpu *c, uint32_t i)
{
	unsigned t, amt, tb = BIT(i, 6);
	uint32_t cy, n = c->r[RN(i)];
	imm_shift(tb ? SR_ASR : SR_LSL, BITS(i, 11, 7), &t, &amt);
	uint32_t m = shift_c(c->r[RM(i)], t, amt, 0, &cy);
	c->r[RD(i)] = tb ? (n & 0xffff0000u) | (m & 0xffff) : (m & 0xffff0000u) | (n & 0xffff);
	return NEXT;
}

int a32_sat(struct cpu *c, uint32_t i)
{
	unsigned u = BIT(i, 22), sat = BITS(i, 20, 16);
	uint32_t n = c->r[RM(i)];
	if (BITS(i, 7, 4) == 3) {	/* SSAT16 / USAT16 */
		sat &= 15;
		c->r[RD(i)] = u ? usat16(c, n, sat) : ssat16(c, n, sat + 1);
		return NEXT;
	}
	unsigned t, amt;
	uint32_t cy;
	imm_shift(BIT(i, 6) ? SR_ASR : SR_LSL, BITS(i, 11, 7), &t, &amt);
	int32_t v = (int32_t)shift_c(n, t, amt, 0, &cy);
	c->r[RD(i)] = u ? usat(c, v, sat) : ssat(c, v, sat + 1);
	return NEXT;
}

int a32_xtend(struct cpu *c, uint32_t i)
{
	unsigned op = BITS(i, 22, 20);
	if (op == 1 || op == 5)
		return CPU_EXIT_UDF;
	uint32_t m = ror32(c->r[RM(i)], 8 * BITS(i, 11, 10));
	c->r[RD(i)] = xtend(op, RN(i) == 15 ? 0 : c->r[RN(i)], m);
	return NEXT;
}

int a32_sel(struct cpu *c, uint32_t i)
{
	c->r[RD(i)] = sel(c, c->r[RN(i)], c->r[RM(i)]);
	return NEXT;
}

int a32_rev(struct cpu *c, uint32_t i)
{
	uint32_t m = c->r[RM(i)], r;
	switch (BIT(i, 22) << 1 | BIT(i, 7)) {
	case 0: r = __builtin_bswap32(m); break;
	case 1: r = (m >> 8 & 0x00ff00ffu) | (m << 8 & 0xff00ff00u); break;
	case 2: r = rbit(m); break;
	default: r = (uint32_t)(int16_t)((m & 0xff) << 8 | (m >> 8 & 0xff)); break;
	}
	c->r[RD(i)] = r;
	return NEXT;
}

int a32_bitfield(struct cpu *c, uint32_t i)
{
	unsigned lsb = BITS(i, 11, 7), w = BITS(i, 20, 16), rd = RD(i);
	uint32_t n = RM(i) == 15 ? 0 : c->r[RM(i)];
	if (BITS(i, 22, 21) == 2) {	/* BFI / BFC: w is msb */
		if (w < lsb)
			return CPU_EXIT_UDF;
		uint32_t mask = (uint32_t)((2ull << w) - (1ull << lsb));
		c->r[rd] = (c->r[rd] & ~mask) | ((n << lsb) & mask);
		return NEXT;
	}
	if (lsb + w > 31)
		return CPU_EXIT_UDF;
	n = c->r[RM(i)];
	uint32_t f = (n >> lsb) & (uint32_t)((2ull << w) - 1);
	c->r[rd] = BIT(i, 22) ? f : (uint32_t)sext(f, (int)w + 1);
	return NEXT;
}

int a32_ldst(struct cpu *c, uint32_t i)
{
	unsigned p = BIT(i, 24), u = BIT(i, 23), b = BIT(i, 22), w = BIT(i, 21), l = BIT(i, 20);
	uint32_t off;
	if (BIT(i, 25)) {
		unsigned t, amt;
		uint32_t cy;
		imm_shift(BITS(i, 6, 5), BITS(i, 11, 7), &t, &amt);
		off = shift_c(c->r[RM(i)], t, amt, (c->nzcv >> 29) & 1, &cy);
	} else {
		off = i & 0xfff;
	}
	return ldst_single(c, l, b ? 1 : 4, 0, RD(i), RN(i), off, u, p, !p || w);
}

int a32_ldstm(struct cpu *c, uint32_t i)
{
	unsigned p = BIT(i, 24), u = BIT(i, 23), w = BIT(i, 21), l = BIT(i, 20), rn = RN(i);
	uint32_t list = i & 0xffff, n = 4u * (uint32_t)__builtin_popcount(list), base = c->r[rn];
	if (BIT(i, 22) || !list)
		return CPU_EXIT_UDF;	/* user-bank and exception-return forms */
	uint32_t start = u ? base + (p ? 4 : 0) : base - n + (p ? 0 : 4);
	return ldst_multi(c, l, rn, list, start, w, u ? base + n : base - n);
}

int a32_cp15(struct cpu *c, uint32_t i)
{
	if (BITS(i, 11, 8) != 15)
		return CPU_EXIT_UDF;
	return cp15_access(c, BIT(i, 20), BITS(i, 23, 21), RN(i), RM(i), BITS(i, 7, 5), RD(i));
}

int a32_svc(struct cpu *c, uint32_t i)
{
	c->xi.svc_imm = i & 0xffffff;
	c->pc += 4;
	return CPU_EXIT_SVC;
}
