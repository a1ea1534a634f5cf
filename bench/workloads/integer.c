// SPDX-License-Identifier: GPL-2.0-only
/*
 * Integer workload: qsort of pseudo-random ints, CRC-32 of a buffer, and a CoreMark-like mix
 * (linked-list walk, small matrix multiply, a byte-driven state machine). integer SCALE
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint32_t rng = 12345;
static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;

	return (a > b) - (a < b);
}

static uint32_t crc32_buf(const uint8_t *p, size_t n)
{
	static uint32_t table[256];
	uint32_t c = 0xffffffffu;

	if (!table[1])
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t r = i;

			for (int k = 0; k < 8; k++)
				r = (r >> 1) ^ (0xedb88320u & -(r & 1));
			table[i] = r;
		}
	while (n--)
		c = table[(c ^ *p++) & 0xff] ^ (c >> 8);
	return ~c;
}

struct node {
	struct node *next;
	int32_t val;
};

static uint32_t list_work(int n, int rounds)
{
	struct node *nodes = malloc(sizeof(*nodes) * (size_t)n), *head = NULL;
	uint32_t acc = 0;

	for (int i = 0; i < n; i++) {
		nodes[i].val = (int32_t)(next() & 0xffff);
		nodes[i].next = head;
		head = &nodes[i];
	}
	for (int r = 0; r < rounds; r++)
		for (struct node *p = head; p; p = p->next) {
			acc += (uint32_t)p->val * (uint32_t)(r + 1);
			p->val ^= (int32_t)(acc & 0xff);
		}
	free(nodes);
	return acc;
}

static uint32_t matrix_work(int n, int rounds)
{
	int16_t a[16][16], b[16][16];
	int32_t c[16][16];
	uint32_t acc = 0;

	for (int i = 0; i < 16; i++)
		for (int j = 0; j < 16; j++) {
			a[i][j] = (int16_t)(next() & 0xff);
			b[i][j] = (int16_t)(next() & 0xff);
		}
	for (int r = 0; r < rounds; r++) {
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++) {
				int32_t s = 0;

				for (int k = 0; k < n; k++)
					s += a[i][k] * b[k][j];
				c[i][j] = s;
			}
		for (int i = 0; i < n; i++)
			acc += (uint32_t)c[i][(i + r) % n];
		a[r % n][(r * 7) % n] ^= (int16_t)(acc & 0x3f);
	}
	return acc;
}

static uint32_t state_work(const uint8_t *p, size_t n)
{
	enum { START, INT, FRAC, EXP, BAD } s = START;
	uint32_t counts[5] = { 0 };

	for (size_t i = 0; i < n; i++) {
		uint8_t ch = p[i] % 16;

		switch (s) {
		case START: s = ch < 10 ? INT : ch == 10 ? FRAC : BAD; break;
		case INT: s = ch < 10 ? INT : ch == 10 ? FRAC : ch == 11 ? EXP : START; break;
		case FRAC: s = ch < 10 ? FRAC : ch == 11 ? EXP : START; break;
		case EXP: s = ch < 10 ? EXP : START; break;
		case BAD: s = ch == 15 ? START : BAD; break;
		}
		counts[s]++;
	}
	return counts[0] * 3 + counts[1] * 5 + counts[2] * 7 + counts[3] * 11 + counts[4];
}

int main(int argc, char **argv)
{
	int scale = argc > 1 ? atoi(argv[1]) : 4;
	size_t nints = (size_t)scale * 250000, nbytes = (size_t)scale * 1000000;
	int *v = malloc(nints * sizeof(*v));
	uint8_t *buf = malloc(nbytes);
	uint32_t crc, sorted = 0, list, matrix;

	if (!v || !buf)
		return 1;
	for (size_t i = 0; i < nints; i++)
		v[i] = (int)next();
	qsort(v, nints, sizeof(*v), cmp_int);
	for (size_t i = 1; i < nints; i++)
		sorted += v[i - 1] <= v[i];
	for (size_t i = 0; i < nbytes; i++)
		buf[i] = (uint8_t)next();
	crc = crc32_buf(buf, nbytes);
	list = list_work(2000, 50 * scale);
	matrix = matrix_work(16, 2000 * scale);
	printf("sorted %u/%zu crc %08x list %08x matrix %08x state %08x\n", sorted + 1, nints, crc,
	       list, matrix, state_work(buf, nbytes));
	free(v);
	free(buf);
	return 0;
}
