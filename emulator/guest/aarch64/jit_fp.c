// SPDX-License-Identifier: GPL-2.0-only
/*
 * jit_fp.c — host SSE sequences for hot floating-point arithmetic (scalar and vector FADD,
 * FSUB, FMUL, FMLA, ...). Each sequence must give exactly what the interpreter's handler gives,
 * FPSR included; anything it cannot decide cheaply at run time goes to the handler.
 *
 * The fast path runs only when FPCR is 0 (round to nearest even, no FZ, no DN, no AHP): then
 * the handler (fp.c) computes ordinary operands with the same SSE operation under the default
 * MXCSR and folds the MXCSR flags into FPSR, so the host result and flags are the handler's,
 * except where it does more:
 *   - NaN operands (Arm propagation, quieting, default NaN) and invalid operations;
 *   - a result that rounded to the smallest normal magnitude (Arm detects tininess before
 *     rounding, x86 after; the handler recomputes to decide UFC).
 * So the sequence clears the MXCSR flags (loading the default MXCSR, which the emulator's C code
 * runs under anyway: fp.c always goes back to it), computes, and calls the handler instead of
 * storing anything when MXCSR shows IE or DE, or any result lane is a NaN or has the smallest
 * normal magnitude. Otherwise ZE, OE, UE, PE become DZC, OFC, UFC, IXC (each is the MXCSR bit
 * shifted right by one) and the result is stored. Operands are loaded zero-extended, so the
 * unused lanes of the scalar and 64-bit forms compute 0 op 0 (no flags, result +0) and the store
 * of all 16 bytes zeroes what Arm zeroes.
 *
 * Fused multiply-add uses FMA3 (the 231 forms: acc = +-(n * m) +- acc with one rounding, exactly
 * as the handler's negated operands), only when the host has it; without it those encodings go
 * to the handler.
 */
#include <stddef.h>
#include "decode.h"
#include "exec.h"
#include "jit.h"
#include "jit_a64.h"

#define OFF_FPCR ((int32_t)offsetof(struct cpu, fpcr))
#define OFF_FPSR ((int32_t)offsetof(struct cpu, fpsr))

/* Constants the host code addresses through RCX. */
static const struct {
	uint32_t abs_s[4], mn_s[4], sgn_s[4];
	uint64_t abs_d[2], mn_d[2], sgn_d[2];
	uint32_t sgn1_s[4];		/* the sign of lane 0 only (scalar forms) */
	uint64_t sgn1_d[2];
	uint32_t inf_s[4];
	uint64_t inf_d[2];
	uint32_t mxcsr, pad[3];
} __attribute__((aligned(16))) K = {
	{ 0x7fffffffu, 0x7fffffffu, 0x7fffffffu, 0x7fffffffu },
	{ 0x00800000u, 0x00800000u, 0x00800000u, 0x00800000u },
	{ 0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u },
	{ 0x7fffffffffffffffull, 0x7fffffffffffffffull },
	{ 0x0010000000000000ull, 0x0010000000000000ull },
	{ 0x8000000000000000ull, 0x8000000000000000ull },
	{ 0x80000000u, 0, 0, 0 },
	{ 0x8000000000000000ull, 0 },
	{ 0x7f800000u, 0x7f800000u, 0x7f800000u, 0x7f800000u },
	{ 0x7ff0000000000000ull, 0x7ff0000000000000ull },
	0x1f80u, { 0, 0, 0 },
};
#define K_ABS(d) ((int32_t)((d) ? offsetof(__typeof__(K), abs_d) : offsetof(__typeof__(K), abs_s)))
#define K_MN(d) ((int32_t)((d) ? offsetof(__typeof__(K), mn_d) : offsetof(__typeof__(K), mn_s)))
#define K_SGN(d) ((int32_t)((d) ? offsetof(__typeof__(K), sgn_d) : offsetof(__typeof__(K), sgn_s)))
#define K_SGN1(d) ((int32_t)((d) ? offsetof(__typeof__(K), sgn1_d) : offsetof(__typeof__(K), sgn1_s)))
#define K_INF(d) ((int32_t)((d) ? offsetof(__typeof__(K), inf_d) : offsetof(__typeof__(K), inf_s)))
#define K_MXCSR ((int32_t)offsetof(__typeof__(K), mxcsr))

