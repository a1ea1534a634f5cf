// SPDX-License-Identifier: GPL-2.0-only
/*
 * signal.c — guest signals with Linux semantics (the frame itself is the guest's: guest.h).
 *
 * Dispositions live here; the host disposition mirrors them (SIG_DFL/SIG_IGN passed through so
 * the host kernel performs default actions itself, a guest handler becomes host_async). The
 * host signal mask of each thread mirrors the guest mask, so the host kernel picks the target
 * thread, keeps blocked signals pending and implements sigwait/signalfd natively. A caught
 * signal is recorded in the thread and cpu->interrupt is raised; it is delivered at the next
 * instruction boundary (or when the interrupted syscall returns EINTR) by the guest's
 * sigframe_setup() (guest.h), which builds its architecture's rt_sigframe on the guest stack.
 *
 * Host SIGSEGV/SIGBUS are kept by the emulator (never blocked, never SIG_DFL while running):
 * one taken inside cpu_run() is a guest fault at the guest pc (vcpu.h contract).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>
#include "gdbstub.h"
#include "syscall.h"

#define BIT(s) (1ull << ((s) - 1))
/* Signals the host must never block: guest faults arrive through them. */
#define SYNC_MASK (BIT(SIGSEGV) | BIT(SIGBUS) | BIT(SIGILL) | BIT(SIGFPE) | BIT(SIGTRAP))
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))

static struct gabi_sigaction gact_main[G_NSIG + 1];
/* Dispositions in use. A vfork child (thread.c) shares our memory but must have its own
 * dispositions (posix_spawn's child resets handlers): it points this at a private copy, and the
 * parent restores the pointer when it resumes. */
static struct gabi_sigaction *gact = gact_main;

struct gabi_sigaction *signal_swap_actions(struct gabi_sigaction *n)
{
	struct gabi_sigaction *old = gact;
	if (n) {
		memcpy(n, gact, sizeof(gact_main));
		gact = n;
	}
	return old;
}

void signal_restore_actions(struct gabi_sigaction *old)
{
	gact = old;
}
static pthread_mutex_t act_lock = PTHREAD_MUTEX_INITIALIZER;
static void act_prepare(void) { pthread_mutex_lock(&act_lock); }
static void act_release(void) { pthread_mutex_unlock(&act_lock); }

void abi_fork_locks(int take)
{
	if (take) {
		act_prepare();
		mmap_fork_locks(1);
		cpu_fork_locks(1);
	} else {
		cpu_fork_locks(0);
		mmap_fork_locks(0);
		act_release();
	}
}

/* The kernel's struct sigaction for x86_64 rt_sigaction (not glibc's). */
struct host_ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	uint64_t mask;
};
extern void xarch_host_restorer(void);
__asm__(".text\n.globl xarch_host_restorer\n.type xarch_host_restorer,@function\n"
	"xarch_host_restorer:\n\tmov $15, %rax\n\tsyscall\n\thlt\n");

static int host_sigaction(int sig, void *handler, unsigned long flags)
{
	struct host_ksigaction ka = { handler, flags | 0x04000000 /* SA_RESTORER */, xarch_host_restorer,
				      ~(SYNC_MASK | UNBLOCKABLE) };
	if (handler == SIG_DFL || handler == SIG_IGN)
		ka.mask = 0;
	return (int)HS4(SYS_rt_sigaction, sig, &ka, NULL, 8);
}

void signal_set_host_mask(uint64_t guest_mask)
{
	uint64_t m = guest_mask & ~(SYNC_MASK | UNBLOCKABLE);
	HS4(SYS_rt_sigprocmask, SIG_SETMASK, &m, NULL, 8);
}

static void host_async(int sig, siginfo_t *si, void *uc)
{
	struct gthread *t = cur;
	if (!t || sig < 1 || sig > G_NSIG)
		return;
	t->pending_info[sig] = *si;
	__atomic_or_fetch(&t->pending, BIT(sig), __ATOMIC_SEQ_CST);
	t->xi->interrupt = 1;
	/* About to enter a blocking syscall: make it return -EINTR instead (syscall.c). */
	ucontext_t *u = uc;
	uintptr_t ip = (uintptr_t)u->uc_mcontext.gregs[REG_RIP];
	if (ip >= (uintptr_t)xarch_safe_start && ip < (uintptr_t)xarch_safe_end)
		u->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)xarch_safe_eintr;
}

