// SPDX-License-Identifier: GPL-2.0-only
/*
 * exec_t16.c — the 16-bit Thumb handlers (t16.def). Inside an IT block the flag-setting forms
 * (ADDS, MOVS, ...) do not set flags; CMP, CMN and TST always do (ARM ARM A6.2).
 */
#include "decode.h"
#include "exec.h"

#define R3(i, lo) BITS(i, (lo) + 2, lo)

int t16_shift_imm(struct cpu *c, uint32_t i)
{
	unsigned t, amt;
	uint32_t cy;
	imm_shift(BITS(i, 12, 11), BITS(i, 10, 6), &t, &amt);
	uint32_t r = shift_c(c->r[R3(i, 3)], t, amt, (c->nzcv >> 29) & 1, &cy);
	return dp_exec(c, DP_MOV, R3(i, 0), 0, r, cy, !in_it(c));
}

int t16_addsub3(struct cpu *c, uint32_t i)
{
	uint32_t b = BIT(i, 10) ? R3(i, 6) : c->r[R3(i, 6)];
	return dp_exec(c, BIT(i, 9) ? DP_SUB : DP_ADD, R3(i, 0), c->r[R3(i, 3)], b, 0, !in_it(c));
}

int t16_imm8(struct cpu *c, uint32_t i)
{
	static const unsigned ops[4] = { DP_MOV, DP_CMP, DP_ADD, DP_SUB };
	unsigned op = ops[BITS(i, 12, 11)], rd = R3(i, 8);
	uint32_t cy = (c->nzcv >> 29) & 1;
	return dp_exec(c, op, rd, c->r[rd], i & 0xff, cy, op == DP_CMP || !in_it(c));
}

int t16_dp(struct cpu *c, uint32_t i)
{
	unsigned op = BITS(i, 9, 6), rdn = R3(i, 0), rm = R3(i, 3);
	uint32_t a = c->r[rdn], m = c->r[rm], cin = (c->nzcv >> 29) & 1, cy, r;
	int s = !in_it(c);
	switch (op) {
	case 0: return dp_exec(c, DP_AND, rdn, a, m, cin, s);
	case 1: return dp_exec(c, DP_EOR, rdn, a, m, cin, s);
	case 2: case 3: case 4: case 7: {
		static const unsigned st[8] = { 0, 0, SR_LSL, SR_LSR, SR_ASR, 0, 0, SR_ROR };
		r = shift_c(a, st[op], m & 0xff, cin, &cy);
		return dp_exec(c, DP_MOV, rdn, 0, r, cy, s);
	}
	case 5: return dp_exec(c, DP_ADC, rdn, a, m, 0, s);
	case 6: return dp_exec(c, DP_SBC, rdn, a, m, 0, s);
	case 8: return dp_exec(c, DP_TST, rdn, a, m, cin, 1);
	case 9: return dp_exec(c, DP_RSB, rdn, m, 0, 0, s);	/* RSBS Rd, Rn, #0 */
	case 10: return dp_exec(c, DP_CMP, rdn, a, m, 0, 1);
	case 11: return dp_exec(c, DP_CMN, rdn, a, m, 0, 1);
	case 12: return dp_exec(c, DP_ORR, rdn, a, m, cin, s);
	case 13:
		r = a * m;
		if (s)
			set_nz(c, r);
		c->r[rdn] = r;
		return NEXT;
	case 14: return dp_exec(c, DP_BIC, rdn, a, m, cin, s);
	default: return dp_exec(c, DP_MVN, rdn, 0, m, cin, s);
	}
}

int t16_hireg(struct cpu *c, uint32_t i)
{
	unsigned rd = BIT(i, 7) << 3 | R3(i, 0), rm = BITS(i, 6, 3);
	switch (BITS(i, 9, 8)) {
	case 0: return dp_exec(c, DP_ADD, rd, c->r[rd], c->r[rm], 0, 0);
	case 1:
		if (rd == 15 || rm == 15 || (rd < 8 && rm < 8))
			return CPU_EXIT_UDF;
		return dp_exec(c, DP_CMP, rd, c->r[rd], c->r[rm], 0, 1);
	default: return dp_exec(c, DP_MOV, rd, 0, c->r[rm], 0, 0);
	}
}

int t16_bx(struct cpu *c, uint32_t i)
{
	uint32_t t = c->r[BITS(i, 6, 3)];
	if (BIT(i, 7)) {
		if (BITS(i, 6, 3) == 15)
			return CPU_EXIT_UDF;
		c->r[14] = ((uint32_t)c->pc + 2) | 1;
	}
	return bx_to(c, t);
}

int t16_ldr_lit(struct cpu *c, uint32_t i)
{
	return ldst_single(c, 1, 4, 0, R3(i, 8), 15, (i & 0xff) << 2, 1, 1, 0);
}

int t16_ldst_reg(struct cpu *c, uint32_t i)
{
	/* STR STRH STRB LDRSB LDR LDRH LDRB LDRSH */
	static const unsigned char size[8] = { 4, 2, 1, 1, 4, 2, 1, 2 };
	unsigned op = BITS(i, 11, 9);
	return ldst_single(c, op >= 3, size[op], op == 3 || op == 7, R3(i, 0), R3(i, 3), c->r[R3(i, 6)], 1, 1, 0);
}

