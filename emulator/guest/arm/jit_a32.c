// SPDX-License-Identifier: GPL-2.0-only
/*
 * jit_a32.c — host sequences for A32 instructions (data processing, loads and stores, branches,
 * multiplies) and the operations T32 shares with them (tr_dp, tr_ldst, tr_shift_imm). What is
 * not here calls the interpreter's handler (jit_arm.c). Every sequence makes its memory access
 * before it writes a guest register, and writes none when it faults.
 */
#include "decode.h"
#include "exec.h"
#include "jit_arm_tr.h"

#define RN(i) BITS(i, 19, 16)
#define RD(i) BITS(i, 15, 12)
#define RS(i) BITS(i, 11, 8)
#define RM(i) BITS(i, 3, 0)

static void setc_r8(struct em *e)
{
	op_rr(e, 0, 0, 0x0f92, 2, 0, R8);			/* setc r8b */
	op_rr(e, 0, 0, 0x0fb6, 2, R8, R8);			/* movzx r8d, r8b */
}

int tr_shift_imm(struct tr *t, unsigned rm, unsigned type, unsigned imm5, int need_carry, int *carry)
{
	struct em *e = &t->j->e;
	*carry = TR_C_KEEP;
	tr_ldr(t, RSI, rm);
	if (type != SR_LSL || imm5)
		t->keeps = -1;		/* the shift changes the host flags */
	switch (type) {
	case SR_LSL:
		if (!imm5)
			return 0;
		shift_ri(e, 0, SH_SHL, RSI, (int)imm5);
		break;
	case SR_LSR: case SR_ASR:
		if (imm5) {
			shift_ri(e, 0, type == SR_LSR ? SH_SHR : SH_SAR, RSI, (int)imm5);
			break;
		}
		/* by 32: the carry is bit 31 */
		if (need_carry) {
			op_rr(e, 0, 0, 0x0fba, 2, 4, RSI);	/* bt esi, 31 */
			b1(e, 31);
			setc_r8(e);
			*carry = TR_C_R8;
		}
		if (type == SR_LSR)
			alu_rr(e, 0, ALU_XOR, RSI, RSI);
		else
			shift_ri(e, 0, SH_SAR, RSI, 31);
		return 0;
	default:
		if (imm5) {
			shift_ri(e, 0, SH_ROR, RSI, (int)imm5);
		} else {					/* RRX */
			op_rm(e, 0, 0, 0x0fba, 2, 4, CPU, OFF_NZCV);	/* bt dword [nzcv], 29: CF = C */
			b1(e, 29);
			op_rr(e, 0, 0, 0xd1, 1, 3, RSI);		/* rcr esi, 1 */
		}
		break;
	}
	if (need_carry) {
		setc_r8(e);
		*carry = TR_C_R8;
	}
	return 0;
}

void tr_movwt(struct tr *t, int top, unsigned rd, uint32_t imm)
{
	struct em *e = &t->j->e;
	if (!top) {
		mov_ri(e, RDX, imm);
	} else {
		tr_ldr(t, RDX, rd);
		op_rr(e, 0, 0, 0x0fb7, 2, RDX, RDX);			/* movzx edx, dx */
		mov_ri(e, RSI, imm << 16);
		alu_rr(e, 0, ALU_OR, RDX, RSI);
	}
	tr_str(t, rd, RDX);
	t->keeps = !top;
}