/* The ucontext's general registers in x86 encoding order (RAX, RCX, RDX, RBX, RSP, RBP, ...). */
static void save_host_gprs(uint64_t gpr[16], const ucontext_t *u)
{
	static const int order[16] = { REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
				       REG_R8,	REG_R9,	 REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15 };
	for (int k = 0; k < 16; k++)
		gpr[k] = (uint64_t)u->uc_mcontext.gregs[order[k]];
}

static void host_fault(int sig, siginfo_t *si, void *uc)
{
	struct gthread *t = cur;
	if (si->si_code <= 0 || si->si_code == SI_KERNEL) {
		/* Sent by kill/tgkill/sigqueue: an asynchronous signal for the guest. */
		if (si->si_code != SI_KERNEL) {
			host_async(sig, si, uc);
			return;
		}
	}
	if (t && t->in_cpu) {
		t->xi->fault_host_pc = (uint64_t)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP];
		save_host_gprs(t->xi->fault_host_gpr, uc);
		t->xi->fault_addr = (uint64_t)(uintptr_t)si->si_addr;
		t->xi->fault_signo = sig;
		/* SI_KERNEL: a non-canonical address (no si_addr); arm64 would say MAPERR */
		t->xi->fault_code = si->si_code == SI_KERNEL ? SEGV_MAPERR : si->si_code;
		t->in_cpu = 0;
		siglongjmp(t->fault_jmp, 1);
	}
	if (t && t->uaccess) {
		t->uaccess = 0;
		siglongjmp(t->uaccess_jmp, 1);
	}
	/* A fault in the emulator itself: let it crash visibly. */
	host_sigaction(sig, SIG_DFL, 0);
}

void signal_init(void)
{
	pthread_atfork(act_prepare, act_release, act_release);
	host_sigaction(SIGSEGV, (void *)host_fault, SA_SIGINFO | SA_NODEFER);
	host_sigaction(SIGBUS, (void *)host_fault, SA_SIGINFO | SA_NODEFER);
	/* Inherited dispositions: a guest started with SIGINT ignored keeps it ignored. */
	for (int s = 1; s <= G_NSIG; s++) {
		struct host_ksigaction old;
		if (s == SIGKILL || s == SIGSTOP || s == SIGSEGV || s == SIGBUS)
			continue;
		if (HS4(SYS_rt_sigaction, s, NULL, &old, 8) == 0 && old.handler == SIG_IGN)
			gact[s].handler = G_SIG_IGN;
	}
}

/* The host disposition for guest action n (act_lock held). */
static void host_apply(int sig, const struct gabi_sigaction *n)
{
	unsigned long hf = n->flags & (SA_NOCLDSTOP | SA_NOCLDWAIT);
	if (n->handler == G_SIG_DFL)
		host_sigaction(sig, SIG_DFL, hf);
	else if (n->handler == G_SIG_IGN)
		host_sigaction(sig, SIG_IGN, hf);
	else
		host_sigaction(sig, (void *)host_async, hf | SA_SIGINFO);
}

/*
 * Signals 32 and 33 are glibc's SIGCANCEL and SIGSETXID on both sides. The emulator's own
 * (host) glibc installs its SIGSETXID handler and unblocks both in the calling thread the first
 * time pthread_create() runs while it believes the process single-threaded (its "late init", at
 * the guest's first clone), over the handler the guest's glibc had just installed. The guest's
 * setxid broadcast (tgkill 33) then ran the host's handler, which passes its checks (SI_TKILL from
 * our own pid) and reads the host's never-armed setxid command through a NULL pointer: a host
 * SIGSEGV, taken as EFAULT of the interrupted guest syscall (a guest SIGSEGV in guest code, an
 * emulator crash elsewhere), while the guest's handler never ran and the caller waited for it.
 * thread.c calls this in every new host thread before any guest code runs (the host's late init
 * has finished by then, and the creating thread waits): the guest's dispositions are put back.
 */
void signal_reclaim_host_internal(void)
{
	pthread_mutex_lock(&act_lock);
	for (int s = 32; s <= 33; s++)
		host_apply(s, &gact[s]);
	pthread_mutex_unlock(&act_lock);
}

/* ---- rt_sigaction / rt_sigprocmask / rt_sigpending / sigaltstack ---- */

