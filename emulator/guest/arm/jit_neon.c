// SPDX-License-Identifier: GPL-2.0-only
/*
 * jit_neon.c — SSE2 sequences for the Advanced SIMD and media instructions the C library's string
 * functions loop on (memchr, strlen, strcmp): the integer "three registers of the same length"
 * logic, VCEQ/VTST-free compares and VADD/VSUB; VMOV between two core registers and a D register;
 * UADD8 with its GE flags and SEL; CLZ and REV. Everything else is the handler's.
 */
#include "decode.h"
#include "exec.h"
#include "jit_arm_tr.h"

#define OFF_D(n) ((int32_t)(offsetof(struct cpu, v) + 8 * (n)))
#define OFF_GE ((int32_t)offsetof(struct cpu, ge))

/* xmm x = D[n] (q: Q[n/2], 16 bytes) / back */
static void ldd(struct em *e, int q, int x, unsigned n)
{
	sse_rm(e, 0xf3, q ? 0x0f6f : 0x0f7e, x, CPU, OFF_D(n));	/* movdqu / movq */
}

static void std_(struct em *e, int q, unsigned n, int x)
{
	if (q)
		sse_rm(e, 0xf3, 0x0f7f, x, CPU, OFF_D(n));		/* movdqu */
	else
		sse_rm(e, 0x66, 0x0fd6, x, CPU, OFF_D(n));		/* movq */
}

int tr_neon_3same(struct tr *t)
{
	struct em *e = &t->j->e;
	uint32_t i = t->insn;
	if ((i & 0xef000000u) == 0xef000000u)	/* the T32 form in the A32 layout */
		i = 0xf2000000u | ((i >> 28) & 1) << 24 | (i & 0xffffff);
	unsigned u = BIT(i, 24), sz = BITS(i, 21, 20), opc = BITS(i, 11, 8), o1 = BIT(i, 4), q = BIT(i, 6);
	unsigned d = BIT(i, 22) << 4 | BITS(i, 15, 12), n = BIT(i, 7) << 4 | BITS(i, 19, 16);
	unsigned m = BIT(i, 5) << 4 | BITS(i, 3, 0);
	uint32_t op;
	int swap = 0, orn = 0;
	if (q && ((d | n | m) & 1))
		return -1;
	if (opc == 11 && o1 && !u) {
		/* VPADD.I8/16/32 Dd, Dn, Dm: the sums of adjacent elements of n, then of m */
		if (q || sz == 3)
			return -1;
		ldd(e, 0, 0, n);
		ldd(e, 0, 1, m);
		sse_rr(e, 0x66, 0x0f6c, 0, 1);				/* punpcklqdq: xmm0 = m:n */
		if (sz == 2) {
			sse_rr(e, 0x66, 0x0f70, 1, 0);			/* pshufd xmm1, xmm0, 1 0 3 2 */
			b1(e, 0xb1);
			sse_rr(e, 0x66, 0x0ffe, 0, 1);			/* paddd: sums in dwords 0, 2 */
			sse_rr(e, 0x66, 0x0f70, 0, 0);			/* pshufd xmm0, xmm0, 0 2 . . */
			b1(e, 0x08);
		} else {
			/* each sum in the low half of a word (dword), the high half cleared (sign
			 * copied), then packed: exact, as every value fits */
			uint32_t sh = sz ? 0x0f72 : 0x0f71;
			int bits = sz ? 16 : 8;
			sse_rr(e, 0x66, 0x0f6f, 1, 0);			/* movdqa xmm1, xmm0 */
			sse_shift_ri(e, sh, 2, 1, bits);		/* psrlw/psrld xmm1 */
			sse_rr(e, 0x66, sz ? 0x0ffd : 0x0ffc, 0, 1);	/* paddw/paddb xmm0, xmm1 */
			sse_shift_ri(e, sh, 6, 0, bits);		/* psllw/pslld */
			sse_shift_ri(e, sh, sz ? 4 : 2, 0, bits);	/* psrad / psrlw */
			sse_rr(e, 0x66, sz ? 0x0f6b : 0x0f67, 0, 0);	/* packssdw / packuswb */
		}
		std_(e, 0, d, 0);
		t->keeps = 1;	/* SSE only */
		return 0;
	}
	if (opc == 1 && o1) {
		static const uint32_t logic[2][4] = { { 0x0fdb, 0x0fdf, 0x0feb, 0x0feb }, { 0x0fef, 0, 0, 0 } };
		op = logic[u][sz];				/* pand pandn por (por) / pxor */
		if (!op)
			return -1;				/* VBSL VBIT VBIF */
		swap = !u && sz == 1;				/* VBIC: pandn ~m & n */
		orn = !u && sz == 3;
	} else if (opc == 8 && o1 && u) {			/* VCEQ */
		if (sz == 3)
			return -1;
		op = 0x0f74 + sz;				/* pcmpeqb/w/d */
	} else if (opc == 8 && !o1) {				/* VADD, VSUB */
		static const uint32_t add[4] = { 0x0ffc, 0x0ffd, 0x0ffe, 0x0fd4 }, sub[4] = { 0x0ff8, 0x0ff9, 0x0ffa, 0x0ffb };
		op = u ? sub[sz] : add[sz];
	} else {
		return -1;
	}
	ldd(e, (int)q, 0, n);
	ldd(e, (int)q, 1, m);
	if (orn) {
		sse_rr(e, 0x66, 0x0f76, 2, 2);				/* pcmpeqd xmm2, xmm2: all ones */
		sse_rr(e, 0x66, 0x0fef, 1, 2);				/* pxor xmm1, xmm2: ~m */
	}
	if (swap) {
		sse_rr(e, 0x66, op, 1, 0);				/* pandn xmm1, xmm0: ~m & n */
		std_(e, (int)q, d, 1);
	} else {
		sse_rr(e, 0x66, op, 0, 1);
		std_(e, (int)q, d, 0);
	}
	t->keeps = 1;	/* SSE only */
	return 0;
}

