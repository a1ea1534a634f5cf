// SPDX-License-Identifier: GPL-2.0-only
/*
 * jit_simd.c — host SSE sequences for the AdvSIMD and FP instructions that hot loops run
 * (glibc's string and memory functions first). Each sequence must give exactly what the
 * interpreter's handler gives; anything not covered here returns 0 and the block calls the
 * handler instead (which also raises UNDEF for the reserved encodings: every reserved form is
 * left to it).
 *
 * Only SSE2 is used. Vector operands are loaded from struct cpu into XMM0..XMM5, combined, and
 * the result is stored back; a 64-bit (Q=0) result has its upper half zeroed first.
 */
#include "decode.h"
#include "exec.h"
#include "jit.h"
#include "jit_a64.h"
#include "simd.h"

/* 66 0F xx opcodes of the SSE2 integer instructions used here */
enum {
	PUNPCKLBW = 0x0f60, PUNPCKLWD = 0x0f61, PUNPCKLDQ = 0x0f62, PACKSSWB = 0x0f63,
	PCMPGTB = 0x0f64, PCMPGTW = 0x0f65, PCMPGTD = 0x0f66, PACKUSWB = 0x0f67,
	PUNPCKHBW = 0x0f68, PUNPCKHWD = 0x0f69, PUNPCKHDQ = 0x0f6a, PACKSSDW = 0x0f6b,
	PUNPCKLQDQ = 0x0f6c, PUNPCKHQDQ = 0x0f6d, MOVDQA = 0x0f6f,
	PCMPEQB = 0x0f74, PCMPEQW = 0x0f75, PCMPEQD = 0x0f76,
	PADDQ = 0x0fd4, PMULLW = 0x0fd5, PMINUB = 0x0fda, PAND = 0x0fdb, PMAXUB = 0x0fde, PANDN = 0x0fdf,
	PMINSW = 0x0fea, POR = 0x0feb, PMAXSW = 0x0fee, PXOR = 0x0fef,
	PMULUDQ = 0x0ff4, PMADDWD = 0x0ff5,
	PSUBB = 0x0ff8, PSUBW = 0x0ff9, PSUBD = 0x0ffa, PSUBQ = 0x0ffb,
	PADDB = 0x0ffc, PADDW = 0x0ffd, PADDD = 0x0ffe,
};
enum { SHW = 0x0f71, SHD = 0x0f72, SHQ = 0x0f73 };
enum { SRL = 2, SRA = 4, SLL = 6 };

static const uint32_t padd[4] = { PADDB, PADDW, PADDD, PADDQ };
static const uint32_t psub[4] = { PSUBB, PSUBW, PSUBD, PSUBQ };
static const uint32_t pcmpeq[3] = { PCMPEQB, PCMPEQW, PCMPEQD };
static const uint32_t pcmpgt[3] = { PCMPGTB, PCMPGTW, PCMPGTD };
static const uint32_t punpckl[4] = { PUNPCKLBW, PUNPCKLWD, PUNPCKLDQ, PUNPCKLQDQ };
static const uint32_t punpckh[4] = { PUNPCKHBW, PUNPCKHWD, PUNPCKHDQ, PUNPCKHQDQ };
static const uint32_t shop[4] = { 0, SHW, SHD, SHQ };

static void x66(struct em *e, uint32_t op, int d, int s) { sse_rr(e, 0x66, op, d, s); }
static void movx(struct em *e, int d, int s) { x66(e, MOVDQA, d, s); }
static void zero(struct em *e, int x) { x66(e, PXOR, x, x); }
static void ones_x(struct em *e, int x) { x66(e, PCMPEQD, x, x); }

/* xmm x = the 32-bit pattern v in every lane (clobbers RAX) */
static void splat32(struct em *e, int x, uint32_t v)
{
	mov_ri(e, RAX, v);
	op_rr(e, 0x66, 0, 0x0f6e, 2, x, RAX);		/* movd xmm, eax */
	pshufd(e, x, x, 0);
}

/* V[rd] = xmm x; a 64-bit result (q 0) has its upper half zeroed (x is changed then) */
static void vst(struct em *e, int rd, int x, int q)
{
	if (!q)
		sse_rr(e, 0xf3, 0x0f7e, x, x);		/* movq xmm, xmm: zero the upper half */
	stv(e, rd, x);
}

/* 64-bit lanes equal: x = (x == y) per qword, from the dword compare (y clobbered) */
static void cmpeq64(struct em *e, int x, int y)
{
	x66(e, PCMPEQD, x, y);
	pshufd(e, y, x, 0xb1);
	x66(e, PAND, x, y);
}

/* RDX = lane of 1 << sz bytes at [base + disp], zero-extended */
static void ld_lane(struct em *e, int r, int base, int32_t disp, int sz)
{
	switch (sz) {
	case 0: op_rm(e, 0, 0, 0x0fb6, 2, r, base, disp); break;
	case 1: op_rm(e, 0, 0, 0x0fb7, 2, r, base, disp); break;
	case 2: mov_load(e, 0, r, base, disp); break;
	default: mov_load(e, 1, r, base, disp); break;
	}
}

/* [base + disp] = low 1 << sz bytes of r */
static void st_lane(struct em *e, int base, int32_t disp, int r, int sz)
{
	switch (sz) {
	case 0: op_rm(e, 0, 0, 0x88, 1, r, base, disp); break;	/* needs r < 4 or a REX: RDX is fine */
	case 1: op_rm(e, 0x66, 0, 0x89, 1, r, base, disp); break;
	case 2: mov_store(e, 0, base, disp, r); break;
	default: mov_store(e, 1, base, disp, r); break;
	}
}

/* V[rd] = the lane value in RDX (1 << sz bytes, zero-extended) in every lane; q as encoded */
static void dup_rdx(struct em *e, int rd, int sz, int q)
{
	static const uint64_t rep[3] = { 0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull };
	if (sz < 3) {
		mov_ri(e, RCX, rep[sz]);
		op_rr(e, 0, 1, 0x0faf, 2, RDX, RCX);		/* imul rdx, rcx */
	}
	mov_store(e, 1, CPU, OFF_V(rd), RDX);
	if (q) {
		mov_store(e, 1, CPU, OFF_V(rd) + 8, RDX);
	} else {
		op_rm(e, 0, 1, 0xc7, 1, 0, CPU, OFF_V(rd) + 8);	/* mov qword [v + 8], 0 */
		b4(e, 0);
	}
}

/* ---- DUP, INS, UMOV, SMOV ---- */

