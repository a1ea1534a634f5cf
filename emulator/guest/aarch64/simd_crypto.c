// SPDX-License-Identifier: GPL-2.0-only
/*
 * simd_crypto.c — the Armv8.0 cryptographic extension (AES, PMULL, SHA1, SHA256) and CRC32/CRC32C:
 * the interpreter's handlers. Each uses the host's instruction when crypto_host() allows it
 * (simd_crypto_host.c) and the portable C code below otherwise (XARCH_CRYPTO=portable forces it).
 */
#include <pthread.h>
#include "simd.h"
#include "simd_crypto_host.h"

static uint8_t sbox[256], inv_sbox[256];
static pthread_once_t sbox_once = PTHREAD_ONCE_INIT;

static uint8_t gmul(uint8_t a, uint8_t b)
{
	uint8_t p = 0;
	while (b) {
		if (b & 1)
			p ^= a;
		a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
		b >>= 1;
	}
	return p;
}

static void sbox_init(void)
{
	for (int x = 0; x < 256; x++) {
		uint8_t inv = 0;
		for (int y = 1; y < 256 && x; y++)
			if (gmul((uint8_t)x, (uint8_t)y) == 1) {
				inv = (uint8_t)y;
				break;
			}
		uint8_t s = inv;
		for (int k = 1; k <= 4; k++)
			s ^= (uint8_t)((inv << k) | (inv >> (8 - k)));
		s ^= 0x63;
		sbox[x] = s;
		inv_sbox[s] = (uint8_t)x;
	}
}

int exec_aes(struct cpu *c, uint32_t insn)
{
	int op = BITS(insn, 16, 12);
	if (BITS(insn, 23, 22) || op < 4 || op > 7)
		return CPU_EXIT_UDF;
	if (crypto_host() & HOST_AES) {
		c->v[RD(insn)] = host_aes(op, c->v[RD(insn)], c->v[RN(insn)]);
		return NEXT;
	}
	pthread_once(&sbox_once, sbox_init);
	vreg_t in = c->v[RN(insn)], r;
	if (op <= 5)
		for (int i = 0; i < 16; i++)
			in.b[i] ^= c->v[RD(insn)].b[i];
	switch (op) {
	case 4: /* AESE: ShiftRows, SubBytes */
		for (int row = 0; row < 4; row++)
			for (int col = 0; col < 4; col++)
				r.b[row + 4 * col] = sbox[in.b[row + 4 * ((col + row) & 3)]];
		break;
	case 5: /* AESD: InvShiftRows, InvSubBytes */
		for (int row = 0; row < 4; row++)
			for (int col = 0; col < 4; col++)
				r.b[row + 4 * ((col + row) & 3)] = inv_sbox[in.b[row + 4 * col]];
		break;
	default: { /* AESMC / AESIMC */
		static const uint8_t fwd[4] = { 2, 3, 1, 1 }, inv[4] = { 14, 11, 13, 9 };
		const uint8_t *m = op == 6 ? fwd : inv;
		for (int col = 0; col < 4; col++)
			for (int row = 0; row < 4; row++) {
				uint8_t v = 0;
				for (int k = 0; k < 4; k++)
					v ^= gmul(in.b[4 * col + k], m[(k - row) & 3]);
				r.b[4 * col + row] = v;
			}
		break;
	}
	}
	c->v[RD(insn)] = r;
	return NEXT;
}

static uint32_t rol32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
static uint32_t ror32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
static uint32_t sha_choose(uint32_t x, uint32_t y, uint32_t z) { return ((y ^ z) & x) ^ z; }
static uint32_t sha_major(uint32_t x, uint32_t y, uint32_t z) { return (x & y) | ((x | y) & z); }

