// SPDX-License-Identifier: GPL-2.0-only
/*
 * exec_mul.c — multiplies, multiply-accumulates and divides of A32 and T32 (ARM ARM A8.8):
 * one function for both instruction sets, which only extract the register numbers.
 */
#include "exec.h"

static int32_t half(uint32_t v, unsigned top) { return (int16_t)(top ? v >> 16 : v); }

int mul_exec(struct cpu *c, unsigned op, int s, unsigned rd, unsigned rdhi, unsigned rn, unsigned rm,
	     unsigned ra, unsigned sub)
{
	uint32_t n = c->r[rn], m = c->r[rm], a = c->r[ra & 15], r;
	uint64_t acc = (uint64_t)c->r[rdhi & 15] << 32 | c->r[rd], u;
	int64_t p;
	if (op == MU_SMMLS && ra == 15)
		op = MU_SMMUL;	/* no accumulator: qemu multiplies only (the form is unpredictable) */
	switch (op) {
	case MU_MUL: r = n * m; goto w32nz;
	case MU_MLA: r = n * m + a; goto w32nz;
	case MU_MLS: r = a - n * m; goto w32;
	case MU_UMULL: u = (uint64_t)n * m; goto w64nz;
	case MU_UMLAL: u = (uint64_t)n * m + acc; goto w64nz;
	case MU_SMULL: u = (uint64_t)((int64_t)(int32_t)n * (int32_t)m); goto w64nz;
	case MU_SMLAL: u = (uint64_t)((int64_t)(int32_t)n * (int32_t)m) + acc; goto w64nz;
	case MU_UMAAL: u = (uint64_t)n * m + c->r[rd] + c->r[rdhi]; goto w64;
	case MU_SMULXY: r = (uint32_t)(half(n, sub & 1) * half(m, sub & 2)); goto w32;
	case MU_SMLAXY:
		p = (int64_t)half(n, sub & 1) * half(m, sub & 2) + (int32_t)a;
		goto w32q;
	case MU_SMULWY: r = (uint32_t)(((int64_t)(int32_t)n * half(m, sub & 2)) >> 16); goto w32;
	case MU_SMLAWY:
		p = (((int64_t)(int32_t)n * half(m, sub & 2)) >> 16) + (int32_t)a;
		goto w32q;
	case MU_SMLALXY: u = (uint64_t)((int64_t)half(n, sub & 1) * half(m, sub & 2)) + acc; goto w64;
	case MU_SMLAD: case MU_SMLSD: {
		if (sub & 1)
			m = ror32(m, 16);
		int64_t p1 = (int64_t)half(n, 0) * half(m, 0), p2 = (int64_t)half(n, 1) * half(m, 1);
		p = (op == MU_SMLAD ? p1 + p2 : p1 - p2) + (ra == 15 ? 0 : (int32_t)a);
		goto w32q;
	}
	case MU_SMLALD: case MU_SMLSLD: {
		if (sub & 1)
			m = ror32(m, 16);
		int64_t p1 = (int64_t)half(n, 0) * half(m, 0), p2 = (int64_t)half(n, 1) * half(m, 1);
		u = (uint64_t)(op == MU_SMLALD ? p1 + p2 : p1 - p2) + acc;
		goto w64;
	}
	case MU_SMMUL: case MU_SMMLA: case MU_SMMLS: {
		int64_t prod = (int64_t)(int32_t)n * (int32_t)m;
		uint64_t base = op == MU_SMMUL || ra == 15 ? 0 : (uint64_t)a << 32;
		u = op == MU_SMMLS ? base - (uint64_t)prod : base + (uint64_t)prod;
		if (sub & 1)
			u += 0x80000000u;
		r = (uint32_t)(u >> 32);
		goto w32;
	}
	case MU_SDIV:
		/* ARMv7-R/A with the divide extension: division by zero gives 0 (SCTLR.DZ = 0),
		 * INT_MIN / -1 gives INT_MIN */
		if (!m)
			r = 0;
		else if (n == 0x80000000u && m == 0xffffffffu)
			r = n;
		else
			r = (uint32_t)((int32_t)n / (int32_t)m);
		goto w32;
	case MU_UDIV: r = m ? n / m : 0; goto w32;
	case MU_USAD8: case MU_USADA8: {
		r = op == MU_USADA8 && ra != 15 ? a : 0;
		for (int k = 0; k < 32; k += 8) {
			int d = (int)((n >> k) & 0xff) - (int)((m >> k) & 0xff);
			r += (uint32_t)(d < 0 ? -d : d);
		}
		goto w32;
	}
	default:
		return CPU_EXIT_UDF;
	}
w32q:
	r = (uint32_t)p;
	if (p != (int32_t)r)
		c->q = 1;
	goto w32;
w32nz:
	if (s)
		set_nz(c, r);
w32:
	c->r[rd] = r;
	return NEXT;
w64nz:
	if (s)
		c->nzcv = (c->nzcv & (NZCV_C | NZCV_V)) | (uint32_t)(u >> 32 & NZCV_N) | (u ? 0 : NZCV_Z);
w64:
	c->r[rd] = (uint32_t)u;
	c->r[rdhi] = (uint32_t)(u >> 32);
	return NEXT;
}
