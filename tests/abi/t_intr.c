// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_intr — blocking syscalls interrupted by signals (tests/abi/run).
 *   t_intr MODE ITERATIONS
 * Modes:
 *   eintr-read, eintr-write   a handler without SA_RESTART and a repeating ITIMER_REAL with a
 *                             very short period: read of an empty pipe / write to a full pipe
 *                             returns -1/EINTR every time
 *   restart-read, restart-write   the same with SA_RESTART: the call is restarted and completes
 *                             when another thread writes / drains the pipe (1 ms after a
 *                             handler ran), with the data
 *   pthread-kill              another thread sends SIGUSR1 with pthread_kill to the thread
 *                             blocked in read (sleeping, /proc/self/task/<tid>/stat): EINTR;
 *                             at most 1 in 10 may have taken the signal before the read (the
 *                             target delayed on a loaded machine; the read is then unblocked)
 *   race-timer, race-kill     one signal (one-shot ITIMER_REAL / pthread_kill from another
 *                             thread) at a random moment around the time the thread runs a straight run of 1000 instructions
 *                             that ends in the read's SVC (sled_read), so that it lands anywhere
 *                             around the SVC: either the handler ran before the read began (the
 *                             read then waits and a helper thread unblocks it) or the read
 *                             returns EINTR. Never may the signal be caught and its handler not
 *                             run while the read waits (a lost wake-up: an emulator that notices
 *                             signals only at branches must not forget one at the SVC).
 *   stranded                  a process-directed SIGALRM that only thread A can take arrives
 *                             while A runs branch-free code right before it blocks SIGALRM:
 *                             it must be handled (by A before its sigprocmask, or by another
 *                             thread once A has blocked it), never kept undelivered by A
 * Prints one line "MODE: ok N" or "MODE: NO ..." and exits 0/1. A helper thread ends the
 * process with status 3 ("MODE: NO hang") when one iteration takes more than 10 s.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* read(fd, buf, n) after 1000 branch-free instructions, all in one page; returns -errno. */
long sled_read(long fd, void *buf, long n);
__asm__(".text\n.balign 4096\n.globl sled_read\n.type sled_read,%function\nsled_read:\n"
	".rept 1000\n\tadd x9, x9, #1\n.endr\n"
	"\tmov x8, #63\n\tsvc #0\n\tret\n.size sled_read, .-sled_read\n");

/* A slow branch-free run (1000 fsqrt), then rt_sigprocmask(SIG_BLOCK, set, NULL, 8). */
long sled_block(const sigset_t *set);
__asm__(".text\n.balign 4096\n.globl sled_block\n.type sled_block,%function\nsled_block:\n"
	"\tmov x1, x0\n\tfmov d16, #2.0\n"
	".rept 1000\n\tfsqrt d16, d16\n.endr\n"
	"\tmov x0, #0\n\tmov x2, #0\n\tmov x3, #8\n\tmov x8, #135\n\tsvc #0\n\tret\n"
	".size sled_block, .-sled_block\n");

static const char *mode;
static volatile int a_ready;
static volatile int sent, armed, late;
static volatile long deadline;
static volatile sig_atomic_t handled;
static volatile int iter_done, in_call;
static volatile long iter;
static pthread_t main_thread;
static int main_tid;
static int pfd[2];

static void on_sig(int sig)
{
	(void)sig;
	handled++;
}

static void install(int sig, int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void timer(long first_us, long period_us)
{
	struct itimerval it = { { 0, period_us }, { 0, first_us } };
	setitimer(ITIMER_REAL, &it, NULL);
}

static long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static void sleep_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* Helper threads never take the test's signals. */
static void block_test_signals(void)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGALRM);
	sigaddset(&s, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &s, NULL);
}

static void *watchdog(void *arg)
{
	(void)arg;
	block_test_signals();
	for (;;) {
		long seen = iter, t0 = now_us();
		while (iter == seen && now_us() - t0 < 10000000)
			sleep_us(20000);
		if (iter == seen) {
			printf("%s: NO hang in iteration %ld\n", mode, seen);
			fflush(stdout);
			_exit(3);
		}
	}
	return NULL;
}

/* restart-read / restart-write: complete the blocked call from another thread. */
static void *completer(void *arg)
{
	int writer = arg != NULL;
	char buf[65536];
	block_test_signals();
	/* once the repeating timer has interrupted the call at least once, and 1 ms more */
	long t0 = now_us();
	while (!handled && now_us() - t0 < 2000000)
		sleep_us(100);
	sleep_us(1000);
	if (writer)
		return (void *)(long)write(pfd[1], "x", 1);
	return (void *)(long)read(pfd[0], buf, sizeof(buf));
}

