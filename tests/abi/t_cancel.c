// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_cancel — glibc's SIGCANCEL (32), and signals 32 and 33 with handlers of the program's own,
 * reach threads in every state (tests/abi/run).
 *   t_cancel cancel N   pthread_cancel of a thread, N times for each state and type:
 *                       deferred: blocked in read() of an empty pipe, nanosleep(), poll(),
 *                       pthread_cond_wait() (error-checking mutex), pthread_join() of a thread
 *                       blocked in read(), and spinning in a loop that calls pthread_testcancel();
 *                       asynchronous: spinning in a tight loop (no call, no syscall), blocked in
 *                       read(), nanosleep(), poll().
 *                       Odd iterations cancel as soon as the thread is about to wait; even ones
 *                       once it sleeps (its /proc/self/task/<tid>/stat state) or has spun.
 *                       Each: pthread_join gives PTHREAD_CANCELED and the cleanup handler ran
 *                       (in cond_wait: with the mutex locked by the thread, as POSIX says);
 *                       the thread joined by a canceled joiner can still be joined.
 *   t_cancel raw N      handlers for 32 and 33 installed with the raw rt_sigaction (glibc's
 *                       sigaction refuses them; musl and Go runtimes use them) once glibc has
 *                       installed its own (first pthread_create), then threads blocked in read(), nanosleep(), poll(), a futex
 *                       wait, and spinning; each is sent 32 and 33 with tgkill, N times, and
 *                       each handler must run in the target thread (handler without
 *                       SA_RESTART: the waits return EINTR and the thread waits again).
 * Prints one line per case, compared with qemu by tests/abi/run; "NO" marks a failed check.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum state { S_READ, S_SLEEP, S_POLL, S_COND, S_JOIN, S_SPIN, S_FUTEX, S_N };
static const char *sname[S_N] = { "read", "nanosleep", "poll", "cond_wait", "join", "spin", "futex" };

/* Waits until thread tid sleeps in the kernel (state S in its stat line). */
static void wait_sleeping(int tid)
{
	char path[64], st[512];
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
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

/* ---- cancel ---- */

struct victim {
	enum state st;
	int async;
	int pfd[2];
	atomic_int ready, tid;
	volatile long spins;
	int cleanup_ran, mutex_owned;
	pthread_t blocker;
};
static pthread_mutex_t mu;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

static void cleanup(void *p)
{
	struct victim *v = p;
	v->cleanup_ran = 1;
	if (v->st == S_COND)
		v->mutex_owned = pthread_mutex_unlock(&mu) == 0;	/* EPERM if not ours */
}

static void *blocker_main(void *p)
{
	char c;
	while (read(*(int *)p, &c, 1) < 0)
		;
	return NULL;
}

static void *victim_main(void *p)
{
	struct victim *v = p;
	int old;
	char c;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	atomic_store(&v->tid, gettid());
	pthread_cleanup_push(cleanup, v);
	if (v->st == S_COND)
		pthread_mutex_lock(&mu);
	if (v->async)
		pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old);
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
	atomic_store(&v->ready, 1);
	switch (v->st) {
	case S_READ:
		for (;;)
			if (read(v->pfd[0], &c, 1) >= 0)
				break;
		break;
	case S_SLEEP:
		for (;;) {
			struct timespec ts = { 3600, 0 };
			nanosleep(&ts, NULL);
		}
		break;
	case S_POLL:
		for (;;) {
			struct pollfd pf = { v->pfd[0], POLLIN, 0 };
			poll(&pf, 1, -1);
		}
		break;
	case S_COND:
		for (;;)
			pthread_cond_wait(&cv, &mu);
		break;
	case S_JOIN:
		pthread_join(v->blocker, NULL);
		break;
	case S_SPIN:
		if (v->async)
			for (;;)
				v->spins++;	/* load, add, store, branch: nothing else */
		for (;;) {
			v->spins++;
			pthread_testcancel();
		}
		break;
	default:
		break;
	}
	pthread_cleanup_pop(0);
	return NULL;	/* not canceled */
}

