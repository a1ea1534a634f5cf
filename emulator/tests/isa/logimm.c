// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every logical-immediate encoding (sf, N, immr, imms: 2 x 2^13), each as ORR Rd, ZR, #imm in
 * code written at run time: first one at a time (reserved encodings must raise SIGILL), then all
 * the valid ones in one straight-line function run 40 times (so a JIT translates it). Each value
 * is checked against DecodeBitMasks as the Arm manual's pseudocode gives it, written out plainly
 * below; a digest per 1,024 encodings is printed for the comparison with qemu.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "isa.h"

#define NENC (2u << 13)

/* DecodeBitMasks(N, imms, immr, immediate = TRUE) for datasize M: 0 when reserved. */
static uint64_t ref_mask(unsigned sf, unsigned n, unsigned immr, unsigned imms)
{
	unsigned m = sf ? 64 : 32, v = (n << 6) | (~imms & 63), len = 0;
	if (!sf && n)
		return 0;
	for (int b = 6; b >= 0; b--)
		if (v >> b & 1) {
			len = (unsigned)b;
			break;
		}
	if (!v || len < 1)
		return 0;
	unsigned esize = 1u << len, levels = esize - 1, s = imms & levels, r = immr & levels;
	if (s == levels || esize > m)
		return 0;
	uint64_t elem = 0;
	for (unsigned i = 0; i <= s; i++)
		elem |= 1ull << i;
	for (unsigned k = 0; k < r; k++)	/* rotate right by one within esize bits */
		elem = (elem >> 1) | ((elem & 1) << (esize - 1));
	uint64_t out = 0;
	for (unsigned i = 0; i < m; i += esize)
		out |= elem << i;
	return out;
}

/* key = sf:N:immr:imms -> ORR Xd|Wd, ZR, #imm with Rd = rd */
static uint32_t orr_imm(unsigned key, unsigned rd)
{
	unsigned sf = key >> 13, n = (key >> 12) & 1, immr = (key >> 6) & 63, imms = key & 63;
	return (sf ? 0xb2000000u : 0x32000000u) | n << 22 | immr << 16 | imms << 10 | 31u << 5 | rd;
}

static sigjmp_buf jb;
static volatile int got_ill;

static void on_ill(int sig)
{
	(void)sig;
	got_ill = 1;
	siglongjmp(jb, 1);
}

/* 1 when the call raised SIGILL; else its result in *out */
static __attribute__((noinline)) int call_one(uint64_t (*fn)(void), uint64_t *out)
{
	got_ill = 0;
	if (!sigsetjmp(jb, 1))
		*out = fn();
	return got_ill;
}

static void sync_code(void *p, size_t n)
{
	__builtin___clear_cache((char *)p, (char *)p + n);
}

static uint64_t once[NENC], batch[NENC];
static unsigned char reserved[NENC];

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_ill;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGILL, &sa, NULL);
	size_t big = ((size_t)NENC * 8 + 8 + 4095) & ~(size_t)4095;
	uint32_t *code = mmap(NULL, big, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (code == MAP_FAILED)
		return 2;

	/* 1. one at a time: ORR X0, ZR, #imm; RET */
	uint64_t (*one)(void) = (uint64_t (*)(void))code;
	unsigned valid = 0, bad_res = 0, bad_val = 0;
	for (unsigned key = 0; key < NENC; key++) {
		code[0] = orr_imm(key, 0);
		code[1] = 0xd65f03c0u;	/* ret */
		sync_code(code, 8);
		int ill = call_one(one, &once[key]);
		uint64_t want = ref_mask(key >> 13, (key >> 12) & 1, (key >> 6) & 63, key & 63);
		reserved[key] = (unsigned char)ill;
		if (ill != !want) {
			if (bad_res++ < 5)
				printf("FAIL encoding %#x: SIGILL %d, reserved by the manual %d\n", orr_imm(key, 0), ill, !want);
		} else if (!ill && once[key] != want) {
			if (bad_val++ < 5)
				printf("FAIL encoding %#x: %#llx, the manual %#llx\n", orr_imm(key, 0),
				       (unsigned long long)once[key], (unsigned long long)want);
		}
		valid += !ill;
	}
	printf("valid logical-immediate encodings of 16384: %u\n", valid);
	CHECK("encodings whose SIGILL disagrees with the manual", bad_res, 0);
	CHECK("values that disagree with the manual, one at a time", bad_val, 0);

	/* 2. all valid ones in one function: ORR X1, ZR, #imm; STR X1, [X0], #8 ... RET, 40 runs */
	unsigned k = 0;
	for (unsigned key = 0; key < NENC; key++)
		if (!reserved[key]) {
			code[k++] = orr_imm(key, 1);
			code[k++] = 0xf8008401u;	/* str x1, [x0], #8 */
		}
	code[k++] = 0xd65f03c0u;
	sync_code(code, (size_t)k * 4);
	void (*all)(uint64_t *) = (void (*)(uint64_t *))code;
	unsigned bad_run = 0;
	for (int run = 0; run < 40; run++) {
		memset(batch, 0, sizeof batch);
		all(batch);
		for (unsigned key = 0, i = 0; key < NENC; key++)
			if (!reserved[key] && batch[i++] != once[key]) {
				if (bad_run++ < 5)
					printf("FAIL run %d, encoding %#x: %#llx, alone %#llx\n", run, orr_imm(key, 1),
					       (unsigned long long)batch[i - 1], (unsigned long long)once[key]);
			}
	}
	CHECK("values in one function over 40 runs that differ from one at a time", bad_run, 0);

	/* digests for the comparison with qemu: FNV-1a of each 1,024 encodings' values */
	for (unsigned g = 0; g < NENC; g += 1024) {
		uint64_t h = 0xcbf29ce484222325ull;
		for (unsigned key = g; key < g + 1024; key++)
			h = (h ^ (reserved[key] ? 0xdeadull : once[key])) * 0x100000001b3ull;
		printf("digest of encodings %5u..%5u: %016llx\n", g, g + 1023, (unsigned long long)h);
	}
	return failures ? 1 : 0;
}
