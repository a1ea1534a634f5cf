// SPDX-License-Identifier: GPL-2.0-only
/*
 * jit_t32.c — host sequences for Thumb instructions (T16 and 32-bit T32): data processing,
 * loads and stores, branches, IT, multiplies, on the operations A32 shares (jit_a32.c). Inside
 * an IT block the 16-bit forms do not set flags, as in the interpreter (exec_t16.c); branches
 * the interpreter refuses there are left to it.
 */
#include "decode.h"
#include "exec.h"
#include "jit_arm_tr.h"

#define R3(i, lo) BITS(i, (lo) + 2, lo)

/* A branch inside an IT block must be its last instruction */
static int it_branch_ok(const struct tr *t) { return !(t->it & 0xf) || !t->it_next; }

int tr_t16(struct tr *t)
{
	struct em *e = &t->j->e;
	uint32_t i = t->insn;
	int in_it = (t->it & 0xf) != 0, s = !in_it, carry;
	switch (t->op) {
	case OP_T16_LSL_IMM: case OP_T16_LSR_IMM: case OP_T16_ASR_IMM:
		tr_shift_imm(t, R3(i, 3), BITS(i, 12, 11), BITS(i, 10, 6), s, &carry);
		if (s)
			tr_flags_logic(t, RSI, carry);
		tr_str(t, R3(i, 0), RSI);
		return 0;
	case OP_T16_ADD_REG: case OP_T16_SUB_REG:
		tr_ldr(t, RSI, R3(i, 6));
		return tr_dp(t, t->op == OP_T16_ADD_REG ? DP_ADD : DP_SUB, R3(i, 0), R3(i, 3), s, TR_C_KEEP);
	case OP_T16_ADD_IMM3: case OP_T16_SUB_IMM3:
		return tr_dp_imm(t, t->op == OP_T16_ADD_IMM3 ? DP_ADD : DP_SUB, R3(i, 0), R3(i, 3), s, TR_C_KEEP, R3(i, 6));
	case OP_T16_MOV_IMM8:
		return tr_dp_imm(t, DP_MOV, R3(i, 8), 0, s, TR_C_KEEP, i & 0xff);
	case OP_T16_CMP_IMM8:
		return tr_dp_imm(t, DP_CMP, 0, R3(i, 8), 1, TR_C_KEEP, i & 0xff);
	case OP_T16_ADD_IMM8: case OP_T16_SUB_IMM8:
		return tr_dp_imm(t, t->op == OP_T16_ADD_IMM8 ? DP_ADD : DP_SUB, R3(i, 8), R3(i, 8), s, TR_C_KEEP, i & 0xff);
	case OP_T16_DP: {
		static const signed char dop[16] = { DP_AND, DP_EOR, -1, -1, -1, DP_ADC, DP_SBC, -1,
						     DP_TST, DP_RSB, DP_CMP, DP_CMN, DP_ORR, -2, DP_BIC, DP_MVN };
		unsigned o = BITS(i, 9, 6), rdn = R3(i, 0), rm = R3(i, 3);
		int op = dop[o];
		if (op == -1)
			return -1;
		if (op == -2) {					/* MUL */
			tr_ldr(t, RDX, rdn);
			tr_ldr(t, RSI, rm);
			op_rr(e, 0, 0, 0x0faf, 2, RDX, RSI);			/* imul edx, esi */
			if (s)
				tr_flags_logic(t, RDX, TR_C_KEEP);
			tr_str(t, rdn, RDX);
			return 0;
		}
		if (op == DP_RSB) {				/* RSBS Rd, Rn, #0 */
			mov_ri(e, RSI, 0);
			return tr_dp(t, DP_RSB, rdn, rm, s, TR_C_KEEP);
		}
		tr_ldr(t, RSI, rm);
		return tr_dp(t, (unsigned)op, rdn, rdn, op >= DP_TST && op <= DP_CMN ? 1 : s, TR_C_KEEP);
	}
	case OP_T16_ADD_HI: case OP_T16_MOV_HI: case OP_T16_CMP_HI: {
		unsigned rd = BIT(i, 7) << 3 | R3(i, 0), rm = BITS(i, 6, 3);
		if (rd == 15)
			return -1;
		if (t->op == OP_T16_CMP_HI) {
			if (rm == 15 || (rd < 8 && rm < 8))
				return -1;
			tr_ldr(t, RSI, rm);
			return tr_dp(t, DP_CMP, 0, rd, 1, TR_C_KEEP);
		}
		tr_ldr(t, RSI, rm);
		return tr_dp(t, t->op == OP_T16_ADD_HI ? DP_ADD : DP_MOV, rd, rd, 0, TR_C_KEEP);
	}
	case OP_T16_BX: case OP_T16_BLX_REG:
		if (!it_branch_ok(t) || (t->op == OP_T16_BLX_REG && BITS(i, 6, 3) == 15))
			return -1;
		tr_ldr(t, RDX, BITS(i, 6, 3));
		if (t->op == OP_T16_BLX_REG)
			tr_store_imm(e, OFF_R(14), ((uint32_t)t->pc + 2) | 1);
		tr_bx(t);
		return 1;
	case OP_T16_LDR_LIT:
		return tr_ldst(t, 1, 4, 0, R3(i, 8), 15, 0, (i & 0xff) << 2, 1, 1, 0);
	case OP_T16_LDST_REG: {
		static const unsigned char sz[8] = { 4, 2, 1, 1, 4, 2, 1, 2 };
		unsigned o = BITS(i, 11, 9);
		tr_ldr(t, RSI, R3(i, 6));
		return tr_ldst(t, o >= 3, sz[o], o == 3 || o == 7, R3(i, 0), R3(i, 3), 1, 0, 1, 1, 0);
	}
	case OP_T16_STR_IMM: case OP_T16_LDR_IMM:
		return tr_ldst(t, t->op == OP_T16_LDR_IMM, 4, 0, R3(i, 0), R3(i, 3), 0, BITS(i, 10, 6) << 2, 1, 1, 0);
	case OP_T16_STRB_IMM: case OP_T16_LDRB_IMM:
		return tr_ldst(t, t->op == OP_T16_LDRB_IMM, 1, 0, R3(i, 0), R3(i, 3), 0, BITS(i, 10, 6), 1, 1, 0);
	case OP_T16_STRH_IMM: case OP_T16_LDRH_IMM:
		return tr_ldst(t, t->op == OP_T16_LDRH_IMM, 2, 0, R3(i, 0), R3(i, 3), 0, BITS(i, 10, 6) << 1, 1, 1, 0);
	case OP_T16_STR_SP: case OP_T16_LDR_SP:
		return tr_ldst(t, t->op == OP_T16_LDR_SP, 4, 0, R3(i, 8), 13, 0, (i & 0xff) << 2, 1, 1, 0);
	case OP_T16_ADR:
		mov_ri(e, RDX, (t->pcval & ~3u) + ((i & 0xff) << 2));
		tr_str(t, R3(i, 8), RDX);
		t->keeps = 1;
		return 0;
	case OP_T16_ADD_SPI:
		tr_ldr(t, RDX, 13);
		alu_ri(e, 0, 0, RDX, (int32_t)((i & 0xff) << 2));
		tr_str(t, R3(i, 8), RDX);
		return 0;
	case OP_T16_ADD_SP7: case OP_T16_SUB_SP7:
		tr_ldr(t, RDX, 13);
		alu_ri(e, 0, t->op == OP_T16_ADD_SP7 ? 0 : 5, RDX, (int32_t)((i & 0x7f) << 2));	/* add/sub edx, imm */
		tr_str(t, 13, RDX);
		return 0;
	case OP_T16_CBZ: {
		uint32_t target = t->pcval + (BIT(i, 9) << 6 | BITS(i, 7, 3) << 1);
		if (in_it)
			return -1;
		op_rm(e, 0, 0, 0x83, 1, 7, CPU, OFF_R(R3(i, 0)));	/* cmp dword [rn], 0 */
		b1(e, 0);
		jit_branch_cc(t->j, BIT(i, 11) ? CC_NE : CC_E, target, t->pc + 2);
		return 1;
	}
	case OP_T16_EXTEND: {
		static const uint32_t ext[4] = { 0x0fbf, 0x0fbe, 0x0fb7, 0x0fb6 };	/* SXTH SXTB UXTH UXTB */
		tr_ldr(t, RDX, R3(i, 3));
		op_rr(e, 0, 0, ext[BITS(i, 7, 6)], 2, RDX, RDX);		/* movsx/movzx edx, dx/dl */
		tr_str(t, R3(i, 0), RDX);
		return 0;
	}
	case OP_T16_HINT:
		return 0;
	case OP_T16_REV:
		return tr_rev(t, R3(i, 0), R3(i, 3));
	case OP_T16_PUSH: case OP_T16_POP: case OP_T16_LDM: case OP_T16_STM:
		return tr_ldm_t16(t);
	case OP_T16_IT: {
		unsigned fc = BITS(i, 7, 4);
		if (t->it || fc == 15 || (fc == 14 && __builtin_popcount(i & 0xf) != 1))
			return -1;
		t->it_next = i & 0xff;
		return 0;
	}
	case OP_T16_B_COND: {
		unsigned cond = BITS(i, 11, 8);
		if (cond >= 14 || in_it)
			return -1;
		uint8_t *skip = tr_cond_fail(t, cond);
		tr_goto(t, t->pcval + ((uint32_t)sext(i & 0xff, 8) << 1));
		patch_rel32(skip, e->p);
		t->flags_live = t->flags_in;	/* not taken: only the jcc ran */
		return 0;
	}
	case OP_T16_B:
		if (!it_branch_ok(t))
			return -1;
		tr_goto(t, t->pcval + ((uint32_t)sext(i & 0x7ff, 11) << 1));
		return 1;
	default:
		return -1;
	}
}