int tr_dp(struct tr *t, unsigned op, unsigned rd, unsigned rn, int s, int carry)
{
	struct em *e = &t->j->e;
	int cmp = op >= DP_TST && op <= DP_CMN, arith = -1;	/* arith: 1 add-style, 0 sub-style */
	/* an A32 result to the PC without S is a BX to it (ALUWritePC) */
	if ((rd == 15 && !cmp && (t->thumb || s)) || op == DP_RSC)
		return -1;
	/* d: where the result is made, the cache's register of rd (with rn's value first) or EDX */
	int mov = op == DP_MOV || op == DP_MVN;
	int d = cmp || op == DP_RSB ? -1 : tr_rc_reg(t, rd, !mov && rn == rd);
	if (d < 0) {
		d = RDX;
		if (!mov)
			tr_ldr(t, RDX, rn);
	} else if (!mov && rn != rd) {
		tr_ldr(t, d, rn);	/* never evicts rd's: the most recent */
	}
	switch (op) {
	case DP_AND: case DP_TST: alu_rr(e, 0, ALU_AND, d, RSI); break;
	case DP_EOR: case DP_TEQ: alu_rr(e, 0, ALU_XOR, d, RSI); break;
	case DP_ORR: alu_rr(e, 0, ALU_OR, d, RSI); break;
	case DP_MOV: mov_rr(e, 0, d, RSI); break;
	case DP_MVN: mov_rr(e, 0, d, RSI); op_rr(e, 0, 0, 0xf7, 1, 2, d); break;
	case DP_BIC: op_rr(e, 0, 0, 0xf7, 1, 2, RSI); alu_rr(e, 0, ALU_AND, d, RSI); break;
	case DP_ORN: op_rr(e, 0, 0, 0xf7, 1, 2, RSI); alu_rr(e, 0, ALU_OR, d, RSI); break;
	case DP_SUB: case DP_CMP: alu_rr(e, 0, ALU_SUB, d, RSI); arith = 0; break;
	case DP_ADD: case DP_CMN: alu_rr(e, 0, ALU_ADD, d, RSI); arith = 1; break;
	case DP_RSB: alu_rr(e, 0, ALU_SUB, RSI, RDX); arith = 0; break;
	case DP_ADC: case DP_SBC:
		op_rm(e, 0, 0, 0x0fba, 2, 4, CPU, OFF_NZCV);	/* bt dword [nzcv], 29: CF = C */
		b1(e, 29);
		if (op == DP_ADC) {
			alu_rr(e, 0, 0x11, d, RSI);		/* adc d, esi */
			arith = 1;
		} else {
			b1(e, 0xf5);				/* cmc: CF = borrow in */
			alu_rr(e, 0, 0x19, d, RSI);		/* sbb d, esi */
			arith = 0;
		}
		break;
	default:
		return -1;
	}
	if (s) {
		if (arith >= 0)
			tr_flags_arith(t, arith);
		else
			tr_flags_logic(t, d, carry);
	}
	if (op == DP_RSB)
		mov_rr(e, 0, RDX, RSI);
	if (rd == 15 && !cmp) {
		tr_rc_flush(t);
		tr_bx(t);
		return 1;
	}
	if (!cmp) {
		if (d == RDX)
			tr_str(t, rd, RDX);
		else
			tr_rc_wrote(t, rd);
	}
	t->keeps = op == DP_MOV && !s && t->keeps >= 0;	/* < 0: a shift ran before */
	return 0;
}

int tr_dp_imm(struct tr *t, unsigned op, unsigned rd, unsigned rn, int s, int carry, uint32_t imm)
{
	struct em *e = &t->j->e;
	static const signed char ext[17] = {
		[DP_AND] = 4, [DP_EOR] = 6, [DP_SUB] = 5, [DP_RSB] = -1, [DP_ADD] = 0, [DP_ADC] = -1, [DP_SBC] = -1,
		[DP_RSC] = -1, [DP_TST] = 4, [DP_TEQ] = 6, [DP_CMP] = 7, [DP_CMN] = 0, [DP_ORR] = 1, [DP_MOV] = -2,
		[DP_BIC] = -1, [DP_MVN] = -1, [DP_ORN] = -1,
	};
	int cmp = op >= DP_TST && op <= DP_CMN;
	if (ext[op] == -1 || (rd == 15 && !cmp) || (s && ext[op] == -2 && carry == TR_C_R8)) {
		mov_ri(e, RSI, imm);
		return tr_dp(t, op, rd, rn, s, carry);
	}
	/* one host instruction with the immediate; its flags are the guest's as in tr_dp() */
	int d = RDX;
	if (op == DP_CMP && (d = tr_rc_reg(t, rn, 1)) >= 0) {
		alu_ri(e, 0, 7, d, (int32_t)imm);			/* cmp on the cached register */
	} else if (ext[op] == -2) {
		if (!cmp && (d = tr_rc_reg(t, rd, 0)) < 0)
			d = RDX;
		mov_ri(e, d, imm);
		t->keeps = !s;
	} else {
		if (cmp || (d = tr_rc_reg(t, rd, rd == rn)) < 0)
			d = RDX;
		if (d == RDX || rd != rn)
			tr_ldr(t, d, rn);
		alu_ri(e, 0, ext[op], d, (int32_t)imm);
	}
	if (s) {
		if (op == DP_SUB || op == DP_CMP || op == DP_ADD || op == DP_CMN)
			tr_flags_arith(t, op == DP_ADD || op == DP_CMN);
		else
			tr_flags_logic(t, d, carry);
	}
	if (!cmp) {
		if (d == RDX)
			tr_str(t, rd, RDX);
		else
			tr_rc_wrote(t, rd);
	}
	return 0;
}

