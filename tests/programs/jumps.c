// SPDX-License-Identifier: GPL-2.0-only
/* setjmp/longjmp across frames, qsort/bsearch callbacks, strtod/printf round trips, recursion. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf env;
static int depth;

static void dive(int n)
{
	volatile char pad[64];

	memset((char *)pad, n, sizeof(pad));
	depth++;
	if (n < 0)
		return;	/* never: keeps a normal return path for the compiler */
	if (n > 0)
		dive(n - 1);
	else
		longjmp(env, 42 + pad[0]);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static long ack(long m, long n)
{
	return m == 0 ? n + 1 : n == 0 ? ack(m - 1, 1) : ack(m - 1, ack(m, n - 1));
}

int main(void)
{
	volatile int rounds = 0;
	double v[100];
	int r;

	r = setjmp(env);
	if (r == 0 || rounds < 5) {
		rounds++;
		if (rounds <= 5)
			dive(20 + rounds);
	}
	printf("setjmp returned %d after %d rounds, depth %d\n", r, rounds, depth);
	for (int i = 0; i < 100; i++)
		v[i] = (double)((i * 7919) % 101) / 7.0 - 3.0;
	qsort(v, 100, sizeof(double), cmp);
	double key = v[37];
	double *f = bsearch(&key, v, 100, sizeof(double), cmp);

	printf("sorted %g..%g found at %td\n", v[0], v[99], f ? f - v : -1);
	const char *nums[] = { "3.14159", "-0.0", "1e308", "1e-320", "0x1.8p3", "inf", "nan", "123456789012345678" };

	for (unsigned i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		char out[64];
		double d = strtod(nums[i], NULL);

		snprintf(out, sizeof(out), "%.17g", d);
		printf("%s -> %s -> %a; strtol=%ld\n", nums[i], out, strtod(out, NULL), strtol(nums[i], NULL, 0));
	}
	printf("ack(2,300)=%ld ack(3,6)=%ld\n", ack(2, 300), ack(3, 6));
	return 0;
}