int t16_ldst_imm(struct cpu *c, uint32_t i)
{
	unsigned l = BIT(i, 11), imm5 = BITS(i, 10, 6);
	switch (i >> 12) {
	case 6: return ldst_single(c, l, 4, 0, R3(i, 0), R3(i, 3), imm5 << 2, 1, 1, 0);
	case 7: return ldst_single(c, l, 1, 0, R3(i, 0), R3(i, 3), imm5, 1, 1, 0);
	case 8: return ldst_single(c, l, 2, 0, R3(i, 0), R3(i, 3), imm5 << 1, 1, 1, 0);
	default: return ldst_single(c, l, 4, 0, R3(i, 8), 13, (i & 0xff) << 2, 1, 1, 0);
	}
}

int t16_adr(struct cpu *c, uint32_t i)
{
	uint32_t base = BIT(i, 11) ? c->r[13] : c->r[15] & ~3u;
	c->r[R3(i, 8)] = base + ((i & 0xff) << 2);
	return NEXT;
}

int t16_sp7(struct cpu *c, uint32_t i)
{
	uint32_t imm = (i & 0x7f) << 2;
	c->r[13] = BIT(i, 7) ? c->r[13] - imm : c->r[13] + imm;
	return NEXT;
}

int t16_cbz(struct cpu *c, uint32_t i)
{
	if (in_it(c))
		return CPU_EXIT_UDF;
	uint32_t v = c->r[R3(i, 0)];
	if ((v != 0) != BIT(i, 11))
		return NEXT;
	c->pc = c->r[15] + (BIT(i, 9) << 6 | BITS(i, 7, 3) << 1);
	return JUMP;
}

int t16_extend(struct cpu *c, uint32_t i)
{
	static const unsigned char op[4] = { 3, 2, 7, 6 };	/* SXTH SXTB UXTH UXTB */
	c->r[R3(i, 0)] = xtend(op[BITS(i, 7, 6)], 0, c->r[R3(i, 3)]);
	return NEXT;
}

int t16_pushpop(struct cpu *c, uint32_t i)
{
	uint32_t list = i & 0xff, sp = c->r[13];
	if (BIT(i, 8))
		list |= BIT(i, 11) ? 0x8000 : 0x4000;
	if (!list)
		return CPU_EXIT_UDF;
	uint32_t n = 4u * (uint32_t)__builtin_popcount(list);
	if (BIT(i, 11))
		return ldst_multi(c, 1, 13, list, sp, 1, sp + n);
	return ldst_multi(c, 0, 13, list, sp - n, 1, sp - n);
}

int t16_rev(struct cpu *c, uint32_t i)
{
	uint32_t m = c->r[R3(i, 3)], r;
	switch (BITS(i, 7, 6)) {
	case 0: r = __builtin_bswap32(m); break;
	case 1: r = (m >> 8 & 0x00ff00ffu) | (m << 8 & 0xff00ff00u); break;
	default: r = (uint32_t)(int16_t)((m & 0xff) << 8 | (m >> 8 & 0xff)); break;
	}
	c->r[R3(i, 0)] = r;
	return NEXT;
}

int t16_bkpt(struct cpu *c, uint32_t i)
{
	c->xi.brk_imm = i & 0xff;
	return CPU_EXIT_BRK;
}

int t16_nop(struct cpu *c, uint32_t i)
{
	(void)c;
	(void)i;
	return NEXT;
}

int t16_it(struct cpu *c, uint32_t i)
{
	unsigned fc = BITS(i, 7, 4);
	/* IT inside an IT block, and IT with cond AL and a mask that makes an 'else', are
	 * unpredictable: refuse them */
	if (in_it(c) || fc == 15 || (fc == 14 && __builtin_popcount(i & 0xf) != 1))
		return CPU_EXIT_UDF;
	/* the dispatch loop advances ITSTATE after each instruction: set it so that the
	 * advance after IT itself yields the first instruction's state */
	c->itstate = i & 0xff;
	return NEXT_IT;
}

int t16_ldstm(struct cpu *c, uint32_t i)
{
	unsigned rn = R3(i, 8);
	uint32_t list = i & 0xff, base = c->r[rn], n = 4u * (uint32_t)__builtin_popcount(list);
	if (!list)
		return CPU_EXIT_UDF;
	if (BIT(i, 11))	/* LDM: writeback unless Rn is in the list */
		return ldst_multi(c, 1, rn, list, base, !(list & (1u << rn)), base + n);
	return ldst_multi(c, 0, rn, list, base, 1, base + n);
}

/* UDF: undefined, except Linux's Thumb ptrace breakpoint 0xde01 (SIGTRAP, as qemu) */
int t16_udf(struct cpu *c, uint32_t i)
{
	if (i != 0xde01)
		return CPU_EXIT_UDF;
	c->xi.brk_imm = 0;
	return CPU_EXIT_BRK;
}

int t16_svc(struct cpu *c, uint32_t i)
{
	c->xi.svc_imm = i & 0xff;
	c->pc += 2;
	return CPU_EXIT_SVC;
}

int t16_bcond(struct cpu *c, uint32_t i)
{
	unsigned cond = BITS(i, 11, 8);
	if (cond == 14 || in_it(c))
		return CPU_EXIT_UDF;
	if (!cond_pass(c->nzcv, cond))
		return NEXT;
	c->pc = c->r[15] + ((uint32_t)sext(i & 0xff, 8) << 1);
	return JUMP;
}

int t16_b(struct cpu *c, uint32_t i)
{
	c->pc = c->r[15] + ((uint32_t)sext(i & 0x7ff, 11) << 1);
	return JUMP;
}
