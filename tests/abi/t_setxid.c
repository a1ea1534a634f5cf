// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_setxid — glibc's SIGSETXID (33) broadcast reaches threads in every state (tests/abi/run).
 *   t_setxid ROUNDS [fork]
 * Run as root (the ids really change). 20 threads besides main wait in different ways:
 *   4 in read() of an empty pipe, 2 in poll() of one, 2 in nanosleep(), 3 in pthread_cond_wait(),
 *   2 in pthread_join() of a thread that waits in read() (2 more), 4 spinning in a tight loop
 *   (no call, no syscall), 1 in sigwaitinfo() (SIGUSR1 blocked).
 * Each round, one thread in turn — main, a reader, a poller, a cond waiter or a spinner — calls
 * setgroups + setresgid/setegid + setresuid/seteuid (each one a broadcast to every thread),
 * then reads /proc/self/task/<tid>/status of every task and checks that each one shows the new
 * Uid/Gid/Groups, then makes the effective uid 0 again (another broadcast) and checks again.
 * The checks are counted per kind of waiting thread. At the end every thread is woken and reports
 * what its waits returned: reads are restarted (glibc's handler has SA_RESTART: never EINTR) and
 * no wait fails with anything but EINTR (never EFAULT).
 * With "fork", all of it runs in a child forked by a process that had a thread.
 * Prints lines compared with qemu by tests/abi/run, and "... NO" for a failed check.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum kind { K_MAIN, K_READ, K_POLL, K_SLEEP, K_COND, K_JOIN, K_JOINED, K_SPIN, K_SIGWAIT, K_N };
static const char *kname[K_N] = { "main", "read", "poll", "nanosleep", "cond_wait", "join", "joined",
				  "spin", "sigwait" };
static const int kcount[K_N] = { 0, 4, 2, 2, 3, 2, 2, 4, 1 };
#define MAXT 32

struct worker {
	enum kind kind;
	pthread_t th;
	int pfd[2];		/* read/poll/joined: its own pipe */
	int idx;
	/* results */
	long unexpected;	/* a wait failed with something else than EINTR */
	int unexpected_errno;
	long eintr;		/* EINTR seen (a bug for read: SA_RESTART) */
	atomic_int tid;
	atomic_int exited;
	pthread_t join_target;
};

static struct worker w[MAXT];
static int nw;
static atomic_int stop;
static atomic_int turn = -1;	/* worker index whose turn it is to run a round */
static atomic_int turn_round;
static atomic_long spins;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;	/* cond waiters */
static pthread_cond_t done_cv = PTHREAD_COND_INITIALIZER;
static int nthreads_expected;
static atomic_long bad_checks, bad_calls, tasks_checked;
static atomic_long ok_by_kind[K_N];	/* task statuses found right, per kind of thread */
static atomic_int started;

static enum kind kind_of(int tid)
{
	for (int i = 0; i < nw; i++)
		if (atomic_load(&w[i].tid) == tid)
			return w[i].kind;
	return K_MAIN;
}

static int parse_ids(const char *line, const char *key, long *v, int max)
{
	size_t k = strlen(key);
	if (strncmp(line, key, k))
		return -1;
	int n = 0;
	const char *p = line + k;
	while (n < max) {
		char *e;
		long x = strtol(p, &e, 10);
		if (e == p)
			break;
		v[n++] = x;
		p = e;
	}
	return n;
}

/* Every task's status shows ruid/euid/suid/fsuid, rgid/egid/sgid/fsgid and the groups. */
static void check_all(uid_t euid, gid_t egid, const gid_t *groups, int ngroups)
{
	DIR *d = opendir("/proc/self/task");
	if (!d) {
		atomic_fetch_add(&bad_checks, 1);
		return;
	}
	int ntasks = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char path[300], line[256];
		snprintf(path, sizeof(path), "/proc/self/task/%s/status", de->d_name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;	/* cannot happen: no thread exits during the rounds */
		ntasks++;
		int ok_uid = 0, ok_gid = 0, ok_groups = 0;
		while (fgets(line, sizeof(line), f)) {
			long v[8];
			int n;
			if ((n = parse_ids(line, "Uid:", v, 4)) >= 0)
				ok_uid = n == 4 && v[0] == 0 && v[1] == (long)euid && v[2] == 0 && v[3] == (long)euid;
			else if ((n = parse_ids(line, "Gid:", v, 4)) >= 0)
				ok_gid = n == 4 && v[0] == 0 && v[1] == (long)egid && v[2] == 0 && v[3] == (long)egid;
			else if ((n = parse_ids(line, "Groups:", v, 8)) >= 0) {
				ok_groups = n == ngroups;
				for (int i = 0; ok_groups && i < n; i++)
					ok_groups = v[i] == (long)groups[i];
			}
		}
		fclose(f);
		atomic_fetch_add(&tasks_checked, 1);
		if (ok_uid && ok_gid && ok_groups)
			atomic_fetch_add(&ok_by_kind[kind_of(atoi(de->d_name))], 1);
		else {
			if (atomic_fetch_add(&bad_checks, 1) < 5)
				fprintf(stderr, "task %s: uid ok %d gid ok %d groups ok %d (want euid %d egid %d)\n",
					de->d_name, ok_uid, ok_gid, ok_groups, (int)euid, (int)egid);
		}
	}
	closedir(d);
	if (ntasks != nthreads_expected) {
		atomic_fetch_add(&bad_checks, 1);
		fprintf(stderr, "%d tasks, want %d\n", ntasks, nthreads_expected);
	}
}

static void call_ok(int r, const char *what)
{
	if (r) {
		atomic_fetch_add(&bad_calls, 1);
		fprintf(stderr, "%s: %s\n", what, strerror(errno));
	}
}

/* One round, in whichever thread's turn it is. */
static void do_round(int r)
{
	gid_t g = (gid_t)(1000 + r), groups[2] = { (gid_t)(1000 + r), (gid_t)(5000 + r) };
	uid_t u = (uid_t)(2000 + r);
	call_ok(setgroups(2, groups), "setgroups");
	if (r & 1)
		call_ok(setegid(g), "setegid");
	else
		call_ok(setresgid((gid_t)-1, g, (gid_t)-1), "setresgid");
	if (r & 2)
		call_ok(seteuid(u), "seteuid");
	else
		call_ok(setresuid((uid_t)-1, u, (uid_t)-1), "setresuid");
	check_all(u, g, groups, 2);
	/* back to euid 0 (ruid and suid stayed 0), so the next round may change ids again */
	call_ok(setresuid((uid_t)-1, 0, (uid_t)-1), "setresuid back");
	check_all(0, g, groups, 2);
}

/* A worker looks at whose turn it is each time its wait ends. */
static void maybe_my_turn(struct worker *me)
{
	if (atomic_load(&turn) != me->idx)
		return;
	do_round(atomic_load(&turn_round));
	pthread_mutex_lock(&mu);
	atomic_store(&turn, -1);
	pthread_cond_broadcast(&done_cv);
	pthread_mutex_unlock(&mu);
}

static void failed(struct worker *me, int e)
{
	if (e == EINTR) {
		me->eintr++;
		return;
	}
	me->unexpected++;
	me->unexpected_errno = e;
}

static void *worker_main(void *arg)
{
	struct worker *me = arg;
	char c;
	atomic_store(&me->tid, gettid());
	atomic_fetch_add(&started, 1);
	switch (me->kind) {
	case K_READ:
	case K_JOINED:
		for (;;) {
			ssize_t n = read(me->pfd[0], &c, 1);
			if (n < 0) {
				failed(me, errno);
				continue;
			}
			if (n == 0 || c == 'q')
				break;
			maybe_my_turn(me);
		}
		break;
	case K_POLL:
		for (;;) {
			struct pollfd p = { me->pfd[0], POLLIN, 0 };
			int n = poll(&p, 1, -1);
			if (n < 0) {
				failed(me, errno);
				continue;
			}
			if (read(me->pfd[0], &c, 1) != 1 || c == 'q')
				break;
			maybe_my_turn(me);
		}
		break;
	case K_SLEEP:
		while (!atomic_load(&stop)) {
			struct timespec ts = { 3600, 0 };
			if (nanosleep(&ts, NULL) < 0)
				failed(me, errno);
		}
		me->eintr = 0;	/* nanosleep returns EINTR after a handler: expected */
		break;
	case K_COND:
		pthread_mutex_lock(&mu);
		while (!atomic_load(&stop)) {
			pthread_cond_wait(&cv, &mu);
			if (atomic_load(&turn) == me->idx) {
				pthread_mutex_unlock(&mu);
				maybe_my_turn(me);
				pthread_mutex_lock(&mu);
			}
		}
		pthread_mutex_unlock(&mu);
		break;
	case K_JOIN: {
		int e = pthread_join(me->join_target, NULL);
		if (e)
			failed(me, e);
		break;
	}
	case K_SPIN: {
		long n = 0;
		/* A tight loop: one load and one add per iteration, no call, no syscall. */
		while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
			n++;
			if (atomic_load_explicit(&turn, memory_order_relaxed) == me->idx) {
					maybe_my_turn(me);
			}
		}
		atomic_fetch_add(&spins, n);
		break;
	}
	case K_SIGWAIT: {
		sigset_t s;
		sigemptyset(&s);
		sigaddset(&s, SIGUSR1);
		for (;;) {
			int r = sigwaitinfo(&s, NULL);
			if (r < 0) {
				failed(me, errno);
				continue;
			}
			break;
		}
		me->eintr = 0;	/* sigwaitinfo returns EINTR after a handler: expected */
		break;
	}
	default:
		break;
	}
	atomic_store(&me->exited, 1);
	return NULL;
}

