// SPDX-License-Identifier: GPL-2.0-only
/*
 * jit_crypto.c — translated code for the cryptographic and CRC32/CRC32C instructions: the host's AES-NI,
 * PCLMULQDQ, SHA-NI and SSE4.2 CRC32 inline, with the same mappings as the interpreter's
 * simd_crypto_host.c (whose comment explains them). Only what crypto_host() allows is emitted;
 * everything else (reserved encodings, XARCH_CRYPTO=portable) returns 0 and the block calls the
 * interpreter's handler.
 *
 * An AESE followed by an AESMC of its result (AESD by AESIMC) is what every AES implementation
 * runs, and x86 has it as one instruction: AESENC (AESDEC) with a zero key. The pair becomes one
 * sequence; the AESE's own result is still stored when the AESMC writes another register. Further
 * rounds on the same register join it, the state kept in a host register. None of these
 * instructions touches memory, so no fault can be taken inside a group.
 */
#include "decode.h"
#include "exec.h"
#include "jit_a64.h"
#include "simd_crypto_host.h"

enum {
	MOVDQA = 0x0f6f, PCMPEQB = 0x0f74, PXOR = 0x0fef, PADDD = 0x0ffe, PSUBD = 0x0ffa, PACKSSDW = 0x0f6b,
	PUNPCKLBW = 0x0f60, PUNPCKLWD = 0x0f61, PUNPCKHWD = 0x0f69,
	PUNPCKLQDQ = 0x0f6c, PUNPCKHQDQ = 0x0f6d, MOVD = 0x0f6e,
	AESIMC = 0x0f38db, AESENC = 0x0f38dc, AESENCLAST = 0x0f38dd, AESDEC = 0x0f38de, AESDECLAST = 0x0f38df,
	PCLMULQDQ = 0x0f3a44, PALIGNR = 0x0f3a0f, PINSRD = 0x0f3a22,
	SHA1MSG2 = 0x0f38ca, SHA256RNDS2 = 0x0f38cb, SHA256MSG1 = 0x0f38cc, SHA256MSG2 = 0x0f38cd,
	SHA1RNDS4 = 0x0f3acc, SHUFPD = 0x0fc6,
};

static void x66(struct em *e, uint32_t op, int d, int s) { sse_rr(e, 0x66, op, d, s); }
static void x66i(struct em *e, uint32_t op, int d, int s, int imm) { x66(e, op, d, s); b1(e, (unsigned)imm); }
static void movx(struct em *e, int d, int s) { x66(e, MOVDQA, d, s); }
static void zero(struct em *e, int x) { x66(e, PXOR, x, x); }

/* ---- AES ---- */

static int aes_size_ok(uint32_t i) { return !BITS(i, 23, 22); }

static int t_aes(struct em *e, uint32_t i, enum a64_op op, const uint32_t *rest, unsigned nrest)
{
	int rd = RD(i), rn = RN(i);
	if (!aes_size_ok(i))
		return 0;
	if (op == OP_AESMC || op == OP_AESIMC) {
		ldv(e, 0, rn);
		if (op == OP_AESMC) {
			zero(e, 1);
			x66(e, AESDECLAST, 0, 1);	/* undo SubBytes and ShiftRows ... */
			x66(e, AESENC, 0, 1);		/* ... which AESENC redoes before MixColumns */
		} else {
			x66(e, AESIMC, 0, 0);
		}
		stv(e, rd, 0);
		return 1;
	}
	/* AESE / AESD: state ^ key, then the last-round instruction with a zero key */
	enum a64_op pair = op == OP_AESE ? OP_AESMC : OP_AESIMC;
	uint32_t round = op == OP_AESE ? AESENC : AESDEC, last = op == OP_AESE ? AESENCLAST : AESDECLAST;
	uint32_t next = nrest ? rest[0] : 0;
	int fused = nrest && a64_decode(next) == pair && aes_size_ok(next) && RN(next) == rd;
	ldv(e, 0, rd);
	ldv(e, 1, rn);
	x66(e, PXOR, 0, 1);
	zero(e, 1);
	if (!fused) {
		x66(e, last, 0, 1);
		stv(e, rd, 0);
		return 1;
	}
	if (RD(next) != rd) {
		movx(e, 2, 0);
		x66(e, round, 2, 1);
		x66(e, last, 0, 1);
		stv(e, rd, 0);
		stv(e, RD(next), 2);
		return 2;
	}
	/*
	 * Vd = AESMC(AESE(Vd, Vn)): a full round. More rounds on the same register may follow
	 * (AESE Vd, Vk; AESMC Vd, Vd ... and a last AESE alone): the state stays in XMM0 and only
	 * its final value is stored; the ones in between are overwritten unread.
	 */
	x66(e, round, 0, 1);
	unsigned k = 1;
	while (k < nrest) {
		uint32_t a = rest[k];
		if (a64_decode(a) != op || !aes_size_ok(a) || RD(a) != rd || RN(a) == rd)
			break;
		ldv(e, 2, RN(a));
		x66(e, PXOR, 0, 2);
		if (k + 1 < nrest && a64_decode(rest[k + 1]) == pair && aes_size_ok(rest[k + 1]) &&
		    RN(rest[k + 1]) == rd && RD(rest[k + 1]) == rd) {
			x66(e, round, 0, 1);
			k += 2;
		} else {
			x66(e, last, 0, 1);
			k += 1;
			break;
		}
	}
	stv(e, rd, 0);
	return (int)k + 1;
}

