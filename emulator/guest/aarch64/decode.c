// SPDX-License-Identifier: GPL-2.0-only
/*
 * decode.c — the decoder generated from a64.def: a table scan in list order, bucketed by
 * instruction bits 28..25 (the A64 top-level op0 field) so a decode looks at few entries.
 * Decoding happens once per instruction slot; execution uses the cached opcode.
 */
#include <pthread.h>
#include <stdio.h>
#include "cpu.h"
#include "decode.h"

const struct a64_desc a64_table[OP_COUNT] = {
	[OP_UNDECODED] = { "(undecoded)", "none", 0, 1 },
	[OP_UDF] = { "(udf)", "none", 0, 1 },
#define INSN(name, cls, mask, match, handler) [OP_##name] = { #name, #cls, mask, match },
#include "a64.def"
#undef INSN
};

static uint16_t bucket[16][OP_COUNT];
static int bucket_len[16];
static pthread_once_t bucket_once = PTHREAD_ONCE_INIT;

static void build_buckets(void)
{
	for (int b = 0; b < 16; b++) {
		uint32_t bits = (uint32_t)b << 25;
		for (int op = OP_UDF + 1; op < OP_COUNT; op++) {
			const struct a64_desc *d = &a64_table[op];
			if ((bits & d->mask & (0xfu << 25)) == (d->match & (0xfu << 25)))
				bucket[b][bucket_len[b]++] = (uint16_t)op;
		}
	}
}

enum a64_op a64_decode(uint32_t insn)
{
	pthread_once(&bucket_once, build_buckets);
	int b = (insn >> 25) & 15;
	for (int i = 0; i < bucket_len[b]; i++) {
		const struct a64_desc *d = &a64_table[bucket[b][i]];
		if ((insn & d->mask) == d->match)
			return (enum a64_op)bucket[b][i];
	}
	return OP_UDF;
}

int cpu_list_insns(FILE *f)
{
	int n = 0;
	for (int op = OP_UDF + 1; op < OP_COUNT; op++, n++)
		fprintf(f, "%-16s %-12s mask=%08x match=%08x\n", a64_table[op].name, a64_table[op].cls,
			a64_table[op].mask, a64_table[op].match);
	fprintf(f, "%d encodings\n", n);
	return n;
}
