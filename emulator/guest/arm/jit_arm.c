// SPDX-License-Identifier: GPL-2.0-only
/*
 * jit_arm.c — the 32-bit ARM translator on the shared engine (engine/jit.c): the engine's hooks
 * (engine_guest at the end), the block body, and the common pieces the host sequences are built
 * from. Every guest instruction becomes a short x86_64 sequence on struct cpu in memory (rbx
 * holds c), made in jit_a32.c, jit_t32.c, jit_mem.c and jit_neon.c; an encoding without one calls
 * its interpreter handler, so translated code runs every encoding the interpreter does, with the
 * same results.
 *
 * State in translated code: the registers, NZCV (c->nzcv, CPSR layout) and ITSTATE stay in
 * struct cpu. A block is translated for one instruction set and entered only with ITSTATE 0: its
 * first instruction checks both (a compare of c->thumb and one of c->itstate) and otherwise leaves
 * with JIT_ARM_MISMATCH. Inside a block ITSTATE is known at translation time: the IT
 * instruction is not called but sets it, each instruction of an IT block gets the condition it
 * gives, and c->itstate is stored where it changes, so a handler, a fault or an exit sees the
 * architectural value. Faults are precise through the engine's fault map (c->pc is stored only
 * before a handler is called and by exits).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "decode.h"
#include "exec.h"
#include "jit.h"
#include "jit_arm.h"
#include "jit_arm_tr.h"

__thread int jit_arm_thumb;

_Static_assert(offsetof(struct cpu, r) == 0, "R0..R15 first");

/* The tables translated code reads through FTAB: NZCV (CPSR layout) by AH:OF after LAHF, SETO of
 * a host subtraction (SF ZF in AH's bits 7, 6, CF in bit 0; C = !CF); the byte mask of SEL by GE. */
static struct {
	uint32_t nzcv[512];
	uint32_t sel[16];
} ftab;
_Static_assert(offsetof(__typeof__(ftab), sel) == TR_FTAB_SEL, "jit_neon.c reads sel[] there");

/* op reg, [base + index << sc + disp32] */
void tr_op_sib(struct em *e, int pfx, int w, uint32_t op, int n, int reg, int base, int index, int sc, int32_t disp)
{
	if (pfx)
		b1(e, (unsigned)pfx);
	rex(e, w, reg, index, base);
	opcode(e, op, n);
	b1(e, 0x80 | (unsigned)(reg & 7) << 3 | 4);
	b1(e, (unsigned)(sc << 6 | (index & 7) << 3 | (base & 7)));
	b4(e, (uint32_t)disp);
}

void tr_store_imm(struct em *e, int32_t off, uint32_t v)
{
	op_rm(e, 0, 0, 0xc7, 1, 0, CPU, off);
	b4(e, v);
}

/*
 * The register cache: inside a block, guest registers R0..R14 are held in the host registers
 * below (none of which a sequence using the cache touches otherwise), loaded when first read,
 * written when the guest writes them and stored back to struct cpu lazily (least recently used
 * slot evicted). Struct cpu has every register's value (the cache is flushed) before each guest
 * memory access, so a fault finds the guest state exact without a map of the cache; and before
 * anything else that reads struct cpu or leaves the block: the cache is emptied (tr_rc_drop) at
 * every instruction not in rc_ok() (they run with rc_off, on struct cpu) and at the block's end.
 * Only unconditional instructions keep it, so no path joins another with a different cache.
 */
static const int rc_host[TR_RC_N] = { RBP, R12, R14, R15, R10, R11, RDI };

/*
 * The fault map of a block (tr_rc_mark()): after its code, n entries of the instruction's index
 * (a byte each), then n 32-bit words, a nibble per slot of the cache: the guest register that
 * slot's host register holds and struct cpu does not have yet at the instruction's memory
 * access, or 0xf. The block's gdata: the map's address (8 bytes), n (1 byte).
 */
static void fmap_fault(struct cpu *c, unsigned k, const uint8_t gdata[JIT_GDATA])
{
	const uint8_t *map;
	memcpy(&map, gdata, sizeof(map));
	unsigned n = gdata[8];
	for (unsigned q = 0; q < n; q++) {
		if (map[q] != k)
			continue;
		uint32_t v;
		memcpy(&v, map + n + 4 * q, 4);
		for (int s = 0; s < TR_RC_N; s++, v >>= 4)
			if ((v & 0xf) != 0xf)
				c->r[v & 0xf] = (uint32_t)c->xi.fault_host_gpr[rc_host[s]];
		return;
	}
}

void jit_arm_fault(struct cpu *c)
{
	if (!c->jit_active)
		return;
	uint64_t gpc;
	unsigned k;
	uint8_t gdata[JIT_GDATA];
	if (jit_fault_info((uintptr_t)c->xi.fault_host_pc, &gpc, &k, gdata)) {
		c->pc = gpc;
		fmap_fault(c, k, gdata);
	}
	/* else a handler faulted: c->pc was stored before calling it, the cache was empty */
	c->jit_active = 0;
}

