// SPDX-License-Identifier: GPL-2.0-only
/* signals: the ARM frames (sigframe/rt_sigframe), ARM and Thumb handlers, ucontext registers,
 * the VFP record, sigaltstack, a fault address, SA_RESTART, siginfo in its 32-bit layout */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/ucontext.h>
#include <sys/wait.h>
#include "common.h"

static volatile int got, got_thumb, got_arm, in_alt, fault_ok, fault_self;
static volatile uint32_t seen_r4, seen_r5, seen_pc_ok, seen_cpsr_t;
static char *fault_page;
static sigjmp_buf jb;
static char altstack[65536];

static void plain(int sig)
{
	got = sig;
}

static void __attribute__((target("thumb"), noinline)) thumb_handler(int sig)
{
	got_thumb = sig;
}

static void __attribute__((target("arm"), noinline)) arm_handler(int sig)
{
	got_arm = sig;
}

static void info_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	(void)sig;
	seen_r4 = uc->uc_mcontext.arm_r4;
	seen_r5 = uc->uc_mcontext.arm_r5;
	seen_pc_ok = si->si_code == SI_TKILL && si->si_pid == getpid();
	seen_cpsr_t = (uc->uc_mcontext.arm_cpsr >> 5) & 1;
	uc->uc_mcontext.arm_r6 = 0x44444444;	/* sigreturn must load it */
	/* the VFP record: magic 0x56465001, size 0x120 */
	uint32_t *rs = (uint32_t *)uc->uc_regspace;
	if (rs[0] == 0x56465001 && rs[1] == 0x120) {
		uint64_t d8;
		memcpy(&d8, (char *)rs + 8 + 8 * 8, 8);
		if (d8 == 0x3ff8000000000000ull)	/* 1.5 */
			got = -1;
	}
}

static void alt_handler(int sig)
{
	char local;
	(void)sig;
	in_alt = &local > altstack && &local < altstack + sizeof(altstack);
}

static void segv_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	fault_ok = sig == SIGSEGV && si->si_addr == fault_page + 8 && si->si_code == SEGV_ACCERR;
	fault_self = uc->uc_mcontext.fault_address == (unsigned long)(fault_page + 8);
	siglongjmp(jb, 1);
}

static void *writer(void *arg)
{
	usleep(200000);
	write((int)(intptr_t)arg, "z", 1);
	return NULL;
}

static void nothing(int sig)
{
	(void)sig;
	got++;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = plain;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	CHECK("handler without SA_SIGINFO (sigreturn)", got == SIGUSR1);
	sa.sa_handler = thumb_handler;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	CHECK("Thumb handler", got_thumb == SIGUSR1);
	sa.sa_handler = arm_handler;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	CHECK("ARM handler", got_arm == SIGUSR1);

	/* without SA_RESTORER (the raw rt_sigaction): the handler returns through the kernel's
	 * sigreturn code (Linux: the [sigpage]), with and without SA_SIGINFO */
	struct { uint32_t handler, flags, restorer, mask[2]; } ka = { (uint32_t)(uintptr_t)thumb_handler, 0, 0, { 0, 0 } };
	got_thumb = 0;
	CHECK("raw rt_sigaction without SA_RESTORER", rawsc(SYS_rt_sigaction, SIGUSR1, (long)&ka, 0, 8, 0, 0) == 0);
	raise(SIGUSR1);
	CHECK("returned through the sigreturn code (Thumb handler)", got_thumb == SIGUSR1);
	ka.handler = (uint32_t)(uintptr_t)arm_handler;
	ka.flags = SA_SIGINFO;
	got_arm = 0;
	rawsc(SYS_rt_sigaction, SIGUSR1, (long)&ka, 0, 8, 0, 0);
	raise(SIGUSR1);
	CHECK("returned through the rt_sigreturn code (ARM handler, SA_SIGINFO)", got_arm == SIGUSR1);

	/* registers in the ucontext, a register changed by the handler, d8 in the VFP record */
	sa.sa_sigaction = info_handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR2, &sa, NULL);
	got = 0;
	long pid = getpid(), tid = syscall(SYS_gettid);
	static const double onehalf = 1.5;
	register long r0 __asm__("r0") = pid;
	register long r1 __asm__("r1") = tid;
	register long r2 __asm__("r2") = SIGUSR2;
	register long r7 __asm__("r7") = SYS_tgkill;
	uint32_t r6out;
	__asm__ volatile("vldr d8, [%[p]]\n\t"
			 "mov r4, #0x11\n\t"
			 "mov r5, #0x22\n\t"
			 "mov r6, #0x33\n\t"
			 "svc 0\n\t"
			 "mov %[o], r6\n\t"
			 : "+r"(r0), [o] "=r"(r6out)
			 : "r"(r1), "r"(r2), "r"(r7), [p] "r"(&onehalf)
			 : "r4", "r5", "r6", "d8", "memory");
	CHECK("ucontext r4, r5", seen_r4 == 0x11 && seen_r5 == 0x22);
	CHECK("si_code SI_TKILL, si_pid", seen_pc_ok);