/* Wakes worker k so that it looks at the turn. */
static void wake(int k)
{
	switch (w[k].kind) {
	case K_READ:
	case K_POLL:
		if (write(w[k].pfd[1], "g", 1) != 1)
			abort();
		break;
	case K_COND:
		pthread_mutex_lock(&mu);
		pthread_cond_broadcast(&cv);
		pthread_mutex_unlock(&mu);
		break;
	default:
		break;	/* spinners look at the turn themselves */
	}
}

static void on_usr2(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 40;
	if (getuid() != 0) {
		printf("not root\n");
		return 0;
	}
	if (argc > 2 && !strcmp(argv[2], "fork")) {
		/* the same in the child of a process that had threads (its C library starts over
		 * single-threaded there) */
		pthread_t first;
		if (pthread_create(&first, NULL, worker_main, &w[MAXT - 1]) || pthread_join(first, NULL))
			abort();
		fflush(stdout);
		pid_t pid = fork();
		if (pid < 0)
			abort();
		if (pid > 0) {
			int st;
			if (waitpid(pid, &st, 0) != pid)
				abort();
			if (!WIFEXITED(st))
				printf("child killed by signal %d NO\n", WTERMSIG(st));
			return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
		}
		memset(&w[MAXT - 1], 0, sizeof(w[0]));
		atomic_store(&started, 0);
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr2;	/* ends the nanosleepers' hour-long sleeps; no SA_RESTART */
	sigaction(SIGUSR2, &sa, NULL);
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &s, NULL);
	for (int k = 1; k < K_N; k++)
		for (int i = 0; i < kcount[k]; i++) {
			w[nw].kind = (enum kind)k;
			w[nw].idx = nw;
			if ((k == K_READ || k == K_POLL || k == K_JOINED) && pipe(w[nw].pfd))
				abort();
			nw++;
		}
	nthreads_expected = nw + 1;
	/* the joined threads first: the joiners need their pthread_t */
	int joined = 0;
	for (int i = 0; i < nw; i++)
		if (w[i].kind == K_JOINED && pthread_create(&w[i].th, NULL, worker_main, &w[i]))
			abort();
	for (int i = 0; i < nw; i++) {
		if (w[i].kind == K_JOINED)
			continue;
		if (w[i].kind == K_JOIN) {
			while (w[joined].kind != K_JOINED)
				joined++;
			w[i].join_target = w[joined++].th;
		}
		if (pthread_create(&w[i].th, NULL, worker_main, &w[i]))
			abort();
	}
	while (atomic_load(&started) != nw)	/* every tid known before the first check */
		sched_yield();
	printf("threads=%d\n", nthreads_expected);

	/* the callers, in turn: main, then one worker of each calling kind, round after round */
	int callers[MAXT], nc = 0;
	callers[nc++] = -1;
	for (int i = 0; i < nw; i++)
		if (w[i].kind == K_READ || w[i].kind == K_POLL || w[i].kind == K_COND || w[i].kind == K_SPIN)
			callers[nc++] = i;
	int by_kind[K_N] = { 0 };
	for (int r = 0; r < rounds; r++) {
		int k = callers[r % nc];
		if (k < 0) {
			do_round(r);
			by_kind[K_MAIN]++;
			continue;
		}
		by_kind[w[k].kind]++;
		pthread_mutex_lock(&mu);
		atomic_store(&turn_round, r);
		atomic_store(&turn, k);
		pthread_mutex_unlock(&mu);
		wake(k);
		pthread_mutex_lock(&mu);
		while (atomic_load(&turn) != -1)
			pthread_cond_wait(&done_cv, &mu);
		pthread_mutex_unlock(&mu);
	}
	printf("rounds=%d by main=%d read=%d poll=%d cond_wait=%d spin=%d\n", rounds, by_kind[K_MAIN],
	       by_kind[K_READ], by_kind[K_POLL], by_kind[K_COND], by_kind[K_SPIN]);
	long want_tasks = 2L * rounds * nthreads_expected;
	printf("every task's status showed the new ids: %s\n",
	       atomic_load(&bad_checks) == 0 && atomic_load(&tasks_checked) == want_tasks ? "yes" : "NO");
	if (atomic_load(&tasks_checked) != want_tasks)
		fprintf(stderr, "checked %ld task statuses, want %ld\n", atomic_load(&tasks_checked), want_tasks);
	printf("set*id calls succeeded: %s\n", atomic_load(&bad_calls) == 0 ? "yes" : "NO");

	/* end: wake everybody */
	atomic_store(&stop, 1);
	for (int i = 0; i < nw; i++)
		if (w[i].kind == K_READ || w[i].kind == K_POLL || w[i].kind == K_JOINED)
			if (write(w[i].pfd[1], "q", 1) != 1)
				abort();
	pthread_mutex_lock(&mu);
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
	for (int i = 0; i < nw; i++) {
		if (w[i].kind == K_SIGWAIT)
			pthread_kill(w[i].th, SIGUSR1);	/* blocked: stays pending until taken */
		/* a sleeper may test stop just before the signal and sleep again: repeat */
		while (w[i].kind == K_SLEEP && !atomic_load(&w[i].exited)) {
			pthread_kill(w[i].th, SIGUSR2);
			sched_yield();
		}
	}
	for (int i = 0; i < nw; i++)
		if (w[i].kind != K_JOINED)
			pthread_join(w[i].th, NULL);
	int unexpected = 0, read_eintr = 0;
	for (int i = 0; i < nw; i++) {
		if (w[i].unexpected) {
			unexpected++;
			fprintf(stderr, "%s thread %d: a wait failed with errno %d\n", kname[w[i].kind], i,
				w[i].unexpected_errno);
		}
		if (w[i].kind == K_READ || w[i].kind == K_JOINED)
			read_eintr += (int)w[i].eintr;
	}
	for (int k = 0; k < K_N; k++) {
		long want = 2L * rounds * (k == K_MAIN ? 1 : kcount[k]);
		printf("%s: %d thread(s), status right in %ld of %ld checks%s\n", kname[k], k == K_MAIN ? 1 : kcount[k],
		       atomic_load(&ok_by_kind[k]), want, atomic_load(&ok_by_kind[k]) == want ? "" : " NO");
	}
	printf("waits failing with anything but EINTR: %d%s\n", unexpected, unexpected ? " NO" : "");
	printf("reads ended by EINTR (SA_RESTART handler): %d%s\n", read_eintr, read_eintr ? " NO" : "");
	printf("spinners ran: %s\n", atomic_load(&spins) > 0 ? "yes" : "NO");
	return 0;
}