enum { XMM0, XMM1, XMM2, XMM3 };

/* VEX.128.66.0F38.W op /r with XMM0..XMM7: r = reg, v = vvvv, m = rm (FMA3). */
static void vex_fma(struct em *e, int w, unsigned op, int r, int v, int m)
{
	b1(e, 0xc4);
	b1(e, 0xe2);						/* R X B inverted 1, map 0F38 */
	b1(e, (unsigned)(w << 7 | (~v & 15) << 3 | 1));	/* W, vvvv inverted, L 0, pp 66 */
	b1(e, op);
	b1(e, 0xc0 | (unsigned)(r & 7) << 3 | (m & 7));
}

enum kind { K_ARITH, K_FMA, K_MOVE, K_CVT };

struct fpop {
	enum kind kind;
	int d;		/* double precision (K_CVT: of the result) */
	int scalar;	/* scalar form: one element, the rest zeroed */
	int bytes;	/* operand bytes loaded: 4, 8 or 16 */
	unsigned sse;	/* K_ARITH: 0x58 add, 0x59 mul, 0x5c sub, 0x5e div; K_FMA: FMA3 231 opcode;
			 * K_CVT: the prefix of cvtss2sd (0xf3) / cvtsd2ss (0xf2) */
	int neg;	/* K_ARITH: negate the result (FNMUL) */
	int rd, rn, rm;	/* rm: the accumulator for scalar FMADD & co is ra */
	int ra;
	int elem;	/* by element: index into Vm, else -1 */
	int moveop;	/* K_MOVE: 0 FMOV, 1 FABS, 2 FNEG */
};

static int have_fma(void)
{
	static int fma = -1;
	if (fma < 0) {
		__builtin_cpu_init();
		fma = __builtin_cpu_supports("fma") != 0;
	}
	return fma;
}

/* XMM r = bytes (4, 8: zero-extended; 16) of guest V register n. */
static void load_v(struct em *e, int r, int n, int bytes)
{
	if (bytes == 16)
		sse_rm(e, 0, 0x0f10, r, CPU, OFF_V(n));			/* movups */
	else
		sse_rm(e, bytes == 8 ? 0xf2 : 0xf3, 0x0f10, r, CPU, OFF_V(n));	/* movsd / movss */
}

/* Decode op into f; 0 when it has no fast path (or the encoding is not one the handler always
 * executes, returning NEXT). */
