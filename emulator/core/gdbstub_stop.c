// SPDX-License-Identifier: GPL-2.0-only
/*
 * gdbstub_stop.c — all-stop for the debugger: the hooks the guest threads run through
 * (core/gdbstub.h), stop events, parking, breakpoints and memory access.
 *
 * The model: while g.stop_req is set no thread enters guest code (gdb_before_run() parks it), and
 * a stop is complete once no thread is between gdb_before_run() and gdb_after_run()
 * (g.nrunning == 0): each stopped thread is then at an instruction boundary or inside a system
 * call, whose registers are stable until it returns and parks. To stop the others quickly a
 * stopping thread raises their interrupt flag (vcpu.h): cpu_run() returns at the next taken
 * branch. A thread with something to report (a breakpoint, a finished step, a signal about to
 * be delivered) records it as its event, asks for the stop, wakes the server and waits to be
 * resumed; the server reports one event per stop, the others stay pending and are reported on
 * the next resume that would run their thread, as gdbserver does.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "gdbstub_int.h"
#include "syscall.h"

int gdb_on;
struct gdb_state g = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.cv = PTHREAD_COND_INITIALIZER,
	.srv_cv = PTHREAD_COND_INITIALIZER,
	.evpipe = { -1, -1 },
	.fd = -1,
	.memfd = -1,
};
static __thread struct gdb_thr *self;

/* The thread's record, or NULL when the debugger has nothing to do with it: no debugger, after
 * a detach, or a vfork child (another process, running on its parent's host thread). */
static struct gdb_thr *me(struct gthread *t)
{
	if (!gdb_on || t->is_vfork_child || !self || self->t != t)
		return NULL;
	return self;
}

struct gdb_thr *gdb_thr_find(int tid)
{
	for (struct gdb_thr *p = g.threads; p; p = p->next)
		if (p->tid == tid)
			return p;
	return NULL;
}

/* ---- signal numbers (GDB's enum gdb_signal, gdb/signals.def) ---- */

/* Linux 1..31 to GDB; 0 where GDB has no such signal */
static const unsigned char to_gdb[32] = {
	0, 1, 2, 3, 4, 5, 6, 10, 8, 9, 30, 11, 31, 13, 14, 15,
	0, 20, 19, 17, 18, 21, 22, 16, 24, 25, 26, 27, 28, 23, 32, 12,
};

int gdb_sig_to_gdb(int sig)
{
	if (sig > 0 && sig < 32)
		return to_gdb[sig] ? to_gdb[sig] : 143;	/* GDB_SIGNAL_UNKNOWN */
	if (sig == 32)
		return 77;			/* GDB_SIGNAL_REALTIME_32 */
	if (sig >= 33 && sig <= 63)
		return 45 + (sig - 33);		/* GDB_SIGNAL_REALTIME_33.. */
	if (sig == 64)
		return 78;
	return 0;
}

int gdb_sig_from_gdb(int gsig)
{
	for (int s = 1; s <= 64; s++)
		if (gdb_sig_to_gdb(s) == gsig)
			return s;
	return 0;
}

/* ---- stopping and resuming (g.lock held) ---- */

static void interrupt_running(void)
{
	for (struct gdb_thr *p = g.threads; p; p = p->next)
		if (p->running)
			p->t->xi->interrupt = 1;	/* cleared again by signal_rearm() after cpu_run() */
}

void gdb_stop_world(void)
{
	g.stop_req = 1;
	interrupt_running();
	while (g.nrunning > 0)
		pthread_cond_wait(&g.srv_cv, &g.lock);
}

void gdb_resume_world(void)
{
	g.stop_req = 0;
	pthread_cond_broadcast(&g.cv);
}

/* A signal GDB asked for (C sig after a breakpoint, or a different one than reported): queued
 * as if it had just arrived, delivered at the next boundary without being reported again. */
static void inject(struct gdb_thr *p, int sig)
{
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	si.si_signo = sig;
	si.si_code = SI_USER;
	si.si_pid = g.pid;
	p->t->pending_info[sig] = si;
	p->inject = sig;
	__atomic_or_fetch(&p->t->pending, 1ull << (sig - 1), __ATOMIC_SEQ_CST);
	p->t->xi->interrupt = 1;
}

/*
 * Post a stop event for the calling thread and wait until GDB resumes it. Returns the signal
 * GDB resumed it with (C/S), or 0; after a detach, -1.
 */
