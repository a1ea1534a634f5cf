// SPDX-License-Identifier: GPL-2.0-only
/*
 * exec_alu.c — the integer core both instruction sets share: condition codes, the shifter,
 * the immediate expansions and the sixteen data-processing operations (ARM ARM A2.2, A5.2,
 * A6.3.2).
 */
#include "exec.h"

/* cond_table[cond] bit k: whether cond holds when NZCV (as a 4-bit number) is k. */
#define F(expr) \
	((uint16_t)(((expr(0)) << 0) | ((expr(1)) << 1) | ((expr(2)) << 2) | ((expr(3)) << 3) | \
		    ((expr(4)) << 4) | ((expr(5)) << 5) | ((expr(6)) << 6) | ((expr(7)) << 7) | \
		    ((expr(8)) << 8) | ((expr(9)) << 9) | ((expr(10)) << 10) | ((expr(11)) << 11) | \
		    ((expr(12)) << 12) | ((expr(13)) << 13) | ((expr(14)) << 14) | ((expr(15)) << 15)))
#define N_(k) (((k) >> 3) & 1)
#define Z_(k) (((k) >> 2) & 1)
#define C_(k) (((k) >> 1) & 1)
#define V_(k) ((k) & 1)
#define EQ(k) Z_(k)
#define NE(k) (!Z_(k))
#define CS(k) C_(k)
#define CC(k) (!C_(k))
#define MI(k) N_(k)
#define PL(k) (!N_(k))
#define VS(k) V_(k)
#define VC(k) (!V_(k))
#define HI(k) (C_(k) && !Z_(k))
#define LS(k) (!C_(k) || Z_(k))
#define GE(k) (N_(k) == V_(k))
#define LT(k) (N_(k) != V_(k))
#define GT(k) (!Z_(k) && N_(k) == V_(k))
#define LE(k) (Z_(k) || N_(k) != V_(k))
#define AL(k) 1
const uint16_t cond_table[16] = {
	F(EQ), F(NE), F(CS), F(CC), F(MI), F(PL), F(VS), F(VC),
	F(HI), F(LS), F(GE), F(LT), F(GT), F(LE), F(AL), F(AL),
};

uint32_t shift_c(uint32_t v, unsigned type, unsigned amt, uint32_t cin, uint32_t *cout)
{
	switch (type) {
	case SR_LSL:
		if (amt == 0) {
			*cout = cin;
			return v;
		}
		*cout = amt <= 32 ? (uint32_t)(((uint64_t)v << amt) >> 32) & 1 : 0;
		return amt < 32 ? v << amt : 0;
	case SR_LSR:
		if (amt == 0) {
			*cout = cin;
			return v;
		}
		*cout = amt <= 32 ? (v >> (amt - 1)) & 1 : 0;
		return amt < 32 ? v >> amt : 0;
	case SR_ASR:
		if (amt == 0) {
			*cout = cin;
			return v;
		}
		if (amt >= 32) {
			*cout = v >> 31;
			return (uint32_t)((int32_t)v >> 31);
		}
		*cout = (v >> (amt - 1)) & 1;
		return (uint32_t)((int32_t)v >> amt);
	case SR_ROR:
		if (amt == 0) {
			*cout = cin;
			return v;
		}
		v = ror32(v, amt & 31);
		*cout = v >> 31;
		return v;
	default:	/* RRX */
		*cout = v & 1;
		return (v >> 1) | (cin << 31);
	}
}

void imm_shift(unsigned type, unsigned imm5, unsigned *t, unsigned *amt)
{
	*t = type;
	*amt = imm5;
	if ((type == SR_LSR || type == SR_ASR) && imm5 == 0)
		*amt = 32;
	else if (type == SR_ROR && imm5 == 0) {
		*t = SR_RRX;
		*amt = 1;
	}
}

uint32_t a32_expand_imm(uint32_t imm12, uint32_t cin, uint32_t *cout)
{
	unsigned rot = 2 * ((imm12 >> 8) & 15);
	uint32_t v = ror32(imm12 & 0xff, rot);
	*cout = rot ? v >> 31 : cin;
	return v;
}

uint32_t t32_expand_imm(uint32_t imm12, uint32_t cin, uint32_t *cout)
{
	uint32_t b = imm12 & 0xff, v;
	if (!(imm12 >> 10)) {
		switch ((imm12 >> 8) & 3) {
		case 0: v = b; break;
		case 1: v = b << 16 | b; break;
		case 2: v = b << 24 | b << 8; break;
		default: v = b << 24 | b << 16 | b << 8 | b; break;
		}
		*cout = cin;
		return v;
	}
	v = ror32(0x80 | (imm12 & 0x7f), (imm12 >> 7) & 31);
	*cout = v >> 31;
	return v;
}

int dp_exec(struct cpu *c, unsigned op, unsigned rd, uint32_t a, uint32_t b, uint32_t shc, int s)
{
	uint32_t r, fl = 0, cin = (c->nzcv >> 29) & 1;
	int arith = 1;
	switch (op) {
	case DP_AND: case DP_TST: r = a & b; arith = 0; break;
	case DP_EOR: case DP_TEQ: r = a ^ b; arith = 0; break;
	case DP_SUB: case DP_CMP: r = add_c(a, ~b, 1, &fl); break;
	case DP_RSB: r = add_c(b, ~a, 1, &fl); break;
	case DP_ADD: case DP_CMN: r = add_c(a, b, 0, &fl); break;
	case DP_ADC: r = add_c(a, b, cin, &fl); break;
	case DP_SBC: r = add_c(a, ~b, cin, &fl); break;
	case DP_RSC: r = add_c(b, ~a, cin, &fl); break;
	case DP_ORR: r = a | b; arith = 0; break;
	case DP_MOV: r = b; arith = 0; break;
	case DP_BIC: r = a & ~b; arith = 0; break;
	case DP_MVN: r = ~b; arith = 0; break;
	default: r = a | ~b; arith = 0; break;	/* ORN */
	}
	if (s) {
		if (arith)
			c->nzcv = fl;
		else
			c->nzcv = (r & NZCV_N) | (r ? 0 : NZCV_Z) | (shc ? NZCV_C : 0) | (c->nzcv & NZCV_V);
	}
	if (op >= DP_TST && op <= DP_CMN)
		return NEXT;
	if (rd == 15)
		return alu_to(c, r);
	c->r[rd] = r;
	return NEXT;
}

void msr_apsr(struct cpu *c, uint32_t v, unsigned mask)
{
	if (mask & 2) {
		c->nzcv = v & 0xf0000000u;
		c->q = (v >> 27) & 1;
	}
	if (mask & 1)
		c->ge = (v >> 16) & 15;
}
