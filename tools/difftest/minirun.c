// SPDX-License-Identifier: GPL-2.0-only
/*
 * minirun.c — a tiny stand-alone runner for the CPU: loads a static non-PIE AArch64 ELF and
 * forwards a handful of syscalls. For CPU bring-up and debugging only; the differential tester
 * drives the real xarch-aarch64. Usage: minirun [--list-insns] prog [args]
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "cpu.h"

static struct cpu cpu;

static long do_syscall(struct cpu *c)
{
	long n = (long)c->x[8];
	uint64_t *a = c->x;
	switch (n) {
	case 63: return syscall(SYS_read, a[0], a[1], a[2]);
	case 64: return syscall(SYS_write, a[0], a[1], a[2]);
	case 66: return syscall(SYS_writev, a[0], a[1], a[2]);
	case 93: exit((int)a[0]);
	case 94: exit((int)a[0]);
	case 214: return syscall(SYS_brk, a[0]);
	case 222: return syscall(SYS_mmap, a[0], a[1], a[2], a[3], a[4], a[5]);
	case 215: return syscall(SYS_munmap, a[0], a[1]);
	case 226: return syscall(SYS_mprotect, a[0], a[1], a[2]);
	case 96: return syscall(SYS_gettid);
	case 160: return syscall(SYS_uname, a[0]);
	case 278: return syscall(SYS_getrandom, a[0], a[1], a[2]);
	case 172: return syscall(SYS_getpid);
	case 178: return syscall(SYS_gettid);
	case 113: return syscall(SYS_clock_gettime, a[0], a[1]);
	default: return -ENOSYS;
	}
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--list-insns"))
		return cpu_list_insns(stdout) > 0 ? 0 : 1;
	if (argc < 2) {
		fprintf(stderr, "usage: minirun prog [args]\n");
		return 2;
	}
	int fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	Elf64_Ehdr eh;
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) || eh.e_machine != EM_AARCH64 || eh.e_type != ET_EXEC) {
		fprintf(stderr, "minirun: need a static non-PIE AArch64 ELF\n");
		return 2;
	}
	Elf64_Phdr ph[32];
	if (eh.e_phnum > 32 || pread(fd, ph, sizeof(ph[0]) * eh.e_phnum, (off_t)eh.e_phoff) < 0)
		return 2;
	uint64_t phdr_addr = 0, brk_end = 0;
	for (int i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		uint64_t start = ph[i].p_vaddr & ~0xfffull, end = (ph[i].p_vaddr + ph[i].p_memsz + 0xfff) & ~0xfffull;
		void *m = mmap((void *)start, end - start, PROT_READ | PROT_WRITE | PROT_EXEC,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (m == MAP_FAILED) {
			perror("mmap");
			return 2;
		}
		if (pread(fd, (void *)ph[i].p_vaddr, ph[i].p_filesz, (off_t)ph[i].p_offset) < 0)
			return 2;
		if (ph[i].p_offset == 0)
			phdr_addr = ph[i].p_vaddr + eh.e_phoff;
		if (end > brk_end)
			brk_end = end;
	}
	size_t stsz = 8 << 20;
	char *st = mmap(NULL, stsz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t *sp = (uint64_t *)(st + stsz - 4096);
	static uint8_t rnd[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
	int n = 0, gargc = argc - 1;
	sp -= 64 + gargc;
	sp[n++] = (uint64_t)gargc;
	for (int i = 1; i < argc; i++)
		sp[n++] = (uint64_t)argv[i];
	sp[n++] = 0;
	sp[n++] = 0; /* envp */
	uint64_t aux[][2] = { { AT_PHDR, phdr_addr }, { AT_PHENT, sizeof(Elf64_Phdr) }, { AT_PHNUM, eh.e_phnum },
			      { AT_PAGESZ, 4096 }, { AT_ENTRY, eh.e_entry }, { AT_RANDOM, (uint64_t)rnd },
			      { AT_HWCAP, cpu_hwcap() }, { AT_HWCAP2, 0 }, { AT_CLKTCK, 100 }, { AT_UID, 0 },
			      { AT_EUID, 0 }, { AT_GID, 0 }, { AT_EGID, 0 }, { AT_SECURE, 0 }, { AT_NULL, 0 } };
	for (size_t i = 0; i < sizeof(aux) / sizeof(aux[0]); i++) {
		sp[n++] = aux[i][0];
		sp[n++] = aux[i][1];
	}
	cpu_init(&cpu);
	cpu.sp = (uint64_t)sp;
	cpu.pc = eh.e_entry;
	for (;;) {
		enum cpu_exit r = cpu_run(&cpu);
		if (r == CPU_EXIT_SVC) {
			cpu.x[0] = (uint64_t)do_syscall(&cpu);
			continue;
		}
		fprintf(stderr, "minirun: exit %d at pc=%#llx insn=%08x\n", r, (unsigned long long)cpu.pc,
			r == CPU_EXIT_UDF || r == CPU_EXIT_BRK ? *(uint32_t *)cpu.pc : 0);
		return 128 + 4;
	}
}