/* The T32 data-processing opcodes (bits 24..21) in A32 numbering; -1 unallocated. */
static const signed char t32_dpop[16] = {
	DP_AND, DP_BIC, DP_ORR, DP_ORN, DP_EOR, -1, -1, -1,
	DP_ADD, -1, DP_ADC, DP_SBC, -1, DP_SUB, DP_RSB, -1,
};

/* The operation of a T32 data-processing instruction with its PC forms (as t32_dp_common). */
static int t32_dp_op(uint32_t i)
{
	int op = t32_dpop[BITS(i, 24, 21)];
	unsigned s = BIT(i, 20);
	if (op < 0)
		return -1;
	if (BITS(i, 11, 8) == 15) {
		if (!s)
			return -1;
		switch (op) {
		case DP_AND: op = DP_TST; break;
		case DP_EOR: op = DP_TEQ; break;
		case DP_ADD: op = DP_CMN; break;
		case DP_SUB: op = DP_CMP; break;
		default: return -1;
		}
	}
	if (BITS(i, 19, 16) == 15) {
		if (op == DP_ORR)
			op = DP_MOV;
		else if (op == DP_ORN)
			op = DP_MVN;
		else
			return -1;
	}
	return op;
}

static int dp_logic(int op) { return !(op >= DP_SUB && op <= DP_RSC) && op != DP_CMP && op != DP_CMN; }