/* the trace of the cache's accesses (pass 0), or where the second pass is in it */
static void rc_trace(struct tr *t, int what)
{
	if (t->pass == 0) {
		if (t->ntrace < TR_TRACE)
			t->trace[t->ntrace] = (int8_t)what;
		t->ntrace++;
	} else if (t->pass > 0) {
		t->tpos++;
	}
}

static void rc_reset(struct tr *t)
{
	rc_trace(t, TR_BARRIER);
	for (int n = 0; n < 16; n++)
		t->rc_slot[n] = -1;
	for (int k = 0; k < TR_RC_N; k++)
		t->rc_reg[k] = -1;
	t->rc_dirty = 0;
}

void tr_rc_flush(struct tr *t)
{
	for (int k = 0; k < TR_RC_N; k++)
		if (t->rc_dirty & 1u << k)
			mov_store(&t->j->e, 0, CPU, OFF_R(t->rc_reg[k]), rc_host[k]);
	t->rc_dirty = 0;
}

void tr_rc_mark(struct tr *t)
{
	uint32_t v = 0;
	for (int k = TR_RC_N - 1; k >= 0; k--)
		v = v << 4 | (t->rc_dirty & 1u << k ? (unsigned)t->rc_reg[k] : 0xfu);
	if (v == (1u << 4 * TR_RC_N) - 1)
		return;
	if (t->nfmap && t->fmap_k[t->nfmap - 1] == t->k)
		abort();	/* one access per instruction (jit_arm_fault() finds the first) */
	t->fmap_k[t->nfmap] = (uint8_t)t->k;
	t->fmap_v[t->nfmap++] = v;
}

/* flush and forget: struct cpu is the only copy */
static void tr_rc_drop(struct tr *t)
{
	tr_rc_flush(t);
	rc_reset(t);
}

/* the slot of guest register n, taken (the least recently used one evicted) when it has none;
 * load: with the register's value */
/*
 * The slot to take for another register: a free one, else (second pass) the one whose register
 * is accessed furthest ahead before the cache empties, a clean one before a dirty one at the same
 * distance, never one this instruction uses (its register may be in use); else (first pass, or
 * a trace that did not fit) the least recently used one.
 */
static int rc_victim(struct tr *t)
{
	int k = 0;
	for (int q = 0; q < TR_RC_N; q++) {
		if (t->rc_reg[q] < 0)
			return q;
		if (t->rc_age[q] < t->rc_age[k])
			k = q;
	}
	if (t->pass <= 0)
		return k;
	unsigned best = 0;
	for (int q = 0; q < TR_RC_N; q++) {
		if (t->rc_age[q] > t->rc_insn_clock)
			continue;
		unsigned d = t->tpos;	/* tpos: the access being made */
		while (d < t->ntrace && t->trace[d] != TR_BARRIER && t->trace[d] != t->rc_reg[q])
			d++;
		if (d == t->ntrace || t->trace[d] == TR_BARRIER)
			d = TR_TRACE + 1;	/* not again */
		d = 2 * d + !(t->rc_dirty & 1u << q);
		if (d > best) {
			best = d;
			k = q;
		}
	}
	return k;
}

/* the slot of guest register n, taken (another register evicted) when it has none; load: with
 * the register's value */
static int rc_get(struct tr *t, unsigned n, int load)
{
	int k = t->rc_slot[n];
	rc_trace(t, (int)n);
	int seen = 0;
	for (int q = 0; q < t->nprobe && q < (int)sizeof(t->probe); q++)
		seen |= t->probe[q] == (int8_t)n;
	if (!seen) {
		if (t->nprobe < (int)sizeof(t->probe))
			t->probe[t->nprobe] = (int8_t)n;
		t->nprobe++;
	}
	if (k < 0) {
		t->rc_miss++;
		k = rc_victim(t);
		if (t->rc_reg[k] >= 0) {
			if (t->rc_dirty & 1u << k)
				mov_store(&t->j->e, 0, CPU, OFF_R(t->rc_reg[k]), rc_host[k]);
			t->rc_slot[t->rc_reg[k]] = -1;
		}
		t->rc_dirty &= ~(1u << k);
		t->rc_reg[k] = (int8_t)n;
		t->rc_slot[n] = (int8_t)k;
		if (load)
			mov_load(&t->j->e, 0, rc_host[k], CPU, OFF_R(n));
	}
	t->rc_age[k] = ++t->rc_clock;
	return k;
}

int tr_rc_reg(struct tr *t, unsigned n, int load)
{
	if (t->rc_off || n == 15)
		return -1;
	return rc_host[rc_get(t, n, load)];
}

void tr_rc_wrote(struct tr *t, unsigned n)
{
	t->rc_dirty |= 1u << t->rc_slot[n];
}

/* host r = guest register n (15: the value reads of PC give) */
void tr_ldr(struct tr *t, int r, unsigned n)
{
	if (n == 15)
		mov_ri(&t->j->e, r, t->pcval);
	else if (t->rc_off)
		mov_load(&t->j->e, 0, r, CPU, OFF_R(n));
	else
		mov_rr(&t->j->e, 0, r, rc_host[rc_get(t, n, 1)]);
}

