// SPDX-License-Identifier: GPL-2.0-only
/*
 * jit_mem.c — host sequences for the multiple loads and stores: LDM/STM in every instruction set
 * (PUSH and POP among them), and the Advanced SIMD VLD1/VST1 of whole D registers that memcpy
 * and memset run on. As the interpreter's ldst_multi() and neon_ldst_multi(): every load is made
 * before any register is written (a fault leaves the registers as they were), the base is
 * written back before the loaded registers (a loaded base wins), and a loaded PC is a BX.
 */
#include "decode.h"
#include "exec.h"
#include "jit_arm_tr.h"

/* Host registers that hold loaded values until all loads are done (R12, R14, R15 and RBP are
 * free in translated code: the trampoline saved them and this guest keeps nothing there). */
static const int hold[] = { RAX, RCX, RSI, RDI, R8, R9, R10, R11, R12, R14, R15, RBP };
#define NHOLD ((int)(sizeof(hold) / sizeof(hold[0])))

/*
 * LDM/STM of list from base register rn: the first address is rn's value + start, the written
 * back value rn's value + delta (when wback). 0 when emitted, 1 when it ended the block (a
 * loaded PC), -1 for none.
 */
static int tr_ldstm(struct tr *t, int load, unsigned rn, uint32_t list, int32_t start, int wback, int32_t delta)
{
	struct em *e = &t->j->e;
	int n = __builtin_popcount(list);
	if (!list || rn == 15 || n > NHOLD)
		return -1;
	if (load && (list & 0x8000) && (t->it & 0xf) && t->it_next)
		return -1;	/* a branch inside an IT block must be its last instruction */
	tr_ldr(t, RDX, rn);
	int32_t off = start;
	if (load) {
		int h = 0;
		for (unsigned k = 0; k < 16; k++)
			if (list & (1u << k)) {
				mov_load(e, 0, hold[h++], RDX, off);
				off += 4;
			}
		if (wback) {
			op_rm(e, 0, 0, 0x81, 1, 0, CPU, OFF_R(rn));		/* add dword [rn], delta */
			b4(e, (uint32_t)delta);
		}
		h = 0;
		for (unsigned k = 0; k < 15; k++)
			if (list & (1u << k))
				tr_str(t, k, hold[h++]);
		if (list & 0x8000) {
			mov_rr(e, 0, RDX, hold[h]);
			tr_bx(t);
			return 1;
		}
		return 0;
	}
	for (unsigned k = 0; k < 16; k++)
		if (list & (1u << k)) {
			tr_ldr(t, RCX, k);
			mov_store(e, 0, RDX, off, RCX);
			off += 4;
		}
	if (wback) {
		op_rm(e, 0, 0, 0x81, 1, 0, CPU, OFF_R(rn));
		b4(e, (uint32_t)delta);
	}
	return 0;
}

int tr_ldm_a32(struct tr *t)
{
	uint32_t i = t->insn, list = i & 0xffff;
	unsigned p = BIT(i, 24), u = BIT(i, 23), w = BIT(i, 21), l = BIT(i, 20);
	int32_t n = 4 * __builtin_popcount(list);
	if (BIT(i, 22))
		return -1;	/* user-bank and exception-return forms */
	return tr_ldstm(t, (int)l, BITS(i, 19, 16), list, u ? (p ? 4 : 0) : -n + (p ? 0 : 4), (int)w, u ? n : -n);
}

int tr_ldm_t16(struct tr *t)
{
	uint32_t i = t->insn, list = i & 0xff;
	if (t->op == OP_T16_PUSH || t->op == OP_T16_POP) {
		if (BIT(i, 8))
			list |= BIT(i, 11) ? 0x8000 : 0x4000;
		int32_t n = 4 * __builtin_popcount(list);
		if (t->op == OP_T16_POP)
			return tr_ldstm(t, 1, 13, list, 0, 1, n);
		return tr_ldstm(t, 0, 13, list, -n, 1, -n);
	}
	unsigned rn = BITS(i, 10, 8);
	int32_t n = 4 * __builtin_popcount(list);
	if (t->op == OP_T16_LDM)
		return tr_ldstm(t, 1, rn, list, 0, !(list & (1u << rn)), n);
	return tr_ldstm(t, 0, rn, list, 0, 1, n);
}