/* VMOV Rt, Rt2, Dm and VMOV Dm, Rt, Rt2 (the D form; A32 and T32 share the layout) */
int tr_vmov_rrd(struct tr *t)
{
	struct em *e = &t->j->e;
	uint32_t i = t->insn;
	unsigned rt = BITS(i, 15, 12), rt2 = BITS(i, 19, 16), l = BIT(i, 20), m = BIT(i, 5) << 4 | BITS(i, 3, 0);
	if (rt == 15 || rt2 == 15 || (l && rt == rt2) || (t->thumb && (rt == 13 || rt2 == 13)))
		return -1;
	if (l) {
		mov_load(e, 0, RAX, CPU, OFF_D(m));
		mov_load(e, 0, RCX, CPU, OFF_D(m) + 4);
		tr_str(t, rt, RAX);
		tr_str(t, rt2, RCX);
	} else {
		tr_ldr(t, RAX, rt);
		tr_ldr(t, RCX, rt2);
		mov_store(e, 0, CPU, OFF_D(m), RAX);
		mov_store(e, 0, CPU, OFF_D(m) + 4, RCX);
	}
	t->keeps = 1;
	return 0;
}

/* UADD8 rd, rn, rm: the bytewise sums; GE[k] = the carry out of byte k */
int tr_uadd8(struct tr *t, unsigned rd, unsigned rn, unsigned rm)
{
	struct em *e = &t->j->e;
	if (rd == 15 || rn == 15 || rm == 15)
		return -1;
	sse_rm(e, 0x66, 0x0f6e, 0, CPU, OFF_R(rn));			/* movd xmm0, [rn] */
	sse_rm(e, 0x66, 0x0f6e, 1, CPU, OFF_R(rm));
	sse_rr(e, 0x66, 0x0f6f, 2, 0);					/* movdqa xmm2, xmm0 */
	sse_rr(e, 0x66, 0x0ffc, 0, 1);					/* paddb: the sums mod 256 */
	sse_rr(e, 0x66, 0x0fdc, 2, 1);					/* paddusb: saturated, differs on a carry */
	sse_rr(e, 0x66, 0x0f74, 2, 0);					/* pcmpeqb */
	sse_rr(e, 0x66, 0x0fd7, RDX, 2);				/* pmovmskb edx, xmm2 */
	op_rr(e, 0, 0, 0xf7, 1, 2, RDX);				/* not edx */
	alu_ri(e, 0, 4, RDX, 15);
	mov_store(e, 0, CPU, OFF_GE, RDX);
	sse_rm(e, 0x66, 0x0f7e, 0, CPU, OFF_R(rd));			/* movd [rd], xmm0 */
	return 0;
}