void tr_str(struct tr *t, unsigned n, int r)
{
	if (t->rc_off || n == 15) {
		mov_store(&t->j->e, 0, CPU, OFF_R(n), r);
		return;
	}
	int k = rc_get(t, n, 0);
	mov_rr(&t->j->e, 0, rc_host[k], r);
	t->rc_dirty |= 1u << k;
}

/* The instructions whose sequences use the cache: every guest register through tr_ldr()/tr_str(),
 * straight-line code (no path of their own that skips a cache change), any memory access after
 * tr_rc_flush(), no exit (what returns -1 gets tr_call(), which drops the cache). */
static int rc_ok(const struct tr *t)
{
	switch (t->op) {
	case OP_T16_LSL_IMM: case OP_T16_LSR_IMM: case OP_T16_ASR_IMM: case OP_T16_ADD_REG: case OP_T16_SUB_REG:
	case OP_T16_ADD_IMM3: case OP_T16_SUB_IMM3: case OP_T16_MOV_IMM8: case OP_T16_CMP_IMM8:
	case OP_T16_ADD_IMM8: case OP_T16_SUB_IMM8: case OP_T16_DP: case OP_T16_ADD_HI: case OP_T16_MOV_HI:
	case OP_T16_CMP_HI: case OP_T16_LDR_LIT: case OP_T16_LDST_REG: case OP_T16_STR_IMM: case OP_T16_LDR_IMM:
	case OP_T16_STRB_IMM: case OP_T16_LDRB_IMM: case OP_T16_STRH_IMM: case OP_T16_LDRH_IMM:
	case OP_T16_STR_SP: case OP_T16_LDR_SP: case OP_T16_ADR: case OP_T16_ADD_SPI: case OP_T16_ADD_SP7:
	case OP_T16_SUB_SP7: case OP_T16_EXTEND: case OP_T16_HINT: case OP_T16_B: case OP_T16_B_COND: case OP_T16_IT:
		return t->thumb && t->size == 2;
	case OP_T32_DP_MODIMM: case OP_T32_DP_SREG: case OP_T32_ADDW: case OP_T32_SUBW: case OP_T32_MOVW:
	case OP_T32_MOVT: case OP_T32_ST_IMM12: case OP_T32_LD_IMM12: case OP_T32_ST_IMM8: case OP_T32_LD_IMM8:
	case OP_T32_ST_REG: case OP_T32_LD_REG: case OP_T32_LD_LIT: case OP_T32_B: case OP_T32_B_COND:
	case OP_T32_MUL: case OP_T32_SMULL: case OP_T32_UMULL: case OP_T32_SMLAL: case OP_T32_UMLAL:
	case OP_T32_SMLAXY:
		return t->thumb && t->size == 4;
	case OP_A32_DP_IMM: case OP_A32_DP_REG: case OP_A32_MOVW: case OP_A32_MOVT: case OP_A32_LDST_IMM:
	case OP_A32_LDST_REG: case OP_A32_STRH: case OP_A32_LDRH: case OP_A32_LDRSB: case OP_A32_LDRSH:
	case OP_A32_B: case OP_A32_MUL: case OP_A32_MLA: case OP_A32_MLS: case OP_A32_UMULL: case OP_A32_SMULL:
	case OP_A32_UMLAL: case OP_A32_SMLAL: case OP_A32_SMLAXY: case OP_A32_SMULXY:
		return !t->thumb;
	default:
		return 0;
	}
}

/* c->nzcv from the host flags of a subtraction (add: an addition, whose CF is C); the host flags
 * then hold the guest's with CF = !C (flags_live). Clobbers RAX, RCX, R8. */
void tr_flags_arith(struct tr *t, int add)
{
	struct em *e = &t->j->e;
	if (add)
		b1(e, 0xf5);					/* cmc */
	b1(e, 0x9f);						/* lahf */
	op_rr(e, 0, 0, 0x0f90, 2, 0, R8);			/* seto r8b */
	op_rr(e, 0, 0, 0x0fb6, 2, RCX, 4);			/* movzx ecx, ah */
	op_rr(e, 0, 0, 0x0fb6, 2, R8, R8);			/* movzx r8d, r8b */
	tr_op_sib(e, 0, 0, 0x8d, 1, RCX, R8, RCX, 1, 0);	/* lea ecx, [r8 + rcx*2] */
	tr_op_sib(e, 0, 0, 0x8b, 1, RCX, FTAB, RCX, 2, 0);	/* mov ecx, nzcv[rcx] */
	mov_store(e, 0, CPU, OFF_NZCV, RCX);
	t->flags_live = 1;
}

/* N, Z of host register r; C per carry (TR_C_KEEP, TR_C_0, TR_C_1, TR_C_R8: R8 holds 0 or 1);
 * V kept. Clobbers RAX, RCX and the host flags. */