int tr_ldm_t32(struct tr *t)
{
	uint32_t i = t->insn, list = i & 0xffff;
	unsigned rn = BITS(i, 19, 16), w = BIT(i, 21), l = BIT(i, 20);
	int db = t->op == OP_T32_LDMDB || t->op == OP_T32_STMDB;
	int32_t n = 4 * __builtin_popcount(list);
	if (__builtin_popcount(list) < 2 || (list & 0x2000) || (!l && (list & 0x8000)) || (l && (list & 0xc000) == 0xc000))
		return -1;
	return tr_ldstm(t, (int)l, rn, list, db ? -n : 0, (int)w, db ? -n : n);
}

/* VLD1/VST1 (multiple single elements) of 1-4 whole D registers, no alignment given. */
int tr_vldst1(struct tr *t)
{
	struct em *e = &t->j->e;
	uint32_t i = t->insn;
	if ((i >> 24) == 0xf9)
		i = 0xf4000000u | (i & 0xffffff);	/* the T32 form in the A32 layout */
	unsigned type = BITS(i, 11, 8), align = BITS(i, 5, 4), l = BIT(i, 21);
	unsigned d = BIT(i, 22) << 4 | BITS(i, 15, 12), rn = BITS(i, 19, 16), rm = BITS(i, 3, 0);
	int regs = type == 7 ? 1 : type == 10 ? 2 : type == 6 ? 3 : type == 2 ? 4 : 0;
	if (!regs || rn == 15 || d + (unsigned)regs > 32 || ((regs == 1 || regs == 3) && (align & 2)) ||
	    (regs == 2 && align == 3))
		return -1;
	const int32_t vd = (int32_t)(offsetof(struct cpu, v) + 8 * d);
	tr_ldr(t, RDX, rn);
	uint8_t *done = NULL;
	if (align) {
		/* a misaligned address: the handler raises the alignment fault */
		op_rr(e, 0, 0, 0xf7, 1, 0, RDX);		/* test edx, imm32 */
		b4(e, (4u << align) - 1);
		uint8_t *fast = jcc(e, CC_E);
		tr_call(t);
		done = jmp(e);
		patch_rel32(fast, e->p);
	}
	/*
	 * Two D registers at a time through an XMM register (D[d] and D[d + 1] are next to each
	 * other in struct cpu): half the accesses, and the Q register the next instruction reads
	 * (VCEQ q1 after VLD1 {d2-d5}) comes from one store, which the host forwards to its load.
	 */
	if (l) {
		int x = 0;
		for (int k = 0; k + 1 < regs; k += 2)
			sse_rm(e, 0xf3, 0x0f6f, x++, RDX, 8 * k);		/* movdqu xmm, [rdx + 8k] */
		if (regs & 1)
			sse_rm(e, 0xf3, 0x0f7e, x, RDX, 8 * (regs - 1));	/* movq xmm, [...] */
		x = 0;
		for (int k = 0; k + 1 < regs; k += 2)
			sse_rm(e, 0xf3, 0x0f7f, x++, CPU, vd + 8 * k);		/* movdqu [D[d + k]], xmm */
		if (regs & 1)
			sse_rm(e, 0x66, 0x0fd6, x, CPU, vd + 8 * (regs - 1));	/* movq */
	} else {
		for (int k = 0; k + 1 < regs; k += 2) {
			sse_rm(e, 0xf3, 0x0f6f, 0, CPU, vd + 8 * k);
			sse_rm(e, 0xf3, 0x0f7f, 0, RDX, 8 * k);
		}
		if (regs & 1) {
			mov_load(e, 1, RAX, CPU, vd + 8 * (regs - 1));
			mov_store(e, 1, RDX, 8 * (regs - 1), RAX);
		}
	}
	if (rm == 13) {
		op_rm(e, 0, 0, 0x81, 1, 0, CPU, OFF_R(rn));		/* add dword [rn], 8 * regs */
		b4(e, 8u * (unsigned)regs);
	} else if (rm != 15) {
		tr_ldr(t, RAX, rm);
		op_rm(e, 0, 0, 0x01, 1, RAX, CPU, OFF_R(rn));		/* add [rn], eax */
	}
	if (done)
		patch_rel32(done, e->p);
	return 0;
}