static int post(struct gdb_thr *p, enum gdb_event ev, int sig, uint64_t pc)
{
	pthread_mutex_lock(&g.lock);
	if (g.detached) {
		pthread_mutex_unlock(&g.lock);
		return -1;
	}
	p->ev = ev;
	p->ev_sig = sig;
	p->ev_pc = pc;
	if (!g.stop_req) {
		g.stop_req = 1;
		interrupt_running();
	}
	char c = 1;
	if (write(g.evpipe[1], &c, 1) < 0 && errno != EAGAIN)
		p->ev = EV_NONE;	/* cannot happen with a live pipe; do not wait forever */
	while (!g.detached && (p->ev != EV_NONE || g.stop_req || p->action == ACT_STAY))
		pthread_cond_wait(&g.cv, &g.lock);
	int rs = g.detached ? -1 : p->resume_sig;
	p->resume_sig = 0;
	pthread_mutex_unlock(&g.lock);
	return rs;
}

/* Does memory at pc hold one of the guest's breakpoint instructions (any kind)? g.lock held. */
static int brk_insn_at(uint64_t pc)
{
	uint8_t m[4];
	long n = gdb_mem_read(pc, m, sizeof(m));
	if (n >= guest.gdb->brk_len && !memcmp(m, guest.gdb->brk_insn, (size_t)guest.gdb->brk_len))
		return 1;
	for (const struct guest_gdb_brk *k = guest.gdb->brk_kinds; k && k->len; k++)
		if (n >= k->len && !memcmp(m, k->insn, (size_t)k->len))
			return 1;
	return 0;
}

/* ---- the hooks ---- */

void gdb_thread_start(struct gthread *t)
{
	if (!gdb_on || t->is_vfork_child)
		return;
	struct gdb_thr *p = calloc(1, sizeof(*p));
	if (!p)
		die("out of memory");
	p->t = t;
	p->tid = t->tid;
	p->rerun_pc = ~0ull;
	pthread_mutex_lock(&g.lock);
	/* born during a stop (its parent was in clone(2)): it waits for the next resume, which
	 * GDB's default action (vCont;c) covers */
	p->action = g.stop_req ? ACT_STAY : ACT_RUN;
	struct gdb_thr **pp = &g.threads;	/* in creation order, as GDB numbers them */
	while (*pp)
		pp = &(*pp)->next;
	*pp = p;
	pthread_cond_broadcast(&g.srv_cv);
	pthread_mutex_unlock(&g.lock);
	self = p;
}

void gdb_thread_end(struct gthread *t)
{
	struct gdb_thr *p = me(t);
	if (!p)
		return;
	pthread_mutex_lock(&g.lock);
	for (struct gdb_thr **pp = &g.threads; *pp; pp = &(*pp)->next)
		if (*pp == p) {
			*pp = p->next;
			break;
		}
	if (g.gthr == p)
		g.gthr = NULL;
	if (g.last == p)
		g.last = NULL;
	if (p->running) {
		p->running = 0;
		g.nrunning--;
	}
	pthread_cond_broadcast(&g.srv_cv);
	pthread_mutex_unlock(&g.lock);
	self = NULL;
	free(p);
}

void gdb_before_run(struct gthread *t)
{
	struct gdb_thr *p = me(t);
	if (!p)
		return;
	for (;;) {
		pthread_mutex_lock(&g.lock);
		while (!g.detached && (g.stop_req || p->action == ACT_STAY))
			pthread_cond_wait(&g.cv, &g.lock);
		if (g.detached) {
			t->xi->step = 0;
			pthread_mutex_unlock(&g.lock);
			return;
		}
		uint64_t pc = guest.get_pc(t->cpu);
		if (g.nhw && gdb_bp_at(pc, 1)) {
			pthread_mutex_unlock(&g.lock);
			int rs = post(p, EV_HWBREAK, SIGTRAP, pc);
			if (rs > 0)
				inject(p, rs);
			continue;
		}
		p->running = 1;
		g.nrunning++;
		p->stepping = p->action == ACT_STEP;
		/* hardware-style breakpoints are a pc check before every instruction: with any set,
		 * every thread runs one instruction per cpu_run() */
		t->xi->step = p->stepping || g.nhw;
		pthread_mutex_unlock(&g.lock);
		return;
	}
}

