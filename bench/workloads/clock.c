// SPDX-License-Identifier: GPL-2.0-only
/*
 * clock_gettime(CLOCK_MONOTONIC) in a loop: what a time-stamping program (a tracer, Go's
 * scheduler, a benchmark harness) pays per reading. glibc calls it through the vDSO.
 * usage: clock [CALLS] — prints whether every reading was >= the one before (deterministic).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	struct timespec prev = { 0, 0 }, ts;
	long back = 0;
	for (long i = 0; i < n; i++) {
		if (clock_gettime(CLOCK_MONOTONIC, &ts))
			return 1;
		if (ts.tv_sec < prev.tv_sec || (ts.tv_sec == prev.tv_sec && ts.tv_nsec < prev.tv_nsec))
			back++;
		prev = ts;
	}
	printf("%ld readings of CLOCK_MONOTONIC, %ld went backwards\n", n, back);
	return back != 0;
}
