// SPDX-License-Identifier: GPL-2.0-only
/*
 * minirun-arm.c — a tiny stand-alone runner for the 32-bit ARM CPU: loads a static non-PIE
 * armhf ELF32 below 4 GiB and forwards the handful of EABI system calls a static glibc program
 * and the differential tester's harness make. For CPU bring-up and the differential test only;
 * the real ABI is build/emulator/xarch-arm.
 * Usage: minirun-arm [--list-insns] prog [args]
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include "cpu.h"

static struct cpu cpu;
static uint32_t brk_start, brk_cur, brk_limit;

/* Map anonymous memory for the guest: always below 4 GiB. */
static void *low_map(void *addr, size_t len, int prot, int flags)
{
	return mmap(addr, len, prot, flags | MAP_PRIVATE | MAP_ANONYMOUS | (addr ? 0 : MAP_32BIT), -1, 0);
}

static long do_writev(int fd, uint32_t iov, int n)
{
	struct iovec v[64];
	if (n < 0 || n > 64)
		return -EINVAL;
	for (int k = 0; k < n; k++) {
		const uint32_t *g = (const uint32_t *)(uintptr_t)(iov + 8u * (uint32_t)k);
		v[k].iov_base = (void *)(uintptr_t)g[0];
		v[k].iov_len = g[1];
	}
	long r = writev(fd, v, n);
	return r < 0 ? -errno : r;
}

static long err(long r) { return r < 0 ? -errno : r; }

static long do_syscall(struct cpu *c)
{
	uint32_t *a = c->r;
	switch (c->r[7]) {
	case 1: case 248: exit((int)a[0]);
	case 3: return err(read((int)a[0], (void *)(uintptr_t)a[1], a[2]));
	case 4: return err(write((int)a[0], (void *)(uintptr_t)a[1], a[2]));
	case 146: return do_writev((int)a[0], a[1], (int)a[2]);
	case 6: return err(close((int)a[0]));
	case 20: case 224: return getpid();
	case 45:	/* brk */
		if (a[0] >= brk_start && a[0] <= brk_limit)
			brk_cur = a[0];
		return brk_cur;
	case 91: return err(munmap((void *)(uintptr_t)a[0], a[1]));
	case 125: return err(mprotect((void *)(uintptr_t)a[0], a[1], (int)a[2]));
	case 192: {	/* mmap2: anonymous only */
		if (!(a[3] & MAP_ANONYMOUS))
			return -ENODEV;
		void *m = low_map((void *)(uintptr_t)a[0], a[1], (int)a[2], (int)(a[3] & ~(MAP_PRIVATE | MAP_SHARED)));
		if (m == MAP_FAILED)
			return -errno;
		return (long)(uint32_t)(uintptr_t)m;
	}
	case 122: return -ENOSYS;	/* uname: glibc copes */
	case 256: return getpid();	/* set_tid_address */
	case 384: return err(syscall(SYS_getrandom, (void *)(uintptr_t)a[0], a[1], a[2]));
	case 403: {	/* clock_gettime64 */
		struct timespec ts;
		if (clock_gettime((clockid_t)a[0], &ts))
			return -errno;
		int64_t *g = (int64_t *)(uintptr_t)a[1];
		g[0] = ts.tv_sec;
		g[1] = ts.tv_nsec;
		return 0;
	}
	case 0xf0005:	/* ARM set_tls */
		c->tpidruro = a[0];
		return 0;
	case 0xf0002:	/* ARM cacheflush */
		cpu_invalidate(a[0], a[1] - a[0]);
		return 0;
	default:
		return -ENOSYS;
	}
}