enum cpu_exit gdb_after_run(struct gthread *t, enum cpu_exit r)
{
	struct gdb_thr *p = me(t);
	if (!p)
		return r == CPU_EXIT_STEP ? CPU_EXIT_SIGNAL : r;
	pthread_mutex_lock(&g.lock);
	if (p->running) {
		p->running = 0;
		g.nrunning--;
		if (g.stop_req)
			pthread_cond_broadcast(&g.srv_cv);
	}
	int stepping = p->stepping;
	p->stepping = 0;
	t->xi->step = 0;
	uint64_t rerun = p->rerun_pc;
	p->rerun_pc = ~0ull;
	int rs = 0;
	switch (r) {
	case CPU_EXIT_STEP:
		pthread_mutex_unlock(&g.lock);
		if (stepping)
			rs = post(p, EV_STEP, SIGTRAP, 0);
		r = CPU_EXIT_SIGNAL;	/* nothing for the run loop to do */
		break;
	case CPU_EXIT_BRK: {
		uint64_t pc = guest.get_pc(t->cpu);
		if (gdb_bp_at(pc, 0)) {
			pthread_mutex_unlock(&g.lock);
			rs = post(p, EV_SWBREAK, SIGTRAP, pc);
			r = CPU_EXIT_SIGNAL;
			break;
		}
		/* one of ours removed since this thread executed it (a detach does that while the
		 * program runs): run the original instruction. Only once: the same exit again at
		 * the same pc is an instruction of the program's own (a BKPT, a BRK #imm) */
		if (rerun != pc && !brk_insn_at(pc)) {
			p->rerun_pc = pc;
			r = CPU_EXIT_SIGNAL;
		}
		pthread_mutex_unlock(&g.lock);
		break;	/* else the program's own BRK: SIGTRAP, reported as a signal */
	}
	case CPU_EXIT_SVC:
		p->step_svc = stepping;
		pthread_mutex_unlock(&g.lock);
		break;
	default:
		pthread_mutex_unlock(&g.lock);
		break;
	}
	if (rs > 0)
		inject(p, rs);
	return r;
}

void gdb_after_exit(struct gthread *t)
{
	struct gdb_thr *p = me(t);
	if (!p || !p->step_svc)
		return;
	p->step_svc = 0;
	int rs = post(p, EV_STEP, SIGTRAP, 0);
	if (rs > 0)
		inject(p, rs);
}

int gdb_signal(struct gthread *t, int sig)
{
	struct gdb_thr *p = me(t);
	if (!p)
		return sig;
	if (p->inject == sig) {
		p->inject = 0;
		return sig;
	}
	p->step_svc = 0;	/* the signal is the stop GDB sees */
	int rs = post(p, EV_SIGNAL, sig, 0);
	if (rs < 0)
		return sig;	/* detached meanwhile: the program gets what it would have */
	if (rs && rs != sig) {
		inject(p, rs);
		return 0;
	}
	return rs;
}

void gdb_process_exit(int status, int signo)
{
	if (!gdb_on || (cur && cur->is_vfork_child))
		return;
	if (signo == SIGSTOP || signo == SIGTSTP || signo == SIGTTIN || signo == SIGTTOU)
		return;
	pthread_mutex_lock(&g.lock);
	if (!g.detached && !g.exiting) {
		g.exiting = 1;
		g.exit_status = status;
		g.exit_sig = signo;
		if (!g.stop_req) {
			g.stop_req = 1;
			interrupt_running();
		}
		char c = 1;
		if (write(g.evpipe[1], &c, 1) == 1 || errno == EAGAIN) {
			/* until the server has told GDB, or a few seconds if GDB does not read */
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += 5;
			while (!g.exit_done && !g.detached)
				if (pthread_cond_timedwait(&g.cv, &g.lock, &ts) == ETIMEDOUT)
					break;
		}
	}
	pthread_mutex_unlock(&g.lock);
}

/* ---- memory and breakpoints (g.lock held, the world stopped) ---- */

long gdb_mem_read(uint64_t addr, uint8_t *buf, size_t len)
{
	addr &= guest.gdb->addr_mask;
	ssize_t n = pread(g.memfd, buf, len, (off_t)addr);
	if (n <= 0)
		return -1;
	/* show the program's own instructions, not our breakpoints */
	for (int i = 0; i < g.nbp; i++) {
		struct gdb_bp *b = &g.bp[i];
		if (b->hw)
			continue;
		for (int k = 0; k < b->len; k++)
			if (b->addr + (uint64_t)k >= addr && b->addr + (uint64_t)k < addr + (uint64_t)n)
				buf[b->addr + (uint64_t)k - addr] = b->orig[k];
	}
	return n;
}

