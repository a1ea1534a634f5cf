// SPDX-License-Identifier: GPL-2.0-only
// musl's malloc under pressure: a random churn of small, medium and large (mmapped) blocks whose
// contents are checked, realloc growth (mremap), aligned allocations, 160 MiB live at
// once, threads allocating concurrently, and a request no address space can satisfy.
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 2048

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static size_t pick_size(uint64_t *s)
{
	uint64_t r = rnd(s);
	switch (r % 16) {
	case 0:
		return 131072 + r % (1 << 20); /* large: mmapped */
	case 1:
	case 2:
		return 1024 + r % 65536;
	default:
		return 1 + r % 512;
	}
}

static long churn(uint64_t seed, int ops)
{
	static __thread unsigned char *slot[SLOTS];
	static __thread size_t size[SLOTS];
	long bad = 0;
	for (int i = 0; i < ops; i++) {
		int k = (int)(rnd(&seed) % SLOTS);
		if (slot[k]) {
			unsigned char tag = (unsigned char)k;
			for (size_t j = 0; j < size[k]; j += 61)
				bad += slot[k][j] != (unsigned char)(tag + j);
			if (rnd(&seed) % 4 == 0) {
				size_t ns = pick_size(&seed);
				unsigned char *p = realloc(slot[k], ns);
				if (!p) {
					bad++;
					continue;
				}
				for (size_t j = 0; j < (ns < size[k] ? ns : size[k]); j += 61)
					bad += p[j] != (unsigned char)(tag + j);
				for (size_t j = 0; j < ns; j += 61)
					p[j] = (unsigned char)(tag + j);
				slot[k] = p;
				size[k] = ns;
				continue;
			}
			free(slot[k]);
			slot[k] = NULL;
		} else {
			size[k] = pick_size(&seed);
			int zeroed = rnd(&seed) % 8 == 0;
			slot[k] = zeroed ? calloc(1, size[k]) : malloc(size[k]);
			if (!slot[k]) {
				bad++;
				continue;
			}
			/* every 61st byte carries the pattern (a full fill is the guest's memset, not malloc) */
			for (size_t j = 0; j < size[k]; j += 61) {
				bad += zeroed && slot[k][j];
				slot[k][j] = (unsigned char)((unsigned char)k + j);
			}
		}
	}
	for (int k = 0; k < SLOTS; k++) {
		free(slot[k]);
		slot[k] = NULL;
	}
	return bad;
}

static void *worker(void *arg) { return (void *)churn((uint64_t)(uintptr_t)arg, 10000); }

int main(void)
{
	printf("churn: bad=%ld\n", churn(88172645463325252ULL, 40000));

	/* realloc a block up to 16 MiB in steps; contents survive each move */
	size_t sz = 1000;
	unsigned char *p = malloc(sz);
	memset(p, 0xa5, sz);
	long bad = 0;
	while (sz < (16u << 20)) {
		size_t ns = sz * 3 / 2 + 4096;
		p = realloc(p, ns);
		for (size_t j = 0; j < sz; j += 4093)
			bad += p[j] != 0xa5;
		memset(p + sz, 0xa5, ns - sz);
		sz = ns;
	}
	free(p);
	printf("realloc growth to %zu: bad=%ld\n", sz, bad);

	int aligned = 1;
	for (size_t al = 16; al <= (1 << 20); al <<= 1) {
		void *q = NULL;
		if (posix_memalign(&q, al, al * 3 + 5) || ((uintptr_t)q & (al - 1)))
			aligned = 0;
		void *r = aligned_alloc(al, al * 2);
		if (!r || ((uintptr_t)r & (al - 1)))
			aligned = 0;
		free(q);
		free(r);
	}
	printf("aligned: %d\n", aligned);

	/* 160 MiB live in 1 MiB blocks, each touched, then freed */
	enum { NB = 160 };
	static unsigned char *big[NB];
	long sum = 0;
	for (int i = 0; i < NB; i++) {
		big[i] = malloc(1 << 20);
		if (!big[i])
			break;
		for (size_t j = 0; j < (1 << 20); j += 4096)
			big[i][j] = (unsigned char)i;
	}
	for (int i = 0; i < NB; i++) {
		if (!big[i])
			continue;
		for (size_t j = 0; j < (1 << 20); j += 4096)
			sum += big[i][j];
		free(big[i]);
	}
	printf("160 MiB live: sum=%ld\n", sum);

	pthread_t t[6];
	for (long i = 0; i < 6; i++)
		pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)(i * 7919 + 1));
	long tbad = 0;
	for (int i = 0; i < 6; i++) {
		void *r;
		pthread_join(t[i], &r);
		tbad += (long)r;
	}
	printf("threads churn: bad=%ld\n", tbad);

	errno = 0;
	void *huge = malloc((size_t)1 << 50);
	printf("malloc(1 PiB): %s errno=%s\n", huge ? "non-null" : "NULL", errno == ENOMEM ? "ENOMEM" : "?");
	volatile size_t half = (size_t)1 << 40;
	void *ov = calloc(half, half);
	printf("calloc overflow: %s\n", ov ? "non-null" : "NULL");
	return 0;
}
