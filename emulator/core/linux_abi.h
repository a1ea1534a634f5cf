/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * linux_abi.h — the Linux user ABI as an asm-generic guest (arm64, riscv64) sees it: constants
 * and structures the core translates. What only one architecture has (signal frames, ELF
 * machine) is in guest/<name>/abi.h. A guest whose ABI differs (32-bit arm: stat64, its own
 * syscall numbers) brings its own rows and structures.
 *
 * Kept apart from the host's <fcntl.h>/<sys/stat.h>: every name here starts with G_ or gabi_
 * so that a guest value can never be confused with a host one. Where x86_64 and arm64 agree
 * (errno numbers, signal numbers, most flags) the comment says so and xlat passes values through.
 */
#ifndef XARCH_LINUX_ABI_H
#define XARCH_LINUX_ABI_H

#include <stdint.h>

/* ---- open(2) flags: O_DIRECTORY, O_NOFOLLOW, O_DIRECT and O_LARGEFILE differ between
 * architectures (guest.open_flags; asm-generic: 0200000, 0400000, 040000, 0100000); the rest:
 * O_ACCMODE, O_CREAT 0100, O_EXCL 0200, O_NOCTTY 0400, O_TRUNC 01000, O_APPEND 02000,
 * O_NONBLOCK 04000, O_DSYNC 010000, O_ASYNC 020000, O_NOATIME 01000000, O_CLOEXEC 02000000,
 * __O_SYNC 04000000, O_PATH 010000000, __O_TMPFILE 020000000: same values on x86_64. */
#define G_O_TMPFILE_BIT 020000000

/* ---- mmap/mprotect ---- */
#define G_PROT_EXEC 0x4
#define G_PROT_BTI 0x10
#define G_PROT_MTE 0x20
#define G_MAP_ANONYMOUS 0x20
/* PROT_READ/WRITE/EXEC and the MAP_ flags the emulator passes on have x86_64's values. */

/* ---- struct stat (asm-generic, 128 bytes) ---- */
struct gabi_stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint32_t st_mode;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint64_t st_rdev;
	uint64_t __pad1;
	int64_t st_size;
	int32_t st_blksize;
	int32_t __pad2;
	int64_t st_blocks;
	int64_t st_atime_sec;
	uint64_t st_atime_nsec;
	int64_t st_mtime_sec;
	uint64_t st_mtime_nsec;
	int64_t st_ctime_sec;
	uint64_t st_ctime_nsec;
	uint32_t __unused4;
	uint32_t __unused5;
};
_Static_assert(sizeof(struct gabi_stat) == 128, "arm64 struct stat is 128 bytes");

/* ---- struct epoll_event: natural alignment on arm64 (16 bytes), packed on x86_64 ---- */
struct gabi_epoll_event {
	uint32_t events;
	uint32_t __pad;
	uint64_t data;
};

/* ---- signals: numbers, SA_* flags, sigset (8 bytes) are the same as x86_64 ---- */
#define G_NSIG 64
#define G_SA_NOCLDSTOP 0x00000001
#define G_SA_NOCLDWAIT 0x00000002
#define G_SA_SIGINFO 0x00000004
#define G_SA_RESTORER 0x04000000
#define G_SA_ONSTACK 0x08000000
#define G_SA_RESTART 0x10000000
#define G_SA_NODEFER 0x40000000
#define G_SA_RESETHAND 0x80000000
#define G_SIG_DFL 0
#define G_SIG_IGN 1

/* The kernel's struct sigaction on arm64 (rt_sigaction). */
struct gabi_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

struct gabi_stack {
	uint64_t ss_sp;
	int32_t ss_flags;
	int32_t __pad;
	uint64_t ss_size;
};
#define G_SS_ONSTACK 1
#define G_SS_DISABLE 2
#define G_SS_AUTODISARM (1u << 31)

/* ---- auxv ---- */
#define G_AT_NULL 0
#define G_AT_EXECFD 2
#define G_AT_PHDR 3
#define G_AT_PHENT 4
#define G_AT_PHNUM 5
#define G_AT_PAGESZ 6
#define G_AT_BASE 7
#define G_AT_FLAGS 8
#define G_AT_ENTRY 9
#define G_AT_UID 11
#define G_AT_EUID 12
#define G_AT_GID 13
#define G_AT_EGID 14
#define G_AT_PLATFORM 15
#define G_AT_HWCAP 16
#define G_AT_CLKTCK 17
#define G_AT_SECURE 23
#define G_AT_RANDOM 25
#define G_AT_HWCAP2 26
#define G_AT_EXECFN 31
#define G_AT_SYSINFO_EHDR 33
#define G_AT_MINSIGSTKSZ 51

/* ---- clone ---- (flag values identical to x86_64; argument order differs: arm64 is
 * clone(flags, newsp, parent_tid, tls, child_tid)) */
struct gabi_clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size, cgroup;
};

/* ---- prctl options every guest has (the architecture's own: guest.prctl) ---- */
#define G_PR_GET_AUXV 0x41555856

#endif /* XARCH_LINUX_ABI_H */