static int t_copy(struct em *e, uint32_t i, enum a64_op op)
{
	int q = BIT(i, 30), imm4 = BITS(i, 14, 11), rd = RD(i), rn = RN(i);
	unsigned imm5 = BITS(i, 20, 16);
	if (!(imm5 & 15))
		return 0;
	int sz = __builtin_ctz(imm5), idx = (int)(imm5 >> (sz + 1)), esz = 1 << sz;
	switch (op) {
	case OP_V_DUP_ELEM:
	case OP_V_DUP_GEN:
		if (sz == 3 && !q)
			return 0;
		if (op == OP_V_DUP_ELEM)
			ld_lane(e, RDX, CPU, OFF_V(rn) + idx * esz, sz);
		else if (rn == 31)
			mov_ri(e, RDX, 0);
		else
			ld_lane(e, RDX, CPU, OFF_X(rn), sz);
		dup_rdx(e, rd, sz, q);
		return 1;
	case OP_V_INS_GEN:
		if (!q)
			return 0;
		if (rn == 31)
			mov_ri(e, RDX, 0);
		else
			ld_lane(e, RDX, CPU, OFF_X(rn), sz);
		st_lane(e, CPU, OFF_V(rd) + idx * esz, RDX, sz);
		return 1;
	case OP_V_INS_ELEM:
		if (!q)
			return 0;
		ld_lane(e, RDX, CPU, OFF_V(rn) + (imm4 >> sz) * esz, sz);
		st_lane(e, CPU, OFF_V(rd) + idx * esz, RDX, sz);
		return 1;
	case OP_V_UMOV:
		if (q != (sz == 3))
			return 0;
		ld_lane(e, RDX, CPU, OFF_V(rn) + idx * esz, sz);
		stx(e, RDX, rd, 0);
		return 1;
	case OP_V_SMOV:
		if (sz >= (q ? 3 : 2))
			return 0;
		if (sz == 0)
			op_rm(e, 0, q, 0x0fbe, 2, RDX, CPU, OFF_V(rn) + idx);		/* movsx */
		else if (sz == 1)
			op_rm(e, 0, q, 0x0fbf, 2, RDX, CPU, OFF_V(rn) + idx * 2);
		else
			op_rm(e, 0, 1, 0x63, 1, RDX, CPU, OFF_V(rn) + idx * 4);	/* movsxd */
		stx(e, RDX, rd, 0);
		return 1;
	default:
		return 0;
	}
}

/* ---- FMOV between general and SIMD&FP registers ---- */

static int t_fmov_gp(struct em *e, uint32_t i, enum a64_op op)
{
	int sf = BIT(i, 31), ptype = BITS(i, 23, 22), rmode = BITS(i, 20, 19), rd = RD(i), rn = RN(i);
	if (BIT(i, 29))
		return 0;
	if (op == OP_FMOV_TOGP_HI || op == OP_FMOV_FROMGP_HI) {
		if (!(sf && ptype == 2 && rmode == 1))
			return 0;
		if (op == OP_FMOV_TOGP_HI) {
			mov_load(e, 1, RDX, CPU, OFF_V(rn) + 8);
			stx(e, RDX, rd, 0);
		} else {
			ldx(e, 1, RDX, rn, 0);
			mov_store(e, 1, CPU, OFF_V(rd) + 8, RDX);
		}
		return 1;
	}
	if (!(rmode == 0 && ((!sf && ptype == 0) || (sf && ptype == 1))))
		return 0;
	if (op == OP_FMOV_TOGP) {
		mov_load(e, sf, RDX, CPU, OFF_V(rn));
		stx(e, RDX, rd, 0);
	} else {
		ldx(e, sf, RDX, rn, 0);				/* 32-bit: zero-extended */
		mov_store(e, 1, CPU, OFF_V(rd), RDX);
		op_rm(e, 0, 1, 0xc7, 1, 0, CPU, OFF_V(rd) + 8);
		b4(e, 0);
	}
	return 1;
}

/* ---- modified immediate: MOVI, MVNI, ORR, BIC, FMOV (vector) ---- */

static int t_modimm(struct em *e, uint32_t i)
{
	int q = BIT(i, 30), op = BIT(i, 29), cmode = BITS(i, 15, 12), rd = RD(i);
	uint64_t imm8 = (BITS(i, 18, 16) << 5) | BITS(i, 9, 5);
	if (BIT(i, 11) || (cmode == 15 && op && !q))
		return 0;
	uint64_t imm = simd_expand_imm(op, cmode, imm8);
	if (cmode < 12 && (cmode & 1)) {	/* ORR, BIC */
		mov_ri(e, RDX, op ? ~imm : imm);
		mov_load(e, 1, RSI, CPU, OFF_V(rd));
		alu_rr(e, 1, op ? ALU_AND : ALU_OR, RSI, RDX);
		mov_store(e, 1, CPU, OFF_V(rd), RSI);
		if (q) {
			mov_load(e, 1, RSI, CPU, OFF_V(rd) + 8);
			alu_rr(e, 1, op ? ALU_AND : ALU_OR, RSI, RDX);
			mov_store(e, 1, CPU, OFF_V(rd) + 8, RSI);
		} else {
			op_rm(e, 0, 1, 0xc7, 1, 0, CPU, OFF_V(rd) + 8);
			b4(e, 0);
		}
		return 1;
	}
	if (op && cmode < 14)
		imm = ~imm;				/* MVNI */
	mov_ri(e, RDX, imm);
	mov_store(e, 1, CPU, OFF_V(rd), RDX);
	if (!q)
		mov_ri(e, RDX, 0);
	mov_store(e, 1, CPU, OFF_V(rd) + 8, RDX);
	return 1;
}

/* ---- three same (integer and logical) ---- */

/* Pairwise on bytes: XMM0 = even lanes, XMM3 = odd lanes of the concatenation m:n (XMM1 = m) */
static void pair_bytes(struct em *e, int q)
{
	if (!q) {
		x66(e, PUNPCKLQDQ, 0, 1);
		zero(e, 1);
	}
	movx(e, 3, 0);
	sse_shift_ri(e, SHW, SRL, 3, 8);
	movx(e, 4, 1);
	sse_shift_ri(e, SHW, SRL, 4, 8);
	x66(e, PACKUSWB, 3, 4);				/* odd */
	ones_x(e, 2);
	sse_shift_ri(e, SHW, SRL, 2, 8);		/* 0x00ff words */
	x66(e, PAND, 0, 2);
	x66(e, PAND, 1, 2);
	x66(e, PACKUSWB, 0, 1);				/* even */
}