static void sha256_hash(uint32_t *x, uint32_t *y, const uint32_t *w)
{
	for (int e = 0; e < 4; e++) {
		uint32_t chs = sha_choose(y[0], y[1], y[2]);
		uint32_t maj = sha_major(x[0], x[1], x[2]);
		uint32_t t = y[3] + (ror32(y[0], 6) ^ ror32(y[0], 11) ^ ror32(y[0], 25)) + chs + w[e];
		x[3] = t + x[3];
		y[3] = t + (ror32(x[0], 2) ^ ror32(x[0], 13) ^ ror32(x[0], 22)) + maj;
		/* <Y, X> = ROL(Y:X, 32) */
		uint32_t x3 = x[3], y3 = y[3];
		x[3] = x[2], x[2] = x[1], x[1] = x[0], x[0] = y3;
		y[3] = y[2], y[2] = y[1], y[1] = y[0], y[0] = x3;
	}
}

int exec_sha3reg(struct cpu *c, uint32_t insn)
{
	int op = BITS(insn, 14, 12);
	if (BITS(insn, 23, 22) || op == 7)
		return CPU_EXIT_UDF;
	vreg_t d = c->v[RD(insn)], n = c->v[RN(insn)], m = c->v[RM(insn)], r;
	if (op != 3 && (crypto_host() & HOST_SHA)) {
		if (op <= 2)
			r = host_sha1_rounds(op, d, n.s[0], m);
		else if (op <= 5)
			r = op == 4 ? host_sha256h(0, d, n, m) : host_sha256h(1, n, d, m);
		else
			r = host_sha256su1(d, n, m);
		c->v[RD(insn)] = r;
		return NEXT;
	}
	if (op <= 2) { /* SHA1C, SHA1P, SHA1M */
		uint32_t x[4], y = n.s[0];
		memcpy(x, d.s, 16);
		for (int e = 0; e < 4; e++) {
			uint32_t t = op == 0 ? sha_choose(x[1], x[2], x[3]) : op == 1 ? (x[1] ^ x[2] ^ x[3]) : sha_major(x[1], x[2], x[3]);
			y = y + rol32(x[0], 5) + t + m.s[e];
			x[1] = rol32(x[1], 30);
			uint32_t x3 = x[3];
			x[3] = x[2], x[2] = x[1], x[1] = x[0], x[0] = y;
			y = x3;
		}
		memcpy(r.s, x, 16);
	} else if (op == 3) { /* SHA1SU0 */
		r.d[0] = d.d[1] ^ d.d[0] ^ m.d[0];
		r.d[1] = n.d[0] ^ d.d[1] ^ m.d[1];
	} else if (op == 4 || op == 5) { /* SHA256H, SHA256H2 */
		uint32_t x[4], y[4];
		memcpy(x, op == 4 ? d.s : n.s, 16);
		memcpy(y, op == 4 ? n.s : d.s, 16);
		sha256_hash(x, y, m.s);
		memcpy(r.s, op == 4 ? x : y, 16);
	} else { /* SHA256SU1 */
		uint32_t t0[4] = { n.s[1], n.s[2], n.s[3], m.s[0] };
		for (int e = 0; e < 4; e++) {
			uint32_t elt = e < 2 ? m.s[2 + e] : r.s[e - 2];
			elt = ror32(elt, 17) ^ ror32(elt, 19) ^ (elt >> 10);
			r.s[e] = elt + d.s[e] + t0[e];
		}
	}
	c->v[RD(insn)] = r;
	return NEXT;
}