long sys_rt_sigaction(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	(void)hostnr;
	int sig = (int)a[0];
	if (sig < 1 || sig > G_NSIG || a[3] != 8)
		return -EINVAL;
	struct gabi_sigaction *act = (void *)(uintptr_t)a[1], *oact = (void *)(uintptr_t)a[2];
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	struct gabi_sigaction n;
	if (act)
		n = *act;	/* guest memory: read outside the lock */
	pthread_mutex_lock(&act_lock);
	struct gabi_sigaction old = gact[sig];
	if (act) {
		n.mask &= ~UNBLOCKABLE;
		gact[sig] = n;
		if (sig != SIGSEGV && sig != SIGBUS)
			host_apply(sig, &n);
	}
	pthread_mutex_unlock(&act_lock);
	if (oact)
		*oact = old;
	return 0;
}

long sys_rt_sigprocmask(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)hostnr;
	if (a[3] != 8)
		return -EINVAL;
	uint64_t old = t->sigmask, n = old;
	if (a[1]) {
		uint64_t s = *(uint64_t *)(uintptr_t)a[1];
		switch (a[0]) {
		case SIG_BLOCK: n = old | s; break;
		case SIG_UNBLOCK: n = old & ~s; break;
		case SIG_SETMASK: n = s; break;
		default: return -EINVAL;
		}
		n &= ~UNBLOCKABLE;
		/* A signal this thread caught but has not delivered yet, about to be blocked:
		 * it arrived before the call, so deliver it first (it may be a process-directed
		 * one that no other thread can take any more) and run the call again. Checked
		 * again once the host mask is in place, for one caught in between. */
		if (t->pending & n & ~old)
			return SC_RESTART;
		t->sigmask = n;
		signal_set_host_mask(n);
		if (t->pending & n & ~old) {
			t->sigmask = old;
			signal_set_host_mask(old);
			return SC_RESTART;
		}
	}
	if (a[2])
		*(uint64_t *)(uintptr_t)a[2] = old;
	return 0;
}

long sys_rt_sigpending(struct gthread *t, const uint64_t *a, int hostnr)
{
	if (a[1] != 8)
		return -EINVAL;
	uint64_t host = 0;
	(void)hostnr;
	long r = HS2(SYS_rt_sigpending, &host, 8);
	if (r < 0)
		return r;
	*(uint64_t *)(uintptr_t)a[0] = (host | t->pending) & t->sigmask;
	return 0;
}

static int on_altstack(struct gthread *t, uint64_t sp)
{
	return t->altstack.ss_size && sp > t->altstack.ss_sp && sp <= t->altstack.ss_sp + t->altstack.ss_size;
}

long sys_sigaltstack(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)hostnr;
	struct gabi_stack *ss = (void *)(uintptr_t)a[0], *oss = (void *)(uintptr_t)a[1];
	struct gabi_stack old = t->altstack;
	int on = on_altstack(t, guest.get_sp(t->cpu));
	old.ss_flags = on ? G_SS_ONSTACK : (t->altstack.ss_size ? (int32_t)(t->altstack.ss_flags & G_SS_AUTODISARM)
							      : G_SS_DISABLE);
	if (ss) {
		struct gabi_stack n = *ss;
		if (on)
			return -EPERM;
		uint32_t mode = (uint32_t)n.ss_flags & ~G_SS_AUTODISARM;
		if (mode != 0 && mode != G_SS_DISABLE && mode != G_SS_ONSTACK)
			return -EINVAL;
		if (mode == G_SS_DISABLE) {
			memset(&t->altstack, 0, sizeof(t->altstack));
		} else {
			if (n.ss_size < guest.sigaltstack_min)
				return -ENOMEM;
			t->altstack.ss_sp = n.ss_sp;
			t->altstack.ss_size = n.ss_size;
			t->altstack.ss_flags = n.ss_flags & (int32_t)G_SS_AUTODISARM;
		}
	}
	if (oss) {
		if (!old.ss_size)
			old.ss_sp = 0;
		*oss = old;
	}
	return 0;
}

long sys_rt_sigsuspend(struct gthread *t, const uint64_t *a, int hostnr)
{
	if (a[1] != 8)
		return -EINVAL;
	uint64_t n = *(uint64_t *)(uintptr_t)a[0] & ~UNBLOCKABLE;
	t->saved_mask = t->sigmask;
	t->saved_mask_valid = 1;
	t->sigmask = n;
	if (t->pending & ~n)	/* already caught: do not sleep */
		return -EINTR;
	uint64_t h = n & ~(SYNC_MASK | UNBLOCKABLE);
	long r = host_syscall_safe(t, hostnr, (long)&h, 8, 0, 0, 0, 0);
	if (r == SC_RESTART) {	/* caught before the wait began: under the old mask */
		t->sigmask = t->saved_mask;
		t->saved_mask_valid = 0;
	}
	return r;
}