static int t_three_same(struct em *e, uint32_t i, enum a64_op op)
{
	int q = BIT(i, 30), sz = BITS(i, 23, 22), rd = RD(i), rn = RN(i), rm = RM(i);
	switch (op) {
	case OP_V_AND: case OP_V_BIC: case OP_V_ORR: case OP_V_ORN: case OP_V_EOR:
	case OP_V_BSL: case OP_V_BIT: case OP_V_BIF:
		if (op == OP_V_ORR && rn == rm) {	/* MOV */
			ldv(e, 0, rn);
			vst(e, rd, 0, q);
			return 1;
		}
		ldv(e, 0, rn);
		ldv(e, 1, rm);
		switch (op) {
		case OP_V_AND: x66(e, PAND, 0, 1); break;
		case OP_V_BIC: x66(e, PANDN, 1, 0); movx(e, 0, 1); break;	/* ~m & n */
		case OP_V_ORR: x66(e, POR, 0, 1); break;
		case OP_V_ORN: ones_x(e, 2); x66(e, PXOR, 1, 2); x66(e, POR, 0, 1); break;
		case OP_V_EOR: x66(e, PXOR, 0, 1); break;
		case OP_V_BSL:	/* m ^ ((n ^ m) & d) */
			ldv(e, 2, rd);
			x66(e, PXOR, 0, 1);
			x66(e, PAND, 0, 2);
			x66(e, PXOR, 0, 1);
			break;
		case OP_V_BIT:	/* d ^ ((d ^ n) & m) */
			ldv(e, 2, rd);
			x66(e, PXOR, 0, 2);
			x66(e, PAND, 0, 1);
			x66(e, PXOR, 0, 2);
			break;
		default:	/* BIF: d ^ ((d ^ n) & ~m) */
			ldv(e, 2, rd);
			x66(e, PXOR, 0, 2);
			x66(e, PANDN, 1, 0);
			x66(e, PXOR, 1, 2);
			movx(e, 0, 1);
			break;
		}
		vst(e, rd, 0, q);
		return 1;
	default:
		break;
	}
	if (sz == 3 && !q)
		return 0;
	ldv(e, 0, rn);
	ldv(e, 1, rm);
	switch (op) {
	case OP_V_ADD:
		x66(e, padd[sz], 0, 1);
		break;
	case OP_V_SUB:
		x66(e, psub[sz], 0, 1);
		break;
	case OP_V_CMEQ:
		if (sz == 3)
			cmpeq64(e, 0, 1);
		else
			x66(e, pcmpeq[sz], 0, 1);
		break;
	case OP_V_CMTST:
		x66(e, PAND, 0, 1);
		zero(e, 1);
		if (sz == 3)
			cmpeq64(e, 0, 1);
		else
			x66(e, pcmpeq[sz], 0, 1);
		ones_x(e, 1);
		x66(e, PXOR, 0, 1);
		break;
	case OP_V_CMGT:		/* n > m */
		if (sz == 3)
			return 0;
		x66(e, pcmpgt[sz], 0, 1);
		break;
	case OP_V_CMGE:		/* !(m > n) */
		if (sz == 3)
			return 0;
		x66(e, pcmpgt[sz], 1, 0);
		ones_x(e, 0);
		x66(e, PXOR, 0, 1);
		break;
	case OP_V_CMHI:		/* n > m unsigned: flip the sign bits, compare signed */
	case OP_V_CMHS:		/* !(m > n) unsigned */
		if (sz == 3)
			return 0;
		splat32(e, 2, sz == 0 ? 0x80808080u : sz == 1 ? 0x80008000u : 0x80000000u);
		x66(e, PXOR, 0, 2);
		x66(e, PXOR, 1, 2);
		if (op == OP_V_CMHI) {
			x66(e, pcmpgt[sz], 0, 1);
		} else {
			x66(e, pcmpgt[sz], 1, 0);
			ones_x(e, 0);
			x66(e, PXOR, 0, 1);
		}
		break;
	case OP_V_UMAX: case OP_V_UMIN:
		if (sz != 0)
			return 0;
		x66(e, op == OP_V_UMAX ? PMAXUB : PMINUB, 0, 1);
		break;
	case OP_V_SMAX: case OP_V_SMIN:
		if (sz != 1)
			return 0;
		x66(e, op == OP_V_SMAX ? PMAXSW : PMINSW, 0, 1);
		break;
	case OP_V_MUL: case OP_V_MLA: case OP_V_MLS:
		if (sz != 1)
			return 0;
		x66(e, PMULLW, 0, 1);
		if (op != OP_V_MUL) {
			ldv(e, 1, rd);
			x66(e, op == OP_V_MLA ? PADDW : PSUBW, 1, 0);
			movx(e, 0, 1);
		}
		break;
	case OP_V_UMAXP: case OP_V_UMINP:
		if (sz != 0)
			return 0;
		if (q && rn == rm) {	/* both halves are the pairs of n: combine in words, pack once */
			movx(e, 3, 0);
			sse_shift_ri(e, SHW, SRL, 3, 8);
			ones_x(e, 2);
			sse_shift_ri(e, SHW, SRL, 2, 8);
			x66(e, PAND, 0, 2);
			x66(e, op == OP_V_UMAXP ? PMAXSW : PMINSW, 0, 3);	/* 0..255 in words */
			x66(e, PACKUSWB, 0, 0);
			break;
		}
		pair_bytes(e, q);
		x66(e, op == OP_V_UMAXP ? PMAXUB : PMINUB, 0, 3);
		break;
	case OP_V_ADDP:
		if (sz == 0) {
			pair_bytes(e, q);
			x66(e, PADDB, 0, 3);
			break;
		}
		if (sz == 3) {
			movx(e, 2, 0);
			x66(e, PUNPCKLQDQ, 0, 1);
			x66(e, PUNPCKHQDQ, 2, 1);
			x66(e, PADDQ, 0, 2);
			break;
		}
		if (!q) {
			x66(e, PUNPCKLQDQ, 0, 1);
			zero(e, 1);
		}
		if (sz == 2) {
			movx(e, 2, 0);
			sse_rr(e, 0, 0x0fc6, 0, 1);	/* shufps xmm0, xmm1, 0x88: even dwords */
			b1(e, 0x88);
			sse_rr(e, 0, 0x0fc6, 2, 1);	/* shufps xmm2, xmm1, 0xdd: odd dwords */
			b1(e, 0xdd);
			x66(e, PADDD, 0, 2);
		} else {
			/* pair sums in dwords, truncated to 16 bits (sign-extended for packssdw) */
			ones_x(e, 2);
			sse_shift_ri(e, SHW, SRL, 2, 15);	/* 1 in each word */
			x66(e, PMADDWD, 0, 2);
			x66(e, PMADDWD, 1, 2);
			sse_shift_ri(e, SHD, SLL, 0, 16);
			sse_shift_ri(e, SHD, SRA, 0, 16);
			sse_shift_ri(e, SHD, SLL, 1, 16);
			sse_shift_ri(e, SHD, SRA, 1, 16);
			x66(e, PACKSSDW, 0, 1);
		}
		break;
	default:
		return 0;
	}
	vst(e, rd, 0, q);
	return 1;
}