static void *killer(void *arg)
{
	long delay = (long)arg;
	block_test_signals();
	if (delay < 0) {	/* pthread-kill: wait until the target sleeps (in read), 2 ms more */
		char path[64], st[512];
		snprintf(path, sizeof(path), "/proc/self/task/%d/stat", main_tid);
		while (!in_call)
			;
		for (long t0 = now_us(); now_us() - t0 < 1000000; sleep_us(200)) {
			int fd = open(path, O_RDONLY);
			long n = fd >= 0 ? read(fd, st, sizeof(st) - 1) : -1;
			if (fd >= 0)
				close(fd);
			st[n > 0 ? n : 0] = 0;
			char *r = strrchr(st, ')');
			if (r && r[1] == ' ' && r[2] == 'S')
				break;
		}
		sleep_us(2000);
	} else {	/* race-kill: at the deadline */
		while (now_us() < deadline)
			;
	}
	pthread_kill(main_thread, SIGUSR1);
	sent = 1;
	if (delay < 0) {
		/* The target was delayed on its way into read (a loaded machine) and took the
		 * signal before the read began: the read then waits, as on Linux; unblock it. A
		 * read that waits with the handler not run is a lost signal. */
		long t0 = now_us();
		while (in_call && now_us() - t0 < 1000000)
			sleep_us(500);
		if (in_call) {
			if (!handled)
				late = 1;
			write(pfd[1], "k", 1);
		}
	}
	return NULL;
}

/* race-*: unblock a read that waits after its signal was handled before it began; a read that
 * still waits 2 s after the signal was sent without its handler having run is a lost wake-up. */
static void *rescuer(void *arg)
{
	(void)arg;
	block_test_signals();
	for (;;) {
		struct itimerval it;
		if (iter_done)
			return NULL;
		getitimer(ITIMER_REAL, &it);
		if (sent || handled || (armed && !it.it_value.tv_sec && !it.it_value.tv_usec))
			break;
		sleep_us(100);
	}
	long t0 = now_us();
	while (!iter_done && now_us() - t0 < 20000)
		sleep_us(500);
	/* the read still waits: its signal must be handled (allow 2 s for a loaded machine) */
	while (!iter_done && !handled && now_us() - t0 < 2000000)
		sleep_us(1000);
	if (!iter_done) {
		if (!handled)
			late = 1;
		write(pfd[1], "r", 1);
	}
	return NULL;
}

/* stranded: thread A, the only thread with SIGALRM unblocked, arms a 4..16 us one-shot
 * ITIMER_REAL (a process-directed signal) and runs a slow branch-free sequence that ends in
 * blocking SIGALRM, so the signal is caught by A in that sequence. */
static void *blocker(void *arg)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGALRM);
	pthread_sigmask(SIG_UNBLOCK, &s, NULL);
	timer((long)arg, 0);
	sled_block(&s);
	a_ready = 1;
	return NULL;
}

static void fill_pipe(void)
{
	int fl = fcntl(pfd[1], F_GETFL);
	fcntl(pfd[1], F_SETFL, fl | O_NONBLOCK);
	char buf[4096];
	memset(buf, 'f', sizeof(buf));
	while (write(pfd[1], buf, sizeof(buf)) > 0)
		;
	while (write(pfd[1], buf, 1) > 0)
		;
	fcntl(pfd[1], F_SETFL, fl);
}