int tr_t32(struct tr *t)
{
	struct em *e = &t->j->e;
	uint32_t i = t->insn;
	unsigned rn = BITS(i, 19, 16), rt = BITS(i, 15, 12), rd = BITS(i, 11, 8), rm = BITS(i, 3, 0);
	switch (t->op) {
	case OP_T32_DP_MODIMM: {
		int op = t32_dp_op(i);
		uint32_t c0, c1, imm12 = BIT(i, 26) << 11 | BITS(i, 14, 12) << 8 | (i & 0xff);
		if (op < 0)
			return -1;
		uint32_t imm = t32_expand_imm(imm12, 0, &c0);
		t32_expand_imm(imm12, 1, &c1);
		return tr_dp_imm(t, (unsigned)op, rd, rn, (int)BIT(i, 20), c0 == c1 ? (c0 ? TR_C_1 : TR_C_0) : TR_C_KEEP, imm);
	}
	case OP_T32_DP_SREG: {
		int op = t32_dp_op(i), carry;
		if (op < 0 || rm == 15 || rm == 13)
			return -1;
		tr_shift_imm(t, rm, BITS(i, 5, 4), BITS(i, 14, 12) << 2 | BITS(i, 7, 6), BIT(i, 20) && dp_logic(op), &carry);
		return tr_dp(t, (unsigned)op, rd, rn, (int)BIT(i, 20), carry);
	}
	case OP_T32_ADDW: case OP_T32_SUBW: case OP_T32_MOVW: case OP_T32_MOVT: {
		uint32_t imm12 = BIT(i, 26) << 11 | BITS(i, 14, 12) << 8 | (i & 0xff);
		if (rd == 15 || (rd == 13 && !((t->op == OP_T32_ADDW || t->op == OP_T32_SUBW) && rn == 13)))
			return -1;
		if (t->op == OP_T32_MOVW || t->op == OP_T32_MOVT) {
			tr_movwt(t, t->op == OP_T32_MOVT, rd, rn << 12 | imm12);
		} else {
			if (rn == 15)
				mov_ri(e, RDX, t->pcval & ~3u);
			else
				tr_ldr(t, RDX, rn);
			alu_ri(e, 0, t->op == OP_T32_ADDW ? 0 : 5, RDX, (int32_t)imm12);
			tr_str(t, rd, RDX);
		}
		return 0;
	}
	case OP_T32_ST_IMM12: case OP_T32_LD_IMM12: case OP_T32_ST_IMM8: case OP_T32_LD_IMM8:
	case OP_T32_ST_REG: case OP_T32_LD_REG: case OP_T32_LD_LIT: {
		struct t32_ldst d;
		int r = t32_ldst_decode(t->op, i, &d);
		if (r > 0)
			return 0;	/* a preload hint */
		if (r < 0 || (rt == 15 && !d.load))
			return -1;
		if (d.reg) {
			tr_ldr(t, RSI, rm);
			shift_ri(e, 0, SH_SHL, RSI, (int)d.off);
		}
		return tr_ldst(t, (int)d.load, d.size, (int)d.sgn, rt, t->op == OP_T32_LD_LIT ? 15 : rn, d.reg,
			      d.reg ? 0 : d.off, d.add, d.index, d.wback);
	}
	case OP_T32_B_COND: {
		unsigned cond = BITS(i, 25, 22);
		uint32_t s = BIT(i, 26), j1 = BIT(i, 13), j2 = BIT(i, 11);
		if (cond >= 14 || (t->it & 0xf))
			return -1;
		uint32_t off = (uint32_t)sext(s << 20 | j2 << 19 | j1 << 18 | BITS(i, 21, 16) << 12 | (i & 0x7ff) << 1, 21);
		uint8_t *skip = tr_cond_fail(t, cond);
		tr_goto(t, t->pcval + off);
		patch_rel32(skip, e->p);
		t->flags_live = t->flags_in;
		return 0;
	}
	case OP_T32_B: case OP_T32_BL: case OP_T32_BLX_IMM: {
		uint32_t s = BIT(i, 26), i1 = !(BIT(i, 13) ^ s), i2 = !(BIT(i, 11) ^ s);
		uint32_t off = (uint32_t)sext(s << 24 | i1 << 23 | i2 << 22 | BITS(i, 25, 16) << 12 | (i & 0x7ff) << 1, 25);
		if ((t->it & 0xf) && t->it_next)
			return -1;
		if (t->op == OP_T32_B) {
			tr_goto(t, t->pcval + off);
			return 1;
		}
		tr_store_imm(e, OFF_R(14), ((uint32_t)t->pc + 4) | 1);
		if (t->op == OP_T32_BL) {
			tr_goto(t, t->pcval + off);
			return 1;
		}
		tr_store_imm(e, OFF_THUMB, 0);
		tr_goto(t, ((t->pcval & ~3u) + off) & ~3u);
		return 1;
	}
	case OP_T32_MUL:
		return tr_t32_mul(t);
	case OP_T32_SMULL: case OP_T32_UMULL: case OP_T32_SMLAL: case OP_T32_UMLAL:
		return tr_t32_mull(t);
	case OP_T32_SMLAXY: {
		unsigned ra = BITS(i, 15, 12);
		if (rd == 13 || rn == 13 || rm == 13 || ra == 13)
			return -1;
		return tr_smlaxy(t, rd, rn, rm, ra == 15 ? -1 : (int)ra, (int)BIT(i, 5), (int)BIT(i, 4));
	}
	case OP_T32_LDRD: case OP_T32_STRD: {
		unsigned p = BIT(i, 24), u = BIT(i, 23), w = BIT(i, 21);
		if (!p && !w)
			return -1;
		return tr_ldrd(t, t->op == OP_T32_LDRD, rt, rd, rn, 0, (i & 0xff) << 2, (int)u, (int)p, (int)w);
	}
	case OP_T32_VFP_VLDR: case OP_T32_VFP_VSTR:
		return tr_vldr(t);
	case OP_T32_NEON_VRHADD_LOGIC: case OP_T32_NEON_VTST_VCEQ: case OP_T32_NEON_VADD_VSUB: case OP_T32_NEON_VPADD:
		return tr_neon_3same(t);
	case OP_T32_VFP_VMOV_RRD:
		return tr_vmov_rrd(t);
	case OP_T32_PARADD:
		if (BITS(i, 22, 20) == 0 && BITS(i, 7, 4) == 4)
			return tr_uadd8(t, rd, rn, rm);
		return -1;
	case OP_T32_MISC:
		if (BITS(i, 5, 4))
			return -1;
		switch (BITS(i, 21, 20)) {
		case 1: return tr_rev(t, rd, rm);
		case 2: return tr_sel(t, rd, rn, rm);
		case 3: return tr_clz(t, rd, rm);
		default: return -1;
		}
	case OP_T32_XTEND: {
		static const signed char op[8] = { 3, 7, 0, 4, 2, 6, -1, -1 };
		int o = op[BITS(i, 22, 20)];
		return o < 0 ? -1 : tr_xtend(t, (unsigned)o, rd, rn, rm, BITS(i, 5, 4));
	}
	case OP_T32_UBFX: case OP_T32_SBFX:
		if (rd == 13)
			return -1;
		return tr_bfx(t, t->op == OP_T32_SBFX, rd, rn, BITS(i, 14, 12) << 2 | BITS(i, 7, 6), i & 31);
	case OP_T32_SHIFT_REG:
		if (BIT(i, 20))
			return -1;
		return tr_shift_reg(t, BITS(i, 22, 21), rd, rn, rm);
	case OP_T32_MRC15:
		return tr_mrc15(t);
	case OP_T32_TBB:
		return tr_tbb(t);
	case OP_T32_LDM: case OP_T32_STM: case OP_T32_LDMDB: case OP_T32_STMDB:
		return tr_ldm_t32(t);
	case OP_T32_NEON_VLDST_MULTI:
		return tr_vldst1(t);
	default:
		return -1;
	}
}