/* SEL rd, rn, rm: byte k from rn when GE[k], else from rm */
int tr_sel(struct tr *t, unsigned rd, unsigned rn, unsigned rm)
{
	struct em *e = &t->j->e;
	if (rd == 15 || rn == 15 || rm == 15)
		return -1;
	mov_load(e, 0, RAX, CPU, OFF_GE);
	tr_op_sib(e, 0, 0, 0x8b, 1, RAX, FTAB, RAX, 2, TR_FTAB_SEL);	/* mov eax, selmask[ge] */
	tr_ldr(t, RCX, rn);
	tr_ldr(t, RDX, rm);
	alu_rr(e, 0, ALU_XOR, RCX, RDX);
	alu_rr(e, 0, ALU_AND, RCX, RAX);
	alu_rr(e, 0, ALU_XOR, RDX, RCX);				/* m ^ ((n ^ m) & mask) */
	tr_str(t, rd, RDX);
	return 0;
}

/* CLZ rd, rm */
int tr_clz(struct tr *t, unsigned rd, unsigned rm)
{
	struct em *e = &t->j->e;
	if (rd == 15 || rm == 15)
		return -1;
	op_rm(e, 0, 0, 0x0fbd, 2, RAX, CPU, OFF_R(rm));		/* bsr eax, [rm]: ZF when 0 */
	mov_ri(e, RCX, 63);
	op_rr(e, 0, 0, 0x0f44, 2, RAX, RCX);				/* cmovz eax, ecx */
	alu_ri(e, 0, 6, RAX, 31);					/* 31 - index; 63 ^ 31 = 32 */
	tr_str(t, rd, RAX);
	return 0;
}

/* REV rd, rm */
int tr_rev(struct tr *t, unsigned rd, unsigned rm)
{
	struct em *e = &t->j->e;
	if (rd == 15 || rm == 15)
		return -1;
	tr_ldr(t, RAX, rm);
	b1(e, 0x0f); b1(e, 0xc8);					/* bswap eax */
	tr_str(t, rd, RAX);
	return 0;
}

/* SXTAB SXTAH UXTAB UXTAH (xtend() op 2, 3, 6, 7) of rm rotated right by 8 * rot, plus rn unless
 * it is 15 (the plain extends) */
int tr_xtend(struct tr *t, unsigned op, unsigned rd, unsigned rn, unsigned rm, unsigned rot)
{
	struct em *e = &t->j->e;
	static const uint32_t ext[8] = { 0, 0, 0x0fbe, 0x0fbf, 0, 0, 0x0fb6, 0x0fb7 };
	if (!ext[op] || rd == 15 || rm == 15)
		return -1;
	tr_ldr(t, RAX, rm);
	shift_ri(e, 0, SH_ROR, RAX, (int)(8 * rot));
	op_rr(e, 0, 0, ext[op], 2, RAX, RAX);				/* movsx/movzx eax, al/ax */
	if (rn != 15)
		op_rm(e, 0, 0, 0x03, 1, RAX, CPU, OFF_R(rn));		/* add eax, [rn] */
	tr_str(t, rd, RAX);
	return 0;
}

