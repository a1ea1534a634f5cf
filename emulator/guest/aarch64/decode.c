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
/* a name that fills its array would lose its terminating NUL without a word from the compiler */
#define INSN(n, k, mask, match, handler) \
	_Static_assert(sizeof(#n) <= sizeof(a64_table[0].name) && sizeof(#k) <= sizeof(a64_table[0].cls), #n);
#include "a64.def"
#undef INSN

/* The buckets one after the other (bucket b is bucket_op[bucket_start[b] .. bucket_start[b+1]]),
 * so building them writes one or two 4 KiB pages of the array in every process, not all of it. */
static uint16_t bucket_op[16 * OP_COUNT];
static int bucket_start[17];
static pthread_once_t bucket_once = PTHREAD_ONCE_INIT;

static void build_buckets(void)
{
	int n = 0;
	for (int b = 0; b < 16; b++) {
		uint32_t bits = (uint32_t)b << 25;
		bucket_start[b] = n;
		for (int op = OP_UDF + 1; op < OP_COUNT; op++) {
			const struct a64_desc *d = &a64_table[op];
			if ((bits & d->mask & (0xfu << 25)) == (d->match & (0xfu << 25)))
				bucket_op[n++] = (uint16_t)op;
		}
	}
	bucket_start[16] = n;
}

enum a64_op a64_decode(uint32_t insn)
{
	pthread_once(&bucket_once, build_buckets);
	int b = (insn >> 25) & 15;
	for (int i = bucket_start[b]; i < bucket_start[b + 1]; i++) {
		const struct a64_desc *d = &a64_table[bucket_op[i]];
		if ((insn & d->mask) == d->match)
			return (enum a64_op)bucket_op[i];
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
