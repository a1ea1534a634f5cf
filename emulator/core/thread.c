// SPDX-License-Identifier: GPL-2.0-only
/*
 * thread.c — guest threads and processes: the per-thread run loop, clone/clone3 (CLONE_VM:
 * a host thread with its own struct cpu; otherwise fork, with vfork's suspension emulated),
 * set_tid_address/CLONE_CHILD_CLEARTID, exit vs exit_group.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "gdbstub.h"
#include "syscall.h"

__thread struct gthread *cur;
static int live_threads;

/* The size of a thread's block: the struct gthread, then its guest CPU (guest.cpu_size bytes,
 * 16-aligned), in whole pages. */
static size_t thread_block_size(void)
{
	size_t head = (sizeof(struct gthread) + 15) & ~(size_t)15;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	return (head + guest.cpu_size + page - 1) & ~(page - 1);
}

/* A zeroed thread with its guest CPU in one block, so thread_free(t) frees both. NULL when out
 * of memory. The block is fresh anonymous memory: zero without being written, so the pages
 * nobody uses (most of the 8 KiB of pending signal information, the untouched parts of the
 * CPU's indirect-branch cache) never become resident — a short process does not fault in
 * 40-odd KiB it never reads. */
static struct gthread *thread_alloc(void)
{
	size_t head = (sizeof(struct gthread) + 15) & ~(size_t)15;
	void *m = mmap(NULL, thread_block_size(), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	struct gthread *t = m;
	t->cpu = (struct cpu *)((char *)t + head);
	t->xi = guest.cpu_xinfo(t->cpu);
	cpu_init(t->cpu);
	return t;
}

static void thread_free(struct gthread *t)
{
	if (t)
		munmap(t, thread_block_size());
}

struct gthread *thread_new(void)
{
	struct gthread *t = thread_alloc();
	if (!t)
		die("out of memory");
	t->tid = (int)HS0(SYS_gettid);
	/* The process's first thread: the blocked set survives execve, and the host mask, which
	 * mirrors the guest's, is what the exec'ing process left (posix_spawn's
	 * POSIX_SPAWN_SETSIGMASK is applied just before execve). */
	uint64_t m = 0;
	if (HS4(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8) == 0)
		t->sigmask = m & ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
	signal_set_host_mask(t->sigmask);
	__atomic_add_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
	return t;
}

void thread_loop(struct gthread *t)
{
	cur = t;
	gdb_thread_start(t);
	for (;;) {
		enum cpu_exit r;
		if (sigsetjmp(t->fault_jmp, 0)) {
			r = CPU_EXIT_FAULT;	/* host_fault filled fault_*; see vcpu.h's fault contract */
			guest.set_pc(t->cpu, cpu_fault_pc(t->cpu));
			signal_set_host_mask(t->sigmask);
		} else {
			if (gdb_on)
				gdb_before_run(t);	/* the debugger: all-stop parking, single step */
			t->in_cpu = 1;
			r = cpu_run(t->cpu);
			t->in_cpu = 0;
		}
		if (gdb_on)
			r = gdb_after_run(t, r);	/* breakpoints and steps are stops, not signals */
		signal_rearm(t);
		switch (r) {
		case CPU_EXIT_SVC:
			syscall_dispatch(t);
			break;
		case CPU_EXIT_UDF:
			report_insn(guest.get_pc(t->cpu));
			signal_force(t, SIGILL, ILL_ILLOPC, guest.get_pc(t->cpu));
			break;
		case CPU_EXIT_BRK:
			signal_force(t, SIGTRAP, TRAP_BRKPT, guest.get_pc(t->cpu));
			break;
		case CPU_EXIT_FAULT:
			signal_force(t, t->xi->fault_signo ? t->xi->fault_signo : SIGSEGV,
				     t->xi->fault_code ? t->xi->fault_code : SEGV_MAPERR, t->xi->fault_addr);
			break;
		case CPU_EXIT_SIGNAL:
		default:
			break;
		}
		signal_deliver_pending(t);
		if (gdb_on)
			gdb_after_exit(t);	/* a step over a system call ends after it */
	}
}

void thread_exit(struct gthread *t, int status)
{
	uint64_t all = ~0ull;
	if (t->is_vfork_child)	/* a process of its own, sharing our counters and stacks */
		for (;;)
			HS1(SYS_exit_group, status);
	if (gdb_on)
		gdb_thread_end(t);
	HS4(SYS_rt_sigprocmask, SIG_SETMASK, &all, NULL, 8);
	if (t->clear_child_tid) {
		__atomic_store_n((int *)(uintptr_t)t->clear_child_tid, 0, __ATOMIC_SEQ_CST);
		HS6(SYS_futex, t->clear_child_tid, FUTEX_WAKE, 1, 0, 0, 0);
	}
	if (__atomic_sub_fetch(&live_threads, 1, __ATOMIC_SEQ_CST) == 0) {
		if (gdb_on)
			gdb_process_exit(status, 0);
		for (;;)
			HS1(SYS_exit_group, status);
	}
	cur = NULL;
	if (!t->is_main)
		siglongjmp(t->exit_jmp, 1);	/* back to thread_start: glibc reclaims the host thread */
	for (;;)
		HS1(SYS_exit, status);
}

struct start {
	struct gthread *t;
	uint64_t flags, ptid, ctid;
	sem_t ready;
	int tid;	/* the child's, for the parent: the child may be gone (t freed) once ready */
};

static void *thread_start(void *arg)
{
	struct start *s = arg;
	struct gthread *t = s->t;
	t->tid = (int)HS0(SYS_gettid);
	cur = t;
	if (s->flags & CLONE_PARENT_SETTID)
		__atomic_store_n((int *)(uintptr_t)s->ptid, t->tid, __ATOMIC_SEQ_CST);
	if (s->flags & CLONE_CHILD_SETTID)
		__atomic_store_n((int *)(uintptr_t)s->ctid, t->tid, __ATOMIC_SEQ_CST);
	signal_reclaim_host_internal();	/* before any guest code: see signal.c */
	signal_set_host_mask(t->sigmask);
	s->tid = t->tid;
	sem_post(&s->ready);	/* s is gone after this */
	if (sigsetjmp(t->exit_jmp, 0) == 0)
		thread_loop(t);
	cur = NULL;	/* a host signal from now on finds no thread (signal.c) */
	thread_free(t);
	return NULL;
}

static long new_thread(struct gthread *t, uint64_t flags, uint64_t newsp, uint64_t ptid, uint64_t tls, uint64_t ctid)
{
	struct gthread *nt = thread_alloc();
	if (!nt)
		return -ENOMEM;
	guest.clone_regs(nt->cpu, t->cpu, newsp, !!(flags & CLONE_SETTLS), tls);
	nt->sigmask = t->sigmask;
	nt->clear_child_tid = (flags & CLONE_CHILD_CLEARTID) ? ctid : 0;

	struct start s = { nt, flags, ptid, ctid, { { 0 } }, 0 };
	sem_init(&s.ready, 0, 0);
	pthread_attr_t at;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&at, 1u << 20);
	pthread_t th;
	__atomic_add_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
	int e = pthread_create(&th, &at, thread_start, &s);
	pthread_attr_destroy(&at);
	if (e) {
		__atomic_sub_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
		thread_free(nt);
		return -e;
	}
	while (sem_wait(&s.ready) && errno == EINTR)
		;
	sem_destroy(&s.ready);
	signal_set_host_mask(t->sigmask);	/* the host's pthread_create may have unblocked 32/33 */
	return s.tid;	/* not nt->tid: the thread may already have exited and freed nt */
}