/* EDX = the base: R9 = base +/- (ESI when reg, else imm), EAX = the address (R9 when index, else
 * the base) */
void tr_addr(struct tr *t, int reg, uint32_t imm, int add, int index)
{
	struct em *e = &t->j->e;
	if (reg) {
		mov_rr(e, 0, R9, RDX);
		alu_rr(e, 0, add ? ALU_ADD : ALU_SUB, R9, RSI);
	} else {
		op_rm(e, 0, 0, 0x8d, 1, R9, RDX, add ? (int32_t)imm : -(int32_t)imm);	/* lea r9d, [rdx +/- imm] */
	}
	mov_rr(e, 0, RAX, index ? R9 : RDX);
}

/* LDRD/STRD: the offset is imm, or ESI when reg (as ldst_dual()) */
int tr_ldrd(struct tr *t, int load, unsigned rt, unsigned rt2, unsigned rn, int reg, uint32_t imm, int add,
	    int index, int wback)
{
	struct em *e = &t->j->e;
	if (rt == 15 || rt2 == 15 || (wback && rn == 15))
		return -1;
	if (rn == 15)
		mov_ri(e, RDX, t->pcval & ~3u);
	else
		tr_ldr(t, RDX, rn);
	tr_addr(t, reg, imm, add, index);
	if (load) {
		mov_load(e, 0, RCX, RAX, 0);
		mov_load(e, 0, RDI, RAX, 4);
		if (wback)
			tr_str(t, rn, R9);
		tr_str(t, rt, RCX);
		tr_str(t, rt2, RDI);
	} else {
		tr_ldr(t, RCX, rt);
		mov_store(e, 0, RAX, 0, RCX);
		tr_ldr(t, RCX, rt2);
		mov_store(e, 0, RAX, 4, RCX);
		if (wback)
			tr_str(t, rn, R9);
	}
	t->keeps = !reg;
	return 0;
}

/* VLDR/VSTR (A32 and T32 share the layout below bit 28), as vfp_ldst() */
int tr_vldr(struct tr *t)
{
	struct em *e = &t->j->e;
	uint32_t i = t->insn, off = (i & 0xff) << 2;
	int dp = BIT(i, 8);
	unsigned rn = BITS(i, 19, 16);
	unsigned d = dp ? (BIT(i, 22) << 4 | BITS(i, 15, 12)) : (BITS(i, 15, 12) << 1 | BIT(i, 22));
	int32_t v = (int32_t)(offsetof(struct cpu, v) + (dp ? 8 : 4) * d);
	if (rn == 15)
		mov_ri(e, RDX, t->pcval & ~3u);
	else
		tr_ldr(t, RDX, rn);
	op_rm(e, 0, 0, 0x8d, 1, RAX, RDX, BIT(i, 23) ? (int32_t)off : -(int32_t)off);	/* lea eax, [rdx +/- off] */
	if (BIT(i, 20)) {
		mov_load(e, 0, RCX, RAX, 0);
		if (dp) {
			mov_load(e, 0, RSI, RAX, 4);
			mov_store(e, 0, CPU, v + 4, RSI);
		}
		mov_store(e, 0, CPU, v, RCX);
	} else {
		mov_load(e, 0, RCX, CPU, v);
		mov_store(e, 0, RAX, 0, RCX);
		if (dp) {
			mov_load(e, 0, RCX, CPU, v + 4);
			mov_store(e, 0, RAX, 4, RCX);
		}
	}
	t->keeps = 1;
	return 0;
}