static int run_cancel(int n)
{
	static const struct { enum state st; int async; } cases[] = {
		{ S_READ, 0 }, { S_SLEEP, 0 }, { S_POLL, 0 }, { S_COND, 0 }, { S_JOIN, 0 }, { S_SPIN, 0 },
		{ S_SPIN, 1 }, { S_READ, 1 }, { S_SLEEP, 1 }, { S_POLL, 1 },
	};
	pthread_mutexattr_t ma;
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&mu, &ma);
	int bad = 0;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		int canceled = 0, cleanups = 0, owned = 0, blocker_joined = 0;
		for (int i = 0; i < n; i++) {
			struct victim v;
			memset(&v, 0, sizeof(v));
			v.st = cases[k].st;
			v.async = cases[k].async;
			if (pipe(v.pfd))
				abort();
			int bfd[2];
			if (v.st == S_JOIN) {
				if (pipe(bfd) || pthread_create(&v.blocker, NULL, blocker_main, &bfd[0]))
					abort();
			}
			pthread_t th;
			if (pthread_create(&th, NULL, victim_main, &v))
				abort();
			while (!atomic_load(&v.ready))
				sched_yield();
			if (i % 2 == 0) {
				if (v.st == S_SPIN)
					while (v.spins < 1000)
						sched_yield();
				else
					wait_sleeping(atomic_load(&v.tid));
			}
			pthread_cancel(th);
			void *ret = NULL;
			pthread_join(th, &ret);
			canceled += ret == PTHREAD_CANCELED;
			cleanups += v.cleanup_ran;
			owned += v.mutex_owned;
			if (v.st == S_JOIN) {
				/* the canceled join must leave the blocker joinable */
				if (write(bfd[1], "q", 1) != 1)
					abort();
				blocker_joined += pthread_join(v.blocker, NULL) == 0;
				close(bfd[0]);
				close(bfd[1]);
			}
			close(v.pfd[0]);
			close(v.pfd[1]);
		}
		int ok = canceled == n && cleanups == n && (cases[k].st == S_COND ? owned == n : 1) &&
			 (cases[k].st == S_JOIN ? blocker_joined == n : 1);
		printf("%s %s: canceled %d of %d, cleanup ran %d", sname[cases[k].st],
		       cases[k].async ? "asynchronous" : "deferred", canceled, n, cleanups);
		if (cases[k].st == S_COND)
			printf(", mutex held in cleanup %d", owned);
		if (cases[k].st == S_JOIN)
			printf(", joined thread joinable after %d", blocker_joined);
		printf("%s\n", ok ? "" : " NO");
		bad += !ok;
	}
	return bad != 0;
}

/* ---- raw handlers for 32 and 33 ---- */

#define NT 5
static struct {
	atomic_int tid;
	atomic_long got[2];	/* handler runs for 32, 33 in this thread */
	atomic_long waits;	/* how often the wait was entered */
	atomic_long other_err;
} raw[NT];
static int raw_pfd[2];
static atomic_int raw_futex, raw_stop;
static __thread int my_slot = -1;

static void raw_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (my_slot < 0 || (sig != 32 && sig != 33) || si->si_signo != sig)
		return;
	atomic_fetch_add(&raw[my_slot].got[sig - 32], 1);
}

struct kernel_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long mask;
};