static const char *exit_name(enum cpu_exit r)
{
	switch (r) {
	case CPU_EXIT_UDF: return "SIGILL";
	case CPU_EXIT_BRK: return "SIGTRAP";
	case CPU_EXIT_FAULT: return "SIGSEGV/SIGBUS";
	default: return "?";
	}
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--list-insns"))
		return cpu_list_insns(stdout) > 0 ? 0 : 1;
	if (argc < 2) {
		fprintf(stderr, "usage: minirun-arm [--list-insns] prog [args]\n");
		return 2;
	}
	int fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	Elf32_Ehdr eh;
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS32 || eh.e_machine != EM_ARM || eh.e_type != ET_EXEC) {
		fprintf(stderr, "minirun-arm: %s: need a static non-PIE 32-bit ARM ELF\n", argv[1]);
		return 2;
	}
	Elf32_Phdr ph[32];
	if (eh.e_phnum > 32 || pread(fd, ph, sizeof(ph[0]) * eh.e_phnum, (off_t)eh.e_phoff) < 0)
		return 2;
	uint32_t phdr_addr = 0, end_all = 0;
	for (int i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type == PT_INTERP) {
			fprintf(stderr, "minirun-arm: %s: dynamic programs are not supported\n", argv[1]);
			return 2;
		}
		if (ph[i].p_type != PT_LOAD)
			continue;
		uint32_t start = ph[i].p_vaddr & ~0xfffu, end = (ph[i].p_vaddr + ph[i].p_memsz + 0xfff) & ~0xfffu;
		void *m = low_map((void *)(uintptr_t)start, end - start, PROT_READ | PROT_WRITE | PROT_EXEC,
				  MAP_FIXED_NOREPLACE);
		if (m == MAP_FAILED) {
			perror("minirun-arm: mmap");
			return 2;
		}
		if (pread(fd, (void *)(uintptr_t)ph[i].p_vaddr, ph[i].p_filesz, (off_t)ph[i].p_offset) < 0)
			return 2;
		if (ph[i].p_offset == 0)
			phdr_addr = ph[i].p_vaddr + eh.e_phoff;
		if (end > end_all)
			end_all = end;
	}
	/* the program break: a reserved range after the image */
	brk_start = brk_cur = end_all;
	brk_limit = end_all + (64u << 20);
	if (low_map((void *)(uintptr_t)brk_start, brk_limit - brk_start, PROT_READ | PROT_WRITE,
		    MAP_FIXED_NOREPLACE | MAP_NORESERVE) == MAP_FAILED) {
		perror("minirun-arm: brk");
		return 2;
	}
	size_t stsz = 8 << 20;
	char *st = low_map(NULL, stsz, PROT_READ | PROT_WRITE, 0);
	if (st == MAP_FAILED) {
		perror("minirun-arm: stack");
		return 2;
	}
	char *top = st + stsz - 256;
	static const char plat[] = "v7l";
	char *platp = top;
	memcpy(platp, plat, sizeof(plat));
	uint8_t *rnd = (uint8_t *)top + 16;
	for (int k = 0; k < 16; k++)
		rnd[k] = (uint8_t)(k + 1);
	uint32_t *sp = (uint32_t *)(st + stsz - 4096);
	int n = 0, gargc = argc - 1;
	sp -= 64 + gargc;
	sp = (uint32_t *)((uintptr_t)sp & ~15ul);	/* the ABI's 8-byte (Linux: 16) stack alignment */
	sp[n++] = (uint32_t)gargc;
	for (int i = 1; i < argc; i++)
		sp[n++] = 0;	/* argv strings are copied below 4 GiB next */
	sp[n++] = 0;
	sp[n++] = 0;	/* envp */
	char *strs = (char *)(st + stsz - 4096 + 64);
	for (int i = 1; i < argc; i++) {
		size_t l = strlen(argv[i]) + 1;
		if (strs + l > top)
			break;
		memcpy(strs, argv[i], l);
		sp[i] = (uint32_t)(uintptr_t)strs;
		strs += l;
	}
	uint32_t aux[][2] = { { AT_PHDR, phdr_addr }, { AT_PHENT, sizeof(Elf32_Phdr) }, { AT_PHNUM, eh.e_phnum },
			      { AT_PAGESZ, 4096 }, { AT_ENTRY, eh.e_entry },
			      { AT_RANDOM, (uint32_t)(uintptr_t)rnd }, { AT_HWCAP, (uint32_t)cpu_hwcap() },
			      { AT_HWCAP2, (uint32_t)cpu_hwcap2() }, { AT_PLATFORM, (uint32_t)(uintptr_t)platp },
			      { AT_CLKTCK, 100 }, { AT_UID, 0 }, { AT_EUID, 0 }, { AT_GID, 0 }, { AT_EGID, 0 },
			      { AT_SECURE, 0 }, { AT_NULL, 0 } };
	for (size_t i = 0; i < sizeof(aux) / sizeof(aux[0]); i++) {
		sp[n++] = aux[i][0];
		sp[n++] = aux[i][1];
	}
	cpu_init(&cpu);
	cpu.r[13] = (uint32_t)(uintptr_t)sp;
	cpu.thumb = eh.e_entry & 1;
	cpu.pc = eh.e_entry & ~1u;
	for (;;) {
		enum cpu_exit r = cpu_run(&cpu);
		if (r == CPU_EXIT_SVC) {
			cpu.r[0] = (uint32_t)do_syscall(&cpu);
			continue;
		}
		fprintf(stderr, "minirun-arm: %s (exit %d) at pc=%#x (%s) insn=%08x\n", exit_name(r), r,
			(unsigned)cpu.pc, cpu.thumb ? "T32" : "A32",
			cpu.thumb ? (unsigned)*(uint16_t *)(uintptr_t)cpu.pc << 16 | *(uint16_t *)(uintptr_t)(cpu.pc + 2)
				  : *(uint32_t *)(uintptr_t)cpu.pc);
		return 128 + (r == CPU_EXIT_UDF ? SIGILL : r == CPU_EXIT_BRK ? SIGTRAP : SIGSEGV);
	}
}