static int decode(uint32_t i, enum a64_op op, struct fpop *f)
{
	int ptype = (int)BITS(i, 23, 22), q = (int)BIT(i, 30);
	f->rd = RD(i);
	f->rn = RN(i);
	f->rm = RM(i);
	f->ra = RA(i);
	f->elem = -1;
	f->neg = 0;
	switch (op) {
	case OP_FADD: case OP_FSUB: case OP_FMUL: case OP_FDIV: case OP_FNMUL:
	case OP_FMADD: case OP_FMSUB: case OP_FNMADD: case OP_FNMSUB:
	case OP_FMOV_REG: case OP_FABS: case OP_FNEG:
		if (ptype > 1)
			return 0;
		f->d = ptype;
		f->scalar = 1;
		f->bytes = f->d ? 8 : 4;
		break;
	case OP_FCVT_TOD: case OP_FCVT_TOS:
		/* single to double, double to single (half precision: the handler) */
		if (ptype != (op == OP_FCVT_TOS))
			return 0;
		f->kind = K_CVT;
		f->d = op == OP_FCVT_TOD;
		f->scalar = 1;
		f->bytes = ptype ? 8 : 4;
		f->sse = ptype ? 0xf2 : 0xf3;
		return 1;
	case OP_V_FADD: case OP_V_FSUB: case OP_V_FMUL: case OP_V_FDIV: case OP_V_FMLA: case OP_V_FMLS:
		f->d = (int)BIT(i, 22);
		if (f->d && !q)
			return 0;
		f->scalar = 0;
		f->bytes = q ? 16 : 8;
		if (op == OP_V_FDIV && !q)
			return 0;	/* the zero upper lanes would divide 0 by 0 */
		break;
	case OP_V_FMUL_ELEM: case OP_V_FMLA_ELEM: case OP_V_FMLS_ELEM:
	case OP_S_FMUL_ELEM: case OP_S_FMLA_ELEM: case OP_S_FMLS_ELEM: {
		int l = (int)BIT(i, 21), h = (int)BIT(i, 11);
		f->scalar = op == OP_S_FMUL_ELEM || op == OP_S_FMLA_ELEM || op == OP_S_FMLS_ELEM;
		f->d = (int)BIT(i, 22);
		if (f->d) {
			if (l || (!q && !f->scalar))
				return 0;
			f->elem = h;
		} else {
			f->elem = h << 1 | l;
		}
		f->bytes = f->scalar ? (f->d ? 8 : 4) : q ? 16 : 8;
		break;
	}
	default:
		return 0;
	}
	switch (op) {
	case OP_FADD: case OP_V_FADD: f->kind = K_ARITH; f->sse = 0x58; break;
	case OP_FSUB: case OP_V_FSUB: f->kind = K_ARITH; f->sse = 0x5c; break;
	case OP_FMUL: case OP_V_FMUL: case OP_V_FMUL_ELEM: case OP_S_FMUL_ELEM: f->kind = K_ARITH; f->sse = 0x59; break;
	case OP_FNMUL: f->kind = K_ARITH; f->sse = 0x59; f->neg = 1; break;
	case OP_FDIV: case OP_V_FDIV: f->kind = K_ARITH; f->sse = 0x5e; break;
	/* Arm: Rd = Ra + Rn*Rm (FMADD), Ra - Rn*Rm (FMSUB), -Ra - Rn*Rm (FNMADD), -Ra + Rn*Rm (FNMSUB);
	 * x86 231: fmadd n*m + acc, fnmadd -(n*m) + acc, fmsub n*m - acc, fnmsub -(n*m) - acc. */
	case OP_FMADD: f->kind = K_FMA; f->sse = 0xb9; f->rd = RD(i); break;
	case OP_FMSUB: f->kind = K_FMA; f->sse = 0xbd; break;
	case OP_FNMADD: f->kind = K_FMA; f->sse = 0xbf; break;
	case OP_FNMSUB: f->kind = K_FMA; f->sse = 0xbb; break;
	case OP_V_FMLA: case OP_V_FMLA_ELEM: f->kind = K_FMA; f->sse = 0xb8; break;
	case OP_V_FMLS: case OP_V_FMLS_ELEM: f->kind = K_FMA; f->sse = 0xbc; break;
	case OP_S_FMLA_ELEM: f->kind = K_FMA; f->sse = 0xb9; break;
	case OP_S_FMLS_ELEM: f->kind = K_FMA; f->sse = 0xbd; break;
	case OP_FMOV_REG: f->kind = K_MOVE; f->moveop = 0; break;
	case OP_FABS: f->kind = K_MOVE; f->moveop = 1; break;
	case OP_FNEG: f->kind = K_MOVE; f->moveop = 2; break;
	default: return 0;
	}
	if (op == OP_FMADD || op == OP_FMSUB || op == OP_FNMADD || op == OP_FNMSUB)
		f->elem = -2;	/* the accumulator is Ra */
	return 1;
}

/* XMM1 = the Vm operand: the register, or its element broadcast to the lanes in use. */
static void load_m(struct em *e, const struct fpop *f)
{
	if (f->elem < 0) {
		load_v(e, XMM1, f->rm, f->bytes);
		return;
	}
	int esz = f->d ? 8 : 4;
	sse_rm(e, f->d ? 0xf2 : 0xf3, 0x0f10, XMM1, CPU, OFF_V(f->rm) + esz * f->elem);	/* movsd / movss */
	if (f->scalar)
		return;
	if (f->d) {
		sse_rr(e, 0, 0x0f16, XMM1, XMM1);				/* movlhps */
	} else {
		sse_rr(e, 0, 0x0fc6, XMM1, XMM1);				/* shufps */
		b1(e, f->bytes == 16 ? 0x00 : 0x50);			/* 4S: all lanes; 2S: lanes 0, 1 */
	}
}

/* The slow path: the interpreter's handler, which returns NEXT for every encoding accepted here. */
static void call_handler(struct em *e, uint64_t pc, uint32_t insn, void *handler)
{
	set_pc(e, pc);
	mov_rr(e, 1, RDI, CPU);
	mov_ri(e, RSI, insn);
	mov_ri(e, RAX, (uint64_t)(uintptr_t)handler);
	b1(e, 0xff); b1(e, 0xd0);						/* call rax */
}

