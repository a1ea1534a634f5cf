// SPDX-License-Identifier: GPL-2.0-only
/*
 * j_fork.c — fork from inside a hot loop. The loop (an LCG hash, no calls) forks at 8 points;
 * each child keeps running the same loop to the end, then a second hot function, and exits with
 * a status computed from its result; the parent checks each child's status against the value
 * it computes itself, and its own result against a fresh run of the loop.
 */
#include <sys/wait.h>
#include <unistd.h>
#include "jt.h"

#define N 400000

__attribute__((noinline)) static uint64_t tail(uint64_t h)
{
	for (int i = 0; i < 20000; i++)
		h = (h ^ (h >> 13)) * 0x9e3779b97f4a7c15ull + (uint64_t)i;
	return h;
}

static uint64_t status_of(uint64_t h)
{
	h = tail(h);
	return (h ^ (h >> 32) ^ (h >> 16) ^ (h >> 8)) & 0x7f;
}

/* The loop; forks at i = fork_at[k]; children return through *is_child. */
__attribute__((noinline)) static uint64_t loop(int forking, int *is_child, pid_t *pids)
{
	uint64_t h = 0x12345;
	int k = 0;
	for (int i = 0; i < N; i++) {
		h = h * 6364136223846793005ull + (uint64_t)i;
		h ^= h >> 29;
		if (forking && k < 8 && i == 1000 + k * 49999) {
			pid_t p = fork();
			if (p == 0) {
				*is_child = 1;
				forking = 0;
				continue;
			}
			pids[k++] = p;
		}
	}
	return h;
}

int main(void)
{
	pid_t pids[8];
	int is_child = 0, bad = 0, first = -1, st = 0;
	uint64_t h = loop(1, &is_child, pids), ref;

	if (is_child)
		_exit((int)status_of(h));
	ref = loop(0, &is_child, pids);
	for (int k = 0; k < 8; k++) {
		if (waitpid(pids[k], &st, 0) != pids[k] || !WIFEXITED(st) ||
		    (uint64_t)WEXITSTATUS(st) != status_of(ref)) {
			if (!bad++)
				first = k;
		}
	}
	printf("result=%#llx child status=%llu\n", (unsigned long long)h, (unsigned long long)status_of(ref));
	CHECK("parent: the loop's result is the same with forks inside it", h == ref, "%#llx vs %#llx",
	      (unsigned long long)h, (unsigned long long)ref);
	CHECK("children forked from the hot loop at 8 points finish it and exit with the computed status",
	      bad == 0, "%d bad, first child %d: wait status %#x", bad, first, st);
	return jt_exit();
}