void tr_flags_logic(struct tr *t, int r, int carry)
{
	struct em *e = &t->j->e;
	uint32_t keep = NZCV_V | (carry == TR_C_KEEP ? NZCV_C : 0);
	alu_rr(e, 0, ALU_TEST, r, r);
	b1(e, 0x9f);						/* lahf */
	op_rr(e, 0, 0, 0x0fb6, 2, RCX, 4);			/* movzx ecx, ah */
	alu_ri(e, 0, 4, RCX, 0xc0);
	shift_ri(e, 0, SH_SHL, RCX, 24);			/* N Z in bits 31, 30 */
	mov_load(e, 0, RAX, CPU, OFF_NZCV);
	alu_ri(e, 0, 4, RAX, (int32_t)keep);
	alu_rr(e, 0, ALU_OR, RAX, RCX);
	if (carry == TR_C_1) {
		alu_ri(e, 0, 1, RAX, (int32_t)NZCV_C);
	} else if (carry == TR_C_R8) {
		mov_rr(e, 0, RCX, R8);
		shift_ri(e, 0, SH_SHL, RCX, 29);
		alu_rr(e, 0, ALU_OR, RAX, RCX);
	}
	mov_store(e, 0, CPU, OFF_NZCV, RAX);
}

/* x86 condition code for each Arm condition on host flags with CF = !C (AL: -1) */
static const signed char arm_cc[15] = {
	CC_E, CC_NE, CC_AE, CC_B, CC_S, CC_NS, CC_O, CC_NO, CC_A, CC_BE, CC_GE, CC_L, CC_G, CC_LE, -1,
};

/* Jump (rel32 returned) when condition cond (0..13) fails: on the host flags when they still hold
 * the guest's (flags_in), else on c->nzcv. Clobbers RAX, RCX and the host flags (not when live). */
uint8_t *tr_cond_fail(struct tr *t, unsigned cond)
{
	struct em *e = &t->j->e;
	if (t->flags_in)
		return jcc(e, arm_cc[cond] ^ 1);
	if (cond < 8) {
		/* one flag: EQ NE (Z), CS CC (C), MI PL (N), VS VC (V) */
		static const uint32_t bit[4] = { NZCV_Z, NZCV_C, NZCV_N, NZCV_V };
		op_rm(e, 0, 0, 0xf7, 1, 0, CPU, OFF_NZCV);	/* test dword [nzcv], bit */
		b4(e, bit[cond >> 1]);
		return jcc(e, cond & 1 ? CC_NE : CC_E);
	}
	mov_load(e, 0, RAX, CPU, OFF_NZCV);
	shift_ri(e, 0, SH_SHR, RAX, 28);
	mov_ri(e, RCX, cond_table[cond]);
	op_rr(e, 0, 0, 0x0fa3, 2, RAX, RCX);			/* bt ecx, eax */
	return jcc(e, CC_AE);
}

/* ITSTATE after an instruction of an IT block (ARM ARM ITAdvance). */
static uint32_t it_adv(uint32_t it)
{
	if ((it & 7) == 0)
		return 0;
	return (it & 0xe0) | ((it << 1) & 0x1f);
}

/* c->itstate = v on a path that leaves the block (what later code assumes is kept). */
static void it_sync_exit(struct tr *t, uint32_t v)
{
	if (t->it_stored != v)
		tr_store_imm(&t->j->e, OFF_IT, v);
}

/*
 * Leave for target: the cache's unstored registers stored first, on this path only (the code
 * after it, a branch's not-taken path, goes on with the cache as it was). A branch back to the
 * block's start in the second pass reloads what differs from the registers the start loaded
 * (loop_want) and jumps past those loads, unless c->interrupt is set or the block was
 * invalidated (its entry then jumps to its exit, engine/jit.c block_kill()): then through the
 * entry, which leaves with struct cpu complete.
 */
void tr_goto(struct tr *t, uint64_t target)
{
	struct em *e = &t->j->e;
	int8_t slot[16], reg[TR_RC_N];
	unsigned dirty = t->rc_dirty;
	memcpy(slot, t->rc_slot, sizeof(slot));
	memcpy(reg, t->rc_reg, sizeof(reg));
	tr_rc_flush(t);
	it_sync_exit(t, t->it_next);
	if (target == t->j->start && !t->it_next && t->pass == 0) {
		t->loop_seen = 1;
		memcpy(t->loop_want, t->rc_reg, sizeof(reg));
	}
	if (target == t->j->start && !t->it_next && t->loop_head) {
		for (int k = 0; k < TR_RC_N; k++)
			if (t->loop_want[k] >= 0 && t->rc_reg[k] != t->loop_want[k])
				mov_load(e, 0, rc_host[k], CPU, OFF_R(t->loop_want[k]));
		op_rm(e, 0, 0, 0x83, 1, 7, CPU, OFF_INTR);		/* cmp dword [c->interrupt], 0 */
		b1(e, 0);
		patch_rel32(jcc(e, CC_NE), t->j->entry);
		b1(e, 0x80); b1(e, 0x3d);				/* cmp byte [rip + entry], jmp */
		b4(e, (uint32_t)(int32_t)(t->j->entry - (e->p + 5)));
		b1(e, 0xe9);
		patch_rel32(jcc(e, CC_E), t->j->entry);
		patch_rel32(jmp(e), t->loop_head);
	} else {
		jit_goto_pc(t->j, target);
	}
	t->rc_dirty = dirty;
	memcpy(t->rc_slot, slot, sizeof(slot));
	memcpy(t->rc_reg, reg, sizeof(reg));
}