int tr_ldst(struct tr *t, int load, unsigned size, int sgn, unsigned rt, unsigned rn, int reg, uint32_t imm,
	    int add, int index, int wback)
{
	struct em *e = &t->j->e;
	/* a word loaded to the PC is a BX to it (LoadWritePC); in an IT block only as its last */
	if ((rt == 15 && (!load || size != 4 || ((t->it & 0xf) && t->it_next))) || (wback && rn == 15))
		return -1;
	/* EDX (or b, the cache's register of rn) = base (PC as base reads Align(PC, 4)), R9 = base
	 * +/- offset, EAX = the address */
	int b = !wback && index && (!reg || add) ? tr_rc_reg(t, rn, 1) : -1;
	if (b < 0) {
		b = RDX;
		if (rn != 15)
			tr_ldr(t, RDX, rn);
		else if (reg)
			mov_ri(e, RDX, t->pcval & ~3u);
	}
	if (!wback && index && !reg && rn == 15) {
		mov_ri(e, RAX, add ? (t->pcval & ~3u) + imm : (t->pcval & ~3u) - imm);	/* a literal */
	} else if (!wback && index && !reg) {
		op_rm(e, 0, 0, 0x8d, 1, RAX, b, add ? (int32_t)imm : -(int32_t)imm);	/* lea eax, [b +/- imm] */
	} else if (!wback && index && add) {
		tr_op_sib(e, 0, 0, 0x8d, 1, RAX, b, RSI, 0, 0);	/* lea eax, [b + rsi] */
	} else {
		tr_addr(t, reg, imm, add, index);
	}
	if (load) {
		static const uint32_t ext[2][3] = { { 0x0fb6, 0x0fb7, 0x8b }, { 0x0fbe, 0x0fbf, 0x8b } };
		uint32_t o = ext[sgn][size >> 1];
		/* straight into rt's register of the cache (taken before the flush) when no write-back
		 * orders the two writes */
		int d = wback ? -1 : tr_rc_reg(t, rt, 0);	/* -1 for the PC */
		tr_rc_mark(t);		/* a fault: the unstored registers from the map */
		op_rm(e, 0, 0, o, o > 0xff ? 2 : 1, d < 0 ? RCX : d, RAX, 0);	/* mov/movzx/movsx d, [rax] */
		if (d >= 0) {
			tr_rc_wrote(t, rt);
		} else {
			if (wback)
				tr_str(t, rn, R9);
			if (rt == 15) {
				mov_rr(e, 0, RDX, RCX);
				tr_rc_flush(t);
				tr_bx(t);
				return 1;
			}
			tr_str(t, rt, RCX);
		}
	} else {
		/* a byte store takes a register with a low byte (ECX), the others the cache's */
		int v = size == 1 ? -1 : tr_rc_reg(t, rt, 1);
		if (v < 0) {
			v = RCX;
			tr_ldr(t, RCX, rt);
		}
		tr_rc_mark(t);
		if (size == 4)
			op_rm(e, 0, 0, 0x89, 1, v, RAX, 0);
		else if (size == 2)
			op_rm(e, 0x66, 0, 0x89, 1, v, RAX, 0);
		else
			op_rm(e, 0, 0, 0x88, 1, v, RAX, 0);
		if (wback)
			tr_str(t, rn, R9);
	}
	t->keeps = !reg;	/* only MOV and LEA then: the host flags stay */
	return 0;
}

