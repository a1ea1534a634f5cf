/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * syscall.h — the Linux user ABI layer: process and thread state shared by main, loader,
 * syscall*, signal, thread, mmap, procfs and strace.
 */
#ifndef XARCH_SYSCALL_H
#define XARCH_SYSCALL_H

#include <stdint.h>
#include <stddef.h>
#include <signal.h>
#include <setjmp.h>
#include "guest.h"
#include "linux_abi.h"
#include "vcpu.h"

/* One guest thread: its CPU plus what Linux keeps per task. */
struct gthread {
	struct cpu *cpu;		/* the guest's CPU (opaque here: guest.h), allocated with the thread */
	struct cpu_xinfo *xi;		/* its exit information and interrupt flag (vcpu.h) */
	int tid;
	uint64_t clear_child_tid;	/* set_tid_address / CLONE_CHILD_CLEARTID */
	uint64_t sigmask;		/* guest blocked set (bit n-1 = signal n) */
	uint64_t saved_mask;		/* rt_sigsuspend/pselect: mask to restore after delivery */
	int saved_mask_valid;
	volatile uint64_t pending;	/* signals taken by the host handler, not yet delivered */
	siginfo_t pending_info[G_NSIG + 1];
	struct gabi_stack altstack;
	int in_cpu;			/* inside cpu_run: a host SIGSEGV there is a guest fault */
	sigjmp_buf fault_jmp;
	int uaccess;			/* inside a guarded copy of guest memory */
	sigjmp_buf uaccess_jmp;
	int is_main;			/* the initial thread (exits with a raw exit) */
	int is_vfork_child;		/* runs in a CLONE_VM|CLONE_VFORK child process */
	sigjmp_buf exit_jmp;		/* other threads: return to the host thread's start */
};

extern __thread struct gthread *cur;

/* Process-wide state. */
struct proc {
	const char *sysroot;		/* NULL or absolute, no trailing '/' */
	size_t sysroot_len;
	char exe[4096];			/* guest binary, absolute host path */
	char *cmdline;			/* argv as NUL-separated bytes for /proc/self/cmdline */
	size_t cmdline_len;
	uint64_t auxv;			/* guest address of the auxv on the initial stack */
	size_t auxv_len;		/* bytes, including AT_NULL */
	uint64_t brk_start, brk_cur, brk_mapped;
	uint64_t stack_lo, stack_hi;
	/* the layout /proc/self/stat reports (loader.c): main program, initial stack, strings */
	uint64_t start_code, end_code, start_data, end_data, start_stack;
	uint64_t arg_start, arg_end, env_start, env_end;
	uint64_t sigtramp;		/* guest address of the rt_sigreturn trampoline */
	uint64_t vdso;			/* AT_SYSINFO_EHDR, 0 when there is no vDSO image */
	int strace;
	int debug;
	int module_mode;		/* started by the kernel module (AT_EXECFD given) */
	int secure;
	const char *argv0_override;
	/* the CPU model (-cpu, XARCH_CPU; NULL: the guest's default) and the identity it gives:
	 * uname(2)'s machine and AT_PLATFORM (main.c sets them before the program loads) */
	const char *cpu_model;
	const char *uname_machine;
	const char *platform;
};
extern struct proc proc;

/* Host syscall, returning -errno on failure (no errno TLS involved). */
long host_syscall(long nr, long a, long b, long c, long d, long e, long f);
#define HS0(n) host_syscall(n, 0, 0, 0, 0, 0, 0)
#define HS1(n, a) host_syscall(n, (long)(a), 0, 0, 0, 0, 0)
#define HS2(n, a, b) host_syscall(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define HS3(n, a, b, c) host_syscall(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define HS4(n, a, b, c, d) host_syscall(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define HS5(n, a, b, c, d, e) host_syscall(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define HS6(n, a, b, c, d, e, f) \
	host_syscall(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* Interruptible variant for blocking syscalls (see syscall.c): returns SC_RESTART when a
 * guest signal was caught before the host syscall started. */
long host_syscall_safe(struct gthread *t, long nr, long a, long b, long c, long d, long e, long f);
long sys_pass(struct gthread *t, const uint64_t *a, int hostnr);
extern char xarch_safe_start[], xarch_safe_end[], xarch_safe_eintr[];

/* errno.c: the one place host errno values become guest ones. */
long errno_to_guest(long host_ret);

/* syscall.c */
typedef long (*syscall_fn)(struct gthread *t, const uint64_t *a, int hostnr);
#define SC_NORESTART 1	/* interrupted by a handler: EINTR, never restarted (nanosleep, poll...) */
#define SC_FUTEX 2	/* futex(2): its waits with a timeout are never restarted either (Linux ends them
			 * with ERESTART_RESTARTBLOCK: EINTR once a handler ran, SA_RESTART or not) */
