/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * guest.h — what a guest architecture provides to the guest-neutral core (the Linux ABI layer).
 *
 * Each guest (guest/<name>/) defines exactly one `const struct guest guest` and the CPU of
 * vcpu.h (cpu_run() and friends); the binary xarch-<name> links that guest with core/ and
 * engine/. The core reaches guest registers, signal frames, the vDSO and everything else that
 * depends on the architecture only through this structure. See docs/layout.md, "Adding a guest".
 */
#ifndef XARCH_GUEST_H
#define XARCH_GUEST_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include "vcpu.h"

struct gthread;
struct syscall_table;
struct gabi_sigaction;
struct guest_gdb;

struct guest {
	/* ---- identity ---- */
	const char *emu_name;		/* the binary: "xarch-aarch64" (messages, re-exec) */
	const char *uname_machine;	/* uname(2) machine and /proc/cpuinfo's arch: "aarch64" */
	const char *platform;		/* AT_PLATFORM string */
	const char *arch_name;		/* in messages: "not an AArch64 program" */
	const char *debian_arch;	/* in messages: "an arm64 root" */
	uint16_t elf_machine;		/* e_machine of programs it runs (EM_AARCH64) */
	uint8_t elf_class;		/* ELFCLASS64 or ELFCLASS32: also the initial stack's word size */
	/* NULL when a program's e_flags are acceptable, else why not ("a soft-float ... program");
	 * NULL hook: any */
	const char *(*elf_check_flags)(uint32_t e_flags);
	/* Every guest address is below this: 2^47 (the host places a 64-bit guest's mappings);
	 * at most 4 GiB for a 32-bit guest, whose space the core reserves and manages (mmap.c). */
	uint64_t addr_top;

	/* The open(2) flags whose values are the architecture's own (asm-generic's for riscv64). */
	struct guest_open_flags {
		uint64_t directory, nofollow, direct, largefile;
	} open_flags;

	/* ---- the CPU object (vcpu.h; struct cpu is the guest's) ---- */
	size_t cpu_size;		/* sizeof(struct cpu); allocated 16-byte aligned, zeroed */
	struct cpu_xinfo *(*cpu_xinfo)(struct cpu *c);
	uint64_t (*get_pc)(const struct cpu *c);
	void (*set_pc)(struct cpu *c, uint64_t pc);
	uint64_t (*get_sp)(const struct cpu *c);
	/* the first instruction of a new program: registers as Linux leaves them at execve */
	void (*start)(struct cpu *c, uint64_t entry, uint64_t sp);
	/* clone(2): d becomes a copy of s as the child sees it (return value 0, newsp if non-zero,
	 * the thread pointer set to tls when set_tls) */
	void (*clone_regs)(struct cpu *d, const struct cpu *s, uint64_t newsp, int set_tls, uint64_t tls);

	/* ---- system calls ---- */
	const struct syscall_table *syscalls;	/* the numbering this guest uses (linux/) */
	/*
	 * Where the number, six arguments and result of the system call the CPU stopped at
	 * (CPU_EXIT_SVC) live: byte offsets in struct cpu of registers reg_bytes wide (8, or 4 for a
	 * 32-bit guest; read zero-extended); the six arguments are consecutive registers from arg0
	 * (x0..x5, a0..a5, r0..r5). Data, not hooks: this is every system call's path.
	 */
	struct guest_syscall_regs {
		int32_t nr, arg0, ret;
	} sysregs;
	uint8_t reg_bytes;
	/* make the system call instruction run again (the pc back over it, its first argument
	 * register, which holds the return value, back to a0) */
	void (*syscall_restart)(struct cpu *c, uint64_t a0);

	/* ---- signals (the frame; dispositions, masks and delivery are the core's) ---- */
	/*
	 * Build the rt_sigframe of signal sig at or below sp (already the alternate stack when the
	 * core chose it) and enter the handler act->handler: the saved state is the guest's
	 * current state, mask the blocked set to restore and stack the sigaltstack record. The
	 * return address is act->restorer with SA_RESTORER, else restorer. Returns the new guest
	 * sp, or 0 when the frame is not in guest memory (the core then kills with SIGSEGV).
	 */
	uint64_t (*sigframe_setup)(struct cpu *c, uint64_t sp, int sig, const siginfo_t *info,
				   const struct gabi_sigaction *act, uint64_t mask, const void *stack,
				   uint64_t restorer);
	/*
	 * rt_sigreturn: restore the state from the frame at the guest sp. Stores the blocked set
	 * in *mask and the sigaltstack record (struct gabi_stack) in *stack; returns -1 when the
	 * frame is not readable guest memory.
	 */
	int (*sigframe_restore)(struct cpu *c, uint64_t *mask, void *stack);
	uint64_t minsigstksz;		/* AT_MINSIGSTKSZ */
	uint64_t sigaltstack_min;	/* MINSIGSTKSZ: the smallest stack sigaltstack(2) accepts */

	/* ---- the architecture's own calls ---- */
	/* prctl(2) options only this architecture has: 1 (and *ret) when a[0] is one, else 0 */
	int (*prctl)(const uint64_t *a, long *ret);

	/* ---- CPU models (-cpu NAME, XARCH_CPU=NAME) ---- */
	/*
	 * Make NAME the CPU the program runs on, before it is loaded: returns 0 and sets *machine
	 * and *platform to its uname(2) machine and AT_PLATFORM (left alone: uname_machine and
	 * platform above), or -1 when the guest has no such model. HWCAP, /proc/cpuinfo and the
	 * instructions that exist follow the model inside the guest. NULL: the default CPU only.
	 */
	int (*cpu_model)(const char *name, const char **machine, const char **platform);
	const char *cpu_models;		/* the names, for messages and -cpu help */

	/* ---- process start-up ---- */
	uint64_t (*hwcap)(void);	/* AT_HWCAP */
	uint64_t (*hwcap2)(void);	/* AT_HWCAP2 */
	/* /proc/cpuinfo's text (malloc'ed, *len set), NULL on failure */
	char *(*cpuinfo)(size_t *len);
	/* map the vDSO (sets proc.vdso, proc.sigtramp); NULL when the guest has none */
	void (*vdso_init)(void);

	/* ---- the debugger (core/gdbstub.h): registers, target description; NULL: no -g ---- */
	const struct guest_gdb *gdb;
};

/* The guest this binary runs (guest/<name>/guest.c). */
extern const struct guest guest;

#endif /* XARCH_GUEST_H */