/* ---- two-register misc (integer) ---- */

/* XMM0 = the 2w-bit lanes of XMM0 truncated to w bits (w = 8 << sz), packed in the low half */
static void narrow(struct em *e, int sz)
{
	if (sz == 0) {
		sse_shift_ri(e, SHW, SLL, 0, 8);
		sse_shift_ri(e, SHW, SRA, 0, 8);
		x66(e, PACKSSWB, 0, 0);
	} else if (sz == 1) {
		sse_shift_ri(e, SHD, SLL, 0, 16);
		sse_shift_ri(e, SHD, SRA, 0, 16);
		x66(e, PACKSSDW, 0, 0);
	} else {
		pshufd(e, 0, 0, 0x08);
	}
}

/* V[rd] = narrowed XMM0 in the low half (upper zeroed), or in the upper half keeping the low (q) */
static void st_narrow(struct em *e, int rd, int q)
{
	if (q) {
		ldv(e, 1, rd);
		x66(e, PUNPCKLQDQ, 1, 0);
		stv(e, rd, 1);
	} else {
		vst(e, rd, 0, 0);
	}
}

static int t_two_misc(struct em *e, uint32_t i, enum a64_op op)
{
	int q = BIT(i, 30), sz = BITS(i, 23, 22), rd = RD(i), rn = RN(i);
	if (op == OP_V_XTN) {
		if (sz == 3)
			return 0;
		ldv(e, 0, rn);
		narrow(e, sz);
		st_narrow(e, rd, q);
		return 1;
	}
	if (op == OP_V_NOT_RBIT) {
		if (sz != 0)
			return 0;
		ldv(e, 0, rn);
		ones_x(e, 1);
		x66(e, PXOR, 0, 1);
		vst(e, rd, 0, q);
		return 1;
	}
	if (sz == 3 && !q)
		return 0;
	ldv(e, 0, rn);
	zero(e, 1);
	switch (op) {
	case OP_V_CMEQ0:
		if (sz == 3)
			cmpeq64(e, 0, 1);
		else
			x66(e, pcmpeq[sz], 0, 1);
		break;
	case OP_V_CMGT0:	/* n > 0 */
		if (sz == 3)
			return 0;
		x66(e, pcmpgt[sz], 0, 1);
		break;
	case OP_V_CMLT0:	/* 0 > n */
	case OP_V_CMGE0:	/* !(0 > n) */
		if (sz == 3)
			return 0;
		x66(e, pcmpgt[sz], 1, 0);
		if (op == OP_V_CMGE0) {
			ones_x(e, 0);
			x66(e, PXOR, 1, 0);
		}
		movx(e, 0, 1);
		break;
	case OP_V_CMLE0:	/* !(n > 0) */
		if (sz == 3)
			return 0;
		x66(e, pcmpgt[sz], 0, 1);
		ones_x(e, 1);
		x66(e, PXOR, 0, 1);
		break;
	case OP_V_NEG:
		x66(e, psub[sz], 1, 0);
		movx(e, 0, 1);
		break;
	default:
		return 0;
	}
	vst(e, rd, 0, q);
	return 1;
}

/* ---- shift by immediate ---- */

/* XMM0 = XMM0 >> rsh (1..w) arithmetic in lanes of 8 << sz bits, sz 0..2 (clobbers XMM1, XMM2) */
static void sra(struct em *e, int sz, int rsh)
{
	if (sz) {
		sse_shift_ri(e, shop[sz], SRA, 0, rsh);
		return;
	}
	/* bytes: the high byte of each word in place, the low byte through the high position */
	movx(e, 1, 0);
	sse_shift_ri(e, SHW, SLL, 1, 8);
	sse_shift_ri(e, SHW, SRA, 1, rsh);
	sse_shift_ri(e, SHW, SRL, 1, 8);
	sse_shift_ri(e, SHW, SRA, 0, rsh);
	ones_x(e, 2);
	sse_shift_ri(e, SHW, SLL, 2, 8);
	x66(e, PAND, 0, 2);
	x66(e, POR, 0, 1);
}

static int t_shift_imm(struct em *e, uint32_t i, enum a64_op op)
{
	int q = BIT(i, 30), immh = BITS(i, 22, 19), immhb = BITS(i, 22, 16), rd = RD(i), rn = RN(i);
	if (!immh)
		return 0;
	int sz = 31 - __builtin_clz((unsigned)immh), w = 8 << sz;
	int rsh = 2 * w - immhb, lsh = immhb - w;
	switch (op) {
	case OP_V_SHRN:
		if (sz == 3)
			return 0;
		ldv(e, 0, rn);
		sse_shift_ri(e, shop[sz + 1], SRL, 0, rsh);
		narrow(e, sz);
		st_narrow(e, rd, q);
		return 1;
	case OP_V_USHLL: case OP_V_SSHLL:
		if (sz == 3)
			return 0;
		ldv(e, 0, rn);
		zero(e, 1);
		if (op == OP_V_SSHLL)
			x66(e, pcmpgt[sz], 1, 0);		/* sign mask */
		x66(e, q ? punpckh[sz] : punpckl[sz], 0, 1);
		if (lsh)
			sse_shift_ri(e, shop[sz + 1], SLL, 0, lsh);
		stv(e, rd, 0);
		return 1;
	default:
		break;
	}
	if (sz == 3 && !q)
		return 0;
	ldv(e, 0, rn);
	switch (op) {
	case OP_V_SHL:
		if (sz == 0) {
			sse_shift_ri(e, SHW, SLL, 0, lsh);
			splat32(e, 1, ((0xffu << lsh) & 0xff) * 0x01010101u);
			x66(e, PAND, 0, 1);
		} else {
			sse_shift_ri(e, shop[sz], SLL, 0, lsh);
		}
		break;
	case OP_V_SSHR: case OP_V_SSRA:
		if (sz == 3)
			return 0;
		sra(e, sz, rsh);
		break;
	case OP_V_USHR: case OP_V_USRA:
		if (sz == 0) {
			sse_shift_ri(e, SHW, SRL, 0, rsh);
			splat32(e, 1, (0xffu >> rsh) * 0x01010101u);
			x66(e, PAND, 0, 1);
		} else {
			sse_shift_ri(e, shop[sz], SRL, 0, rsh);
		}
		break;
	default:
		return 0;
	}
	if (op == OP_V_SSRA || op == OP_V_USRA) {
		ldv(e, 1, rd);
		x66(e, padd[sz], 0, 1);
	}
	vst(e, rd, 0, q);
	return 1;
}