/* ---- PMULL ---- */

static int t_pmull(struct em *e, uint32_t i)
{
	int q = BIT(i, 30), sz = BITS(i, 23, 22);
	if (sz == 1 || sz == 2)
		return 0;
	ldv(e, 0, RN(i));
	ldv(e, 1, RM(i));
	if (sz == 3) {
		x66i(e, PCLMULQDQ, 0, 1, q ? 0x11 : 0x00);
		stv(e, RD(i), 0);
		return 1;
	}
	if (q) {
		x66(e, PUNPCKHQDQ, 0, 0);
		x66(e, PUNPCKHQDQ, 1, 1);
	}
	zero(e, 7);
	x66(e, PUNPCKLBW, 0, 7);		/* bytes to words */
	x66(e, PUNPCKLBW, 1, 7);
	movx(e, 2, 0);
	x66(e, PUNPCKLWD, 0, 7);		/* XMM0: a lanes 0..3 as dwords, XMM2: 4..7 */
	x66(e, PUNPCKHWD, 2, 7);
	movx(e, 3, 1);
	x66(e, PUNPCKLWD, 1, 7);		/* XMM1, XMM3: b likewise */
	x66(e, PUNPCKHWD, 3, 7);
	movx(e, 4, 0);
	x66i(e, PCLMULQDQ, 4, 1, 0x00);	/* products of lanes 0, 1 in dwords 0, 2 */
	x66i(e, PCLMULQDQ, 0, 1, 0x11);	/* lanes 2, 3 */
	movx(e, 5, 2);
	x66i(e, PCLMULQDQ, 5, 3, 0x00);	/* lanes 4, 5 */
	x66i(e, PCLMULQDQ, 2, 3, 0x11);	/* lanes 6, 7 */
	pshufd(e, 4, 4, 0x08);
	pshufd(e, 0, 0, 0x08);
	x66(e, PUNPCKLQDQ, 4, 0);
	pshufd(e, 5, 5, 0x08);
	pshufd(e, 2, 2, 0x08);
	x66(e, PUNPCKLQDQ, 5, 2);
	x66(e, PACKSSDW, 4, 5);			/* every product < 2^15: no saturation */
	stv(e, RD(i), 4);
	return 1;
}

/* ---- SHA1, SHA256 ---- */

/* xmm x = the 32-bit pattern v in every lane (clobbers RAX) */
static void splat32(struct em *e, int x, uint32_t v)
{
	mov_ri(e, RAX, v);
	x66(e, MOVD, x, RAX);
	pshufd(e, x, x, 0);
}

static int t_sha3(struct em *e, uint32_t i, enum a64_op op, uint32_t next, int fused);