/* BX-style jump to the address in EDX: bit 0 selects the instruction set. Clobbers RAX. */
void tr_bx(struct tr *t)
{
	struct em *e = &t->j->e;
	it_sync_exit(t, t->it_next);
	mov_rr(e, 0, RAX, RDX);
	alu_ri(e, 0, 4, RAX, 1);
	mov_store(e, 0, CPU, OFF_THUMB, RAX);			/* c->thumb = a & 1 */
	/* pc = a & (thumb ? ~1 : ~3), the mask being 2 * thumb - 4 */
	b1(e, 0x8d); b1(e, 0x0c); b1(e, 0x45); b4(e, (uint32_t)-4);	/* lea ecx, [rax*2 - 4] */
	alu_rr(e, 0, ALU_AND, RDX, RCX);
	mov_store(e, 1, CPU, OFF_PC, RDX);
	alu_rr(e, 0, ALU_OR, RDX, RAX);				/* the cache key: pc | thumb */
	jit_exit_indirect(e);
}

/*
 * Call the interpreter's handler for the instruction: NEXT goes on, JUMP leaves through the
 * indirect-branch cache, anything else leaves the block returning it.
 */
void tr_call(struct tr *t)
{
	struct em *e = &t->j->e;
	tr_rc_drop(t);
	t->rc_off = 1;
	if (t->op == OP_A32_SVC || t->op == OP_T16_SVC)
		it_sync_exit(t, t->it_next);	/* the interpreter advances ITSTATE after SVC */
	tr_store_imm(e, OFF_PC, (uint32_t)t->pc);
	tr_store_imm(e, OFF_R(15), t->pcval);
	tr_store_imm(e, OFF_OP, t->op);
	mov_rr(e, 1, RDI, CPU);
	mov_ri(e, RSI, t->insn);
	mov_ri(e, RAX, (uint64_t)(uintptr_t)arm_handlers[t->op]);
	b1(e, 0xff); b1(e, 0xd0);				/* call rax */
	alu_rr(e, 0, ALU_TEST, RAX, RAX);
	b1(e, 0x74);						/* jz over the exits */
	uint8_t *over = e->p++;
	alu_ri(e, 0, 7, RAX, JUMP);
	if (t->it_next != t->it_stored) {
		/* a jump inside an IT block: ITSTATE advances as after any instruction */
		b1(e, 0x75);
		uint8_t *nj = e->p++;
		tr_store_imm(e, OFF_IT, t->it_next);
		t->jump_fix[t->njump++] = jmp(e);
		*nj = (uint8_t)(e->p - nj - 1);
	} else {
		t->jump_fix[t->njump++] = jcc(e, CC_E);
	}
	jit_ret_on(t->j, jmp(e));
	*over = (uint8_t)(e->p - over - 1);
}

/* What translating an instruction may change, to undo it (cond_cached()) */
struct tr_snap {
	uint8_t *p;
	int nfix, nret, njump, nfmap, flags_live;
	unsigned dirty, clock, ntrace, tpos;
	int8_t slot[16], reg[TR_RC_N];
	unsigned age[TR_RC_N];
};

static void snap_take(const struct tr *t, struct tr_snap *s)
{
	s->p = t->j->e.p;
	s->nfix = t->j->nfix;
	s->nret = t->j->nret;
	s->njump = t->njump;
	s->nfmap = t->nfmap;
	s->flags_live = t->flags_live;
	s->dirty = t->rc_dirty;
	s->clock = t->rc_clock;
	s->ntrace = t->ntrace;
	s->tpos = t->tpos;
	memcpy(s->slot, t->rc_slot, sizeof(s->slot));
	memcpy(s->reg, t->rc_reg, sizeof(s->reg));
	memcpy(s->age, t->rc_age, sizeof(s->age));
}

static void snap_back(struct tr *t, const struct tr_snap *s)
{
	t->j->e.p = s->p;
	t->j->nfix = s->nfix;
	t->j->nret = s->nret;
	t->njump = s->njump;
	t->nfmap = s->nfmap;
	t->flags_live = s->flags_live;
	t->rc_dirty = s->dirty;
	t->rc_clock = s->clock;
	t->ntrace = s->ntrace;
	t->tpos = s->tpos;
	memcpy(t->rc_slot, s->slot, sizeof(s->slot));
	memcpy(t->rc_reg, s->reg, sizeof(s->reg));
	memcpy(t->rc_age, s->age, sizeof(s->age));
}

