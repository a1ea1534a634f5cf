// SPDX-License-Identifier: GPL-2.0-only
/* exec_int.c — integer data processing (immediate and register forms). */
#include "exec.h"

int exec_adr(struct cpu *c, uint32_t insn)
{
	int64_t imm = sext64((BITS(insn, 23, 5) << 2) | BITS(insn, 30, 29), 21);
	if (BIT(insn, 31))
		wx(c, RD(insn), (c->pc & ~0xfffull) + ((uint64_t)imm << 12));
	else
		wx(c, RD(insn), c->pc + (uint64_t)imm);
	return NEXT;
}

static inline __attribute__((always_inline)) uint64_t do_addsub(struct cpu *c, uint64_t a, uint64_t b, int sub,
								 int setflags, int w)
{
	uint32_t f;
	uint64_t r = add_flags(a, sub ? ~b : b, sub, w, &f);
	if (setflags)
		c->nzcv = f;
	return w == 32 ? (r & 0xffffffffu) : r;
}

int exec_addsub_imm(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), sub = BIT(insn, 30), s = BIT(insn, 29);
	uint64_t imm = BITS(insn, 21, 10);
	if (BIT(insn, 22))
		imm <<= 12;
	uint64_t r = do_addsub(c, xsp(c, RN(insn)), imm, sub, s, sf ? 64 : 32);
	if (s)
		wx(c, RD(insn), r);
	else
		wsp(c, RD(insn), r);
	return NEXT;
}

int exec_logic_imm(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), opc = BITS(insn, 30, 29), n = BIT(insn, 22);
	int w = sf ? 64 : 32;
	uint64_t imm = logic_imm_mask(insn);
	(void)n;
	if (!imm)
		return CPU_EXIT_UDF;
	uint64_t a = xr(c, RN(insn)), r;
	switch (opc) {
	case 0: r = a & imm; break;
	case 1: r = a | imm; break;
	case 2: r = a ^ imm; break;
	default: r = a & imm; break;
	}
	r &= ones(w);
	if (opc == 3) {
		c->nzcv = nz_flags(r, w);
		wx(c, RD(insn), r);
	} else {
		wsp(c, RD(insn), r);
	}
	return NEXT;
}

int exec_movw(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), opc = BITS(insn, 30, 29), hw = BITS(insn, 22, 21);
	if (opc == 1 || (!sf && hw >= 2))
		return CPU_EXIT_UDF;
	uint64_t imm = (uint64_t)BITS(insn, 20, 5) << (hw * 16), r;
	if (opc == 0)
		r = ~imm;
	else if (opc == 2)
		r = imm;
	else
		r = (xr(c, RD(insn)) & ~(0xffffull << (hw * 16))) | imm;
	if (!sf)
		r &= 0xffffffffu;
	wx(c, RD(insn), r);
	return NEXT;
}

int exec_bitfield(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), opc = BITS(insn, 30, 29), n = BIT(insn, 22);
	int immr = BITS(insn, 21, 16), imms = BITS(insn, 15, 10);
	int w = sf ? 64 : 32;
	uint64_t wmask, tmask;
	if (opc == 3 || n != sf || (!sf && (immr >= 32 || imms >= 32)))
		return CPU_EXIT_UDF;
	if (opc != 1) {
		/* SBFM/UBFM: the shift and bitfield-extract aliases, without DecodeBitMasks */
		uint64_t src = xr(c, RN(insn)), r;
		if (imms >= immr) {		/* [SU]BFX, LSR, ASR, [SU]XT* */
			int len = imms - immr + 1;
			r = src >> immr;
			if (opc == 0)
				r = (uint64_t)sext64(r, len);
			else
				r &= ones(len);
		} else {			/* [SU]BFIZ, LSL */
			int len = imms + 1;
			r = src & ones(len);
			if (opc == 0)
				r = (uint64_t)sext64(r, len);
			r <<= w - immr;
		}
		wx(c, RD(insn), r & ones(w));
		return NEXT;
	}
	if (!decode_bitmasks(n, imms, immr, 0, w, &wmask, &tmask))
		return CPU_EXIT_UDF;
	uint64_t src = xr(c, RN(insn)) & ones(w);
	uint64_t dst = opc == 1 ? xr(c, RD(insn)) & ones(w) : 0;
	uint64_t bot = (dst & ~wmask) | (ror64(src, immr, w) & wmask);
	uint64_t top = opc == 0 ? (((src >> imms) & 1) ? ones(w) : 0) : dst;
	wx(c, RD(insn), ((top & ~tmask) | (bot & tmask)) & ones(w));
	return NEXT;
}