/*
 * CLONE_VM|CLONE_VFORK (posix_spawn, vfork): a real vfork. The child process shares all memory
 * with us, runs on its own host stack with its own struct gthread and private signal
 * dispositions, while the kernel keeps this thread suspended until the child execs or exits.
 * Nothing is copied, and what the child writes (posix_spawn's error code) is seen by the parent.
 * The child runs on this thread's TLS, so `cur` and the disposition table pointer are restored
 * here when we resume.
 */
long xarch_vfork_clone(unsigned long flags, void *stack_top, void (*fn)(void *), void *arg);
__asm__(".text\n.globl xarch_vfork_clone\n.type xarch_vfork_clone,@function\n"
	"xarch_vfork_clone:\n"
	"\tsub $16, %rsi\n"
	"\tmov %rdx, (%rsi)\n"		/* fn */
	"\tmov %rcx, 8(%rsi)\n"		/* arg */
	"\tmov $56, %eax\n"			/* SYS_clone(flags, newsp, 0, 0, 0) */
	"\txor %edx, %edx\n"
	"\txor %r10d, %r10d\n"
	"\txor %r8d, %r8d\n"
	"\tsyscall\n"
	"\ttest %rax, %rax\n"
	"\tjnz 1f\n"
	"\tpop %rax\n"
	"\tpop %rdi\n"
	"\tand $-16, %rsp\n"
	"\tcall *%rax\n"
	"\tmov $231, %eax\n"			/* not reached: exit_group(127) */
	"\tmov $127, %edi\n"
	"\tsyscall\n"
	"1:\tret\n");

