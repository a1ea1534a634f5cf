// SPDX-License-Identifier: GPL-2.0-only
/* Vectorised FP: double-precision matrix multiply, built at -O3. matmul N */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 300;
	double *a = malloc(sizeof(double) * (size_t)n * (size_t)n);
	double *b = malloc(sizeof(double) * (size_t)n * (size_t)n);
	double *c = calloc((size_t)n * (size_t)n, sizeof(double));
	double trace = 0;

	if (!a || !b || !c)
		return 1;
	for (int i = 0; i < n * n; i++) {
		a[i] = (double)(i % 17) * 0.25 - 1.0;
		b[i] = (double)(i % 13) * 0.5 + 0.125;
	}
	for (int i = 0; i < n; i++)
		for (int k = 0; k < n; k++) {
			double aik = a[i * n + k];

			for (int j = 0; j < n; j++)
				c[i * n + j] += aik * b[k * n + j];
		}
	for (int i = 0; i < n; i++)
		trace += c[i * n + i];
	printf("matmul %d trace %.6f\n", n, trace);
	free(a);
	free(b);
	free(c);
	return 0;
}
