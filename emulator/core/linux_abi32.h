/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * linux_abi32.h — the Linux user ABI of a 32-bit guest (32-bit arm EABI; the layouts that follow
 * from `long` and pointers being 4 bytes and 64-bit members 8-byte aligned): the structures
 * abi32.c converts, and nothing else. Names start with g32_ so that no guest layout can be
 * taken for a host or a 64-bit guest one (linux_abi.h). Sizes and offsets were checked
 * against arm-linux-gnueabihf's headers (the asserts below).
 */
#ifndef XARCH_LINUX_ABI32_H
#define XARCH_LINUX_ABI32_H

#include <stdint.h>
#include <stddef.h>

struct g32_timespec { int32_t tv_sec, tv_nsec; };
struct g32_timeval { int32_t tv_sec, tv_usec; };
struct g32_itimerspec { struct g32_timespec it_interval, it_value; };
struct g32_itimerval { struct g32_timeval it_interval, it_value; };

/* struct stat64 (arch/arm/include/uapi/asm/stat.h, EABI alignment) */
struct g32_stat64 {
	uint64_t st_dev;
	uint8_t __pad0[4];
	uint32_t __st_ino;
	uint32_t st_mode;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint64_t st_rdev;
	uint8_t __pad3[4];
	int64_t st_size __attribute__((aligned(8)));
	uint32_t st_blksize;
	uint64_t st_blocks __attribute__((aligned(8)));
	uint32_t st_atime_sec, st_atime_nsec;
	uint32_t st_mtime_sec, st_mtime_nsec;
	uint32_t st_ctime_sec, st_ctime_nsec;
	uint64_t st_ino;
};
_Static_assert(sizeof(struct g32_stat64) == 104 && offsetof(struct g32_stat64, st_size) == 48 &&
	       offsetof(struct g32_stat64, st_blocks) == 64 && offsetof(struct g32_stat64, st_ino) == 96,
	       "arm EABI struct stat64");

/* struct statfs64: packed, 4-byte aligned on EABI (84 bytes) */
struct g32_statfs64 {
	uint32_t f_type, f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int32_t f_fsid[2];
	uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
} __attribute__((packed, aligned(4)));
_Static_assert(sizeof(struct g32_statfs64) == 84, "arm EABI struct statfs64");

struct g32_statfs {
	uint32_t f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int32_t f_fsid[2];
	uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
};
_Static_assert(sizeof(struct g32_statfs) == 64, "32-bit struct statfs");

struct g32_rusage {
	struct g32_timeval ru_utime, ru_stime;
	int32_t rest[14];	/* ru_maxrss .. ru_nivcsw, each a long */
};
_Static_assert(sizeof(struct g32_rusage) == 72, "32-bit struct rusage");

struct g32_tms { int32_t utime, stime, cutime, cstime; };
struct g32_rlimit { uint32_t rlim_cur, rlim_max; };
#define G32_RLIM_INFINITY 0xffffffffu

struct g32_sysinfo {
	int32_t uptime;
	uint32_t loads[3];
	uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint32_t totalhigh, freehigh, mem_unit;
	char _f[8];
};
_Static_assert(sizeof(struct g32_sysinfo) == 64, "32-bit struct sysinfo");

/* the kernel's struct sigaction as rt_sigaction(2) reads it */
struct g32_sigaction {
	uint32_t handler, flags, restorer;
	uint32_t mask[2];
};
_Static_assert(sizeof(struct g32_sigaction) == 20, "32-bit kernel sigaction");

struct g32_stack { uint32_t ss_sp; int32_t ss_flags; uint32_t ss_size; };

struct g32_iovec { uint32_t base, len; };
struct g32_msghdr {
	uint32_t name, namelen, iov, iovlen, control, controllen;
	int32_t flags;
};
struct g32_mmsghdr { struct g32_msghdr hdr; uint32_t len; };
struct g32_cmsghdr { uint32_t len; int32_t level, type; };
#define G32_CMSG_ALIGN(n) (((n) + 3u) & ~3u)

/* fcntl: struct flock with 32-bit offsets (F_GETLK/F_SETLK/F_SETLKW = 5, 6, 7); the EABI's
 * struct flock64 (F_GETLK64.. = 12, 13, 14, F_OFD_*) is x86_64's struct flock */
struct g32_flock { int16_t l_type, l_whence; int32_t l_start, l_len, l_pid; };
#define G32_F_GETLK64 12
#define G32_F_SETLK64 13
#define G32_F_SETLKW64 14

/* the 128-byte siginfo_t: signo, errno, code, then the union at offset 12 */
#define G32_SIGINFO_SIZE 128

/* pselect6's sixth argument */
struct g32_sigset_argpack { uint32_t ss, ss_len; };

#endif /* XARCH_LINUX_ABI32_H */