int exec_extr(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), n = BIT(insn, 22), lsb = BITS(insn, 15, 10);
	if (n != sf || (!sf && lsb >= 32))
		return CPU_EXIT_UDF;
	uint64_t hi = xr(c, RN(insn)), lo = xr(c, RM(insn)), r;
	if (sf) {
		r = lsb ? (lo >> lsb) | (hi << (64 - lsb)) : lo;
	} else {
		uint64_t cat = ((hi & 0xffffffffu) << 32) | (lo & 0xffffffffu);
		r = (cat >> lsb) & 0xffffffffu;
	}
	wx(c, RD(insn), r);
	return NEXT;
}

static inline __attribute__((always_inline)) uint64_t shift_reg(uint64_t v, int type, int amt, int w)
{
	v &= ones(w);
	switch (type) {
	case 0: return (v << amt) & ones(w);
	case 1: return v >> amt;
	case 2: return (uint64_t)(sext64(v, w) >> amt) & ones(w);
	default: return ror64(v, amt, w);
	}
}

int exec_logic_sreg(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), opc = BITS(insn, 30, 29), nneg = BIT(insn, 21);
	int amt = BITS(insn, 15, 10), w = sf ? 64 : 32;
	if (!sf && amt >= 32)
		return CPU_EXIT_UDF;
	uint64_t b = shift_reg(xr(c, RM(insn)), BITS(insn, 23, 22), amt, w);
	if (nneg)
		b = ~b & ones(w);
	uint64_t a = xr(c, RN(insn)) & ones(w), r;
	switch (opc) {
	case 0: case 3: r = a & b; break;
	case 1: r = a | b; break;
	default: r = a ^ b; break;
	}
	if (opc == 3)
		c->nzcv = nz_flags(r, w);
	wx(c, RD(insn), r);
	return NEXT;
}

int exec_addsub_sreg(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), type = BITS(insn, 23, 22), amt = BITS(insn, 15, 10);
	int w = sf ? 64 : 32;
	if (type == 3 || (!sf && amt >= 32))
		return CPU_EXIT_UDF;
	uint64_t b = shift_reg(xr(c, RM(insn)), type, amt, w);
	wx(c, RD(insn), do_addsub(c, xr(c, RN(insn)), b, BIT(insn, 30), BIT(insn, 29), w));
	return NEXT;
}

static uint64_t extend_reg(uint64_t v, int option, int shift)
{
	switch (option) {
	case 0: v = (uint8_t)v; break;
	case 1: v = (uint16_t)v; break;
	case 2: v = (uint32_t)v; break;
	case 3: break;
	case 4: v = (uint64_t)(int64_t)(int8_t)v; break;
	case 5: v = (uint64_t)(int64_t)(int16_t)v; break;
	case 6: v = (uint64_t)(int64_t)(int32_t)v; break;
	default: break;
	}
	return v << shift;
}

int exec_addsub_ereg(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), s = BIT(insn, 29), imm3 = BITS(insn, 12, 10);
	int w = sf ? 64 : 32;
	if (BITS(insn, 23, 22) != 0 || imm3 > 4)
		return CPU_EXIT_UDF;
	uint64_t b = extend_reg(xr(c, RM(insn)), BITS(insn, 15, 13), imm3);
	uint64_t r = do_addsub(c, xsp(c, RN(insn)), b, BIT(insn, 30), s, w);
	if (s)
		wx(c, RD(insn), r);
	else
		wsp(c, RD(insn), r);
	return NEXT;
}

int exec_adc(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), w = sf ? 64 : 32;
	uint64_t b = xr(c, RM(insn));
	if (BIT(insn, 30))
		b = ~b;
	uint32_t f;
	uint64_t r = add_flags(xr(c, RN(insn)), b, (c->nzcv >> 29) & 1, w, &f);
	if (BIT(insn, 29))
		c->nzcv = f;
	wx(c, RD(insn), r & ones(w));
	return NEXT;
}

int exec_ccmp(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), w = sf ? 64 : 32;
	if (!BIT(insn, 29))
		return CPU_EXIT_UDF;
	if (cond_holds(c->nzcv, BITS(insn, 15, 12))) {
		uint64_t b = BIT(insn, 11) ? BITS(insn, 20, 16) : xr(c, RM(insn));
		int sub = BIT(insn, 30);
		uint32_t f;
		add_flags(xr(c, RN(insn)), sub ? ~b : b, sub, w, &f);
		c->nzcv = f;
	} else {
		c->nzcv = BITS(insn, 3, 0) << 28;
	}
	return NEXT;
}

