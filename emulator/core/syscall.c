// SPDX-License-Identifier: GPL-2.0-only
/*
 * syscall.c — guest syscall dispatch through THE table (syscall_table.h), plus the small
 * handlers that belong to no topic file (identity, prctl, SysV IPC control, pass-through).
 */
#include <errno.h>
#include <linux/futex.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "gdbstub.h"
#include "syscall.h"

long host_syscall(long nr, long a, long b, long c, long d, long e, long f)
{
	long ret;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/*
 * THE path of every host syscall made on behalf of a guest syscall that may block (all
 * pass-through rows, and the blocking call of every translating handler).
 *
 * A guest signal is caught on the host by signal.c's host_async(), which records it and raises
 * cpu.interrupt; while a caught signal is still deliverable, cpu.interrupt stays raised
 * (signal_rearm()). The region [xarch_safe_start, xarch_safe_end) begins by testing that flag
 * and ends with the syscall instruction itself, and host_async() moves a thread whose host pc
 * is inside the region to xarch_safe_eintr. So a signal caught at any point before the host
 * kernel has entered the syscall (in guest code just before the SVC, in the dispatcher, or in
 * the region) gives SC_RESTART: the syscall was not started, the signal is delivered first and
 * the SVC executes again afterwards, exactly as if the signal had arrived before the SVC. A
 * signal caught once the kernel runs the syscall interrupts it the host's way (-EINTR from a
 * wait, never from a regular file), and the SA_RESTART rules apply (syscall_dispatch()).
 * Since a syscall that was not started is restarted, never failed, any syscall may use this
 * path; only calls that can sleep need to.
 */
__asm__(".text\n"
	".globl xarch_safe_syscall\n.type xarch_safe_syscall,@function\n"
	"xarch_safe_syscall:\n"
	"\tmov %rdi, %r11\n"		/* flag */
	"\tmov %rsi, %rax\n"		/* nr */
	"\tmov %rdx, %rdi\n"
	"\tmov %rcx, %rsi\n"
	"\tmov %r8, %rdx\n"
	"\tmov %r9, %r10\n"
	"\tmov 8(%rsp), %r8\n"
	"\tmov 16(%rsp), %r9\n"
	".globl xarch_safe_start\nxarch_safe_start:\n"
	"\tcmpl $0, (%r11)\n"
	"\tjne xarch_safe_eintr\n"
	"\tsyscall\n"
	".globl xarch_safe_end\nxarch_safe_end:\n"
	"\tret\n"
	".globl xarch_safe_eintr\nxarch_safe_eintr:\n"
	"\tmov $-4104, %rax\n"		/* SC_RESTART */
	"\tret\n"
	".size xarch_safe_syscall, .-xarch_safe_syscall\n");
_Static_assert(SC_RESTART == -4104, "xarch_safe_eintr returns SC_RESTART");
long xarch_safe_syscall(volatile int *flag, long nr, long a, long b, long c, long d, long e, long f);

long host_syscall_safe(struct gthread *t, long nr, long a, long b, long c, long d, long e, long f)
{
	return xarch_safe_syscall(&t->xi->interrupt, nr, a, b, c, d, e, f);
}

/* Pass-through: the arguments unchanged to the host syscall (same ABI on both sides), through
 * the interruptible path above. */
long sys_pass(struct gthread *t, const uint64_t *a, int hostnr)
{
	return host_syscall_safe(t, hostnr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4], (long)a[5]);
}

/* A register of the guest's syscall convention (guest.sysregs). */
static inline uint64_t sysreg_get(const struct cpu *c, int32_t off)
{
	const char *p = (const char *)c + off;
	if (__builtin_expect(guest.reg_bytes == 8, 1))
		return *(const uint64_t *)(const void *)p;
	return *(const uint32_t *)(const void *)p;
}

static inline void sysreg_set(struct cpu *c, int32_t off, uint64_t v)
{
	char *p = (char *)c + off;
	if (__builtin_expect(guest.reg_bytes == 8, 1))
		*(uint64_t *)(void *)p = v;
	else
		*(uint32_t *)(void *)p = (uint32_t)v;
}

const struct syscall_row *syscall_row(unsigned nr)
{
	const struct syscall_table *tab = guest.syscalls;
	if (nr >= tab->len) {
		if (nr - tab->priv_base < tab->priv_len && tab->priv_rows[nr - tab->priv_base].fn)
			return &tab->priv_rows[nr - tab->priv_base];
		return NULL;
	}
	if (!tab->rows[nr].fn)
		return NULL;
	return &tab->rows[nr];
}

/* Deliberate ENOSYS rows (unknown numbers: syscall_dispatch); report.c decides what to say. */
long sys_enosys(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)a;
	(void)hostnr;
	unsigned nr = (unsigned)sysreg_get(t->cpu, guest.sysregs.nr);
	report_syscall(nr, syscall_row(nr), -ENOSYS);
	return -ENOSYS;
}

static long call_guarded(struct gthread *t, const struct syscall_row *row, const uint64_t *a)
{
	long r;
	if (sigsetjmp(t->uaccess_jmp, 0)) {
		t->uaccess = 0;
		signal_set_host_mask(t->sigmask);
		return -EFAULT;
	}
	t->uaccess = 1;
	r = row->fn(t, a, row->hostnr);
	t->uaccess = 0;
	return r;
}

