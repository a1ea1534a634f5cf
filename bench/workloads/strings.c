// SPDX-License-Identifier: GPL-2.0-only
/*
 * glibc string functions on varied sizes: strings FUNC ITERATIONS
 * FUNC is strlen, memchr, memcpy or strcmp. Prints a checksum so results can be compared.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXLEN 65536

static const size_t sizes[] = { 7, 16, 33, 100, 255, 1024, 4000, 16384, 65535 };
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

int main(int argc, char **argv)
{
	static char a[MAXLEN + 64], b[MAXLEN + 64];
	uint64_t sum = 0;
	long iters;
	const char *fn;

	if (argc != 3) {
		fprintf(stderr, "usage: %s strlen|memchr|memcpy|strcmp ITERATIONS\n", argv[0]);
		return 2;
	}
	fn = argv[1];
	iters = atol(argv[2]);
	for (size_t i = 0; i < sizeof(a); i++)
		a[i] = b[i] = (char)('a' + i % 23);
	for (long it = 0; it < iters; it++) {
		size_t n = sizes[it % NSIZES];
		size_t off = (size_t)it % 8;

		if (!strcmp(fn, "strlen")) {
			a[off + n] = 0;
			sum += strlen(a + off);
			a[off + n] = 'x';
		} else if (!strcmp(fn, "memchr")) {
			a[off + n - 1] = '#';
			sum += (uint64_t)((char *)memchr(a + off, '#', n) - a);
			a[off + n - 1] = 'y';
		} else if (!strcmp(fn, "memcpy")) {
			memcpy(b + (off ^ 5), a + off, n);
			sum += (unsigned char)b[(off ^ 5) + n / 2];
		} else if (!strcmp(fn, "strcmp")) {
			a[off + n] = 0;
			b[off + n] = 0;
			b[off + n - 1] ^= (char)(it & 1);
			int r = strcmp(a + off, b + off);

			sum += (uint64_t)((r > 0) - (r < 0) + 2);
			b[off + n - 1] ^= (char)(it & 1);
			a[off + n] = 'x';
			b[off + n] = 'x';
		} else {
			fprintf(stderr, "unknown function %s\n", fn);
			return 2;
		}
	}
	printf("%s %ld %llu\n", fn, iters, (unsigned long long)sum);
	return 0;
}