/* ---- LD1/ST1 (multiple structures) with one to four registers ---- */

static int t_ldst_mult(struct em *e, uint64_t pc, uint32_t i)
{
	int q = BIT(i, 30), l = BIT(i, 22), rt = RD(i), rn = RN(i), nreg;
	switch (BITS(i, 15, 12)) {
	case 7: nreg = 1; break;
	case 10: nreg = 2; break;
	case 6: nreg = 3; break;
	case 2: nreg = 4; break;
	default: return 0;	/* LD2..LD4 interleave */
	}
	int nb = q ? 16 : 8;
	ldx(e, 1, RSI, rn, 1);
	guest_addr(e, pc, RSI, 0);
	if (l) {
		/* every access before any register is written */
		for (int r = 0; r < nreg; r++)
			sse_rm(e, 0xf3, q ? 0x0f6f : 0x0f7e, r, RAX, r * nb);	/* movdqu / movq */
		for (int r = 0; r < nreg; r++)
			stv(e, (rt + r) & 31, r);
	} else {
		for (int r = 0; r < nreg; r++) {
			if (q) {
				ldv(e, 0, (rt + r) & 31);
				sse_rm(e, 0xf3, 0x0f7f, 0, RAX, r * nb);
			} else {
				mov_load(e, 1, RDX, CPU, OFF_V((rt + r) & 31));
				mov_store(e, 1, RAX, r * nb, RDX);
			}
		}
	}
	if (BIT(i, 23)) {
		if (RM(i) == 31)
			alu_ri(e, 1, 0, RSI, nreg * nb);
		else
			op_rm(e, 0, 1, 0x03, 1, RSI, CPU, OFF_X(RM(i)));	/* add rsi, [x] */
		stx(e, RSI, rn, 1);
	}
	return 1;
}

/* ---- three different: [SU]ADDL/W, [SU]SUBL/W, [SU]MULL, [SU]MLAL, [SU]MLSL ---- */

/* XMM x = the lanes of 8 << sz bits in the low (half 0) or high half of x, widened (x + 1 clobbered) */
static void widen(struct em *e, int x, int sz, int half, int sgn)
{
	zero(e, x + 1);
	if (sgn)
		x66(e, pcmpgt[sz], x + 1, x);		/* sign mask */
	x66(e, half ? punpckh[sz] : punpckl[sz], x, x + 1);
}

static int t_three_diff(struct em *e, uint32_t i, enum a64_op op)
{
	int q = BIT(i, 30), u = BIT(i, 29), sz = BITS(i, 23, 22), opc = BITS(i, 15, 12), rd = RD(i);
	if (sz == 3)
		return 0;
	ldv(e, 0, RN(i));
	ldv(e, 2, RM(i));
	switch (op) {
	case OP_V_SADDL: case OP_V_UADDL: case OP_V_SSUBL: case OP_V_USUBL:
	case OP_V_SADDW: case OP_V_UADDW: case OP_V_SSUBW: case OP_V_USUBW:
		if (!(opc & 1))
			widen(e, 0, sz, q, !u);		/* the L forms widen n too */
		widen(e, 2, sz, q, !u);
		x66(e, opc & 2 ? psub[sz + 1] : padd[sz + 1], 0, 2);
		stv(e, rd, 0);
		return 1;
	default:
		break;
	}
	/* products of 2w bits in XMM0 */
	if (sz == 0) {
		widen(e, 0, 0, q, !u);
		widen(e, 2, 0, q, !u);
		x66(e, PMULLW, 0, 2);
	} else if (sz == 1) {
		movx(e, 1, 0);
		x66(e, PMULLW, 0, 2);
		x66(e, u ? 0x0fe4 : 0x0fe5, 1, 2);	/* pmulhuw / pmulhw */
		x66(e, q ? PUNPCKHWD : PUNPCKLWD, 0, 1);
	} else {
		if (!u)
			return 0;	/* a signed 32x32 multiply needs SSE4.1 */
		pshufd(e, 0, 0, q ? 0xfa : 0x50);
		pshufd(e, 2, 2, q ? 0xfa : 0x50);
		x66(e, PMULUDQ, 0, 2);
	}
	if (opc == 12) {
		stv(e, rd, 0);
		return 1;
	}
	ldv(e, 1, rd);
	x66(e, opc == 8 ? padd[sz + 1] : psub[sz + 1], 1, 0);
	stv(e, rd, 1);
	return 1;
}

/* ---- LD1/ST1 (single structure, one lane) and LD1R ---- */

static int t_ldst_single(struct em *e, uint64_t pc, uint32_t i)
{
	int q = BIT(i, 30), l = BIT(i, 22), r = BIT(i, 21), opc = BITS(i, 15, 13), s = BIT(i, 12);
	int size = BITS(i, 11, 10), rt = RD(i), rn = RN(i), scale = opc >> 1, index = 0;
	if ((opc & 1) || r)
		return 0;	/* two to four registers */
	switch (scale) {
	case 0: index = (q << 3) | (s << 2) | size; break;
	case 1:
		if (size & 1)
			return 0;
		index = (q << 2) | (s << 1) | (size >> 1);
		break;
	case 2:
		if (size & 2)
			return 0;
		if (!(size & 1)) {
			index = (q << 1) | s;
		} else {
			if (s)
				return 0;
			index = q;
			scale = 3;
		}
		break;
	default:
		if (!l || s)
			return 0;
		scale = size;
		break;
	}
	ldx(e, 1, RSI, rn, 1);
	guest_addr(e, pc, RSI, 0);
	if (opc >> 1 == 3) {			/* LD1R */
		ld_lane(e, RDX, RAX, 0, scale);
		dup_rdx(e, rt, scale, q);
	} else if (l) {
		ld_lane(e, RDX, RAX, 0, scale);
		st_lane(e, CPU, OFF_V(rt) + (index << scale), RDX, scale);
	} else {
		ld_lane(e, RDX, CPU, OFF_V(rt) + (index << scale), scale);
		st_lane(e, RAX, 0, RDX, scale);
	}
	if (BIT(i, 23)) {
		if (RM(i) == 31)
			alu_ri(e, 1, 0, RSI, 1 << scale);
		else
			op_rm(e, 0, 1, 0x03, 1, RSI, CPU, OFF_X(RM(i)));
		stx(e, RSI, rn, 1);
	}
	return 1;
}