/* The condition's jump over the sequence; 0 when emitted, -1 when the translator had none. */
static int cond_body(struct tr *t, unsigned cond)
{
	struct em *e = &t->j->e;
	uint8_t *skip = tr_cond_fail(t, cond);
	int8_t slot[16], reg[TR_RC_N];
	unsigned dirty = t->rc_dirty;
	memcpy(slot, t->rc_slot, sizeof(slot));
	memcpy(reg, t->rc_reg, sizeof(reg));
	t->flags_live = 0;
	t->keeps = 0;
	uint8_t *body = e->p;
	int ended = t->thumb ? (t->size == 2 ? tr_t16(t) : tr_t32(t)) : tr_a32(t);
	if (ended < 0)
		return -1;
	if (ended) {
		/* the executed path left the block: the skipped one goes on with the cache as it was */
		t->rc_dirty = dirty;
		memcpy(t->rc_slot, slot, sizeof(slot));
		memcpy(t->rc_reg, reg, sizeof(reg));
	}
	patch_rel32(skip, e->p);
	t->flags_live = ended || t->keeps > 0 || e->p == body ? t->flags_in : 0;
	return 0;
}

/*
 * A conditional instruction that keeps the cache: every register it accesses is in the cache
 * before its condition (loaded there), so its sequence neither loads nor evicts and both paths
 * leave the cache in the same slots (a register the skipped path did not write but the cache
 * marks written is stored with the value it has: harmless). Found by translating it once and
 * undoing that. 0 when emitted; -1 when not (nothing emitted: it runs without the cache).
 */
static int cond_cached(struct tr *t, unsigned cond)
{
	struct tr_snap s0;
	snap_take(t, &s0);
	t->nprobe = 0;
	int r = cond_body(t, cond);
	int n = t->nprobe;
	int8_t regs[sizeof(t->probe)];
	memcpy(regs, t->probe, sizeof(regs));
	snap_back(t, &s0);
	if (r < 0 || n > TR_RC_N - 1)
		return -1;
	/* loaded after the instruction started: none evicts another (rc_victim()) */
	for (int q = 0; q < n; q++)
		rc_get(t, (unsigned)regs[q], 1);
	t->rc_miss = 0;
	if (cond_body(t, cond) < 0 || t->rc_miss) {
		snap_back(t, &s0);
		return -1;
	}
	return 0;
}

/* One instruction: its ITSTATE and condition around the translator's sequence. Returns 1 when
 * the block ends after it. */
static int translate_one(struct tr *t)
{
	struct em *e = &t->j->e;
	unsigned cond = 14;
	if (t->thumb) {
		if (t->it & 0xf)
			cond = t->it >> 4;
		t->it_next = it_adv(t->it);
		if (t->it != t->it_stored) {
			tr_store_imm(e, OFF_IT, t->it);
			t->it_stored = t->it;
		}
	} else {
		t->it_next = 0;
		if (t->insn < 0xe0000000u)
			cond = t->insn >> 28;
	}
	t->rc_insn_clock = t->rc_clock;
	t->rc_off = !rc_ok(t);
	if (t->rc_off)
		tr_rc_drop(t);
	t->flags_in = t->flags_live;
	/* a conditional B keeps the cache (its exit stores it on the taken path only), other
	 * conditional instructions when cond_cached() can */
	if (cond < 14 && !t->rc_off && t->op != OP_A32_B && t->op != OP_T16_B && t->op != OP_T32_B) {
		if (!cond_cached(t, cond))
			return 0;
		t->rc_off = 1;
		tr_rc_drop(t);
	}
	uint8_t *skip = cond < 14 ? tr_cond_fail(t, cond) : NULL;
	t->flags_live = 0;
	t->keeps = 0;
	uint8_t *body = e->p;
	int ended;
	if (t->thumb)
		ended = t->size == 2 ? tr_t16(t) : tr_t32(t);
	else
		ended = tr_a32(t);
	if (ended < 0) {
		tr_call(t);
		ended = 0;
		switch (t->op) {
		case OP_A32_SVC: case OP_T16_SVC: case OP_A32_BKPT: case OP_T16_BKPT: case OP_A32_UDF:
		case OP_T16_UDF: case OP_T32_UDF: case OP_A32_NONE: case OP_T16_NONE: case OP_T32_NONE:
			/* the handler left: end the block */
			tr_goto(t, t->pc + t->size);
			ended = 1;
			break;
		default:
			break;
		}
	}
	if (ended <= 0 && (t->keeps > 0 || e->p == body))
		t->flags_live = t->flags_in;	/* no code, or code that leaves the host flags alone */
	if (skip) {
		patch_rel32(skip, e->p);
		/* the failing condition goes on with the next instruction; the host flags still
		 * hold the guest's there when the executed path left the block */
		t->flags_live = ended || t->keeps > 0 || e->p == body ? t->flags_in : 0;
		ended = 0;
	}
	return ended;
}

/* ---- the engine's hooks (engine.h) ---- */