/*
 * SCVTF, UCVTF (from a general register) and FCVTZS (to one), scalar single/double, without
 * MXCSR: integer to FP rounds under FPCR (0: to nearest) and can only be inexact, which the
 * conversion back shows (it gives the integer back exactly when the result is exact; x86's
 * "integer indefinite" 0x80..0 for a result of 2^63 or 2^31 differs from any positive input).
 * FCVTZS truncates whatever FPCR says but FZ would flush a subnormal input (IDC), so it also
 * wants FPCR 0; its x86 truncation gives "integer indefinite" for NaN and out-of-range inputs
 * (and the one in-range input INT_MIN): those go to the handler. A truncated value converts
 * back exactly, so it is inexact exactly when it differs from the input.
 */
static int jit_fp_int(struct em *e, uint64_t pc, uint32_t insn, enum a64_op op, void *handler)
{
	int sf = (int)BIT(insn, 31), ptype = (int)BITS(insn, 23, 22), rd = RD(insn), rn = RN(insn);
	if (ptype > 1)
		return 0;
	int dp = ptype, w = sf || op == OP_UCVTF;	/* w: 64-bit integer operations */
	op_rm(e, 0, 0, 0x83, 1, 7, CPU, OFF_FPCR);				/* cmp dword [fpcr], 0 */
	b1(e, 0);
	uint8_t *slow1 = jcc(e, CC_NE), *slow2 = NULL;
	if (op == OP_FCVTZS) {
		load_v(e, XMM0, rn, dp ? 8 : 4);
		op_rr(e, dp ? 0xf2 : 0xf3, sf, 0x0f2c, 2, RAX, XMM0);		/* cvttsd2si / cvttss2si */
		if (sf) {
			mov_ri(e, RDX, 0x8000000000000000ull);
			alu_rr(e, 1, ALU_CMP, RAX, RDX);
		} else {
			alu_ri(e, 0, 7, RAX, INT32_MIN);
		}
		slow2 = jcc(e, CC_E);
		sse_rr(e, 0, 0x0f57, XMM1, XMM1);					/* xorps */
		op_rr(e, dp ? 0xf2 : 0xf3, sf, 0x0f2a, 2, XMM1, RAX);		/* cvtsi2sd / cvtsi2ss */
		sse_rr(e, dp ? 0x66 : 0, 0x0f2e, XMM1, XMM0);			/* ucomisd / ucomiss */
		uint8_t *exact = jcc(e, CC_E);
		op_rm(e, 0, 0, 0x83, 1, 1, CPU, OFF_FPSR);			/* or dword [fpsr], IXC */
		b1(e, 0x10);
		patch_rel32(exact, e->p);
		stx(e, RAX, rd, 0);
	} else {
		ldx(e, sf, RAX, rn, 0);		/* 32 bits: zero-extended (cvtsi2s* w 0 sign-extends) */
		if (op == OP_UCVTF && sf) {
			op_rr(e, 0, 1, 0x85, 1, RAX, RAX);				/* test rax, rax */
			slow2 = jcc(e, CC_S);					/* >= 2^63: the handler */
		}
		sse_rr(e, 0, 0x0f57, XMM0, XMM0);					/* xorps */
		op_rr(e, dp ? 0xf2 : 0xf3, w, 0x0f2a, 2, XMM0, RAX);		/* cvtsi2sd / cvtsi2ss */
		op_rm(e, 0, 0, 0xf6, 1, 0, CPU, OFF_FPSR);			/* test byte [fpsr], IXC */
		b1(e, 0x10);
		uint8_t *known = jcc(e, CC_NE);
		op_rr(e, dp ? 0xf2 : 0xf3, w, 0x0f2c, 2, RDX, XMM0);		/* cvttsd2si / cvttss2si */
		alu_rr(e, w, ALU_CMP, RDX, RAX);
		uint8_t *exact = jcc(e, CC_E);
		op_rm(e, 0, 0, 0x83, 1, 1, CPU, OFF_FPSR);			/* or dword [fpsr], IXC */
		b1(e, 0x10);
		patch_rel32(exact, e->p);
		patch_rel32(known, e->p);
		sse_rm(e, 0, 0x0f11, XMM0, CPU, OFF_V(rd));			/* movups */
	}
	uint8_t *done = jmp(e);
	patch_rel32(slow1, e->p);
	if (slow2)
		patch_rel32(slow2, e->p);
	call_handler(e, pc, insn, handler);
	patch_rel32(done, e->p);
	return 1;
}