/*
 * ppoll/pselect6/epoll_pwait with a signal mask: like rt_sigsuspend, the temporary mask is the
 * guest's mask while waiting and while a handler caught during the wait is delivered; the
 * original comes back on sigreturn (or right away when nothing interrupted the wait).
 * Returns the host mask to pass, or sets *eintr when a caught signal is already deliverable.
 */
uint64_t signal_tempmask_begin(struct gthread *t, uint64_t gmask, int *eintr)
{
	gmask &= ~UNBLOCKABLE;
	t->saved_mask = t->sigmask;
	t->saved_mask_valid = 1;
	t->sigmask = gmask;
	*eintr = (t->pending & ~gmask) != 0;
	return gmask & ~(SYNC_MASK | UNBLOCKABLE);
}

void signal_tempmask_end(struct gthread *t, long ret)
{
	if (ret == -EINTR && (t->pending & ~t->sigmask))
		return;	/* signal_deliver_pending puts saved_mask in the frame */
	t->sigmask = t->saved_mask;
	t->saved_mask_valid = 0;
}

/* ---- delivery ---- */

int signal_interrupted(struct gthread *t, long ret, const struct syscall_row *row)
{
	(void)ret;
	uint64_t p = t->pending & ~t->sigmask;
	if (!p)
		return 0;
	int sig = __builtin_ctzll(p) + 1;
	return (gact[sig].flags & G_SA_RESTART) && !(row->flags & SC_NORESTART) &&
	       gact[sig].handler != G_SIG_DFL && gact[sig].handler != G_SIG_IGN;
}

/* xi->interrupt stays raised while a caught signal is deliverable, so that cpu_run() and the
 * blocking-syscall region (syscall.c) notice one caught before they started. */
void signal_rearm(struct gthread *t)
{
	t->xi->interrupt = 0;
	if (t->pending & ~t->sigmask)	/* read after the store: a handler in between re-raises it */
		t->xi->interrupt = 1;
}

/* The guest's ignored and caught sets (bit n-1 = signal n), as /proc/<pid>/stat shows them. */
void signal_dispositions(uint64_t *ignored, uint64_t *caught)
{
	*ignored = *caught = 0;
	for (int s = 1; s <= G_NSIG; s++) {
		if (gact[s].handler == G_SIG_IGN)
			*ignored |= BIT(s);
		else if (gact[s].handler != G_SIG_DFL)
			*caught |= BIT(s);
	}
}

static int default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

/* Terminate (or stop) the process the way the host kernel would for sig. */
static void die_by_signal(int sig)
{
	if (gdb_on)
		gdb_process_exit(0, sig);
	host_sigaction(sig, SIG_DFL, 0);
	uint64_t m = BIT(sig);
	HS4(SYS_rt_sigprocmask, SIG_UNBLOCK, &m, NULL, 8);
	HS3(SYS_tgkill, getpid(), HS0(SYS_gettid), sig);
	if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU)
		return;	/* continued: carry on */
	/* Signals that do nothing by default end up here only if racing a disposition change. */
	HS1(SYS_exit_group, 128 + sig);
}

/* Build the guest's rt_sigframe (guest.h) and enter the handler. Returns 0, or -1 if the frame
 * could not be written (the caller then kills the process with SIGSEGV, as Linux does). */
static int setup_frame(struct gthread *t, int sig, const siginfo_t *info, const struct gabi_sigaction *act)
{
	uint64_t sp = guest.get_sp(t->cpu);
	int was_on = on_altstack(t, sp);
	struct gabi_stack saved_alt = t->altstack;
	saved_alt.ss_flags = was_on ? G_SS_ONSTACK : (t->altstack.ss_size ? 0 : G_SS_DISABLE);
	if ((act->flags & G_SA_ONSTACK) && t->altstack.ss_size && !was_on) {
		sp = t->altstack.ss_sp + t->altstack.ss_size;
		if (t->altstack.ss_flags & (int32_t)G_SS_AUTODISARM)
			memset(&t->altstack, 0, sizeof(t->altstack));
	}
	if (!guest.sigframe_setup(t->cpu, sp, sig, info, act, t->saved_mask_valid ? t->saved_mask : t->sigmask,
				  &saved_alt, proc.sigtramp))
		return -1;

	uint64_t nm = t->sigmask | act->mask;
	if (!(act->flags & G_SA_NODEFER))
		nm |= BIT(sig);
	t->sigmask = nm & ~UNBLOCKABLE;
	t->saved_mask_valid = 0;
	signal_set_host_mask(t->sigmask);
	if (act->flags & G_SA_RESETHAND) {
		pthread_mutex_lock(&act_lock);
		gact[sig].handler = G_SIG_DFL;
		gact[sig].flags &= ~G_SA_SIGINFO;
		if (sig != SIGSEGV && sig != SIGBUS)
			host_sigaction(sig, SIG_DFL, 0);
		pthread_mutex_unlock(&act_lock);
	}
	return 0;
}