static void *raw_main(void *p)
{
	int slot = (int)(long)p;
	enum state st = (enum state)(slot == 0 ? S_READ : slot == 1 ? S_SLEEP : slot == 2 ? S_POLL : slot == 3 ? S_FUTEX : S_SPIN);
	char c;
	my_slot = slot;
	atomic_store(&raw[slot].tid, gettid());
	while (!atomic_load(&raw_stop)) {
		long r = 0;
		atomic_fetch_add(&raw[slot].waits, 1);
		switch (st) {
		case S_READ:
			r = read(raw_pfd[0], &c, 1);
			break;
		case S_SLEEP: {
			struct timespec ts = { 3600, 0 };
			r = nanosleep(&ts, NULL);
			break;
		}
		case S_POLL: {
			struct pollfd pf = { raw_pfd[0], POLLIN, 0 };
			r = poll(&pf, 1, -1);
			break;
		}
		case S_FUTEX:
			r = syscall(SYS_futex, &raw_futex, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
			if (r < 0 && errno == EAGAIN)
				r = 0;
			break;
		default:
			while (!atomic_load_explicit(&raw_stop, memory_order_relaxed))
				;
			break;
		}
		if (r < 0 && errno != EINTR)
			atomic_fetch_add(&raw[slot].other_err, 1);
	}
	return NULL;
}

static void *nothing(void *p)
{
	return p;
}

static int run_raw(int n)
{
	/* glibc installs its SIGSETXID handler at the first pthread_create: ours come after */
	pthread_t first;
	if (pthread_create(&first, NULL, nothing, NULL) || pthread_join(first, NULL))
		abort();
	struct kernel_sigaction ka = { (void *)raw_handler, SA_SIGINFO, NULL, 0 };
	for (int s = 32; s <= 33; s++)
		if (syscall(SYS_rt_sigaction, s, &ka, NULL, 8)) {
			printf("rt_sigaction(%d): %s NO\n", s, strerror(errno));
			return 1;
		}
	if (pipe(raw_pfd))
		abort();
	pthread_t th[NT];
	for (int i = 0; i < NT; i++)
		if (pthread_create(&th[i], NULL, raw_main, (void *)(long)i))
			abort();
	for (int i = 0; i < NT; i++)
		while (!atomic_load(&raw[i].tid))
			sched_yield();
	int bad = 0;
	for (int i = 0; i < NT; i++) {
		for (int k = 0; k < n; k++) {
			for (int s = 32; s <= 33; s++) {
				if (k % 2 == 0 && i < 4)
					wait_sleeping(atomic_load(&raw[i].tid));
				long before = atomic_load(&raw[i].got[s - 32]);
				if (syscall(SYS_tgkill, getpid(), atomic_load(&raw[i].tid), s)) {
					printf("tgkill: %s NO\n", strerror(errno));
					return 1;
				}
				/* the handler runs in the target (or the signal is lost: the test hangs) */
				while (atomic_load(&raw[i].got[s - 32]) == before)
					sched_yield();
			}
		}
	}
	atomic_store(&raw_stop, 1);
	if (write(raw_pfd[1], "qq", 2) != 2)
		abort();
	atomic_store(&raw_futex, 1);
	syscall(SYS_futex, &raw_futex, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	for (int i = 0; i < NT; i++) {
		if (i != 1) {
			pthread_join(th[i], NULL);
			continue;
		}
		/*
		 * The hour-long sleep: signal it until it has left. One signal at a time, each once
		 * the last one's handler ran: a sender that does not wait keeps a target whose
		 * handlers run slower than the sender loops (an emulated one, or a native one on a
		 * busy machine) in handlers for ever, its queue never empty.
		 */
		int joined = 0;
		while (!joined) {
			long before = atomic_load(&raw[i].got[1]);
			if (syscall(SYS_tgkill, getpid(), atomic_load(&raw[i].tid), 33))
				break;	/* ESRCH: it has gone */
			while (atomic_load(&raw[i].got[1]) == before && !joined) {
				joined = !pthread_tryjoin_np(th[i], NULL);
				sched_yield();
			}
		}
		if (!joined)
			pthread_join(th[i], NULL);
	}
	const char *names[NT] = { "read", "nanosleep", "poll", "futex", "spin" };
	for (int i = 0; i < NT; i++) {
		int ok = atomic_load(&raw[i].got[0]) == n && atomic_load(&raw[i].got[1]) >= n &&
			 atomic_load(&raw[i].other_err) == 0 && (i == 4 || atomic_load(&raw[i].waits) > n);
		printf("%s: handler for 32 ran %ld of %d, for 33 at least %d: %s, waits re-entered after EINTR: %s, "
		       "other errors %ld%s\n", names[i], atomic_load(&raw[i].got[0]), n, n,
		       atomic_load(&raw[i].got[1]) >= n ? "yes" : "no",
		       i == 4 ? "n/a" : atomic_load(&raw[i].waits) > n ? "yes" : "no", atomic_load(&raw[i].other_err),
		       ok ? "" : " NO");
		bad += !ok;
	}
	return bad != 0;
}

int main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[2]) : 10;
	if (argc > 1 && !strcmp(argv[1], "raw"))
		return run_raw(n);
	return run_cancel(n);
}
