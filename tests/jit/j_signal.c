// SPDX-License-Identifier: GPL-2.0-only
/*
 * j_signal.c — asynchronous signals must interrupt hot translated loops, and a handler must see
 * (and be able to change) the registers of an instruction boundary.
 *   j_signal            flag loops ended by a handler (timer; pthread_kill from another thread),
 *                       and the register-consistency loop (see regs_loop below)
 *   j_signal spin1|spin2|spin3 [handled]
 *                       a loop with no syscall and no memory access; SIGALRM's default action
 *                       must kill the process (the run script expects death by SIGALRM), or
 *                       with "handled" a handler must run and exit with status 42
 */

#include <pthread.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include "jt.h"

static volatile sig_atomic_t flag;

static void set_flag(int sig)
{
	(void)sig;
	flag = 1;
}

static void arm_timer(long usec, long interval_usec)
{
	struct itimerval it = { { 0, interval_usec }, { 0, usec } };
	setitimer(ITIMER_REAL, &it, NULL);
}

static void *kicker(void *arg)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	pthread_kill(*(pthread_t *)arg, SIGUSR1);
	return NULL;
}

static void test_flag_loops(void)
{
	unsigned long spins = 0;
	pthread_t self = pthread_self(), t;

	signal(SIGALRM, set_flag);
	flag = 0;
	arm_timer(100000, 0);
	while (!flag)
		spins++;
	CHECK("flag: while(!flag) on a volatile ended by a SIGALRM handler", flag == 1 && spins > 0,
	      "flag %d spins %lu", (int)flag, spins);

	signal(SIGUSR1, set_flag);
	flag = 0;
	pthread_create(&t, NULL, kicker, &self);
	while (!flag)
		;
	pthread_join(t, NULL);
	CHECK("flag: while(!flag) ended by pthread_kill(SIGUSR1) from another thread", flag == 1, "flag %d", (int)flag);
}

/*
 * regs_loop(out): x19 = n, x20 = 3n, x21 = 5n maintained by a loop that runs until x23 becomes
 * non-zero — which only the signal handler does, through the ucontext. At every instruction
 * boundary the registers and NZCV are a known function of the pc (table in check_regs()).
 * On return out[] = {x19, x20, x21}.
 */
__asm__(".text\n"
	".balign 16\n"
	".globl regs_loop\n"
	"regs_loop:\n"
	"	stp x19, x20, [sp, #-48]!\n"
	"	stp x21, x22, [sp, #16]\n"
	"	str x23, [sp, #32]\n"
	"	mov x19, #1\n"
	"	mov x20, #3\n"
	"	mov x21, #5\n"
	"	mov x23, #0\n"
	"	cmp x20, x19\n"
	".globl regs_l0\n"
	"regs_l0:	add x19, x19, #1\n"
	"	cmp x19, x20\n"
	"	add x20, x20, #3\n"
	"	add x21, x21, #5\n"
	"	cmp x20, x19\n"
	"	cbz x23, regs_l0\n"
	"	stp x19, x20, [x0]\n"
	"	str x21, [x0, #16]\n"
	"	ldp x21, x22, [sp, #16]\n"
	"	ldr x23, [sp, #32]\n"
	"	ldp x19, x20, [sp], #48\n"
	"	ret\n");
extern char regs_l0[];
void regs_loop(uint64_t out[3]);

static volatile int hits, bad_hits, outside;
static volatile uint64_t bad_pc, bad_x19, bad_x20, bad_x21, bad_nzcv;
static volatile int per_pc[6];

/* Whether registers x19-x21 and NZCV are those of the instruction boundary at pc. */
static int consistent(uint64_t pc, uint64_t a, uint64_t b, uint64_t c, uint64_t nzcv)
{
	int i = (pc - (uint64_t)regs_l0) / 4;
	uint64_t n = a;
	switch (i) {
	case 0: /* add x19 next */
	case 5: /* cbz next (after cmp x20,x19) */
		return b == 3 * n && c == 5 * n && nzcv == 0x20000000;
	case 1: /* cmp x19,x20 next: x19 already incremented */
		return b == 3 * (n - 1) && c == 5 * (n - 1) && nzcv == 0x20000000;
	case 2: /* add x20 next, flags of cmp x19,x20: negative, borrow */
		return b == 3 * (n - 1) && c == 5 * (n - 1) && nzcv == 0x80000000;
	case 3: /* add x21 next */
		return b == 3 * n && c == 5 * (n - 1) && nzcv == 0x80000000;
	case 4: /* cmp x20,x19 next */
		return b == 3 * n && c == 5 * n && nzcv == 0x80000000;
	}
	return 0;
}