/* shufps xmm d, xmm s, imm8: dwords 0, 1 of d picked from d, dwords 2, 3 from s */
static void shufps(struct em *e, int d, int s, int imm)
{
	sse_rr(e, 0, 0x0fc6, d, s);
	b1(e, (unsigned)imm);
}

/*
 * XMM3 = abcd, XMM4 = efgh (Arm: a in dword 0) to XMM1 = ABEF, XMM2 = CDGH (x86: A in dword 3);
 * XMM3 is kept. Back: abcd = shufps(ABEF, CDGH, 0xbb), efgh = shufps(ABEF, CDGH, 0x11).
 */
static void to_abef_cdgh(struct em *e)
{
	movx(e, 1, 4);
	shufps(e, 1, 3, 0x11);			/* f e b a */
	movx(e, 2, 4);
	shufps(e, 2, 3, 0xbb);			/* h g d c */
}

/* SHA256H d, n, m followed by SHA256H2 n, x, m that reads none of what the first one wrote */
static int sha256_pair(uint32_t i, uint32_t next)
{
	int rd = RD(i), rn = RN(i), rm = RM(i);
	return a64_decode(i) == OP_SHA256H && a64_decode(next) == OP_SHA256H2 && !BITS(next, 23, 22) &&
	       RD(next) == rn && RM(next) == rm && RN(next) != rd && rn != rd && rm != rd;
}

/*
 * SHA256H Qd, Qn, Vm then SHA256H2 Qn, Qx, Vm: the four rounds computed once for both when Qx
 * holds what Qd held (programs copy abcd before SHA256H overwrites it). That is checked at run
 * time; when it does not hold, the SHA256H2 is computed on its own.
 */
static int t_sha256_pair(struct em *e, uint32_t i, uint32_t next)
{
	int rd = RD(i), rn = RN(i), rm = RM(i), rx = RN(next);
	ldv(e, 3, rd);				/* abcd */
	ldv(e, 4, rn);				/* efgh */
	to_abef_cdgh(e);
	ldv(e, 0, rm);
	sse_rr(e, 0, SHA256RNDS2, 2, 1);
	pshufd(e, 0, 0, 0x0e);
	sse_rr(e, 0, SHA256RNDS2, 1, 2);	/* XMM1 = ABEF, XMM2 = CDGH after four rounds */
	movx(e, 5, 1);
	shufps(e, 5, 2, 0xbb);			/* abcd */
	stv(e, rd, 5);				/* SHA256H's result */
	ldv(e, 5, rx);				/* rx != rd: SHA256H did not change it */
	x66(e, PCMPEQB, 5, 3);
	op_rr(e, 0x66, 0, 0x0fd7, 2, RAX, 5);	/* pmovmskb eax, xmm5 */
	alu_ri(e, 0, 7, RAX, 0xffff);
	uint8_t *other = jcc(e, CC_NE);
	shufps(e, 1, 2, 0x11);			/* efgh */
	stv(e, rn, 1);				/* SHA256H2's result */
	uint8_t *done = jmp(e);
	patch_rel32(other, e->p);
	t_sha3(e, next, OP_SHA256H2, 0, 0);
	patch_rel32(done, e->p);
	return 2;
}