#define SC_PROBED 4	/* an ENOSYS row C libraries probe and cope with: reported only with -d */
/* name and fmt are arrays, not pointers: two pointers a row were about 650 of the relocations
 * every start of the (static-pie) emulator made, on pages it then dirtied */
struct syscall_row {
	char name[32];
	syscall_fn fn;
	int hostnr;
	char fmt[8];		/* strace: one char per argument */
	int flags;
};
/* In the tables' files: a name or format that fills its array would lose its NUL silently. */
#define SC_ROW_FITS(n, f) \
	_Static_assert(sizeof(#n) <= sizeof(((struct syscall_row *)0)->name) && \
		       sizeof(f) <= sizeof(((struct syscall_row *)0)->fmt), #n);
const struct syscall_row *syscall_row(unsigned nr);
/* linux/generic.c: the asm-generic numbering (arm64, riscv64) */
struct syscall_table {
	const struct syscall_row *rows;	/* indexed by the guest's syscall number */
	unsigned len;
	/* a second range (32-bit arm's private calls at 0x0f0000): number priv_base + i is
	 * priv_rows[i] */
	const struct syscall_row *priv_rows;
	unsigned priv_base, priv_len;
};
extern const struct syscall_table syscalls_generic;
extern const struct syscall_table syscalls_arm;	/* linux/arm.c: the 32-bit arm EABI */
/* Handlers named by the syscall tables (linux/), defined in the topic files. */
#define H(name) long name(struct gthread *t, const uint64_t *a, int hostnr);
H(sys_enosys) H(sys_ioctl) H(sys_path_xattr) H(sys_getcwd) H(sys_epoll_ctl)
H(sys_epoll_pwait) H(sys_fcntl) H(sys_path0) H(sys_path1) H(sys_path2) H(sys_at_create) H(sys_at_path)
H(sys_symlinkat) H(sys_at2) H(sys_faccessat) H(sys_openat) H(sys_openat2) H(sys_pipe2) H(sys_readlinkat)
H(sys_newfstatat) H(sys_fstat) H(sys_utimensat) H(sys_exit) H(sys_exit_group) H(sys_set_tid_address)
H(sys_uname) H(sys_prctl) H(sys_ipcctl) H(sys_clone) H(sys_clone3) H(sys_statx) H(sys_seccomp)
H(sys_fanotify_mark) H(sys_mount) H(sys_ppoll) H(sys_pselect6) H(sys_clock_gettime) H(sys_clock_getres)
H(sys_gettimeofday)
#undef H

void syscall_dispatch(struct gthread *t);
/* Returned by a handler that set the guest registers itself (rt_sigreturn, successful execve
 * in-process paths): dispatch must not write x0. Not a valid errno nor a user address. */
#define SC_NOREG (-4096L - 7)
/* Returned by host_syscall_safe() (and handlers passing it on) when a guest signal was caught
 * before the host syscall started: dispatch delivers it and executes the SVC again. */
#define SC_RESTART (-4104L)	/* also spelled out in syscall.c's xarch_safe_eintr */

/* report.c: one line on stderr per distinct unimplemented item, once per process */
void report_syscall(unsigned nr, const struct syscall_row *row, long ret);
void report_insn(uint64_t pc);
void report_ioctl(uint32_t req, int fd, long ret);

/* strace.c */
void strace_enter(struct gthread *t, unsigned nr, const uint64_t *a);
void strace_exit(struct gthread *t, unsigned nr, const uint64_t *a, long ret);
int strace_set_filter(const char *spec);	/* -e trace=NAME,...: 0, or -1 (said why) */
const char *strace_filter(void);		/* that spec (for a re-exec), NULL when none */

/* thread.c */
void thread_loop(struct gthread *t) __attribute__((noreturn));
long thread_clone(struct gthread *t, uint64_t flags, uint64_t newsp, uint64_t ptid, uint64_t tls,
		  uint64_t ctid, int exit_signal);
void thread_exit(struct gthread *t, int status) __attribute__((noreturn));
struct gthread *thread_new(void);

/* signal.c */
void signal_init(void);
void signal_reclaim_host_internal(void);
void signal_deliver_pending(struct gthread *t);
void signal_force(struct gthread *t, int sig, int code, uint64_t addr);
long sys_rt_sigaction(struct gthread *t, const uint64_t *a, int hostnr);
long sys_rt_sigprocmask(struct gthread *t, const uint64_t *a, int hostnr);
long sys_rt_sigreturn(struct gthread *t, const uint64_t *a, int hostnr);
long sys_sigaltstack(struct gthread *t, const uint64_t *a, int hostnr);
long sys_rt_sigsuspend(struct gthread *t, const uint64_t *a, int hostnr);
long sys_rt_sigpending(struct gthread *t, const uint64_t *a, int hostnr);
void signal_set_host_mask(uint64_t guest_mask);
uint64_t signal_tempmask_begin(struct gthread *t, uint64_t gmask, int *eintr);
void signal_tempmask_end(struct gthread *t, long ret);
int signal_interrupted(struct gthread *t, long ret, const struct syscall_row *row);
void signal_rearm(struct gthread *t);
void signal_dispositions(uint64_t *ignored, uint64_t *caught);

/* Take (1) or drop (0) the ABI layer's locks around a fork not made by glibc's fork(). */
void abi_fork_locks(int take);
/* vfork child support (signal.c): private dispositions; returns the previous table. */
#define SIGNAL_ACTIONS_SIZE (sizeof(struct gabi_sigaction) * (G_NSIG + 1))
struct gabi_sigaction *signal_swap_actions(struct gabi_sigaction *n);
void signal_restore_actions(struct gabi_sigaction *old);
void mmap_fork_locks(int take);

/* mmap.c */
/* The guest's address space: for a guest whose space ends at 4 GiB (guest.addr_top), reserve it
 * (the emulator's memory stays above); stack_reserve: the stack's size and guard gap. Called
 * once, before anything is mapped for the guest. */
void mmap_init(uint64_t stack_reserve);
int mmap_low_space(void);	/* the 32-bit space reserved by mmap_init() is in use */
/* a free PROT_NONE range of len bytes for a program's segments (hint preferred; not noted as
 * guest memory), 0 and *err on failure */
uint64_t mmap_place(uint64_t hint, uint64_t len, long *err);
/* a special mapping (vectors, sigpage, vDSO): len bytes of data at addr (0: anywhere), read-only
 * on the host, gprot and name in /proc/self/maps; its address or 0 */
uint64_t mmap_special(uint64_t addr, const void *data, size_t len, int gprot, const char *name);
/* map at exactly addr, never over guest or emulator memory (-EEXIST), not noted */
long mmap_fixed_new(uint64_t addr, uint64_t len, int hprot, int flags, int fd, uint64_t off);
void mmap_note(uint64_t addr, uint64_t len, int prot, int is_stack);
void mmap_forget(uint64_t addr, uint64_t len);
int mmap_is_guest(uint64_t addr, uint64_t len);
int mmap_format_maps(char **out, size_t *len);
uint64_t mmap_guest(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off, long *err);
long sys_mmap(struct gthread *t, const uint64_t *a, int hostnr);
long sys_munmap(struct gthread *t, const uint64_t *a, int hostnr);
long sys_mprotect(struct gthread *t, const uint64_t *a, int hostnr);
long sys_mremap(struct gthread *t, const uint64_t *a, int hostnr);
long sys_brk(struct gthread *t, const uint64_t *a, int hostnr);
long sys_shmat(struct gthread *t, const uint64_t *a, int hostnr);
long sys_shmdt(struct gthread *t, const uint64_t *a, int hostnr);

/* procfs.c (guest paths are absolute: see path_at() in path.h for relative ones) */
int procfs_open(const char *gpath, int flags, long *ret);
int procfs_readlink(const char *gpath, char *buf, size_t len, long *ret);
int procfs_is_exe(const char *gpath);
int procfs_fakes_name(const char *name);
const char *procfs_guest_exe(void);

/* execve (syscall_exec.c) */
long sys_execve(struct gthread *t, const uint64_t *a, int hostnr);
long sys_execveat(struct gthread *t, const uint64_t *a, int hostnr);
/* execve as the guest sees it: native natively, guest ELF and #! scripts with a guest
 * interpreter under the emulator. Returns only on failure (-errno). */
long exec_program(const char *gpath, char *hpath, char **argv, char **envp);

#define PAGE_SIZE_G 4096ull
#define PAGE_UP(x) (((x) + PAGE_SIZE_G - 1) & ~(PAGE_SIZE_G - 1))
#define PAGE_DOWN(x) ((x) & ~(PAGE_SIZE_G - 1))

void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif /* XARCH_SYSCALL_H */
