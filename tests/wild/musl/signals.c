// SPDX-License-Identifier: GPL-2.0-only
// musl signals: SA_SIGINFO, sigqueue values, masks and sigpending/sigtimedwait, a fault caught
// and left with siglongjmp, sigaltstack, itimers with sigsuspend, SA_RESTART versus EINTR,
// SIGCHLD, signals to threads (pthread_kill, per-thread masks) and pthread_cancel.
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got, code, val;
static void info_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got = sig;
	code = si->si_code;
	val = si->si_value.sival_int;
}

static sigjmp_buf jb;
static volatile void *fault_addr;
static void segv_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_addr = si->si_addr;
	siglongjmp(jb, 1);
}

static char altstack[65536];
static volatile int on_alt;
static void alt_handler(int sig)
{
	char here;
	(void)sig;
	on_alt = &here >= altstack && &here < altstack + sizeof altstack;
}

static volatile sig_atomic_t ticks;
static void tick(int sig)
{
	(void)sig;
	ticks++;
}

static int notify[2];
static void tick_notify(int sig)
{
	(void)sig;
	write(notify[1], "n", 1);
}

static volatile sig_atomic_t chld;
static void on_chld(int sig)
{
	(void)sig;
	chld++;
}

static volatile sig_atomic_t thread_got;
static pthread_t target_thread;
static void thr_handler(int sig)
{
	thread_got = sig == SIGUSR2 && pthread_equal(pthread_self(), target_thread);
}
static void *sleeper(void *arg)
{
	(void)arg;
	while (!thread_got)
		pause();
	return (void *)1;
}
static void *waiter(void *arg)
{
	sigset_t s;
	int sig = 0;
	(void)arg;
	sigemptyset(&s);
	sigaddset(&s, SIGRTMIN + 2);
	sigwait(&s, &sig);
	return (void *)(long)(sig - SIGRTMIN);
}
static void *cancellable(void *arg)
{
	int fds[2];
	char c;
	(void)arg;
	if (pipe(fds))
		return NULL;
	read(fds[0], &c, 1); /* a cancellation point that blocks forever */
	return NULL;
}
static void *cancel_loop(void *arg)
{
	(void)arg;
	pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
	for (volatile unsigned long i = 0;; i++)
		;
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = info_handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	printf("raise: sig=%d code=%d (SI_TKILL=%d)\n", got, code, SI_TKILL);
	sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 1234 });
	printf("sigqueue: sig=%d code=%d (SI_QUEUE=%d) value=%d\n", got, code, SI_QUEUE, val);

	sigset_t block, pend, old;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	sigaddset(&block, SIGRTMIN + 1);
	sigprocmask(SIG_BLOCK, &block, &old);
	raise(SIGUSR2);
	sigqueue(getpid(), SIGRTMIN + 1, (union sigval){ .sival_int = 1 });
	sigqueue(getpid(), SIGRTMIN + 1, (union sigval){ .sival_int = 2 });
	sigpending(&pend);
	printf("pending: usr2=%d rt1=%d usr1=%d\n", sigismember(&pend, SIGUSR2), sigismember(&pend, SIGRTMIN + 1),
	       sigismember(&pend, SIGUSR1));
	siginfo_t si;
	struct timespec ts = { 1, 0 };
	int s1 = sigtimedwait(&block, &si, &ts);
	int s2 = sigtimedwait(&block, &si, &ts);
	int v2 = si.si_value.sival_int;
	int s3 = sigtimedwait(&block, &si, &ts);
	int v3 = si.si_value.sival_int;
	ts.tv_sec = 0;
	ts.tv_nsec = 1000000;
	int s4 = sigtimedwait(&block, &si, &ts);
	printf("sigtimedwait: %s %s/%d %s/%d %d errno=%s\n", s1 == SIGUSR2 ? "USR2" : "?", s2 == SIGRTMIN + 1 ? "RT1" : "?", v2,
	       s3 == SIGRTMIN + 1 ? "RT1" : "?", v3, s4, strerror(errno));
	sigprocmask(SIG_SETMASK, &old, NULL);

	sa.sa_sigaction = segv_handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	if (sigsetjmp(jb, 1) == 0) {
		*(volatile int *)(uintptr_t)0x1238 = 1;
		printf("no fault\n");
	} else {
		printf("segv: caught at %#lx\n", (unsigned long)(uintptr_t)fault_addr);
	}
	sigprocmask(SIG_BLOCK, NULL, &pend);
	printf("segv: still blocked after siglongjmp=%d\n", sigismember(&pend, SIGSEGV));

	stack_t st = { .ss_sp = altstack, .ss_size = sizeof altstack };
	sigaltstack(&st, NULL);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = alt_handler;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGWINCH, &sa, NULL);
	raise(SIGWINCH);
	printf("sigaltstack: handler on the alternate stack=%d\n", on_alt);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tick;
	sigaction(SIGALRM, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &old);
	struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	while (ticks < 5)
		sigsuspend(&old);
	memset(&it, 0, sizeof it);
	setitimer(ITIMER_REAL, &it, NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("itimer: at least 5 ticks=%d\n", ticks >= 5);

	/* A blocking read interrupted by a handler: EINTR without SA_RESTART, resumed with it. The
	 * child signals once the parent sleeps (its /proc stat state), and writes the data only after
	 * the parent's handler ran. */
	int fds[2];
	pipe(fds);
	pipe(notify);
	sa.sa_handler = tick_notify;
	for (int restart = 0; restart < 2; restart++) {
		sa.sa_flags = restart ? SA_RESTART : 0;
		sigaction(SIGALRM, &sa, NULL);
		pid_t parent = getpid(), w = fork();
		if (w == 0) {
			char c, path[64];
			snprintf(path, sizeof path, "/proc/%d/stat", (int)parent);
			for (int i = 0; i < 10000; i++) {
				char buf[256] = "";
				FILE *f = fopen(path, "r");
				if (f) {
					fread(buf, 1, sizeof buf - 1, f);
					fclose(f);
				}
				char *e = strrchr(buf, ')');
				if (e && e[1] == ' ' && e[2] == 'S')
					break;
				usleep(1000);
			}
			kill(parent, SIGALRM);
			read(notify[0], &c, 1);
			write(fds[1], "x", 1);
			_exit(0);
		}
		char c = 0;
		ssize_t r = read(fds[0], &c, 1);
		printf("read with%s SA_RESTART: r=%zd %s\n", restart ? "" : "out", r,
		       r < 0 ? strerror(errno) : (c == 'x' ? "data" : "?"));
		if (r < 0)
			read(fds[0], &c, 1);
		waitpid(w, NULL, 0);
	}

	sa.sa_handler = on_chld;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	pid_t p = fork();
	if (p == 0)
		_exit(3);
	while (!chld)
		sigsuspend(&old);
	int status;
	pid_t w = waitpid(p, &status, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("sigchld: %d reaped=%d exit=%d\n", chld, w == p, WEXITSTATUS(status));

	/* signals to threads */
	sa.sa_handler = thr_handler;
	sa.sa_flags = 0;
	sigaction(SIGUSR2, &sa, NULL);
	pthread_create(&target_thread, NULL, sleeper, NULL);
	usleep(20000);
	pthread_kill(target_thread, SIGUSR2);
	void *r;
	pthread_join(target_thread, &r);
	printf("pthread_kill: handled in the target=%d\n", (int)thread_got);
	sigemptyset(&block);
	sigaddset(&block, SIGRTMIN + 2);
	pthread_sigmask(SIG_BLOCK, &block, NULL);
	pthread_t wt;
	pthread_create(&wt, NULL, waiter, NULL);
	usleep(20000);
	kill(getpid(), SIGRTMIN + 2);
	pthread_join(wt, &r);
	printf("sigwait in a thread: SIGRTMIN+%ld\n", (long)r);

	pthread_t ct;
	pthread_create(&ct, NULL, cancellable, NULL);
	usleep(20000);
	pthread_cancel(ct);
	pthread_join(ct, &r);
	printf("pthread_cancel in read: canceled=%d\n", r == PTHREAD_CANCELED);
	pthread_create(&ct, NULL, cancel_loop, NULL);
	usleep(20000);
	pthread_cancel(ct);
	pthread_join(ct, &r);
	printf("pthread_cancel asynchronous: canceled=%d\n", r == PTHREAD_CANCELED);
	return 0;
}