/* rd = rn * rm (+ ra when ra >= 0, - ra when sub) */
static int tr_mul(struct tr *t, unsigned rd, unsigned rn, unsigned rm, int ra, int sub)
{
	struct em *e = &t->j->e;
	if (rd == 15 || rn == 15 || rm == 15 || ra == 15)
		return -1;
	tr_ldr(t, RDX, rn);
	tr_ldr(t, RCX, rm);
	op_rr(e, 0, 0, 0x0faf, 2, RDX, RCX);				/* imul edx, ecx */
	if (ra >= 0) {
		tr_ldr(t, RCX, (unsigned)ra);
		if (sub) {
			alu_rr(e, 0, ALU_SUB, RCX, RDX);
			mov_rr(e, 0, RDX, RCX);
		} else {
			alu_rr(e, 0, ALU_ADD, RDX, RCX);
		}
	}
	tr_str(t, rd, RDX);
	return 0;
}

/* RdHi:RdLo = rn * rm (signed when sgn), plus RdHi:RdLo when acc */
static int tr_mull(struct tr *t, unsigned lo, unsigned hi, unsigned rn, unsigned rm, int sgn, int acc)
{
	struct em *e = &t->j->e;
	if (lo == 15 || hi == 15 || rn == 15 || rm == 15 || lo == hi)
		return -1;
	tr_ldr(t, RAX, rn);
	tr_ldr(t, RCX, rm);
	op_rr(e, 0, 0, 0xf7, 1, sgn ? 5 : 4, RCX);			/* (i)mul ecx: edx:eax */
	if (acc) {
		tr_ldr(t, RCX, lo);
		tr_ldr(t, RSI, hi);	/* MOVs only: CF stays from the add */
		alu_rr(e, 0, ALU_ADD, RAX, RCX);
		alu_rr(e, 0, 0x11, RDX, RSI);				/* adc edx, esi */
	}
	tr_str(t, lo, RAX);
	tr_str(t, hi, RDX);
	return 0;
}

int tr_smlaxy(struct tr *t, unsigned rd, unsigned rn, unsigned rm, int ra, int nt, int mt)
{
	struct em *e = &t->j->e;
	if (rd == 15 || rn == 15 || rm == 15 || ra == 15)
		return -1;
	/* the halves: sar r, 16 (top) or movsx r, r16 (bottom) */
	tr_ldr(t, RDX, rn);
	if (nt)
		shift_ri(e, 0, SH_SAR, RDX, 16);
	else
		op_rr(e, 0, 0, 0x0fbf, 2, RDX, RDX);
	tr_ldr(t, RCX, rm);
	if (mt)
		shift_ri(e, 0, SH_SAR, RCX, 16);
	else
		op_rr(e, 0, 0, 0x0fbf, 2, RCX, RCX);
	op_rr(e, 0, 0, 0x0faf, 2, RDX, RCX);				/* imul edx, ecx */
	if (ra >= 0) {
		tr_ldr(t, RCX, (unsigned)ra);
		alu_rr(e, 0, ALU_ADD, RDX, RCX);
		b1(e, 0x71);						/* jno over */
		uint8_t *over = e->p++;
		tr_store_imm(e, (int32_t)offsetof(struct cpu, q), 1);
		*over = (uint8_t)(e->p - over - 1);
	}
	tr_str(t, rd, RDX);
	return 0;
}

int tr_t32_mull(struct tr *t)
{
	uint32_t i = t->insn;
	unsigned rn = BITS(i, 19, 16), lo = BITS(i, 15, 12), hi = BITS(i, 11, 8), rm = BITS(i, 3, 0);
	if (rn == 13 || lo == 13 || hi == 13 || rm == 13)
		return -1;
	switch (t->op) {
	case OP_T32_SMULL: return tr_mull(t, lo, hi, rn, rm, 1, 0);
	case OP_T32_UMULL: return tr_mull(t, lo, hi, rn, rm, 0, 0);
	case OP_T32_SMLAL: return tr_mull(t, lo, hi, rn, rm, 1, 1);
	default: return tr_mull(t, lo, hi, rn, rm, 0, 1);
	}
}