static int arm_jit_init(void)
{
	unsigned a, b, c, d;	/* LAHF in 64-bit mode (CPUID 0x80000001 ECX bit 0) */
	__asm__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000000u), "c"(0));
	if (a < 0x80000001u)
		return 0;
	__asm__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000001u), "c"(0));
	if (!(c & 1))
		return 0;
	for (unsigned k = 0; k < 512; k++) {	/* AH:OF */
		uint32_t n = (k >> 8) & 1, z = (k >> 7) & 1, cf = (k >> 1) & 1, v = k & 1;
		ftab.nzcv[k] = n << 31 | z << 30 | (cf ^ 1) << 29 | v << 28;
	}
	for (unsigned k = 0; k < 16; k++)
		ftab.sel[k] = (k & 1 ? 0xffu : 0) | (k & 2 ? 0xff00u : 0) | (k & 4 ? 0xff0000u : 0) | (k & 8 ? 0xff000000u : 0);
	return 1;
}

static void arm_jit_enter(struct em *e)
{
	mov_ri(e, FTAB, (uint64_t)(uintptr_t)&ftab);
	tr_store_imm(e, OFF_ACTIVE, 1);
}

static void arm_jit_leave(struct em *e)
{
	tr_store_imm(e, OFF_ACTIVE, 0);
}

/* A32: words; Thumb: halfwords, a 32-bit instruction as hw1 << 16 | hw2 (never < 0xe800 << 16,
 * so its size shows), none whose second halfword is on the next page. */
static unsigned arm_jit_fetch(uint64_t pc, uint32_t *code, unsigned max)
{
	uint32_t a = (uint32_t)pc, end = (a & ~0xfffu) + 0x1000;
	unsigned n = 0;
	if (!jit_arm_thumb) {
		for (; n < max && a < end; n++, a += 4)
			code[n] = *(const volatile uint32_t *)gptr(a);
		return n;
	}
	while (n < max && a < end) {
		uint32_t hw = *(const volatile uint16_t *)gptr(a);
		if (t32_first(hw)) {
			if (a + 2 >= end) {
				if (!n) {	/* alone in its block (its second halfword after the marker) */
					code[n++] = TR_CROSS;
					code[n++] = hw << 16 | *(const volatile uint16_t *)gptr(a + 2);
				}
				break;
			}
			hw = hw << 16 | *(const volatile uint16_t *)gptr(a + 2);
			a += 4;
		} else {
			a += 2;
		}
		code[n++] = hw;
	}
	return n;
}

static void body_pass(struct jit_tr *j, const uint32_t *code, unsigned n, struct tr *tp);

/*
 * The block twice: the first pass records which guest registers the instructions access through
 * the cache, in order, and is thrown away; the second, the one kept, evicts by that record
 * (rc_victim()). Both emit the same instructions but for the cache's stores and loads.
 */
static void arm_jit_body(struct jit_tr *j, const uint32_t *code, unsigned n)
{
	static struct tr t;	/* under the engine's lock, as j */
	uint8_t *start = j->e.p;
	int nfix = j->nfix, nret = j->nret;
	memset(&t, 0, offsetof(struct tr, trace));
	t.pass = 0;
	body_pass(j, code, n, &t);
	unsigned ntrace = t.ntrace;
	int loop_seen = t.loop_seen;
	int8_t want[TR_RC_N];
	memcpy(want, t.loop_want, sizeof(want));
	j->e.p = start;
	j->nfix = nfix;
	j->nret = nret;
	memset(j->gdata, 0, sizeof(j->gdata));
	memset(&t, 0, offsetof(struct tr, trace));
	t.ntrace = ntrace;
	t.loop_seen = loop_seen;
	memcpy(t.loop_want, want, sizeof(want));
	t.pass = ntrace <= TR_TRACE ? 1 : -1;
	body_pass(j, code, n, &t);
}

