// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_report — what the emulator does not implement is reported once, on stderr (tests/abi/run
 * checks the exact lines; docs/diagnostics.md).
 *   t_report syscall   unknown numbers 999 (three times, also from 4 threads at once) and 1999,
 *                      ptrace (deliberately ENOSYS), rseq (probed by glibc: quiet without -d)
 *   t_report insn      an unallocated encoding three times and another once, with a SIGILL
 *                      handler that skips them; UDF #7 (undefined on purpose: quiet); then one
 *                      more unallocated encoding with SIGILL at its default: the process dies
 *   t_report ioctl     an unknown request (type 0xee) three times on /dev/null and once on a
 *                      pipe; TCGETS on /dev/null (ENOTTY is isatty's answer: quiet); a KVM
 *                      request (refused); FIONREAD on a pipe (works)
 * stdout: the results (compared with qemu) and the addresses and fds the lines must name.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <termios.h>
#include <ucontext.h>
#include <unistd.h>

static const char *err(long r)
{
	return r == -1 ? strerrorname_np(errno) : "ok";
}

static void *call999(void *p)
{
	(void)p;
	syscall(999);
	return NULL;
}

static int do_syscall(void)
{
	for (int i = 0; i < 3; i++)
		printf("999: %s\n", err(syscall(999, i)));
	pthread_t th[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, call999, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	printf("1999: %s\n", err(syscall(1999)));
	printf("ptrace: %s\n", syscall(SYS_ptrace, 0x4200 /* PTRACE_SEIZE */, 1, 0, 0) == -1 ? "failed" : "ok");
	printf("rseq (bad length): %s\n", syscall(SYS_rseq, NULL, 0, 0, 0) == -1 ? "failed" : "ok");
	return 0;
}

/* Each in a function of its own, so each address is one instruction. */
extern char ill_a[], ill_b[], ill_udf[], ill_c[];
__attribute__((noinline)) static void exec_a(void)
{
	__asm__ volatile(".globl ill_a\nill_a: .inst 0x02000000" ::: "memory");
}
__attribute__((noinline)) static void exec_b(void)
{
	__asm__ volatile(".globl ill_b\nill_b: .inst 0x02000001" ::: "memory");
}
__attribute__((noinline)) static void exec_udf(void)
{
	__asm__ volatile(".globl ill_udf\nill_udf: udf #7" ::: "memory");
}
__attribute__((noinline)) static void exec_c(void)
{
	__asm__ volatile(".globl ill_c\nill_c: .inst 0x02000002" ::: "memory");
}

static volatile int sigills;

static void on_ill(int sig, siginfo_t *si, void *ucv)
{
	(void)sig;
	ucontext_t *uc = ucv;
	if ((char *)si->si_addr == (char *)uc->uc_mcontext.pc)
		sigills++;
	uc->uc_mcontext.pc += 4;
}

static int do_insn(void)
{
	printf("a=%p b=%p c=%p\n", (void *)ill_a, (void *)ill_b, (void *)ill_c);
	fflush(stdout);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_ill;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGILL, &sa, NULL);
	for (int i = 0; i < 3; i++)
		exec_a();
	exec_b();
	exec_udf();
	printf("SIGILL handled: %d\n", sigills);
	fflush(stdout);
	signal(SIGILL, SIG_DFL);
	exec_c();
	printf("survived an unallocated instruction\n");
	return 0;
}

static int do_ioctl(void)
{
	int fd = open("/dev/null", O_RDWR), p[2];
	if (fd < 0 || pipe(p))
		return 1;
	printf("null fd=%d\n", fd);
	for (int i = 0; i < 3; i++)
		printf("unknown on /dev/null: %s\n", err(ioctl(fd, _IO(0xee, 1))));
	printf("unknown on a pipe: %s\n", err(ioctl(p[0], _IO(0xee, 1))));
	struct termios tio;
	printf("TCGETS on /dev/null: %s\n", err(ioctl(fd, TCGETS, &tio)));
	printf("KVM_GET_API_VERSION on /dev/null: %s\n", err(ioctl(fd, _IO(0xae, 0))));
	int n = -1;
	if (write(p[1], "abc", 3) != 3)
		return 1;
	long r = ioctl(p[0], FIONREAD, &n);
	printf("FIONREAD on a pipe: %s %d\n", err(r), n);
	return 0;
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";
	if (!strcmp(m, "syscall"))
		return do_syscall();
	if (!strcmp(m, "insn"))
		return do_insn();
	if (!strcmp(m, "ioctl"))
		return do_ioctl();
	fprintf(stderr, "usage: t_report syscall|insn|ioctl\n");
	return 2;
}