int tr_a32(struct tr *t)
{
	struct em *e = &t->j->e;
	uint32_t i = t->insn;
	switch (t->op) {
	case OP_A32_DP_IMM: {
		unsigned op = BITS(i, 24, 21), s = BIT(i, 20);
		uint32_t c0, c1, imm = a32_expand_imm(i & 0xfff, 0, &c0);
		a32_expand_imm(i & 0xfff, 1, &c1);
		if (op >= DP_TST && op <= DP_CMN && !s)
			return -1;
		return tr_dp_imm(t, op, RD(i), RN(i), (int)s, c0 == c1 ? (c0 ? TR_C_1 : TR_C_0) : TR_C_KEEP, imm);
	}
	case OP_A32_DP_REG: {
		unsigned op = BITS(i, 24, 21), s = BIT(i, 20);
		int carry, logic = !(op >= DP_SUB && op <= DP_RSC) && op != DP_CMP && op != DP_CMN;
		if ((op >= DP_TST && op <= DP_CMN && !s) || op == DP_RSC || (RD(i) == 15 && s && !(op >= DP_TST && op <= DP_CMN)))
			return -1;
		tr_shift_imm(t, RM(i), BITS(i, 6, 5), BITS(i, 11, 7), s && logic, &carry);
		return tr_dp(t, op, RD(i), RN(i), (int)s, carry);
	}
	case OP_A32_MOVW: case OP_A32_MOVT: {
		uint32_t imm = BITS(i, 19, 16) << 12 | (i & 0xfff);
		if (RD(i) == 15)
			return -1;
		tr_movwt(t, t->op == OP_A32_MOVT, RD(i), imm);
		return 0;
	}
	case OP_A32_LDST_IMM: {
		unsigned p = BIT(i, 24), w = BIT(i, 21);
		return tr_ldst(t, BIT(i, 20), BIT(i, 22) ? 1 : 4, 0, RD(i), RN(i), 0, i & 0xfff, BIT(i, 23), p, !p || w);
	}
	case OP_A32_LDST_REG: {
		unsigned p = BIT(i, 24), w = BIT(i, 21);
		int carry;
		if (RD(i) == 15 || (RN(i) == 15 && (!p || w)))
			return -1;
		tr_shift_imm(t, RM(i), BITS(i, 6, 5), BITS(i, 11, 7), 0, &carry);
		return tr_ldst(t, BIT(i, 20), BIT(i, 22) ? 1 : 4, 0, RD(i), RN(i), 1, 0, BIT(i, 23), p, !p || w);
	}
	case OP_A32_STRH: case OP_A32_LDRH: case OP_A32_LDRSB: case OP_A32_LDRSH: {
		unsigned p = BIT(i, 24), w = BIT(i, 21), op2 = BITS(i, 6, 5), l = BIT(i, 20);
		int reg = !BIT(i, 22);
		if (RD(i) == 15 || (RN(i) == 15 && (!p || w)))
			return -1;
		if (reg)
			tr_ldr(t, RSI, RM(i));
		return tr_ldst(t, (int)l, op2 == 2 ? 1 : 2, l && op2 != 1, RD(i), RN(i), reg,
			       BITS(i, 11, 8) << 4 | BITS(i, 3, 0), BIT(i, 23), p, !p || w);
	}
	case OP_A32_B: case OP_A32_BL:
		if (t->op == OP_A32_BL)
			tr_store_imm(e, OFF_R(14), (uint32_t)t->pc + 4);
		tr_goto(t, (uint32_t)(t->pcval + ((uint32_t)sext(i & 0xffffff, 24) << 2)));
		return 1;
	case OP_A32_BLX_IMM:
		tr_store_imm(e, OFF_R(14), (uint32_t)t->pc + 4);
		tr_store_imm(e, OFF_THUMB, 1);
		tr_goto(t, (uint32_t)(t->pcval + ((uint32_t)sext(i & 0xffffff, 24) << 2) + (BIT(i, 24) << 1)));
		return 1;
	case OP_A32_BX: case OP_A32_BLX_REG:
		if (t->op == OP_A32_BLX_REG && RM(i) == 15)
			return -1;
		tr_ldr(t, RDX, RM(i));
		if (t->op == OP_A32_BLX_REG)
			tr_store_imm(e, OFF_R(14), (uint32_t)t->pc + 4);
		tr_bx(t);
		return 1;
	case OP_A32_MUL: case OP_A32_MLA:
		if (BIT(i, 20))
			return -1;
		return tr_mul(t, RN(i), RM(i), RS(i), t->op == OP_A32_MLA ? (int)RD(i) : -1, 0);
	case OP_A32_MLS:
		return tr_mul(t, RN(i), RM(i), RS(i), (int)RD(i), 1);
	case OP_A32_UMULL: case OP_A32_SMULL: case OP_A32_UMLAL: case OP_A32_SMLAL:
		if (BIT(i, 20))
			return -1;
		return tr_mull(t, RD(i), RN(i), RM(i), RS(i), t->op == OP_A32_SMULL || t->op == OP_A32_SMLAL,
			       t->op == OP_A32_UMLAL || t->op == OP_A32_SMLAL);
	case OP_A32_SMLAXY: case OP_A32_SMULXY:
		return tr_smlaxy(t, RN(i), RM(i), RS(i), t->op == OP_A32_SMLAXY ? (int)RD(i) : -1, (int)BIT(i, 5),
				 (int)BIT(i, 6));
	case OP_A32_LDRD: case OP_A32_STRD: {
		unsigned p = BIT(i, 24), w = BIT(i, 21);
		int reg = !BIT(i, 22);
		if ((RD(i) & 1) || (!p && w))
			return -1;
		if (reg)
			tr_ldr(t, RSI, RM(i));
		return tr_ldrd(t, t->op == OP_A32_LDRD, RD(i), RD(i) + 1, RN(i), reg, BITS(i, 11, 8) << 4 | BITS(i, 3, 0),
			       BIT(i, 23), p, !p || w);
	}
	case OP_A32_VFP_VLDR: case OP_A32_VFP_VSTR:
		return tr_vldr(t);
	case OP_A32_NEON_VRHADD_LOGIC: case OP_A32_NEON_VTST_VCEQ: case OP_A32_NEON_VADD_VSUB: case OP_A32_NEON_VPADD:
		return tr_neon_3same(t);
	case OP_A32_VFP_VMOV_RRD:
		return tr_vmov_rrd(t);
	case OP_A32_PARADD:
		if (BITS(i, 22, 20) == 5 && BITS(i, 7, 5) == 4)
			return tr_uadd8(t, RD(i), RN(i), RM(i));
		return -1;
	case OP_A32_SEL:
		return tr_sel(t, RD(i), RN(i), RM(i));
	case OP_A32_CLZ:
		return tr_clz(t, RD(i), RM(i));
	case OP_A32_REV:
		return tr_rev(t, RD(i), RM(i));
	case OP_A32_XTEND:
		return tr_xtend(t, BITS(i, 22, 20), RD(i), RN(i), RM(i), BITS(i, 11, 10));
	case OP_A32_UBFX: case OP_A32_SBFX:
		return tr_bfx(t, t->op == OP_A32_SBFX, RD(i), RM(i), BITS(i, 11, 7), BITS(i, 20, 16));
	case OP_A32_MRC15:
		return tr_mrc15(t);
	case OP_A32_PLD_IMM: case OP_A32_PLI_IMM: case OP_A32_PLD_REG: case OP_A32_PLI_REG:
		return 0;
	case OP_A32_LDM: case OP_A32_STM:
		return tr_ldm_a32(t);
	case OP_A32_NEON_VLDST_MULTI:
		return tr_vldst1(t);
	default:
		return -1;
	}
}

int tr_t32_mul(struct tr *t)
{
	uint32_t i = t->insn;
	unsigned rn = BITS(i, 19, 16), ra = BITS(i, 15, 12), rd = BITS(i, 11, 8), rm = BITS(i, 3, 0);
	if (rd == 13 || rn == 13 || rm == 13 || ra == 13)
		return -1;
	if (BIT(i, 4))
		return ra == 15 ? -1 : tr_mul(t, rd, rn, rm, (int)ra, 1);
	return tr_mul(t, rd, rn, rm, ra == 15 ? -1 : (int)ra, 0);
}
