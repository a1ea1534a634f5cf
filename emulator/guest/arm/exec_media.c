// SPDX-License-Identifier: GPL-2.0-only
/*
 * exec_media.c — the ARMv6 media and saturating operations A32 and T32 share (ARM ARM A8.8):
 * parallel add/subtract with the GE flags, saturation, SEL, bit reversal and extend-and-add.
 */
#include "exec.h"

static int32_t sat_s(struct cpu *c, int64_t v, unsigned bits)
{
	int64_t hi = ((int64_t)1 << (bits - 1)) - 1, lo = -((int64_t)1 << (bits - 1));
	if (v > hi) {
		c->q = 1;
		return (int32_t)hi;
	}
	if (v < lo) {
		c->q = 1;
		return (int32_t)lo;
	}
	return (int32_t)v;
}

static uint32_t sat_u(struct cpu *c, int64_t v, unsigned bits)
{
	int64_t hi = ((int64_t)1 << bits) - 1;
	if (v > hi) {
		c->q = 1;
		return (uint32_t)hi;
	}
	if (v < 0) {
		c->q = 1;
		return 0;
	}
	return (uint32_t)v;
}

uint32_t ssat(struct cpu *c, int64_t v, unsigned bits) { return (uint32_t)sat_s(c, v, bits); }
uint32_t usat(struct cpu *c, int64_t v, unsigned bits) { return sat_u(c, v, bits); }

uint32_t ssat16(struct cpu *c, uint32_t v, unsigned bits)
{
	return (uint16_t)sat_s(c, (int16_t)v, bits) | (uint32_t)(uint16_t)sat_s(c, (int16_t)(v >> 16), bits) << 16;
}

uint32_t usat16(struct cpu *c, uint32_t v, unsigned bits)
{
	return (uint16_t)sat_u(c, (int16_t)v, bits) | (uint32_t)(uint16_t)sat_u(c, (int16_t)(v >> 16), bits) << 16;
}

/* Saturate without touching Q (the parallel Q/UQ forms do not set it). */
static uint32_t clamp(int64_t v, int sgn, unsigned bits)
{
	int64_t hi = sgn ? ((int64_t)1 << (bits - 1)) - 1 : ((int64_t)1 << bits) - 1;
	int64_t lo = sgn ? -((int64_t)1 << (bits - 1)) : 0;
	return (uint32_t)(v > hi ? hi : v < lo ? lo : v);
}

uint32_t par_addsub(struct cpu *c, unsigned kind, unsigned op, uint32_t a, uint32_t b)
{
	int sgn = kind < 3, mode = kind % 3;	/* 0 modular with GE, 1 saturating, 2 halving */
	unsigned esz = op >= 4 ? 8 : 16, n = 32 / esz;
	uint32_t r = 0, ge = 0;
	for (unsigned k = 0; k < n; k++) {
		unsigned sh = k * esz, other = (n == 2) ? (1 - k) * esz : sh;
		int64_t x, y, v;
		int add;
		/* ASX: lane 0 = a0 - b1, lane 1 = a1 + b0; SAX: lane 0 = a0 + b1, lane 1 = a1 - b0 */
		unsigned ysh = (op == 1 || op == 2) ? other : sh;
		if (op == 0 || op == 4)
			add = 1;
		else if (op == 3 || op == 5)
			add = 0;
		else if (op == 1)
			add = k == 1;
		else
			add = k == 0;
		uint32_t xm = (a >> sh) & ((1u << esz) - 1), ym = (b >> ysh) & ((1u << esz) - 1);
		x = sgn ? sext(xm, (int)esz) : (int64_t)xm;
		y = sgn ? sext(ym, (int)esz) : (int64_t)ym;
		v = add ? x + y : x - y;
		uint32_t lane;
		if (mode == 1)
			lane = clamp(v, sgn, esz);
		else if (mode == 2)
			lane = (uint32_t)(v >> 1);
		else {
			lane = (uint32_t)v;
			int g = sgn ? v >= 0 : (add ? v >= (1 << esz) : v >= 0);
			if (g)
				ge |= (esz == 8 ? 1u : 3u) << (k * (esz / 8));
		}
		r |= (lane & ((1u << esz) - 1)) << sh;
	}
	if (mode == 0)
		c->ge = ge;
	return r;
}

uint32_t qaddsub(struct cpu *c, unsigned op, uint32_t m, uint32_t n)
{
	int64_t x = (int32_t)m, y = (int32_t)n;
	if (op & 2)
		y = sat_s(c, 2 * y, 32);
	return (uint32_t)sat_s(c, op & 1 ? x - y : x + y, 32);
}

uint32_t sel(const struct cpu *c, uint32_t n, uint32_t m)
{
	uint32_t r = 0;
	for (int k = 0; k < 4; k++)
		r |= (((c->ge >> k) & 1) ? n : m) & (0xffu << (8 * k));
	return r;
}

uint32_t rbit(uint32_t v)
{
	v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
	v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
	v = ((v >> 4) & 0x0f0f0f0fu) | ((v & 0x0f0f0f0fu) << 4);
	return __builtin_bswap32(v);
}

uint32_t xtend(unsigned op, uint32_t n, uint32_t m)
{
	switch (op) {
	case 0:	/* SXTAB16 */
		return ((n + (uint32_t)(int8_t)m) & 0xffff) | ((n >> 16) + (uint32_t)(int8_t)(m >> 16)) << 16;
	case 2: return n + (uint32_t)(int8_t)m;
	case 3: return n + (uint32_t)(int16_t)m;
	case 4:	/* UXTAB16 */
		return ((n + (m & 0xff)) & 0xffff) | ((n >> 16) + ((m >> 16) & 0xff)) << 16;
	case 6: return n + (m & 0xff);
	default: return n + (m & 0xffff);
	}
}