static void regs_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	uint64_t pc = uc->uc_mcontext.pc;
	(void)sig;
	(void)si;
	if (pc < (uint64_t)regs_l0 || pc >= (uint64_t)regs_l0 + 24) {
		outside++;
		return;
	}
	per_pc[(pc - (uint64_t)regs_l0) / 4]++;
	if (!consistent(pc, uc->uc_mcontext.regs[19], uc->uc_mcontext.regs[20], uc->uc_mcontext.regs[21],
			uc->uc_mcontext.pstate & 0xf0000000u)) {
		if (!bad_hits++) {
			bad_pc = pc - (uint64_t)regs_l0;
			bad_x19 = uc->uc_mcontext.regs[19];
			bad_x20 = uc->uc_mcontext.regs[20];
			bad_x21 = uc->uc_mcontext.regs[21];
			bad_nzcv = uc->uc_mcontext.pstate;
		}
	}
	if (++hits >= 100)
		uc->uc_mcontext.regs[23] = 1; /* ends the loop */
}

static void test_regs(void)
{
	struct sigaction sa = { 0 };
	uint64_t out[3] = { 0, 0, 0 };

	sa.sa_sigaction = regs_handler;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	arm_timer(2000, 2000);
	regs_loop(out);
	arm_timer(0, 0);
	signal(SIGALRM, SIG_IGN);
	CHECK("regs: 100 SIGALRMs inside a hot register loop, each at a consistent boundary (regs, NZCV)",
	      hits >= 100 && bad_hits == 0,
	      "hits %d bad %d: at +%llu x19=%llu x20=%llu x21=%llu pstate=%#llx", hits, bad_hits,
	      (unsigned long long)bad_pc, (unsigned long long)bad_x19, (unsigned long long)bad_x20,
	      (unsigned long long)bad_x21, (unsigned long long)bad_nzcv);
	CHECK("regs: x23 written in the ucontext ended the loop; state after it is consistent",
	      out[0] > 1 && out[1] == 3 * out[0] && out[2] == 5 * out[0], "x19=%llu x20=%llu x21=%llu",
	      (unsigned long long)out[0], (unsigned long long)out[1], (unsigned long long)out[2]);
	fprintf(stderr, "regs: signals at +0..+20: %d %d %d %d %d %d, outside %d\n", per_pc[0], per_pc[1],
		per_pc[2], per_pc[3], per_pc[4], per_pc[5], outside);
}

static void exit_handler(int sig)
{
	(void)sig;
	_exit(42);
}

/*
 * Spin loops without syscalls or memory accesses; SIGALRM must end them: its default action
 * (the emulator may leave that to the host kernel), or, with "handled", a guest handler that
 * exits with status 42 (the emulator must interrupt the loop to run it).
 */
static void spin(const char *how, int handled)
{
	if (handled)
		signal(SIGALRM, exit_handler);
	arm_timer(200000, 0);
	if (!strcmp(how, "spin1"))
		__asm__ volatile("1: b 1b");
	else if (!strcmp(how, "spin2"))
		__asm__ volatile("mov x9, #0\n1: add x9, x9, #1\n b 1b" ::: "x9");
	else
		__asm__ volatile("mov x9, #1\n1: add x9, x9, #1\n b 2f\n nop\n2: eor x10, x9, #1\n cbnz x10, 1b"
				 ::: "x9", "x10", "cc");
	printf("spin %s: NO (the loop ended)\n", how);
	exit(1);
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		spin(argv[1], argc > 2 && !strcmp(argv[2], "handled"));
		return 1;
	}
	test_flag_loops();
	test_regs();
	return jt_exit();
}