static int t_sha3(struct em *e, uint32_t i, enum a64_op op, uint32_t next, int fused)
{
	static const uint32_t k[3] = { 0x5a827999u, 0x6ed9eba1u, 0x8f1bbcdcu };
	int rd = RD(i), rn = RN(i), rm = RM(i);
	if (BITS(i, 23, 22))
		return 0;
	switch (op) {
	case OP_SHA1C: case OP_SHA1P: case OP_SHA1M: {
		int f = op == OP_SHA1C ? 0 : op == OP_SHA1P ? 1 : 2;
		ldv(e, 1, rd);
		pshufd(e, 1, 1, 0x1b);			/* ABCD, A in the top dword */
		ldv(e, 2, rm);
		pshufd(e, 2, 2, 0x1b);
		splat32(e, 3, k[f]);
		x66(e, PSUBD, 2, 3);			/* W: SHA1RNDS4 adds K back */
		zero(e, 3);
		mov_load(e, 0, RAX, CPU, OFF_V(rn));
		x66i(e, PINSRD, 3, RAX, 3);		/* e into the top dword, added to W0 */
		x66(e, PADDD, 2, 3);
		sse_rr(e, 0, SHA1RNDS4, 1, 2);
		b1(e, (unsigned)f);
		pshufd(e, 1, 1, 0x1b);
		stv(e, rd, 1);
		return 1;
	}
	case OP_SHA1SU0:		/* d.hi:n.lo ^ d ^ m (plain SSE2) */
		ldv(e, 0, rd);
		ldv(e, 1, rn);
		movx(e, 2, 0);
		x66i(e, SHUFPD, 2, 1, 1);
		x66(e, PXOR, 2, 0);
		ldv(e, 1, rm);
		x66(e, PXOR, 2, 1);
		stv(e, rd, 2);
		return 1;
	case OP_SHA256H: case OP_SHA256H2:
		if (op == OP_SHA256H && fused)
			return t_sha256_pair(e, i, next);
		ldv(e, 3, op == OP_SHA256H ? rd : rn);	/* abcd */
		ldv(e, 4, op == OP_SHA256H ? rn : rd);	/* efgh */
		to_abef_cdgh(e);
		ldv(e, 0, rm);				/* W + K: SHA256RNDS2 takes XMM0 */
		sse_rr(e, 0, SHA256RNDS2, 2, 1);	/* two rounds: XMM2 = ABEF, XMM1 = CDGH */
		pshufd(e, 0, 0, 0x0e);
		sse_rr(e, 0, SHA256RNDS2, 1, 2);	/* two more: XMM1 = ABEF, XMM2 = CDGH */
		shufps(e, 1, 2, op == OP_SHA256H ? 0xbb : 0x11);
		stv(e, rd, 1);
		return 1;
	case OP_SHA256SU1:
		ldv(e, 0, rd);
		ldv(e, 1, rn);
		ldv(e, 2, rm);
		movx(e, 3, 2);
		x66i(e, PALIGNR, 3, 1, 4);		/* n1 n2 n3 m0 */
		x66(e, PADDD, 0, 3);
		sse_rr(e, 0, SHA256MSG2, 0, 2);
		stv(e, rd, 0);
		return 1;
	default:
		return 0;
	}
}

static int t_sha2(struct em *e, uint32_t i, enum a64_op op)
{
	int rd = RD(i), rn = RN(i);
	if (BITS(i, 23, 22))
		return 0;
	switch (op) {
	case OP_SHA1H:			/* rol 30 of the low word, the rest zero */
		mov_load(e, 0, RAX, CPU, OFF_V(rn));
		shift_ri(e, 0, SH_ROR, RAX, 2);
		mov_store(e, 1, CPU, OFF_V(rd), RAX);
		op_rm(e, 0, 1, 0xc7, 1, 0, CPU, OFF_V(rd) + 8);
		b4(e, 0);
		return 1;
	case OP_SHA1SU1:
		ldv(e, 0, rd);
		ldv(e, 1, rn);
		pshufd(e, 0, 0, 0x1b);
		pshufd(e, 1, 1, 0x1b);
		sse_rr(e, 0, SHA1MSG2, 0, 1);
		pshufd(e, 0, 0, 0x1b);
		stv(e, rd, 0);
		return 1;
	case OP_SHA256SU0:
		ldv(e, 0, rd);
		ldv(e, 1, rn);
		sse_rr(e, 0, SHA256MSG1, 0, 1);
		stv(e, rd, 0);
		return 1;
	default:
		return 0;
	}
}

/* ---- CRC32C: SSE4.2's CRC32 ---- */

static int t_crc32c(struct em *e, uint32_t i)
{
	int sf = BIT(i, 31), sz = BITS(i, 11, 10), rm = RM(i);
	if ((sz == 3) != sf)
		return 0;
	ldx(e, 0, RAX, RN(i), 0);		/* the CRC: low 32 bits */
	if (rm == 31)
		mov_ri(e, RDX, 0);
	if (sz == 1)
		b1(e, 0x66);			/* 66 F2 0F 38 F1: the 16-bit form */
	if (rm == 31) {
		op_rr(e, 0xf2, sf, sz ? 0x0f38f1 : 0x0f38f0, 3, RAX, RDX);
	} else {
		op_rm(e, 0xf2, sf, sz ? 0x0f38f1 : 0x0f38f0, 3, RAX, CPU, OFF_X(rm));
	}
	stx(e, RAX, RD(i), 0);			/* zero-extended by the host instruction */
	return 1;
}

