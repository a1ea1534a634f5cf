// SPDX-License-Identifier: GPL-2.0-only
/* t_signal — handlers, SA_SIGINFO, sigaltstack, SIGSEGV recovery with siglongjmp, SA_RESTART,
 * masks, sigsuspend, kill from another thread, nested signals, ucontext contents. */
#define _GNU_SOURCE
#include <errno.h>
#include <execinfo.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <poll.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#define CHECK(c) printf("%-60s %s\n", #c, (c) ? "yes" : "NO")

static volatile sig_atomic_t got, got_sig, got_code, on_alt, nested;
static volatile int got_val;
static volatile void *got_addr;
static sigjmp_buf jb;
static char altstk[65536];

static void h_simple(int s) { got++; got_sig = s; }
static void h_info(int s, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = s;
	got_code = si->si_code;
	got_val = si->si_value.sival_int;
	got++;
}
static void h_alt(int s)
{
	(void)s;
	char x;
	on_alt = (&x >= altstk && &x < altstk + sizeof(altstk));
	got++;
}
static volatile unsigned long uc_pc, uc_sp, uc_magic, uc_size, uc_mask_usr2;
static void h_segv(int s, siginfo_t *si, void *uc)
{
	ucontext_t *u = uc;
	struct { unsigned magic, size; } *rec = (void *)u->uc_mcontext.__reserved;
	uc_pc = u->uc_mcontext.pc;
	uc_sp = u->uc_mcontext.sp;
	uc_magic = rec->magic;
	uc_size = rec->size;
	uc_mask_usr2 = sigismember(&u->uc_sigmask, SIGUSR2);
	got_sig = s;
	got_addr = si->si_addr;
	got_code = si->si_code;
	(void)u;
	siglongjmp(jb, 1);
}
__attribute__((noinline)) static void branch_to(unsigned long to)
{
	__asm__ volatile("br %0" : : "r"(to));
}
static void *branch_thread(void *to)
{
	if (!sigsetjmp(jb, 1))
		branch_to((unsigned long)to);
	return NULL;
}
static void h_usr2(int s) { (void)s; nested++; }
static void h_usr1_nest(int s)
{
	(void)s;
	raise(SIGUSR2);	/* not blocked: runs nested inside this handler */
	nested += 10;
}
static volatile pid_t handler_tid;
static void h_tid(int s) { (void)s; handler_tid = gettid(); }
static int blk_pipe[2];
static volatile int blk_errno, blk_ret;
static volatile pid_t blk_tid;
static void *blocked_reader(void *a)
{
	(void)a;
	char c;
	blk_tid = gettid();
	blk_ret = (int)read(blk_pipe[0], &c, 1);
	blk_errno = errno;
	return NULL;
}
static volatile int bt_frames;
static void *bt_main_ret;
static volatile int bt_saw_caller;
static void h_bt(int s)
{
	void *b[64];
	(void)s;
	bt_frames = backtrace(b, 64);
	for (int i = 0; i < bt_frames; i++)
		if (b[i] == bt_main_ret)
			bt_saw_caller = 1;
}
__attribute__((noinline)) static void bt_inner(void)
{
	bt_main_ret = __builtin_return_address(0);
	raise(SIGUSR1);
	__asm__ volatile("");
}
static volatile int recurse_forever = 1;
static int recurse(int n)
{
	volatile char buf[1024];
	buf[0] = (char)n;
	return recurse_forever ? recurse(n + 1) + buf[0] : 0;
}
static void *killer(void *a)
{
	(void)a;
	usleep(20000);
	kill(getpid(), SIGUSR1);
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));

	/* unwinding through the signal frame (vDSO trampoline) back into the interrupted code */
	signal(SIGUSR1, h_bt);
	bt_inner();
	CHECK(bt_frames >= 6 && bt_saw_caller);

	/* plain handler via raise */
	signal(SIGUSR1, h_simple);
	raise(SIGUSR1);
	CHECK(got == 1 && got_sig == SIGUSR1);

	/* SA_SIGINFO with sigqueue value */
	sa.sa_sigaction = h_info;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR2, &sa, NULL);
	union sigval v = { .sival_int = 4242 };
	sigqueue(getpid(), SIGUSR2, v);
	CHECK(got_sig == SIGUSR2 && got_val == 4242 && got_code == SI_QUEUE);

	/* blocked signals stay pending */
	sigset_t m, old, pend;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigprocmask(SIG_BLOCK, &m, &old);
	got = 0;
	raise(SIGUSR1);
	CHECK(got == 0);
	sigpending(&pend);
	CHECK(sigismember(&pend, SIGUSR1));
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK(got == 1);

	/* sigaltstack */
	stack_t ss = { .ss_sp = altstk, .ss_size = sizeof(altstk), .ss_flags = 0 };
	CHECK(sigaltstack(&ss, NULL) == 0);
	stack_t cur;
	CHECK(sigaltstack(NULL, &cur) == 0 && cur.ss_sp == altstk && cur.ss_flags == 0);
	sa.sa_handler = h_alt;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGWINCH, &sa, NULL);
	got = 0;
	raise(SIGWINCH);
	CHECK(got == 1 && on_alt);

	/* SIGSEGV recovery */
	sa.sa_sigaction = h_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	char *bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!sigsetjmp(jb, 1)) {
		*(volatile char *)(bad + 16) = 1;
		CHECK(0);
	}
	CHECK(got_sig == SIGSEGV && got_addr == bad + 16 && got_code == SEGV_ACCERR);
	if (!sigsetjmp(jb, 1)) {
		*(volatile int *)8 = 1;
		CHECK(0);
	}
	CHECK(got_sig == SIGSEGV && got_addr == (void *)8 && got_code == SEGV_MAPERR);
	/* the mask is restored by siglongjmp: it happens again */
	if (!sigsetjmp(jb, 1)) {
		*(volatile char *)(bad) = 1;
		CHECK(0);
	}
	CHECK(got_addr == bad);

	/* stack overflow caught on the alternate stack */
	sa.sa_sigaction = h_segv;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGSEGV, &sa, NULL);
	got_sig = 0;
	if (!sigsetjmp(jb, 1)) {
		recurse(0);
		CHECK(0);
	}
	CHECK(got_sig == SIGSEGV);
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);

	/* SIGTRAP from BRK and SIGILL from an undefined instruction, at the faulting pc */
	sigaction(SIGTRAP, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	extern char brk_here[], udf_here[];
	if (!sigsetjmp(jb, 1)) {
		__asm__ volatile(".globl brk_here\nbrk_here: brk #0x3e8");
		CHECK(0);
	}
	CHECK(got_sig == SIGTRAP && got_addr == brk_here);
	if (!sigsetjmp(jb, 1)) {
		__asm__ volatile(".globl udf_here\nudf_here: .inst 0x00000000");
		CHECK(0);
	}
	CHECK(got_sig == SIGILL && got_addr == udf_here && got_code == ILL_ILLOPC);
	/* the ucontext: pc of the instruction, the FPSIMD record first in __reserved */
	CHECK(uc_pc == (unsigned long)udf_here && uc_magic == 0x46508001 && uc_size == 528);
	CHECK(uc_sp != 0 && (uc_sp & 15) == 0);
	/* uc_sigmask is the mask at the time of the signal */
	sigset_t m2, o2;
	sigemptyset(&m2);
	sigaddset(&m2, SIGUSR2);
	sigprocmask(SIG_BLOCK, &m2, &o2);
	if (!sigsetjmp(jb, 1))
		__asm__ volatile(".inst 0x00000000");
	CHECK(uc_mask_usr2 == 1);
	/* a branch to an address that is not 4-aligned faults at the target: SIGBUS BUS_ADRALN there
	 * (arm64 Linux's PC alignment fault; qemu 7.2 says SIGSEGV); to 0, SIGSEGV. Under the JIT
	 * these are indirect branches through the thread's indirect-branch cache, whose empty
	 * entries must match no target: each is tried first thing in a new thread (a new cache). */
	sigaction(SIGBUS, &sa, NULL);
	static const unsigned long targets[] = { 1, 0, 2, 3, 5, 0x1001 };
	for (unsigned k = 0; k < sizeof(targets) / sizeof(targets[0]); k++) {
		unsigned long to = targets[k];
		pthread_t th;
		got_sig = 0;
		uc_pc = 77;
		if (pthread_create(&th, NULL, branch_thread, (void *)to) || pthread_join(th, NULL))
			CHECK(0);
		if (to)
			printf("branch to %#lx: SIGBUS BUS_ADRALN at it %s\n", to,
			       got_sig == SIGBUS && got_code == BUS_ADRALN && got_addr == (void *)to && uc_pc == to ?
			       "yes" : "NO");
		else
			CHECK(got_sig == SIGSEGV && got_addr == NULL && got_code == SEGV_MAPERR && uc_pc == 0);
	}
	sigprocmask(SIG_SETMASK, &o2, NULL);

	/* SA_RESTART: read on a pipe survives a timer signal */
	int p[2];
	pipe(p);
	sa.sa_handler = h_simple;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	got = 0;
	struct itimerval it = { { 0, 0 }, { 0, 30000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	if (fork() == 0) {
		usleep(100000);
		write(p[1], "z", 1);
		_exit(0);
	}
	char c;
	ssize_t r = read(p[0], &c, 1);
	CHECK(r == 1 && c == 'z' && got == 1);
	/* without SA_RESTART: EINTR */
	sa.sa_flags = 0;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	r = read(p[0], &c, 1);
	CHECK(r < 0 && errno == EINTR);

	/* signal from another thread to a process blocked in sigsuspend */
	signal(SIGUSR1, h_simple);
	sigprocmask(SIG_BLOCK, &m, &old);
	pthread_t th;
	pthread_create(&th, NULL, killer, NULL);
	got = 0;
	sigset_t wait = old;
	sigdelset(&wait, SIGUSR1);
	sigsuspend(&wait);
	CHECK(got == 1);
	sigprocmask(SIG_SETMASK, &old, NULL);
	pthread_join(th, NULL);

	/* a signal to a thread blocked in read(): handler runs in that thread, read gets EINTR */
	pipe(blk_pipe);
	sa.sa_handler = h_tid;
	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR2, &sa, NULL);
	pthread_create(&th, NULL, blocked_reader, NULL);
	while (!blk_tid)
		usleep(1000);
	usleep(50000);
	pthread_kill(th, SIGUSR2);
	pthread_join(th, NULL);
	CHECK(blk_ret == -1 && blk_errno == EINTR && handler_tid == blk_tid);

	/* pselect/ppoll: a signal unblocked only by their temporary mask interrupts them, the
	 * handler runs, and the old mask is back afterwards */
	signal(SIGUSR1, h_simple);
	sigprocmask(SIG_BLOCK, &m, &old);
	sigset_t empty, now;
	sigemptyset(&empty);
	got = 0;
	pthread_create(&th, NULL, killer, NULL);
	r = pselect(0, NULL, NULL, NULL, NULL, &empty);
	pthread_join(th, NULL);
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK(r == -1 && errno == EINTR && got == 1 && sigismember(&now, SIGUSR1));
	got = 0;
	pthread_create(&th, NULL, killer, NULL);
	r = ppoll(NULL, 0, NULL, &empty);
	pthread_join(th, NULL);
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK(r == -1 && errno == EINTR && got == 1 && sigismember(&now, SIGUSR1));
	sigprocmask(SIG_SETMASK, &old, NULL);

	/* nested delivery and sa_mask */
	signal(SIGUSR2, h_usr2);
	sa.sa_handler = h_usr1_nest;
	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	nested = 0;
	raise(SIGUSR1);
	CHECK(nested == 11);
	sigaddset(&sa.sa_mask, SIGUSR2);
	sigaction(SIGUSR1, &sa, NULL);
	nested = 0;
	raise(SIGUSR1);
	CHECK(nested == 11);	/* deferred to the handler's end but still delivered */

	/* SIG_IGN and default-ignored */
	signal(SIGUSR1, SIG_IGN);
	raise(SIGUSR1);
	raise(SIGCHLD);
	CHECK(1);

	/* abort -> SIGABRT kills a child with the right status */
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGSEGV, SIG_DFL);
		*(volatile int *)0 = 1;
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	return 0;
}
