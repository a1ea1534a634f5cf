// SPDX-License-Identifier: GPL-2.0-only
/* t_arch — what the AArch64 guest description (emulator/guest/aarch64/guest.c) answers, as an
 * arm64 Linux without SVE, SME, PAC or MTE does: uname machine, AT_PLATFORM, AT_MINSIGSTKSZ,
 * MINSIGSTKSZ for sigaltstack, the arm64-only prctl options, a restarted read (the syscall
 * restart hook), the signal frame's registers. Every line must say "yes". */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <ucontext.h>
#include <unistd.h>

#define CHECK(c) printf("%-70s %s\n", #c, (c) ? "yes" : "NO")

static char altstk[65536];
static volatile sig_atomic_t got;
static volatile uint64_t frame_x19, frame_pc;

static void h_alarm(int sig) { (void)sig; got++; }

static void h_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	ucontext_t *u = uc;
	frame_x19 = u->uc_mcontext.regs[19];
	frame_pc = u->uc_mcontext.pc;
}

int main(void)
{
	struct utsname u;
	CHECK(uname(&u) == 0 && !strcmp(u.machine, "aarch64"));
	const char *plat = (const char *)getauxval(AT_PLATFORM);
	CHECK(plat && !strcmp(plat, "aarch64"));
	CHECK(getauxval(AT_MINSIGSTKSZ) == 4688 + 32);	/* rt_sigframe + frame record + slack */
	CHECK(getauxval(AT_HWCAP) & 2);			/* HWCAP_ASIMD */

	/* sigaltstack: arm64's MINSIGSTKSZ is 5120 */
	stack_t ss = { .ss_sp = altstk, .ss_size = 5119 };
	errno = 0;
	CHECK(sigaltstack(&ss, NULL) == -1 && errno == ENOMEM);
	ss.ss_size = 5120;
	CHECK(sigaltstack(&ss, NULL) == 0);
	ss.ss_flags = SS_DISABLE;
	CHECK(sigaltstack(&ss, NULL) == 0);

	/* the arm64-only prctl options: EINVAL when the feature is absent */
	errno = 0;
	CHECK(prctl(51 /* PR_SVE_GET_VL */, 0, 0, 0, 0) == -1 && errno == EINVAL);
	errno = 0;
	CHECK(prctl(56 /* PR_GET_TAGGED_ADDR_CTRL */, 0, 0, 0, 0) == -1 && errno == EINVAL);
	errno = 0;
	CHECK(prctl(54 /* PR_PAC_RESET_KEYS */, 0, 0, 0, 0) == -1 && errno == EINVAL);
	/* a generic option still reaches the host */
	char name[16] = "";
	CHECK(prctl(PR_SET_NAME, "t_arch_x", 0, 0, 0) == 0 && prctl(PR_GET_NAME, name, 0, 0, 0) == 0 &&
	      !strcmp(name, "t_arch_x"));

	/* SA_RESTART: a read interrupted by a handler runs again (pc back over the SVC, x0 = fd) */
	int p[2];
	CHECK(pipe(p) == 0);
	struct sigaction sa = { .sa_handler = h_alarm, .sa_flags = SA_RESTART };
	sigaction(SIGALRM, &sa, NULL);
	if (fork() == 0) {
		usleep(300000);
		if (write(p[1], "k", 1) != 1)
			_exit(1);
		_exit(0);
	}
	struct itimerval it = { .it_value = { 0, 50000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	char c = 0;
	ssize_t r = read(p[0], &c, 1);
	CHECK(r == 1 && c == 'k' && got == 1);

	/* the signal frame holds the interrupted registers */
	sa.sa_sigaction = h_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	/* kill(getpid(), SIGUSR1) by hand: delivered right after the SVC, with x19 as set here */
	register uint64_t x0 __asm__("x0") = (uint64_t)getpid();
	register uint64_t x1 __asm__("x1") = SIGUSR1;
	register uint64_t x8 __asm__("x8") = 129;	/* __NR_kill */
	uint64_t val = 0x1234567890abcdefull, after;
	__asm__ volatile("mov x19, %[v]\n\tadr %[pc], 1f\n\tsvc #0\n1:"
			 : "+r"(x0), [pc] "=&r"(after)
			 : "r"(x1), "r"(x8), [v] "r"(val)
			 : "x19", "memory");
	CHECK(x0 == 0 && frame_x19 == 0x1234567890abcdefull);
	CHECK(frame_pc == after);
	return 0;
}