long gdb_mem_write(uint64_t addr, const uint8_t *buf, size_t len)
{
	addr &= guest.gdb->addr_mask;
	ssize_t n = pwrite(g.memfd, buf, len, (off_t)addr);
	if (n <= 0)
		return -1;
	/* a write over one of our breakpoints changes what it will restore; it stays inserted */
	for (int i = 0; i < g.nbp; i++) {
		struct gdb_bp *b = &g.bp[i];
		if (b->hw || b->addr + (uint64_t)b->len <= addr || b->addr >= addr + (uint64_t)n)
			continue;
		for (int k = 0; k < b->len; k++)
			if (b->addr + (uint64_t)k >= addr && b->addr + (uint64_t)k < addr + (uint64_t)n)
				b->orig[k] = buf[b->addr + (uint64_t)k - addr];
		if (pwrite(g.memfd, b->insn, (size_t)b->len, (off_t)b->addr) < 0)
			return -1;
	}
	cpu_invalidate(addr, (uint64_t)n);	/* the code may have changed: translations go */
	return n;
}

int gdb_bp_at(uint64_t addr, int hw)
{
	addr &= guest.gdb->addr_mask;
	for (int i = 0; i < g.nbp; i++)
		if (g.bp[i].addr == addr && g.bp[i].hw == hw)
			return 1;
	return 0;
}

/* The breakpoint instruction for Z0's kind into b */
static void brk_for_kind(struct gdb_bp *b, int kind)
{
	for (const struct guest_gdb_brk *k = guest.gdb->brk_kinds; k && k->len; k++)
		if (k->kind == kind) {
			b->len = k->len;
			memcpy(b->insn, k->insn, (size_t)k->len);
			return;
		}
	b->len = guest.gdb->brk_len;
	memcpy(b->insn, guest.gdb->brk_insn, (size_t)b->len);
}

int gdb_bp_insert(uint64_t addr, int hw, int kind)
{
	addr &= guest.gdb->addr_mask;
	if (gdb_bp_at(addr, hw))
		return 0;
	if (g.nbp == GDB_MAX_BP)
		return -ENOSPC;
	struct gdb_bp *b = &g.bp[g.nbp];
	b->addr = addr;
	b->hw = hw;
	if (!hw) {
		brk_for_kind(b, kind);
		size_t l = (size_t)b->len;
		if (pread(g.memfd, b->orig, l, (off_t)addr) != (ssize_t)l)
			return -EFAULT;
		if (pwrite(g.memfd, b->insn, l, (off_t)addr) != (ssize_t)l)
			return -EFAULT;
		cpu_invalidate(addr, l);	/* translated code must see the breakpoint */
	} else {
		g.nhw++;
	}
	g.nbp++;
	return 0;
}

int gdb_bp_remove(uint64_t addr, int hw)
{
	addr &= guest.gdb->addr_mask;
	for (int i = 0; i < g.nbp; i++) {
		struct gdb_bp *b = &g.bp[i];
		if (b->addr != addr || b->hw != hw)
			continue;
		if (!hw) {
			size_t l = (size_t)b->len;
			if (pwrite(g.memfd, b->orig, l, (off_t)addr) != (ssize_t)l)
				return -EFAULT;
			cpu_invalidate(addr, l);
		} else {
			g.nhw--;
		}
		g.bp[i] = g.bp[--g.nbp];
		return 0;
	}
	return 0;	/* not inserted: nothing to do, as GDB expects */
}

void gdb_bp_remove_all(void)
{
	while (g.nbp)
		if (gdb_bp_remove(g.bp[0].addr, g.bp[0].hw) < 0)
			g.bp[0] = g.bp[--g.nbp];
}

/* A forked child is not debugged: it must not keep our breakpoints nor wait for GDB. */
static void fork_prepare(void) { pthread_mutex_lock(&g.lock); }
static void fork_parent(void) { pthread_mutex_unlock(&g.lock); }
static void fork_child(void)
{
	int fd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);	/* ours still names the parent */
	if (fd >= 0) {
		for (int i = 0; i < g.nbp; i++)
			if (!g.bp[i].hw && pwrite(fd, g.bp[i].orig, (size_t)g.bp[i].len, (off_t)g.bp[i].addr) > 0)
				cpu_invalidate(g.bp[i].addr, (uint64_t)g.bp[i].len);
		close(fd);
	}
	gdb_on = 0;
	g.nbp = g.nhw = 0;
	if (g.fd >= 0)
		close(g.fd);
	if (g.memfd >= 0)
		close(g.memfd);
	g.fd = g.memfd = -1;
	pthread_mutex_unlock(&g.lock);
}

void gdb_stop_init(void)
{
	pthread_atfork(fork_prepare, fork_parent, fork_child);
}