static void body_pass(struct jit_tr *j, const uint32_t *code, unsigned n, struct tr *tp)
{
	struct tr t = *tp;
	t.j = j;
	t.thumb = jit_arm_thumb;
	rc_reset(&t);
	struct em *e = &j->e;
	uint64_t pc = j->start;
	/*
	 * entered only in this instruction set with ITSTATE 0: cmp dword [c->thumb], thumb and
	 * cmp dword [c->itstate], 0. Two 32-bit loads, not one 64-bit one: a BX stores c->thumb just
	 * before it leaves, and an IT block c->itstate, each as 32 bits, and a load spanning two
	 * stores still in flight cannot take its value from them (the host waits for both to
	 * reach the cache: it was most of the time of the integer rows' calls and returns).
	 */
	op_rm(e, 0, 0, 0x83, 1, 7, CPU, OFF_THUMB);
	b1(e, (unsigned)t.thumb);
	uint8_t *mismatch = jcc(e, CC_NE);
	op_rm(e, 0, 0, 0x83, 1, 7, CPU, OFF_IT);
	b1(e, 0);
	uint8_t *mismatch2 = jcc(e, CC_NE);
	unsigned k = 0, off = 0;
	int ended = 0;
	if (code[0] == TR_CROSS) {
		/*
		 * A 32-bit Thumb instruction on two pages, alone in its block, whose length is its
		 * first halfword: an invalidation of this page kills it, and the second halfword
		 * (on the next page) is compared with the one translated each time; when it differs
		 * the instruction is executed from memory (arm_step()).
		 */
		j->hoff[0] = (uint16_t)(e->p - j->entry);
		j->goff[0] = 0;
		mov_ri(e, RAX, (uint32_t)pc + 2);
		op_rm(e, 0x66, 0, 0x81, 1, 7, RAX, 0);			/* cmp word [rax], hw2 */
		b1(e, code[1] & 0xff);
		b1(e, (code[1] >> 8) & 0xff);
		uint8_t *same = jcc(e, CC_E);
		tr_store_imm(e, OFF_PC, (uint32_t)pc);
		mov_rr(e, 1, RDI, CPU);
		mov_ri(e, RAX, (uint64_t)(uintptr_t)arm_step);
		b1(e, 0xff); b1(e, 0xd0);				/* call rax */
		alu_rr(e, 0, ALU_TEST, RAX, RAX);
		t.jump_fix[t.njump++] = jcc(e, CC_E);			/* NEXT: on at c->pc */
		alu_ri(e, 0, 7, RAX, JUMP);
		t.jump_fix[t.njump++] = jcc(e, CC_E);
		jit_ret_on(j, jmp(e));
		patch_rel32(same, e->p);
		t.pc = pc;
		t.insn = code[1];
		t.size = 4;
		t.op = t32_decode(t.insn);
		t.pcval = (uint32_t)pc + 4;
		if (!translate_one(&t)) {
			tr_rc_drop(&t);
			tr_goto(&t, pc + 4);
		}
		k = ended = 1;
		off = 2;
	}
	if (!k && t.pass > 0 && t.loop_seen) {
		/* a loop: the registers its branch back finds in the cache, loaded here */
		for (int q = 0; q < TR_RC_N; q++) {
			int g = t.loop_want[q];
			if (g < 0)
				continue;
			t.rc_reg[q] = (int8_t)g;
			t.rc_slot[g] = (int8_t)q;
			t.rc_age[q] = ++t.rc_clock;
			mov_load(e, 0, rc_host[q], CPU, OFF_R(g));
		}
		t.loop_head = e->p;
	}
	for (; k < n && !ended; k++) {
		j->hoff[k] = (uint16_t)(e->p - j->entry);
		j->goff[k] = (uint16_t)off;
		t.k = k;
		t.pc = pc + off;
		t.insn = code[k];
		if (t.thumb) {
			t.size = code[k] > 0xffff ? 4 : 2;
			t.op = t.size == 4 ? t32_decode(t.insn) : t16_decode(t.insn);
			t.pcval = (uint32_t)t.pc + 4;
		} else {
			t.size = 4;
			t.op = a32_decode(t.insn);
			t.pcval = (uint32_t)t.pc + 8;
		}
		ended = translate_one(&t);
		off += t.size;
		t.it = t.it_next;
	}
	if (!ended) {
		tr_rc_drop(&t);
		tr_goto(&t, pc + off);	/* page end or JIT_BLOCK_MAX: go on with the next block */
	}
	j->ninsn = k;
	j->len = off;
	/* a handler's JUMP: continue at c->pc through the indirect-branch cache */
	uint8_t *ind = e->p;
	mov_load(e, 0, RDX, CPU, OFF_PC);
	op_rm(e, 0, 0, 0x0b, 1, RDX, CPU, OFF_THUMB);		/* or edx, [c->thumb] */
	jit_exit_indirect(e);
	for (int q = 0; q < t.njump; q++)
		patch_rel32(t.jump_fix[q], ind);
	/* another instruction set or inside an IT block: the interpreter runs it */
	patch_rel32(mismatch, e->p);
	patch_rel32(mismatch2, e->p);
	mov_ri(e, RAX, (uint32_t)JIT_ARM_MISMATCH);
	mov_ri(e, RDX, 0);
	patch_rel32(jmp(e), jit_leave);
	if (t.nfmap) {
		/* the fault map, never executed (after the jump) */
		uint8_t *map = e->p;
		memcpy(j->gdata, &map, sizeof(map));
		j->gdata[8] = (uint8_t)t.nfmap;
		memcpy(e->p, t.fmap_k, (size_t)t.nfmap);
		e->p += t.nfmap;
		memcpy(e->p, t.fmap_v, 4 * (size_t)t.nfmap);
		e->p += 4 * t.nfmap;
	}
	*tp = t;	/* the trace */
}

_Static_assert(sizeof(((struct cpu *)0)->jit_ibtc) / sizeof(((struct cpu *)0)->jit_ibtc[0]) == JIT_IBTC_SIZE,
	       "struct cpu holds the engine's indirect-branch cache");

const struct engine_guest engine_guest = {
	.slot_shift = 1,	/* Thumb instructions are 2-byte aligned */
	.addr_mask = 0xffffffffu,
	.off_pc = OFF_PC,
	.off_intr = OFF_INTR,
	.off_ibtc = (int32_t)offsetof(struct cpu, jit_ibtc),
	.jit_init = arm_jit_init,
	.jit_enter = arm_jit_enter,
	.jit_leave = arm_jit_leave,
	.jit_fetch = arm_jit_fetch,
	.jit_body = arm_jit_body,
};