/* ---- across lanes: ADDV, [SU]ADDLV, [SU]MAXV, [SU]MINV (byte and halfword lanes, ADDV also words) ---- */

/* V[rd] = the low 1 << sz bytes of XMM0, the rest zeroed (clobbers RAX) */
static void st_scalar(struct em *e, int rd, int sz)
{
	op_rr(e, 0x66, 0, 0x0f7e, 2, 0, RAX);		/* movd eax, xmm0 */
	if (sz == 0)
		op_rr(e, 0, 0, 0x0fb6, 2, RAX, RAX);	/* movzx eax, al */
	else if (sz == 1)
		op_rr(e, 0, 0, 0x0fb7, 2, RAX, RAX);	/* movzx eax, ax */
	mov_store(e, 1, CPU, OFF_V(rd), RAX);
	op_rm(e, 0, 1, 0xc7, 1, 0, CPU, OFF_V(rd) + 8);
	b4(e, 0);
}

static int t_across(struct em *e, uint32_t i, enum a64_op op)
{
	int q = BIT(i, 30), sz = BITS(i, 23, 22), rd = RD(i);
	if (sz == 3 || (sz == 2 && !q))
		return 0;
	ldv(e, 0, RN(i));
	switch (op) {
	case OP_V_UMAXV: case OP_V_UMINV: case OP_V_SMAXV: case OP_V_SMINV: {
		if (sz == 2)
			return 0;
		int max = op == OP_V_UMAXV || op == OP_V_SMAXV, sgn = op == OP_V_SMAXV || op == OP_V_SMINV;
		/* bytes: unsigned compares (signed ones biased); halfwords: signed (unsigned biased) */
		int bias = sz == 0 ? sgn : !sgn;
		uint32_t fold = sz == 0 ? (max ? PMAXUB : PMINUB) : (max ? PMAXSW : PMINSW);
		if (!q)
			x66(e, PUNPCKLQDQ, 0, 0);	/* the upper half repeats the lower */
		if (bias) {
			splat32(e, 2, sz == 0 ? 0x80808080u : 0x80008000u);
			x66(e, PXOR, 0, 2);
		}
		for (int sh = 8; sh >= (1 << sz); sh >>= 1) {
			movx(e, 1, 0);
			sse_shift_ri(e, SHQ, 3, 1, sh);	/* psrldq */
			x66(e, fold, 0, 1);
		}
		if (bias)
			x66(e, PXOR, 0, 2);
		st_scalar(e, rd, sz);
		return 1;
	}
	case OP_V_ADDV: case OP_V_UADDLV: case OP_V_SADDLV:
		if (!q)
			sse_rr(e, 0xf3, 0x0f7e, 0, 0);		/* the upper half does not count */
		if (sz == 0) {
			if (op == OP_V_SADDLV) {	/* sum of (b ^ 0x80) - 128 per lane */
				splat32(e, 2, 0x80808080u);
				x66(e, PXOR, 0, 2);
				if (!q)
					sse_rr(e, 0xf3, 0x0f7e, 0, 0);
			}
			zero(e, 1);
			x66(e, 0x0ff6, 0, 1);			/* psadbw: two qword sums */
			movx(e, 1, 0);
			sse_shift_ri(e, SHQ, 3, 1, 8);
			x66(e, PADDQ, 0, 1);
			if (op == OP_V_SADDLV) {
				splat32(e, 1, q ? 16 * 128 : 8 * 128);
				x66(e, PSUBD, 0, 1);
			}
		} else if (sz == 1) {
			if (op == OP_V_UADDLV) {
				movx(e, 2, 0);
				zero(e, 1);
				x66(e, PUNPCKLWD, 0, 1);
				x66(e, PUNPCKHWD, 2, 1);
				x66(e, PADDD, 0, 2);
			} else {
				ones_x(e, 1);
				sse_shift_ri(e, SHW, SRL, 1, 15);
				x66(e, PMADDWD, 0, 1);		/* signed pair sums in dwords */
			}
			pshufd(e, 1, 0, 0x4e);
			x66(e, PADDD, 0, 1);
			pshufd(e, 1, 0, 0xb1);
			x66(e, PADDD, 0, 1);
		} else {
			if (op != OP_V_ADDV)
				return 0;
			pshufd(e, 1, 0, 0x4e);
			x66(e, PADDD, 0, 1);
			pshufd(e, 1, 0, 0xb1);
			x66(e, PADDD, 0, 1);
		}
		st_scalar(e, rd, op == OP_V_ADDV ? sz : sz + 1);
		return 1;
	default:
		return 0;
	}
}

/* ---- permutes: ZIP, UZP, TRN, EXT ---- */