/* XMM0 = the result of f (XMM1, XMM2: scratch; RCX = &K). */
static void emit_op(struct em *e, const struct fpop *f)
{
	int pk = f->d ? 0x66 : 0;
	int sfx = f->scalar ? (f->d ? 0xf2 : 0xf3) : pk;			/* ss, sd, ps, pd */
	if (f->kind == K_CVT) {
		load_v(e, XMM1, f->rn, f->bytes);
		sse_rr(e, 0, 0x0f57, XMM0, XMM0);					/* xorps */
		sse_rr(e, (int)f->sse, 0x0f5a, XMM0, XMM1);			/* cvtss2sd / cvtsd2ss */
	} else if (f->kind == K_ARITH) {
		load_v(e, XMM0, f->rn, f->bytes);
		load_m(e, f);
		sse_rr(e, sfx, 0x0f00u | (f->sse), XMM0, XMM1);
		if (f->neg)
			sse_rm(e, pk, 0x0f57, XMM0, RCX, K_SGN1(f->d));		/* xorps / xorpd (FNMUL: scalar) */
	} else {
		load_v(e, XMM0, f->elem == -2 ? f->ra : f->rd, f->bytes);	/* accumulator */
		load_m(e, f);
		load_v(e, XMM2, f->rn, f->bytes);
		vex_fma(e, f->d, f->sse, XMM0, XMM2, XMM1);			/* XMM0 = +-(XMM2 * XMM1) +- XMM0 */
	}
}

