// SPDX-License-Identifier: GPL-2.0-only
// musl stdio and friends: printf/scanf conversions (including 128-bit long double), strtod,
// files (seek, ungetc, buffering modes), memory streams, getline, qsort/bsearch, time formatting.
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	printf("[%d] [%-6d] [%+06d] [%x] [%#o] [%llu] [%" PRId64 "] [%zu] [%c] [%5.2s]\n", 42, -7, 13, 0xbeef, 8,
	       18446744073709551615ULL, INT64_MIN, sizeof(long double), 'Z', "abcdef");
	printf("[%f] [%.3e] [%g] [%g] [%a] [%.0f] [%.17g] [%e]\n", M_PI, 6.02214076e23, 1e-5, 123456789.0, 1.0 / 3, 2.5,
	       0.1, -0.0);
	printf("[%Lf] [%.30Lg] [%La] [%Le]\n", 1.0L / 3, (long double)M_PI * 1e100L, 1.0L / 3, 1e4000L);
	printf("[%f] [%f] [%g]\n", INFINITY, -NAN, HUGE_VAL);
	char buf[8];
	const char *volatile word = "truncated";
	int n = snprintf(buf, sizeof buf, "%s-%d", word, 12345);
	printf("snprintf: %d '%s'\n", n, buf);

	int a, b;
	char w[16];
	double d;
	long double ld;
	n = sscanf("  17 0x1f word 2.5e3 1e-4000", "%d %i %15s %lf %Lg", &a, &b, w, &d, &ld);
	printf("sscanf: %d %d %d %s %g %d\n", n, a, b, w, d, ld > 0 && ld < 1e-3999L);
	const char *nums[] = { "0.1", "1e308", "1e309", "4.9406564584124654e-324", "2.2250738585072011e-308",
			       "0x1.fffffffffffffp+1023", "nan", "-inf", "123abc" };
	for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
		char *end;
		double v = strtod(nums[i], &end);
		printf("strtod(%s) = %.17g rest '%s'\n", nums[i], v, end);
	}
	printf("strtold(0.1) = %.36Lg\n", strtold("0.1", NULL));

	char path[4096];
	snprintf(path, sizeof path, "%s/stdio-test.txt", dir);
	FILE *f = fopen(path, "w+");
	if (!f) {
		perror("fopen");
		return 1;
	}
	setvbuf(f, NULL, _IOFBF, 37);
	for (int i = 0; i < 1000; i++)
		fprintf(f, "line %04d %s\n", i, i % 7 ? "plain" : "seventh");
	long len = ftell(f);
	fseek(f, 10 * 15, SEEK_SET);
	char line[64];
	fgets(line, sizeof line, f);
	int c = fgetc(f);
	ungetc('Q', f);
	int q = fgetc(f);
	printf("file: len=%ld line='%.14s' next='%c' ungetc='%c'\n", len, line, c, q);
	rewind(f);
	char *lp = NULL;
	size_t cap = 0;
	ssize_t got;
	long lines = 0, sevens = 0;
	while ((got = getline(&lp, &cap, f)) > 0) {
		lines++;
		sevens += strstr(lp, "seventh") != NULL;
	}
	printf("getline: %ld lines, %ld seventh\n", lines, sevens);
	free(lp);
	fclose(f);
	unlink(path);

	char *ms;
	size_t msz;
	FILE *m = open_memstream(&ms, &msz);
	for (int i = 0; i < 500; i++)
		fprintf(m, "%d,", i * i);
	fclose(m);
	printf("open_memstream: %zu bytes, tail '%s'\n", msz, ms + msz - 12);
	free(ms);
	char fixed[64] = "10 20 30";
	FILE *fm = fmemopen(fixed, sizeof fixed, "r");
	int x, y, z;
	fscanf(fm, "%d %d %d", &x, &y, &z);
	fclose(fm);
	printf("fmemopen: %d\n", x + y + z);

	int arr[2000];
	unsigned s = 12345;
	for (int i = 0; i < 2000; i++) {
		s = s * 1103515245 + 12345;
		arr[i] = (int)(s >> 8) % 100000;
	}
	qsort(arr, 2000, sizeof *arr, cmp_int);
	int key = arr[1234];
	int *hit = bsearch(&key, arr, 2000, sizeof *arr, cmp_int);
	printf("qsort: %d %d %d sorted=%d found=%d\n", arr[0], arr[1000], arr[1999], arr[0] <= arr[1] && arr[1998] <= arr[1999],
	       hit && *hit == key);

	time_t t = 1700000000;
	struct tm tm;
	gmtime_r(&t, &tm);
	char tb[128];
	strftime(tb, sizeof tb, "%Y-%m-%d %H:%M:%S %a %b %j %U", &tm);
	printf("strftime: %s mktime-roundtrip=%d\n", tb, (long)timegm(&tm) == 1700000000L);
	fprintf(stderr, "to stderr\n");
	return 0;
}