/* UBFX/SBFX rd, rn, #lsb, #w + 1 */
int tr_bfx(struct tr *t, int sgn, unsigned rd, unsigned rn, unsigned lsb, unsigned w)
{
	struct em *e = &t->j->e;
	if (lsb + w > 31 || rd == 15 || rn == 15)
		return -1;
	tr_ldr(t, RAX, rn);
	shift_ri(e, 0, SH_SHL, RAX, (int)(31 - lsb - w));
	shift_ri(e, 0, sgn ? SH_SAR : SH_SHR, RAX, (int)(31 - w));
	tr_str(t, rd, RAX);
	return 0;
}

/* rd = rn shifted (LSL LSR ASR ROR) by the bottom byte of rm, no flags */
int tr_shift_reg(struct tr *t, unsigned type, unsigned rd, unsigned rn, unsigned rm)
{
	struct em *e = &t->j->e;
	static const int ext[4] = { SH_SHL, SH_SHR, SH_SAR, SH_ROR };
	if (rd == 15 || rn == 15 || rm == 15)
		return -1;
	op_rm(e, 0, 0, 0x0fb6, 2, RCX, CPU, OFF_R(rm));		/* movzx ecx, byte [rm] */
	if (type == SR_ASR)
		op_rm(e, 0, 1, 0x63, 1, RDX, CPU, OFF_R(rn));		/* movsxd rdx, [rn] */
	else
		tr_ldr(t, RDX, rn);
	if (type != SR_ROR) {
		/* 64-bit shifts by at most 63: 32 and more give 0 (LSL, LSR) or the sign (ASR) */
		mov_ri(e, RAX, 63);
		alu_rr(e, 0, ALU_CMP, RCX, RAX);
		op_rr(e, 0, 0, 0x0f47, 2, RCX, RAX);			/* cmova ecx, eax */
	}
	op_rr(e, 0, type == SR_ROR ? 0 : 1, 0xd3, 1, ext[type], RDX);	/* shift rdx/edx, cl */
	tr_str(t, rd, RDX);
	return 0;
}

/* MRC p15, 0, rt, c13, c0, 3: the thread pointer */
int tr_mrc15(struct tr *t)
{
	struct em *e = &t->j->e;
	uint32_t i = t->insn;
	unsigned rt = BITS(i, 15, 12);
	if (BITS(i, 23, 21) || BITS(i, 19, 16) != 13 || BITS(i, 3, 0) || BITS(i, 7, 5) != 3 || rt == 15)
		return -1;
	mov_load(e, 0, RAX, CPU, (int32_t)offsetof(struct cpu, tpidruro));
	tr_str(t, rt, RAX);
	return 0;
}

/* TBB/TBH: a branch forward by twice the byte or halfword at rn + rm (rm * 2) */
int tr_tbb(struct tr *t)
{
	struct em *e = &t->j->e;
	uint32_t i = t->insn;
	unsigned rn = BITS(i, 19, 16), rm = BITS(i, 3, 0);
	if ((t->it & 0xf) && t->it_next)
		return -1;
	tr_ldr(t, RAX, rn);
	tr_ldr(t, RCX, rm);
	if (BIT(i, 4))
		tr_op_sib(e, 0, 0, 0x0fb7, 2, RDX, RAX, RCX, 1, 0);	/* movzx edx, word [rax + rcx*2] */
	else
		tr_op_sib(e, 0, 0, 0x0fb6, 2, RDX, RAX, RCX, 0, 0);	/* movzx edx, byte [rax + rcx] */
	tr_op_sib(e, 0, 0, 0x8d, 1, RDX, RDX, RDX, 0, (int32_t)(t->pcval | 1));	/* lea edx, [rdx*2 + pc | 1] */
	tr_bx(t);
	return 1;
}