static void deliver(struct gthread *t, int sig, const siginfo_t *info, int forced)
{
	if (gdb_on && !gdb_signal(t, sig))	/* the debugger sees it first and may discard it */
		return;
	struct gabi_sigaction act = gact[sig];
	if (proc.strace) {
		char b[160];
		int n = snprintf(b, sizeof(b), "[%d] --- SIG%s {si_signo=%d, si_code=%d, si_addr=0x%llx} at pc 0x%llx ---\n",
				 t->tid, sigabbrev_np(sig) ? sigabbrev_np(sig) : "SIG?", sig, info->si_code,
				 (unsigned long long)(uintptr_t)info->si_addr, (unsigned long long)guest.get_pc(t->cpu));
		HS3(SYS_write, 2, b, n);
	}
	if (act.handler == G_SIG_IGN && !forced)
		return;
	if (act.handler == G_SIG_DFL || act.handler == G_SIG_IGN) {
		if (!forced && default_ignored(sig))
			return;
		die_by_signal(sig);
		return;
	}
	if (setup_frame(t, sig, info, &act) < 0)
		die_by_signal(SIGSEGV);
}

void signal_deliver_pending(struct gthread *t)
{
	for (;;) {
		uint64_t p = t->pending & ~t->sigmask;
		if (!p)
			break;
		int sig = __builtin_ctzll(p) + 1;
		siginfo_t info = t->pending_info[sig];
		__atomic_and_fetch(&t->pending, ~BIT(sig), __ATOMIC_SEQ_CST);
		deliver(t, sig, &info, 0);
	}
	if (t->saved_mask_valid) {	/* sigsuspend woke for nothing deliverable */
		t->sigmask = t->saved_mask;
		t->saved_mask_valid = 0;
		signal_set_host_mask(t->sigmask);
	}
	signal_rearm(t);
}

void signal_force(struct gthread *t, int sig, int code, uint64_t addr)
{
	siginfo_t info;
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.si_addr = (void *)(uintptr_t)addr;
	if (proc.debug && (gact[sig].handler == G_SIG_DFL || gact[sig].handler == G_SIG_IGN ||
			   (t->sigmask & BIT(sig))))
		fprintf(stderr, "%s: guest %s (code %d) at pc 0x%llx, insn 0x%08x, addr 0x%llx\n",
			guest.emu_name, strsignal(sig), code, (unsigned long long)guest.get_pc(t->cpu),
			mmap_is_guest(guest.get_pc(t->cpu), 4) ? *(uint32_t *)(uintptr_t)guest.get_pc(t->cpu) : 0,
			(unsigned long long)addr);
	/* Like force_sig_fault: a blocked or ignored synchronous signal kills. */
	if ((t->sigmask & BIT(sig)) || gact[sig].handler == G_SIG_IGN) {
		die_by_signal(sig);
		return;
	}
	deliver(t, sig, &info, 1);
}

long sys_rt_sigreturn(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)a;
	(void)hostnr;
	uint64_t mask;
	struct gabi_stack ss;
	if (guest.sigframe_restore(t->cpu, &mask, &ss) < 0) {
		die_by_signal(SIGSEGV);
		return SC_NOREG;
	}
	t->sigmask = mask & ~UNBLOCKABLE;
	signal_set_host_mask(t->sigmask);
	/* restore_altstack: ignored while on the stack (EPERM in the kernel). */
	if (!on_altstack(t, guest.get_sp(t->cpu)) && !(ss.ss_flags & G_SS_ONSTACK)) {
		if (ss.ss_flags & G_SS_DISABLE)
			memset(&t->altstack, 0, sizeof(t->altstack));
		else if (ss.ss_size >= guest.sigaltstack_min) {
			t->altstack.ss_sp = ss.ss_sp;
			t->altstack.ss_size = ss.ss_size;
			t->altstack.ss_flags = ss.ss_flags & (int32_t)G_SS_AUTODISARM;
		}
	}
	return SC_NOREG;
}