static int t_perm(struct em *e, uint32_t i, enum a64_op op)
{
	int q = BIT(i, 30), sz = BITS(i, 23, 22), rd = RD(i);
	if (op == OP_V_EXT) {
		int pos = BITS(i, 14, 11);
		if (!q && pos >= 8)
			return 0;
		ldv(e, 0, RN(i));
		ldv(e, 1, RM(i));
		if (q) {
			sse_shift_ri(e, SHQ, 3, 0, pos);		/* psrldq */
			sse_shift_ri(e, SHQ, 7, 1, 16 - pos);		/* pslldq */
			x66(e, POR, 0, 1);
		} else {
			x66(e, PUNPCKLQDQ, 0, 1);
			sse_shift_ri(e, SHQ, 3, 0, pos);
		}
		vst(e, rd, 0, q);
		return 1;
	}
	if (sz == 3 && !q)
		return 0;
	int part = BIT(i, 14), w = 8 << sz;
	ldv(e, 0, RN(i));
	ldv(e, 1, RM(i));
	switch (op) {
	case OP_V_ZIP1: case OP_V_ZIP2:
		if (q) {
			x66(e, part ? punpckh[sz] : punpckl[sz], 0, 1);
		} else {
			x66(e, punpckl[sz], 0, 1);
			if (part)
				sse_shift_ri(e, SHQ, 3, 0, 8);
		}
		break;
	case OP_V_UZP1: case OP_V_UZP2:
		if (!q) {
			x66(e, PUNPCKLQDQ, 0, 1);
			movx(e, 1, 0);
		}
		switch (sz) {
		case 0:
			if (part) {
				sse_shift_ri(e, SHW, SRL, 0, 8);
				sse_shift_ri(e, SHW, SRL, 1, 8);
			} else {
				ones_x(e, 2);
				sse_shift_ri(e, SHW, SRL, 2, 8);
				x66(e, PAND, 0, 2);
				x66(e, PAND, 1, 2);
			}
			x66(e, PACKUSWB, 0, 1);
			break;
		case 1:
			if (!part) {
				sse_shift_ri(e, SHD, SLL, 0, 16);
				sse_shift_ri(e, SHD, SLL, 1, 16);
			}
			sse_shift_ri(e, SHD, SRA, 0, 16);
			sse_shift_ri(e, SHD, SRA, 1, 16);
			x66(e, PACKSSDW, 0, 1);
			break;
		case 2:
			sse_rr(e, 0, 0x0fc6, 0, 1);		/* shufps */
			b1(e, part ? 0xdd : 0x88);
			break;
		default:
			x66(e, part ? PUNPCKHQDQ : PUNPCKLQDQ, 0, 1);
			break;
		}
		break;
	case OP_V_TRN1: case OP_V_TRN2:
		if (sz == 3) {
			x66(e, part ? PUNPCKHQDQ : PUNPCKLQDQ, 0, 1);
			break;
		}
		ones_x(e, 2);
		if (part) {	/* odd lanes of n moved down, odd lanes of m kept */
			sse_shift_ri(e, shop[sz + 1], SRL, 0, w);
			sse_shift_ri(e, shop[sz + 1], SLL, 2, w);
		} else {	/* even lanes of n kept, even lanes of m moved up */
			sse_shift_ri(e, shop[sz + 1], SLL, 1, w);
			sse_shift_ri(e, shop[sz + 1], SRL, 2, w);
		}
		x66(e, PAND, part ? 1 : 0, 2);
		x66(e, POR, 0, 1);
		break;
	default:
		return 0;
	}
	vst(e, rd, 0, q);
	return 1;
}

/* ---- REV16/32/64, CNT ---- */

static void swap_bytes16(struct em *e)
{
	movx(e, 1, 0);
	sse_shift_ri(e, SHW, SLL, 0, 8);
	sse_shift_ri(e, SHW, SRL, 1, 8);
	x66(e, POR, 0, 1);
}

static void pshufw_both(struct em *e, int imm)
{
	sse_rr(e, 0xf2, 0x0f70, 0, 0);			/* pshuflw */
	b1(e, (unsigned)imm);
	sse_rr(e, 0xf3, 0x0f70, 0, 0);			/* pshufhw */
	b1(e, (unsigned)imm);
}

static int t_rev_cnt(struct em *e, uint32_t i, enum a64_op op)
{
	int q = BIT(i, 30), sz = BITS(i, 23, 22), rd = RD(i);
	switch (op) {
	case OP_V_REV16:
		if (sz != 0)
			return 0;
		ldv(e, 0, RN(i));
		swap_bytes16(e);
		break;
	case OP_V_REV32:
		if (sz >= 2)
			return 0;
		ldv(e, 0, RN(i));
		if (sz == 0)
			swap_bytes16(e);
		pshufw_both(e, 0xb1);
		break;
	case OP_V_REV64:
		if (sz >= 3)
			return 0;
		ldv(e, 0, RN(i));
		if (sz == 2) {
			pshufd(e, 0, 0, 0xb1);
		} else {
			if (sz == 0)
				swap_bytes16(e);
			pshufw_both(e, 0x1b);
		}
		break;
	case OP_V_CNT:
		if (sz != 0)
			return 0;
		ldv(e, 0, RN(i));
		splat32(e, 2, 0x55555555u);
		movx(e, 1, 0);
		sse_shift_ri(e, SHW, SRL, 1, 1);
		x66(e, PAND, 1, 2);
		x66(e, PSUBB, 0, 1);
		splat32(e, 2, 0x33333333u);
		movx(e, 1, 0);
		sse_shift_ri(e, SHW, SRL, 1, 2);
		x66(e, PAND, 0, 2);
		x66(e, PAND, 1, 2);
		x66(e, PADDB, 0, 1);
		movx(e, 1, 0);
		sse_shift_ri(e, SHW, SRL, 1, 4);
		x66(e, PADDB, 0, 1);
		splat32(e, 2, 0x0f0f0f0fu);
		x66(e, PAND, 0, 2);
		break;
	default:
		return 0;
	}
	vst(e, rd, 0, q);
	return 1;
}

/* ---- scalar FMOV, FABS, FNEG (register) ---- */

static int t_fp_dp1(struct em *e, uint32_t i, enum a64_op op)
{
	int ptype = BITS(i, 23, 22);
	if (ptype > 1 || BIT(i, 31) || BIT(i, 29))
		return 0;
	int w = ptype;	/* 0 single, 1 double */
	mov_load(e, w, RDX, CPU, OFF_V(RN(i)));
	if (op != OP_FMOV_REG) {
		op_rr(e, 0, w, 0x0fba, 2, op == OP_FABS ? 6 : 7, RDX);	/* btr / btc rdx, sign */
		b1(e, w ? 63 : 31);
	}
	mov_store(e, 1, CPU, OFF_V(RD(i)), RDX);
	op_rm(e, 0, 1, 0xc7, 1, 0, CPU, OFF_V(RD(i)) + 8);
	b4(e, 0);
	return 1;
}

/* ---- MUL, MLA, MLS by element (halfword lanes) ---- */

static int t_elem(struct em *e, uint32_t i, enum a64_op op)
{
	int q = BIT(i, 30), sz = BITS(i, 23, 22), rd = RD(i);
	if (sz != 1)
		return 0;
	int idx = (BIT(i, 11) << 2) | (BIT(i, 21) << 1) | BIT(i, 20), rm = BITS(i, 19, 16);
	op_rm(e, 0, 0, 0x0fb7, 2, RDX, CPU, OFF_V(rm) + 2 * idx);	/* movzx edx, word */
	op_rr(e, 0x66, 0, 0x0f6e, 2, 1, RDX);				/* movd xmm1, edx */
	sse_rr(e, 0xf2, 0x0f70, 1, 1);					/* pshuflw xmm1, xmm1, 0 */
	b1(e, 0);
	x66(e, PUNPCKLQDQ, 1, 1);					/* in every word */
	ldv(e, 0, RN(i));
	x66(e, PMULLW, 0, 1);
	if (op != OP_V_MUL_ELEM) {
		ldv(e, 1, rd);
		x66(e, op == OP_V_MLA_ELEM ? PADDW : PSUBW, 1, 0);
		movx(e, 0, 1);
	}
	vst(e, rd, 0, q);
	return 1;
}

