// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_futex — futex waits interrupted by a handler installed with SA_RESTART (tests/abi/run).
 * Linux restarts a futex wait without a timeout after the handler, but ends one with a timeout
 * with EINTR (its restart goes through restart_block, which a handler turns into EINTR): glibc's
 * internal waits rely on the second when they must notice the signal (and a wait restarted with
 * its whole relative timeout would last longer than asked).
 * For each case a thread waits, is seen asleep (/proc/self/task/<tid>/stat), gets SIGUSR1,
 * and reports how the wait ended after the handler ran: EINTR, or restarted (then woken: 0, or
 * EAGAIN when the word changed before the restarted call read it).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int word;
static atomic_int handled, tid, done;
static long result;
static int result_errno;
static int which;

static void on_usr1(int sig)
{
	(void)sig;
	atomic_fetch_add(&handled, 1);
}

static void wait_sleeping(int t)
{
	char path[64], st[512];
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", t);
	for (;;) {
		int fd = open(path, O_RDONLY);
		long n = fd >= 0 ? read(fd, st, sizeof(st) - 1) : -1;
		if (fd >= 0)
			close(fd);
		st[n > 0 ? n : 0] = 0;
		char *r = strrchr(st, ')');
		if (r && r[1] == ' ' && r[2] == 'S')
			return;
		sched_yield();
	}
}

static void *waiter(void *p)
{
	(void)p;
	struct timespec rel = { 60, 0 }, abs;
	clock_gettime(CLOCK_MONOTONIC, &abs);
	abs.tv_sec += 60;
	atomic_store(&tid, gettid());
	long r;
	switch (which) {
	case 0:
		r = syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
		break;
	case 1:
		r = syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &rel, NULL, 0);
		break;
	case 2:
		r = syscall(SYS_futex, &word, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, NULL, FUTEX_BITSET_MATCH_ANY);
		break;
	default:
		r = syscall(SYS_futex, &word, FUTEX_WAIT_BITSET_PRIVATE, 0, &abs, NULL, FUTEX_BITSET_MATCH_ANY);
		break;
	}
	result = r;
	result_errno = r < 0 ? errno : 0;
	atomic_store(&done, 1);
	return NULL;
}

int main(void)
{
	static const char *names[] = { "FUTEX_WAIT without timeout", "FUTEX_WAIT with a relative timeout",
				       "FUTEX_WAIT_BITSET without timeout", "FUTEX_WAIT_BITSET with an absolute timeout" };
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	for (which = 0; which < 4; which++) {
		word = 0;
		atomic_store(&handled, 0);
		atomic_store(&tid, 0);
		atomic_store(&done, 0);
		pthread_t th;
		pthread_create(&th, NULL, waiter, NULL);
		while (!atomic_load(&tid))
			sched_yield();
		wait_sleeping(atomic_load(&tid));
		pthread_kill(th, SIGUSR1);
		while (!atomic_load(&handled))
			sched_yield();
		/* a restarted wait is woken here; one that ended has already returned */
		__atomic_store_n(&word, 1, __ATOMIC_SEQ_CST);
		while (!atomic_load(&done))
			syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
		pthread_join(th, NULL);
		const char *how = result == 0 || result_errno == EAGAIN ? "restarted"
				  : result_errno == EINTR ? "EINTR" : strerror(result_errno);
		printf("%s, SA_RESTART handler: %s\n", names[which], how);
	}
	return 0;
}