int jit_fp(struct em *e, uint64_t pc, uint32_t insn, enum a64_op op, void *handler)
{
	struct fpop f;
	if (op == OP_SCVTF || op == OP_UCVTF || op == OP_FCVTZS)
		return jit_fp_int(e, pc, insn, op, handler);
	if (!decode(insn, op, &f))
		return 0;
	if (f.kind == K_FMA && !have_fma())
		return 0;
	int pk = f.d ? 0x66 : 0;	/* packed single / double prefix */

	if (f.kind == K_MOVE) {
		/* FMOV, FABS, FNEG: bit operations on the sign, no exceptions, no NaN processing */
		load_v(e, XMM0, f.rn, f.bytes);
		if (f.moveop) {
			mov_ri(e, RCX, (uint64_t)(uintptr_t)&K);
			sse_rm(e, pk, 0x0f00u | (f.moveop == 1 ? 0x54 : 0x57), XMM0, RCX, f.moveop == 1 ? K_ABS(f.d) : K_SGN1(f.d));	/* andps / xorps */
		}
		sse_rm(e, 0, 0x0f11, XMM0, CPU, OFF_V(f.rd));			/* movups */
		return 1;
	}

	/* FPCR must be 0 */
	op_rm(e, 0, 0, 0x83, 1, 7, CPU, OFF_FPCR);				/* cmp dword [fpcr], 0 */
	b1(e, 0);
	uint8_t *slow1 = jcc(e, CC_NE);
	mov_ri(e, RCX, (uint64_t)(uintptr_t)&K);

	/*
	 * Quick path, without MXCSR: when FPSR.IXC is already set and every result lane in use is
	 * finite and not NaN, and for the operations other than FADD/FSUB also of a magnitude
	 * above the smallest normal, the operation raised at most PE: no IE (that gives a NaN), no
	 * ZE or OE (those give an infinity), no UE (x86 and Arm alike need a result at or below
	 * the smallest normal magnitude; a sum of two floats is exact when that small, so an
	 * addition never underflows). The handler would return the same value and add only IXC.
	 */
	op_rm(e, 0, 0, 0xf6, 1, 0, CPU, OFF_FPSR);				/* test byte [fpsr], IXC */
	b1(e, 0x10);
	uint8_t *careful1 = jcc(e, CC_E);
	emit_op(e, &f);
	sse_rr(e, 0, 0x0f28, XMM1, XMM0);						/* movaps xmm1, xmm0 */
	sse_rm(e, pk, 0x0f54, XMM1, RCX, K_ABS(f.d));				/* and: |r| */
	if (f.kind == K_ARITH && (f.sse == 0x58 || f.sse == 0x5c)) {
		sse_rm(e, pk, 0x0fc2, XMM1, RCX, K_INF(f.d));			/* cmplt: |r| < inf */
		b1(e, 1);
	} else {
		sse_rm(e, 0, 0x0f28, XMM2, RCX, K_MN(f.d));			/* movaps xmm2, min normal */
		sse_rr(e, pk, 0x0fc2, XMM2, XMM1);				/* cmplt: min normal < |r| */
		b1(e, 1);
		sse_rm(e, pk, 0x0fc2, XMM1, RCX, K_INF(f.d));			/* cmplt: |r| < inf */
		b1(e, 1);
		sse_rr(e, 0, 0x0f54, XMM1, XMM2);					/* andps */
	}
	int lanes = f.scalar ? 1 : f.d || f.bytes == 8 ? 3 : 15;
	op_rr(e, pk, 0, 0x0f50, 2, RDX, XMM1);					/* movmskps/pd edx, xmm1 */
	alu_ri(e, 0, 4, RDX, lanes);
	alu_ri(e, 0, 7, RDX, lanes);
	uint8_t *careful2 = jcc(e, CC_NE);
	sse_rm(e, 0, 0x0f11, XMM0, CPU, OFF_V(f.rd));				/* movups */
	uint8_t *done1 = jmp(e);

	/* Careful path: the operation again with clear MXCSR flags. */
	patch_rel32(careful1, e->p);
	patch_rel32(careful2, e->p);
	op_rm(e, 0, 0, 0x0fae, 2, 2, RCX, K_MXCSR);				/* ldmxcsr: default, no flags */
	emit_op(e, &f);
	op_rm(e, 0, 0, 0x0fae, 2, 3, RSP, -8);					/* stmxcsr [rsp - 8] */
	mov_load(e, 0, RAX, RSP, -8);
	op_rr(e, 0, 0, 0xf6, 1, 0, RAX);					/* test al, IE | DE */
	b1(e, 0x03);
	uint8_t *slow2 = jcc(e, CC_NE);
	/* any lane NaN or of the smallest normal magnitude: the handler decides */
	sse_rr(e, 0, 0x0f28, XMM1, XMM0);						/* movaps xmm1, xmm0 */
	sse_rm(e, pk, 0x0f54, XMM1, RCX, K_ABS(f.d));				/* and: |r| */
	sse_rm(e, pk, 0x0fc2, XMM1, RCX, K_MN(f.d));				/* cmpeq: |r| == min normal */
	b1(e, 0);
	sse_rr(e, 0, 0x0f28, XMM2, XMM0);						/* movaps xmm2, xmm0 */
	sse_rr(e, pk, 0x0fc2, XMM2, XMM2);					/* cmpunord: NaN */
	b1(e, 3);
	sse_rr(e, 0, 0x0f56, XMM1, XMM2);						/* orps */
	op_rr(e, pk, 0, 0x0f50, 2, RDX, XMM1);					/* movmskps/pd edx, xmm1 */
	op_rr(e, 0, 0, 0x85, 1, RDX, RDX);					/* test edx, edx */
	uint8_t *slow3 = jcc(e, CC_NE);
	/* FPSR |= ZE, OE, UE, PE >> 1 = DZC, OFC, UFC, IXC */
	alu_ri(e, 0, 4, RAX, 0x3c);
	shift_ri(e, 0, SH_SHR, RAX, 1);
	op_rm(e, 0, 0, 0x09, 1, RAX, CPU, OFF_FPSR);				/* or [fpsr], eax */
	sse_rm(e, 0, 0x0f11, XMM0, CPU, OFF_V(f.rd));				/* movups */
	uint8_t *done = jmp(e);

	patch_rel32(slow1, e->p);
	patch_rel32(slow2, e->p);
	patch_rel32(slow3, e->p);
	call_handler(e, pc, insn, handler);
	patch_rel32(done, e->p);
	patch_rel32(done1, e->p);
	return 1;
}