/* ---- TBL, TBX (SSSE3 PSHUFB, when the host has it) ---- */

static int have_ssse3(void)
{
	static int have = -1;	/* translation runs under the JIT lock */
	if (have < 0) {
		__builtin_cpu_init();
		have = __builtin_cpu_supports("ssse3") ? 1 : 0;
	}
	return have;
}

static int t_tbl(struct em *e, uint32_t i, enum a64_op op)
{
	int q = BIT(i, 30), len = BITS(i, 14, 13) + 1, rn = RN(i), rd = RD(i);
	if (!have_ssse3())
		return 0;
	ldv(e, 1, RM(i));
	if (op == OP_V_TBX) {		/* XMM5 = lanes whose index is in the table */
		splat32(e, 5, (uint32_t)(16 * len - 1) * 0x01010101u);
		x66(e, PMINUB, 5, 1);
		x66(e, PCMPEQB, 5, 1);
	}
	zero(e, 0);
	splat32(e, 4, 0x70707070u);		/* indexes >= 16 get bit 7: PSHUFB gives 0 */
	if (len > 1)
		splat32(e, 6, 0x10101010u);
	for (int k = 0; k < len; k++) {
		ldv(e, 2, (rn + k) & 31);
		movx(e, 3, 1);
		x66(e, 0x0fdc, 3, 4);		/* paddusb */
		x66(e, 0x0f3800, 2, 3);		/* pshufb */
		x66(e, POR, 0, 2);
		if (k + 1 < len)		/* next table: indexes - 16 (below 0 wraps to >= 0xd0) */
			x66(e, PSUBB, 1, 6);
	}
	if (op == OP_V_TBX) {
		ldv(e, 1, rd);
		x66(e, PAND, 0, 5);
		x66(e, PANDN, 5, 1);
		x66(e, POR, 0, 5);
	}
	vst(e, rd, 0, q);
	return 1;
}

#define SEQ_MAX 150

static int emit(struct em *e, uint64_t pc, uint32_t insn, enum a64_op op)
{
	switch (op) {
	case OP_LDST_MULT: case OP_LDST_MULT_P:
		return t_ldst_mult(e, pc, insn);
	case OP_LDST_SINGLE: case OP_LDST_SINGLE_P:
		return t_ldst_single(e, pc, insn);
	case OP_V_SADDL: case OP_V_UADDL: case OP_V_SSUBL: case OP_V_USUBL:
	case OP_V_SADDW: case OP_V_UADDW: case OP_V_SSUBW: case OP_V_USUBW:
	case OP_V_SMULL: case OP_V_UMULL: case OP_V_SMLAL: case OP_V_UMLAL: case OP_V_SMLSL: case OP_V_UMLSL:
		return t_three_diff(e, insn, op);
	case OP_V_DUP_ELEM: case OP_V_DUP_GEN: case OP_V_INS_GEN: case OP_V_INS_ELEM:
	case OP_V_UMOV: case OP_V_SMOV:
		return t_copy(e, insn, op);
	case OP_FMOV_TOGP: case OP_FMOV_FROMGP: case OP_FMOV_TOGP_HI: case OP_FMOV_FROMGP_HI:
		return t_fmov_gp(e, insn, op);
	case OP_V_MOVI_MVNI_ORR_BIC: case OP_V_FMOV_IMM:
		return t_modimm(e, insn);
	case OP_V_AND: case OP_V_BIC: case OP_V_ORR: case OP_V_ORN: case OP_V_EOR:
	case OP_V_BSL: case OP_V_BIT: case OP_V_BIF:
	case OP_V_ADD: case OP_V_SUB: case OP_V_CMEQ: case OP_V_CMTST: case OP_V_CMGT: case OP_V_CMGE:
	case OP_V_CMHI: case OP_V_CMHS: case OP_V_UMAX: case OP_V_UMIN: case OP_V_SMAX: case OP_V_SMIN:
	case OP_V_MUL: case OP_V_MLA: case OP_V_MLS: case OP_V_UMAXP: case OP_V_UMINP: case OP_V_ADDP:
		return t_three_same(e, insn, op);
	case OP_V_XTN: case OP_V_NOT_RBIT: case OP_V_CMEQ0: case OP_V_CMGT0: case OP_V_CMLT0:
	case OP_V_CMGE0: case OP_V_CMLE0: case OP_V_NEG:
		return t_two_misc(e, insn, op);
	case OP_V_SHRN: case OP_V_USHLL: case OP_V_SSHLL: case OP_V_SHL: case OP_V_USHR: case OP_V_SSHR:
	case OP_V_USRA: case OP_V_SSRA:
		return t_shift_imm(e, insn, op);
	case OP_V_MUL_ELEM: case OP_V_MLA_ELEM: case OP_V_MLS_ELEM:
		return t_elem(e, insn, op);
	case OP_V_TBL: case OP_V_TBX:
		return t_tbl(e, insn, op);
	case OP_V_ADDV: case OP_V_UADDLV: case OP_V_SADDLV: case OP_V_UMAXV: case OP_V_UMINV:
	case OP_V_SMAXV: case OP_V_SMINV:
		return t_across(e, insn, op);
	case OP_V_EXT: case OP_V_ZIP1: case OP_V_ZIP2: case OP_V_UZP1: case OP_V_UZP2:
	case OP_V_TRN1: case OP_V_TRN2:
		return t_perm(e, insn, op);
	case OP_V_REV16: case OP_V_REV32: case OP_V_REV64: case OP_V_CNT:
		return t_rev_cnt(e, insn, op);
	case OP_FMOV_REG: case OP_FABS: case OP_FNEG:
		return t_fp_dp1(e, insn, op);
	default:
		return 0;
	}
}

int jit_simd(struct em *e, uint64_t pc, uint32_t insn, enum a64_op op)
{
	uint8_t *start = e->p;
	/* the translator reserves 160 bytes per instruction: longer sequences go to the handler */
	if (emit(e, pc, insn, op) && e->p - start <= SEQ_MAX)
		return 1;
	e->p = start;	/* a form found unsupported half-way: drop what was emitted */
	return 0;
}