/* May a call that a handler interrupted (EINTR) run again after it, given SA_RESTART? */
static int restartable(const struct syscall_row *row, const uint64_t *a)
{
	if (row->flags & SC_NORESTART)
		return 0;
	if (row->flags & SC_FUTEX) {
		unsigned cmd = (unsigned)a[1] & ~(unsigned)(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
		if ((cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) && a[3])
			return 0;
	}
	return 1;
}

void syscall_dispatch(struct gthread *t)
{
	struct cpu *c = t->cpu;
	unsigned nr = (unsigned)sysreg_get(c, guest.sysregs.nr);
	uint64_t a[6];
	const char *args = (const char *)c + guest.sysregs.arg0;
	if (__builtin_expect(guest.reg_bytes == 8, 1)) {
		memcpy(a, args, sizeof(a));
	} else {
		for (int i = 0; i < 6; i++)
			a[i] = ((const uint32_t *)(const void *)args)[i];
	}
	const struct syscall_row *row = syscall_row(nr);
	long r;

	if (proc.strace)
		strace_enter(t, nr, a);
	if (row) {
		/* A bad guest pointer dereferenced by a handler is EFAULT, as in the kernel
		 * (signal.c's host_fault jumps back here). Handlers touch guest memory outside
		 * their locks. */
		r = call_guarded(t, row, a);
	} else {
		report_syscall(nr, NULL, -ENOSYS);
		r = -ENOSYS;
	}
	if (r == SC_NOREG) {
		if (proc.strace)
			strace_exit(t, nr, a, (long)sysreg_get(c, guest.sysregs.ret));
		return;
	}
	if (r == SC_RESTART) {
		/* Not started (see host_syscall_safe): deliver, then execute the SVC again. */
		guest.syscall_restart(c, a[0]);
		if (proc.strace)
			strace_exit(t, nr, a, SC_RESTART);
		return;
	}
	r = errno_to_guest(r);
	if (r == -EINTR && row && restartable(row, a) && signal_interrupted(t, r, row)) {
		/* SA_RESTART: re-execute the SVC after the handler returns. */
		guest.syscall_restart(c, a[0]);
		if (proc.strace)
			strace_exit(t, nr, a, -512 /* ERESTARTSYS */);
		return;
	}
	sysreg_set(c, guest.sysregs.ret, (uint64_t)r);
	if (proc.strace)
		strace_exit(t, nr, a, r);
}

/* ---- identity ---- */

long sys_uname(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct utsname *u = (struct utsname *)(uintptr_t)a[0];
	long r = HS1(hostnr, u);
	if (r == 0) {
		memset(u->machine, 0, sizeof(u->machine));
		strcpy(u->machine, proc.uname_machine);
	}
	return r;
}

long sys_prctl(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	long r;
	if (guest.prctl && guest.prctl(a, &r))
		return r;	/* the architecture's own options */
	switch (a[0]) {
	case PR_SET_SECCOMP:
		/* A filter would see host (x86_64) syscalls of the emulator: refuse. */
		return -EINVAL;
	case G_PR_GET_AUXV: {
		size_t n = a[2] < proc.auxv_len ? a[2] : proc.auxv_len;
		if (a[3] || a[4])
			return -EINVAL;
		memcpy((void *)(uintptr_t)a[1], (void *)(uintptr_t)proc.auxv, n);
		return (long)proc.auxv_len;
	}
	default:
		return HS5(hostnr, a[0], a[1], a[2], a[3], a[4]);
	}
}

long sys_seccomp(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	(void)a;
	(void)hostnr;
	return -EINVAL;	/* see sys_prctl: filters would apply to the emulator itself */
}

/*
 * msgctl/semctl/shmctl: glibc on arm64 may set IPC_64 (0x100) in cmd; the x86_64 kernel has
 * no ipc_parse_version and would reject it. The 64-bit structures are the same except
 * semid64_ds, which x86_64 pads; IPC_STAT/SEM_STAT on semaphores are converted below.
 */
long sys_ipcctl(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	long cmd = (long)(a[hostnr == SYS_semctl ? 2 : 1] & ~0x100ul);
	if (hostnr == SYS_semctl) {
		if (cmd == 2 /* IPC_STAT */ || cmd == 18 /* SEM_STAT */ || cmd == 20 /* SEM_STAT_ANY */ ||
		    cmd == 1 /* IPC_SET */) {
			/* x86_64 semid64_ds: perm(48) otime unused1 ctime unused2 nsems u3 u4;
			 * generic 64-bit:    perm(48) otime ctime nsems u3 u4. */
			uint64_t h[6 + 8] = { 0 };
			uint64_t *g = (uint64_t *)(uintptr_t)a[3];
			if (cmd == 1) {
				memcpy(h, g, 48);
				h[6] = g[6];
				h[8] = g[7];
				h[10] = g[8];
			}
			long r = HS4(hostnr, a[0], a[1], cmd, h);
			if (r >= 0 && cmd != 1) {
				memcpy(g, h, 48);
				g[6] = h[6];
				g[7] = h[8];
				g[8] = h[10];
				g[9] = 0;
				g[10] = 0;
			}
			return r;
		}
		return HS4(hostnr, a[0], a[1], cmd, a[3]);
	}
	return HS3(hostnr, a[0], cmd, a[2]);
}

long sys_set_tid_address(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)hostnr;
	t->clear_child_tid = a[0];
	return t->tid;
}

long sys_exit(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)hostnr;
	thread_exit(t, (int)a[0]);
}

long sys_exit_group(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	(void)hostnr;
	if (gdb_on)
		gdb_process_exit((int)a[0], 0);
	for (;;)
		HS1(SYS_exit_group, (int)a[0]);
}