int exec_sha2reg(struct cpu *c, uint32_t insn)
{
	int op = BITS(insn, 16, 12);
	if (BITS(insn, 23, 22) || op > 2)
		return CPU_EXIT_UDF;
	vreg_t d = c->v[RD(insn)], n = c->v[RN(insn)], r;
	r.q = 0;
	if (op != 0 && (crypto_host() & HOST_SHA)) {
		c->v[RD(insn)] = op == 1 ? host_sha1su1(d, n) : host_sha256su0(d, n);
		return NEXT;
	}
	if (op == 0) { /* SHA1H */
		r.s[0] = rol32(n.s[0], 30);
	} else if (op == 1) { /* SHA1SU1 */
		uint32_t t[4];
		for (int e = 0; e < 4; e++)
			t[e] = d.s[e] ^ (e < 3 ? n.s[e + 1] : 0);
		for (int e = 0; e < 4; e++)
			r.s[e] = rol32(t[e], 1);
		r.s[3] ^= rol32(t[0], 2);
	} else { /* SHA256SU0 */
		uint32_t t[4] = { d.s[1], d.s[2], d.s[3], n.s[0] };
		for (int e = 0; e < 4; e++)
			r.s[e] = (ror32(t[e], 7) ^ ror32(t[e], 18) ^ (t[e] >> 3)) + d.s[e];
	}
	c->v[RD(insn)] = r;
	return NEXT;
}

/* PMULL, PMULL2: .8H from bytes (size 0) or .1Q from doublewords (size 3) */
int exec_pmull(struct cpu *c, uint32_t insn)
{
	int q = BIT(insn, 30), sz = BITS(insn, 23, 22);
	if (sz == 1 || sz == 2)
		return CPU_EXIT_UDF;
	const vreg_t *n = &c->v[RN(insn)], *m = &c->v[RM(insn)];
	vreg_t d;
	if (crypto_host() & HOST_PCLMUL) {
		c->v[RD(insn)] = host_pmull(sz, q, *n, *m);
		return NEXT;
	}
	if (sz == 3) {
		uint64_t x = n->d[q], y = m->d[q];
		unsigned __int128 p = 0;
		for (int k = 0; k < 64; k++)
			if ((y >> k) & 1)
				p ^= (unsigned __int128)x << k;
		d.q = p;
	} else {
		for (int i = 0; i < 8; i++) {
			unsigned x = n->b[i + 8 * q], y = m->b[i + 8 * q], p = 0;
			for (int k = 0; k < 8; k++)
				if ((y >> k) & 1)
					p ^= x << k;
			d.h[i] = (uint16_t)p;
		}
	}
	c->v[RD(insn)] = d;
	return NEXT;
}

/*
 * CRC32 (IEEE 802.3, 0x04c11db7) and CRC32C (Castagnoli, 0x1edc6f41), bit-reflected and without
 * inversion as Arm defines them: one table step per byte, low byte first. CRC32C runs on SSE4.2's
 * CRC32 when the host has it, CRC32 on two PCLMULQDQ (a Barrett reduction, simd_crypto_host.c).
 */
static uint32_t crc_table[2][256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_init(void)
{
	static const uint32_t poly[2] = { 0xedb88320u, 0x82f63b78u };	/* reflected */
	for (int t = 0; t < 2; t++)
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t v = i;
			for (int k = 0; k < 8; k++)
				v = (v >> 1) ^ ((v & 1) ? poly[t] : 0);
			crc_table[t][i] = v;
		}
}

int exec_crc32(struct cpu *c, uint32_t insn)
{
	int sf = BIT(insn, 31), sz = BITS(insn, 11, 10), cc = BIT(insn, 12);
	if ((sz == 3) != sf)
		return CPU_EXIT_UDF;
	uint32_t crc = (uint32_t)xr(c, RN(insn));
	uint64_t v = xr(c, RM(insn));
	if (cc && (crypto_host() & HOST_CRC32C)) {
		wx(c, RD(insn), host_crc32c(crc, v, sz));
		return NEXT;
	}
	if (!cc && (crypto_host() & HOST_PCLMUL)) {
		wx(c, RD(insn), host_crc32(crc, v, sz));
		return NEXT;
	}
	pthread_once(&crc_once, crc_init);
	for (int i = 0; i < (1 << sz); i++)
		crc = (crc >> 8) ^ crc_table[cc][(crc ^ (uint8_t)(v >> (8 * i))) & 0xff];
	wx(c, RD(insn), crc);
	return NEXT;
}
