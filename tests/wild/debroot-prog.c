// SPDX-License-Identifier: GPL-2.0-only
/*
 * debroot-prog.c — built with `gcc -O2` inside the Debian arm64 root and natively on the host;
 * both must print the same: a sieve, a sort, floating point, a hash, and threads.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NT 4
static uint64_t part[NT];

static void *worker(void *arg)
{
	long id = (long)arg;
	uint64_t h = 1469598103934665603ull;
	for (uint64_t i = (uint64_t)id; i < 2000000; i += NT) {
		h ^= i * 2654435761u;
		h *= 1099511628211ull;
	}
	part[id] = h;
	return NULL;
}

static int cmp(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return (x > y) - (x < y);
}

int main(void)
{
	enum { N = 1000000 };
	char *comp = calloc(N, 1);
	unsigned primes = 0;
	for (unsigned i = 2; i < N; i++) {
		if (comp[i])
			continue;
		primes++;
		for (uint64_t j = (uint64_t)i * i; j < N; j += i)	/* i * i overflows 32 bits */
			comp[j] = 1;
	}
	printf("primes below %d: %u\n", N, primes);

	unsigned *v = malloc(200000 * sizeof(*v));
	uint32_t s = 12345;
	for (int i = 0; i < 200000; i++) {
		s ^= s << 13, s ^= s >> 17, s ^= s << 5;
		v[i] = s;
	}
	qsort(v, 200000, sizeof(*v), cmp);
	printf("sorted: %u %u %u\n", v[0], v[100000], v[199999]);

	double acc = 0;
	for (int k = 1; k <= 100000; k++)
		acc += sin(k) / k + sqrt((double)k) * 1e-6;
	printf("series: %.10f\n", acc);

	pthread_t t[NT];
	for (long i = 0; i < NT; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	uint64_t x = 0;
	for (int i = 0; i < NT; i++) {
		pthread_join(t[i], NULL);
		x ^= part[i];
	}
	printf("threads: %016llx\n", (unsigned long long)x);
	char buf[64];
	snprintf(buf, sizeof(buf), "%g %e %a", M_PI, exp(10.5), 0.1);
	printf("fmt: %s (%zu)\n", buf, strlen(buf));
	free(comp);
	free(v);
	return 0;
}