static void drain_pipe(void)
{
	int fl = fcntl(pfd[0], F_GETFL);
	char buf[65536];
	fcntl(pfd[0], F_SETFL, fl | O_NONBLOCK);
	while (read(pfd[0], buf, sizeof(buf)) > 0)
		;
	fcntl(pfd[0], F_SETFL, fl);
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	mode = argv[1];
	long n = atol(argv[2]), bad = 0, eintr = 0, before = 0, lost = 0;
	char buf[16], why[160] = "";
	pthread_t wd;
	main_thread = pthread_self();
	main_tid = gettid();
	if (pipe(pfd))
		return 2;
	fcntl(pfd[1], F_SETPIPE_SZ, 4096);
	pthread_create(&wd, NULL, watchdog, NULL);
	srand(12345);

	int is_write = strstr(mode, "write") != NULL;
	if (!strncmp(mode, "eintr-", 6) || !strncmp(mode, "restart-", 8)) {
		int restart = mode[0] == 'r';
		install(SIGALRM, restart ? SA_RESTART : 0);
		for (long i = 0; i < n; i++, iter++) {
			pthread_t c;
			if (is_write)
				fill_pipe();
			else
				drain_pipe();
			handled = 0;
			if (restart)
				pthread_create(&c, NULL, completer, is_write ? NULL : (void *)1);
			timer(1 + rand() % 100, 50 + rand() % 100);
			long r = is_write ? write(pfd[1], "w", 1) : read(pfd[0], buf, 1);
			int e = errno;
			timer(0, 0);
			if (restart) {
				void *cr;
				pthread_join(c, &cr);
				if (r != 1 || (long)cr <= 0) {
					bad++;
					snprintf(why, sizeof(why), " (iteration %ld: r=%ld errno=%d)", i, r, e);
				}
				if (handled)
					eintr++;	/* here: calls during which a handler ran */
			} else if (r == -1 && e == EINTR) {
				eintr++;
			} else {
				bad++;
				snprintf(why, sizeof(why), " (iteration %ld: r=%ld errno=%d)", i, r, e);
			}
		}
		if (restart && eintr != n) {
			bad++;
			snprintf(why, sizeof(why), " (a handler ran in only %ld calls)", eintr);
		}
	} else if (!strcmp(mode, "pthread-kill")) {
		install(SIGUSR1, 0);
		for (long i = 0; i < n; i++, iter++) {
			pthread_t k;
			in_call = 0;
			late = 0;
			drain_pipe();
			pthread_create(&k, NULL, killer, (void *)-1L);
			in_call = 1;
			long r = read(pfd[0], buf, 1);
			int e = errno;
			in_call = 0;
			pthread_join(k, NULL);
			if (r == -1 && e == EINTR && handled)
				eintr++;
			else if (r == 1 && handled && !late)
				before++;
			else {
				bad++;
				snprintf(why, sizeof(why), " (iteration %ld: r=%ld errno=%d late=%d)", i, r, e, late);
			}
			handled = 0;
		}
		/* the killer waits until the target sleeps: a signal taken before the read may
		 * happen on a loaded machine, but must stay rare */
		if (before > n / 10) {
			bad++;
			snprintf(why, sizeof(why), " (%ld of %ld signals arrived before the read)", before, n);
		}
		fprintf(stderr, "%s: eintr=%ld before=%ld\n", mode, eintr, before);
	} else if (!strcmp(mode, "race-timer") || !strcmp(mode, "race-kill")) {
		int kill_mode = mode[5] == 'k';
		install(kill_mode ? SIGUSR1 : SIGALRM, 0);
		/* how long the run before the SVC takes here */
		long t0 = now_us();
		for (int i = 0; i < 200; i++)
			sled_read(-1, buf, 1);
		long span = (now_us() - t0) / 200 + 2;
		for (long i = 0; i < n; i++, iter++) {
			pthread_t rs, k;
			drain_pipe();
			handled = 0;
			iter_done = 0;
			in_call = 0;
			sent = 0;
			armed = 0;
			late = 0;
			pthread_create(&rs, NULL, rescuer, NULL);
			if (kill_mode) {
				/* SIGUSR1 is sent at the deadline; the sled starts 150 us before to a few us
				 * after it (the signal takes tens of us to arrive) */
				long d = -150 + rand() % (150 + span);
				deadline = now_us() + 300;
				pthread_create(&k, NULL, killer, (void *)0L);
				while (now_us() < deadline + d)
					;
			} else {
				/* the timer expires after 60 us; the sled starts 30 us before to 20 us
				 * after that (plus the signal's latency), so some signals land in it */
				long d = 30 + rand() % (50 + span);
				long t1 = now_us();
				timer(60, 0);
				armed = 1;
				while (now_us() - t1 < d)
					;
			}
			in_call = 1;
			long r = sled_read(pfd[0], buf, 1);
			int h = handled;
			iter_done = 1;
			pthread_join(rs, NULL);
			if (kill_mode)
				pthread_join(k, NULL);
			if (r == -EINTR && h)
				eintr++;
			else if (r == 1 && h && !late)
				before++;	/* handled before the read began; the rescuer unblocked it */
			else if (r == 1) {
				lost++;	/* the read waited, the signal was sent but not handled */
				snprintf(why, sizeof(why), " (iteration %ld: signal not handled while read waited)", i);
			} else {
				bad++;
				snprintf(why, sizeof(why), " (iteration %ld: r=%ld handled=%d)", i, r, h);
			}
			/* a late handler (after a lost wake-up) runs now */
			t0 = now_us();
			while (!handled && now_us() - t0 < 1000000)
				sleep_us(1000);
		}
		bad += lost;
		fprintf(stderr, "%s: span=%ldus eintr=%ld before=%ld lost=%ld\n", mode, span, eintr, before, lost);
	} else if (!strcmp(mode, "stranded")) {
		install(SIGALRM, 0);
		sigset_t u;
		sigemptyset(&u);
		sigaddset(&u, SIGALRM);
		for (long i = 0; i < n; i++, iter++) {
			pthread_t a;
			pthread_sigmask(SIG_BLOCK, &u, NULL);
			a_ready = 0;
			handled = 0;
			pthread_create(&a, NULL, blocker, (void *)(4 + i % 13));	/* 4..16 us */
			pthread_join(a, NULL);
			/* A has SIGALRM blocked now (and is gone): a signal A did not handle is
			 * still pending for the process, and this thread takes it now */
			pthread_sigmask(SIG_UNBLOCK, &u, NULL);
			long t0 = now_us();
			while (!handled && now_us() - t0 < 2000000)
				sleep_us(100);
			if (!handled || !a_ready) {
				bad++;
				snprintf(why, sizeof(why), " (iteration %ld: the signal was never handled)", i);
				if (bad == 3)
					break;
			}
		}	} else {
		return 2;
	}
	if (bad)
		printf("%s: NO %ld bad of %ld%s\n", mode, bad, n, why);
	else
		printf("%s: ok %ld\n", mode, n);
	return bad != 0;
}