/* ---- CRC32 (IEEE): the Barrett reduction of simd_crypto_host.c's host_crc32() ---- */

static void movq_to_x(struct em *e, int x, int r) { op_rr(e, 0x66, 1, 0x0f6e, 2, x, r); }
static void movq_from_x(struct em *e, int r, int x) { op_rr(e, 0x66, 1, 0x0f7e, 2, x, r); }

static int t_crc32(struct em *e, uint32_t i)
{
	int sf = BIT(i, 31), sz = BITS(i, 11, 10), s = 8 << sz;
	if ((sz == 3) != sf)
		return 0;
	ldx(e, 0, RAX, RN(i), 0);		/* crc */
	ldx(e, 1, RDX, RM(i), 0);
	alu_rr(e, 1, ALU_XOR, RDX, RAX);
	if (s < 64)
		shift_ri(e, 1, SH_SHL, RDX, 64 - s);	/* RDX = t: the bits above s go */
	if (s < 32)
		shift_ri(e, 0, SH_SHR, RAX, s);		/* EAX = crc >> s, already reduced */
	else
		mov_ri(e, RAX, 0);
	movq_to_x(e, 0, RDX);
	mov_ri(e, RCX, CRC32_BARRETT_MU);
	movq_to_x(e, 1, RCX);
	x66i(e, PCLMULQDQ, 0, 1, 0x00);
	movq_from_x(e, RCX, 0);
	shift_ri(e, 1, SH_SHR, RCX, 31);
	mov_rr(e, 0, RCX, RCX);			/* (a >> 31) & 0xffffffff */
	shift_ri(e, 1, SH_SHR, RDX, 32);
	alu_rr(e, 0, ALU_XOR, RCX, RDX);	/* q */
	movq_to_x(e, 0, RCX);
	mov_ri(e, RCX, CRC32_BARRETT_P);
	movq_to_x(e, 1, RCX);
	x66i(e, PCLMULQDQ, 0, 1, 0x00);
	movq_from_x(e, RCX, 0);
	shift_ri(e, 1, SH_SHR, RCX, 31);
	alu_rr(e, 0, ALU_XOR, RCX, RAX);	/* 32-bit: the result zero-extended */
	stx(e, RCX, RD(i), 0);
	return 1;
}

int jit_crypto(struct em *e, uint32_t insn, enum a64_op op, const uint32_t *rest, unsigned nrest)
{
	unsigned f = crypto_host();
	uint32_t next = nrest ? rest[0] : 0;
	int has_next = nrest > 0;
	switch (op) {
	case OP_AESE: case OP_AESD: case OP_AESMC: case OP_AESIMC:
		return f & HOST_AES ? t_aes(e, insn, op, rest, nrest) : 0;
	case OP_V_PMULL:
		return f & HOST_PCLMUL ? t_pmull(e, insn) : 0;
	case OP_SHA1C: case OP_SHA1P: case OP_SHA1M: case OP_SHA1SU0:
	case OP_SHA256H: case OP_SHA256H2: case OP_SHA256SU1:
		return f & HOST_SHA ? t_sha3(e, insn, op, next, has_next && sha256_pair(insn, next)) : 0;
	case OP_SHA1H: case OP_SHA1SU1: case OP_SHA256SU0:
		return f & HOST_SHA ? t_sha2(e, insn, op) : 0;
	case OP_CRC32CB: case OP_CRC32CH: case OP_CRC32CW: case OP_CRC32CX:
		return f & HOST_CRC32C ? t_crc32c(e, insn) : 0;
	case OP_CRC32B: case OP_CRC32H: case OP_CRC32W: case OP_CRC32X:
		return f & HOST_PCLMUL ? t_crc32(e, insn) : 0;
	default:
		return 0;
	}
}