#ifdef __thumb__
	CHECK("CPSR.T set in the frame (Thumb code)", seen_cpsr_t == 1);
#else
	CHECK("CPSR.T clear in the frame (ARM code)", seen_cpsr_t == 0);
#endif
	CHECK("register set by the handler restored by rt_sigreturn", r6out == 0x44444444);
	CHECK("d8 in the VFP record", got == -1);

	/* sigaltstack */
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0 }, old;
	CHECK("sigaltstack", sigaltstack(&ss, NULL) == 0 && sigaltstack(NULL, &old) == 0 && old.ss_sp == altstack &&
	      old.ss_size == sizeof(altstack) && old.ss_flags == 0);
	sa.sa_handler = alt_handler;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	CHECK("handler on the alternate stack", in_alt);

	/* a fault: si_addr, SEGV_ACCERR; sigcontext.fault_address (qemu leaves it 0) */
	fault_page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	sa.sa_sigaction = segv_handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	if (!sigsetjmp(jb, 1))
		*(volatile int *)(fault_page + 8) = 1;
	CHECK("SIGSEGV: si_addr, si_code", fault_ok);
	SELF("SIGSEGV: sigcontext fault_address", fault_self);

	/* SA_RESTART: a read interrupted by a handled signal goes on */
	int p[2];
	pipe(p);
	sa.sa_handler = nothing;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	pthread_t th;
	pthread_create(&th, NULL, writer, (void *)(intptr_t)p[1]);
	got = 0;
	ualarm(50000, 0);
	char c;
	ssize_t rr = read(p[0], &c, 1);
	pthread_join(th, NULL);
	CHECK("SA_RESTART read", rr == 1 && c == 'z' && got == 1);
	/* the same with the SVC in this file's instruction set (restart: 4 bytes back in ARM state,
	 * 2 in Thumb) */
	pthread_create(&th, NULL, writer, (void *)(intptr_t)p[1]);
	got = 0;
	ualarm(50000, 0);
	rr = rawsc(SYS_read, p[0], (long)&c, 1, 0, 0, 0);
	pthread_join(th, NULL);
	CHECK("SA_RESTART raw read in this instruction set", rr == 1 && c == 'z' && got == 1);
	sa.sa_flags = 0;
	sigaction(SIGALRM, &sa, NULL);
	ualarm(50000, 0);
	rr = read(p[0], &c, 1);
	CHECK("read without SA_RESTART: EINTR", rr == -1 && errno == EINTR);

	/* siginfo through sigtimedwait and sigqueue; waitid */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	union sigval val = { .sival_int = 42 };
	sigqueue(getpid(), SIGUSR1, val);
	siginfo_t si;
	struct timespec to = { 1, 0 };
	int s = sigtimedwait(&set, &si, &to);
	CHECK("sigqueue/sigtimedwait siginfo", s == SIGUSR1 && si.si_code == SI_QUEUE && si.si_value.sival_int == 42 &&
	      si.si_pid == getpid() && si.si_uid == getuid());
	kill(getpid(), SIGUSR1);
	CHECK("sigpending", sigpending(&set) == 0 && sigismember(&set, SIGUSR1));
	s = sigwaitinfo(&set, &si);
	CHECK("kill/sigwaitinfo siginfo", s == SIGUSR1 && si.si_code == SI_USER && si.si_pid == getpid());
	pid_t child = fork();
	if (child == 0)
		_exit(3);
	memset(&si, 0, sizeof(si));
	CHECK("waitid siginfo", waitid(P_PID, child, &si, WEXITED) == 0 && si.si_pid == child && si.si_status == 3 &&
	      si.si_code == CLD_EXITED && si.si_signo == SIGCHLD);
	return 0;
}
