// SPDX-License-Identifier: GPL-2.0-only
/*
 * decode.c — the decoders generated from the encoding tables: a scan in list order over the
 * entries that can match, bucketed by a few high bits (A32: bits 27..25 and whether cond is
 * 1111; T16: bits 15..12; T32: bits 28..25) so a decode looks at few entries. Decoding happens
 * once per cache slot; execution uses the cached opcode.
 */
#include <pthread.h>
#include <stdio.h>
#include "decode.h"
#include "model.h"
#include "vcpu.h"

const struct arm_desc arm_table[OP_COUNT] = {
	[OP_UNDECODED] = { "(undecoded)", "none", 0, 1 },
	[OP_A32_NONE] = { "(a32 udf)", "none", 0, 1 },
	[OP_T16_NONE] = { "(t16 udf)", "none", 0, 1 },
	[OP_T32_NONE] = { "(t32 udf)", "none", 0, 1 },
#define A32(name, cls, mask, match, handler) [OP_A32_##name] = { "A32_" #name, #cls, mask, match },
#define T16(name, cls, mask, match, handler) [OP_T16_##name] = { "T16_" #name, #cls, mask, match },
#define T32(name, cls, mask, match, handler) [OP_T32_##name] = { "T32_" #name, #cls, mask, match },
#include "a32.def"
#include "a32_vfp.def"
#include "a32_neon.def"
#include "t16.def"
#include "t32.def"
#include "t32_vfp.def"
#include "t32_neon.def"
#undef A32
#undef T16
#undef T32
};
/* a name that fills its array would lose its terminating NUL without a word from the compiler */
#define FITS(p, n, k) _Static_assert(sizeof(p #n) <= sizeof(arm_table[0].name) && \
				     sizeof(#k) <= sizeof(arm_table[0].cls), p #n);
#define A32(n, k, mask, match, handler) FITS("A32_", n, k)
#define T16(n, k, mask, match, handler) FITS("T16_", n, k)
#define T32(n, k, mask, match, handler) FITS("T32_", n, k)
#include "a32.def"
#include "a32_vfp.def"
#include "a32_neon.def"
#include "t16.def"
#include "t32.def"
#include "t32_vfp.def"
#include "t32_neon.def"
#undef A32
#undef T16
#undef T32
#undef FITS

/* bucket key of a word for each instruction set; and the key bits every bucket fixes */
#define NB 32
static uint16_t bucket[3][NB][OP_COUNT];
static int bucket_len[3][NB];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static unsigned key_a32(uint32_t w) { return ((w >> 25) & 7) | ((w >> 28) == 15 ? 8 : 0); }
static unsigned key_t16(uint32_t w) { return (w >> 12) & 15; }
static unsigned key_t32(uint32_t w) { return (w >> 25) & 31; }

/* Whether an entry can match some word of bucket k: enumerate the key bits' values. */
static int may_match(int set, const struct arm_desc *d, unsigned k)
{
	uint32_t w;
	switch (set) {
	case 0: {
		/* cond = 1111 or a cond != 1111 (1110 stands for all of them) */
		w = ((k & 8) ? 0xf0000000u : 0xe0000000u) | ((k & 7) << 25);
		uint32_t m = 0x0e000000u | ((k & 8) ? 0xf0000000u : 0);
		/* entries leaving cond free never match cond = 1111 */
		if ((k & 8) && (d->mask >> 28) != 0xf)
			return 0;
		return (w & m & d->mask) == (d->match & m);
	}
	case 1:
		w = k << 12;
		return (w & 0xf000 & d->mask) == (d->match & 0xf000);
	default:
		w = k << 25;
		return (w & 0x3e000000u & d->mask) == (d->match & 0x3e000000u);
	}
}

static void build(void)
{
	static const int lo[3] = { OP_A32_NONE + 1, OP_T16_NONE + 1, OP_T32_NONE + 1 };
	static const int hi[3] = { OP_T16_NONE, OP_T32_NONE, OP_COUNT };
	for (int s = 0; s < 3; s++)
		for (unsigned k = 0; k < NB; k++)
			for (int op = lo[s]; op < hi[s]; op++)
				if (may_match(s, &arm_table[op], k))
					bucket[s][k][bucket_len[s][k]++] = (uint16_t)op;
}

static enum arm_op scan(int s, unsigned k, uint32_t w, enum arm_op none)
{
	pthread_once(&once, build);
	for (int i = 0; i < bucket_len[s][k]; i++) {
		const struct arm_desc *d = &arm_table[bucket[s][k][i]];
		if ((w & d->mask) == d->match)
			return arm_v6 ? model_gate((enum arm_op)bucket[s][k][i], w, none) : (enum arm_op)bucket[s][k][i];
	}
	return none;
}

enum arm_op a32_decode(uint32_t w)
{
	return scan(0, key_a32(w), w, OP_A32_NONE);
}

enum arm_op t16_decode(uint32_t hw)
{
	return scan(1, key_t16(hw), hw, OP_T16_NONE);
}

enum arm_op t32_decode(uint32_t w)
{
	return scan(2, key_t32(w), w, OP_T32_NONE);
}

int cpu_list_insns(FILE *f)
{
	int n = 0;
	for (int op = 1; op < OP_COUNT; op++) {
		if (op == OP_A32_NONE || op == OP_T16_NONE || op == OP_T32_NONE)
			continue;
		fprintf(f, "%-18s %-12s mask=%08x match=%08x\n", arm_table[op].name, arm_table[op].cls,
			arm_table[op].mask, arm_table[op].match);
		n++;
	}
	fprintf(f, "%d encodings\n", n);
	return n;
}