static long new_process(struct gthread *t, uint64_t flags, uint64_t newsp, uint64_t ptid, uint64_t tls,
			uint64_t ctid);

struct vfork_start {
	struct gthread *t;
	uint64_t flags, ctid;
};

static void vfork_child(void *arg)
{
	struct vfork_start *vs = arg;
	struct gthread *ct = vs->t;
	cur = ct;
	ct->tid = (int)HS0(SYS_gettid);
	if (vs->flags & CLONE_CHILD_SETTID)
		*(int *)(uintptr_t)vs->ctid = ct->tid;
	thread_loop(ct);
}

static long vfork_process(struct gthread *t, uint64_t flags, uint64_t newsp, uint64_t ptid, uint64_t tls,
			  uint64_t ctid, int exit_signal)
{
	const size_t stk = 256 << 10;
	void *stack = mmap(NULL, stk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	struct gthread *ct = thread_alloc();
	struct gabi_sigaction *acts = malloc(SIGNAL_ACTIONS_SIZE);
	if (stack == MAP_FAILED || !ct || !acts) {
		if (stack != MAP_FAILED)
			munmap(stack, stk);
		thread_free(ct);
		free(acts);
		return -ENOMEM;
	}
	guest.clone_regs(ct->cpu, t->cpu, newsp, !!(flags & CLONE_SETTLS), tls);
	ct->sigmask = t->sigmask;
	ct->altstack = t->altstack;
	ct->is_vfork_child = 1;
	ct->clear_child_tid = (flags & CLONE_CHILD_CLEARTID) ? ctid : 0;
	struct vfork_start vs = { ct, flags, ctid };

	/* One vfork at a time (the disposition table pointer is process-wide). A vfork child
	 * must not wait for it (its parent holds it): it forks instead. */
	static pthread_mutex_t vfork_lock = PTHREAD_MUTEX_INITIALIZER;
	if (t->is_vfork_child ? pthread_mutex_trylock(&vfork_lock) : pthread_mutex_lock(&vfork_lock)) {
		munmap(stack, stk);
		thread_free(ct);
		free(acts);
		return new_process(t, flags & ~(uint64_t)CLONE_VM, newsp, ptid, tls, ctid);
	}
	struct gabi_sigaction *old = signal_swap_actions(acts);
	long pid = xarch_vfork_clone(CLONE_VM | CLONE_VFORK | (exit_signal & 0xff), (char *)stack + stk, vfork_child, &vs);
	signal_restore_actions(old);
	cur = t;
	pthread_mutex_unlock(&vfork_lock);
	munmap(stack, stk);
	thread_free(ct);
	free(acts);
	if (pid > 0 && (flags & CLONE_PARENT_SETTID))
		*(int *)(uintptr_t)ptid = (int)pid;
	return pid;
}

static long new_process(struct gthread *t, uint64_t flags, uint64_t newsp, uint64_t ptid, uint64_t tls, uint64_t ctid)
{
	int vp[2] = { -1, -1 };
	if ((flags & CLONE_VFORK) && HS2(SYS_pipe2, vp, O_CLOEXEC) < 0)
		vp[0] = vp[1] = -1;
	pid_t pid;
	uint64_t ns = flags & (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |
			       CLONE_NEWNET | CLONE_NEWCGROUP);
	if (ns) {
		/* New namespaces: a raw fork-like clone with those flags (glibc's fork has none);
		 * our own locks are taken around it as pthread_atfork would. */
		abi_fork_locks(1);
		long r = HS5(SYS_clone, ns | SIGCHLD, 0, 0, 0, 0);
		abi_fork_locks(0);
		if (r < 0) {
			errno = (int)-r;
			pid = -1;
		} else {
			pid = (pid_t)r;
		}
	} else {
		pid = fork();
	}
	if (pid < 0) {
		long e = -errno;
		if (vp[0] >= 0) {
			close(vp[0]);
			close(vp[1]);
		}
		return e;
	}
	if (pid == 0) {
		if (vp[0] >= 0)
			close(vp[0]);	/* vp[1] closes on exec or exit: the parent resumes */
		t->tid = (int)HS0(SYS_gettid);
		live_threads = 1;
		if (flags & CLONE_CHILD_SETTID)
			*(int *)(uintptr_t)ctid = t->tid;
		if (flags & CLONE_CHILD_CLEARTID)
			t->clear_child_tid = ctid;
		guest.clone_regs(t->cpu, t->cpu, newsp, !!(flags & CLONE_SETTLS), tls);
		return 0;
	}
	if (flags & CLONE_PARENT_SETTID)
		*(int *)(uintptr_t)ptid = pid;
	if (vp[0] >= 0) {
		char c;
		close(vp[1]);
		while (read(vp[0], &c, 1) < 0 && errno == EINTR)
			;
		close(vp[0]);
	}
	return pid;
}

long thread_clone(struct gthread *t, uint64_t flags, uint64_t newsp, uint64_t ptid, uint64_t tls, uint64_t ctid,
		  int exit_signal)
{
	if ((flags & CLONE_VM) && !(flags & CLONE_VFORK)) {
		if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
			return -EINVAL;
		return new_thread(t, flags, newsp, ptid, tls, ctid);
	}
	if (flags & (CLONE_THREAD | CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK) &&
	    !(flags & (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET |
		       CLONE_NEWCGROUP)))
		return vfork_process(t, flags, newsp, ptid, tls, ctid, exit_signal);
	return new_process(t, flags, newsp, ptid, tls, ctid);
}

/* arm64: clone(flags, newsp, parent_tid, tls, child_tid) */
long sys_clone(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)hostnr;
	return thread_clone(t, a[0] & ~0xffull, a[1], a[2], a[3], a[4], (int)(a[0] & 0xff));
}

long sys_clone3(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)hostnr;
	struct gabi_clone_args ca;
	memset(&ca, 0, sizeof(ca));
	if (a[1] < 64 || a[1] > 4096)
		return -EINVAL;
	memcpy(&ca, (void *)(uintptr_t)a[0], a[1] < sizeof(ca) ? a[1] : sizeof(ca));
	if (ca.set_tid || ca.set_tid_size || ca.cgroup || (ca.flags & CLONE_PIDFD))
		return -EINVAL;
	uint64_t sp = ca.stack ? ca.stack + ca.stack_size : 0;
	return thread_clone(t, ca.flags, sp, ca.parent_tid, ca.tls, ca.child_tid, (int)ca.exit_signal);
}