int exec_csel(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), op = BIT(insn, 30), o2 = BIT(insn, 10);
	uint64_t r;
	if (cond_holds(c->nzcv, BITS(insn, 15, 12))) {
		r = xr(c, RN(insn));
	} else {
		r = xr(c, RM(insn));
		if (op)
			r = ~r;
		if (o2)
			r++;
	}
	wx(c, RD(insn), sf ? r : (r & 0xffffffffu));
	return NEXT;
}

int exec_div(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), sgn = BIT(insn, 10);
	uint64_t a = xr(c, RN(insn)), b = xr(c, RM(insn)), r;
	if (sf) {
		if (!b)
			r = 0;
		else if (!sgn)
			r = a / b;
		else if ((int64_t)a == INT64_MIN && (int64_t)b == -1)
			r = a;
		else
			r = (uint64_t)((int64_t)a / (int64_t)b);
	} else {
		uint32_t x = (uint32_t)a, y = (uint32_t)b;
		if (!y)
			r = 0;
		else if (!sgn)
			r = x / y;
		else if ((int32_t)x == INT32_MIN && (int32_t)y == -1)
			r = x;
		else
			r = (uint32_t)((int32_t)x / (int32_t)y);
	}
	wx(c, RD(insn), r);
	return NEXT;
}

int exec_shiftv(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), w = sf ? 64 : 32;
	int amt = (int)(xr(c, RM(insn)) & (uint64_t)(w - 1));
	wx(c, RD(insn), shift_reg(xr(c, RN(insn)), BITS(insn, 11, 10), amt, w));
	return NEXT;
}

int exec_dp1(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), op = BITS(insn, 15, 10), w = sf ? 64 : 32;
	uint64_t a = xr(c, RN(insn)) & ones(w), r = 0;
	switch (op) {
	case 0: /* RBIT: reverse the bytes, then the bits of each byte */
		r = sf ? __builtin_bswap64(a) : __builtin_bswap32((uint32_t)a);
		r = ((r >> 1) & 0x5555555555555555ull) | ((r & 0x5555555555555555ull) << 1);
		r = ((r >> 2) & 0x3333333333333333ull) | ((r & 0x3333333333333333ull) << 2);
		r = ((r >> 4) & 0x0f0f0f0f0f0f0f0full) | ((r & 0x0f0f0f0f0f0f0f0full) << 4);
		break;
	case 1: /* REV16 */
		r = ((a & 0x00ff00ff00ff00ffull) << 8) | ((a >> 8) & 0x00ff00ff00ff00ffull);
		break;
	case 2: /* REV32 (64-bit) / REV (32-bit) */
		if (sf)
			r = ((uint64_t)__builtin_bswap32((uint32_t)(a >> 32)) << 32) | __builtin_bswap32((uint32_t)a);
		else
			r = __builtin_bswap32((uint32_t)a);
		break;
	case 3:
		if (!sf)
			return CPU_EXIT_UDF;
		r = __builtin_bswap64(a);
		break;
	case 4: /* CLZ */
		r = a ? (uint64_t)(__builtin_clzll(a) - (64 - w)) : (uint64_t)w;
		break;
	case 5: { /* CLS */
		uint64_t x = (a ^ (a >> 1)) & ones(w - 1);
		r = x ? (uint64_t)(__builtin_clzll(x) - (64 - w) - 1) : (uint64_t)(w - 1);
		break;
	}
	default:
		return CPU_EXIT_UDF;
	}
	wx(c, RD(insn), r);
	return NEXT;
}

int exec_madd(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31);
	uint64_t p = xr(c, RN(insn)) * xr(c, RM(insn)), a = xr(c, RA(insn));
	uint64_t r = BIT(insn, 15) ? a - p : a + p;
	wx(c, RD(insn), sf ? r : (r & 0xffffffffu));
	return NEXT;
}

int exec_maddl(struct cpu *c, uint32_t insn)
{
	uint64_t n = xr(c, RN(insn)), m = xr(c, RM(insn)), p;
	if (BIT(insn, 23))
		p = (uint64_t)(uint32_t)n * (uint32_t)m;
	else
		p = (uint64_t)((int64_t)(int32_t)n * (int32_t)m);
	uint64_t a = xr(c, RA(insn));
	wx(c, RD(insn), BIT(insn, 15) ? a - p : a + p);
	return NEXT;
}

int exec_mulh(struct cpu *c, uint32_t insn)
{
	uint64_t n = xr(c, RN(insn)), m = xr(c, RM(insn)), r;
	if (BIT(insn, 23))
		r = (uint64_t)(((unsigned __int128)n * m) >> 64);
	else
		r = (uint64_t)(((__int128)(int64_t)n * (int64_t)m) >> 64);
	wx(c, RD(insn), r);
	return NEXT;
}
