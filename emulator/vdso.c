// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdso.c — a small guest vDSO (AT_SYSINFO_EHDR): one page holding an ELF shared object
 * "linux-vdso.so.1" that exports __kernel_rt_sigreturn.
 *
 * The trampoline is exactly "mov x8, #139; svc #0" preceded by a nop (unwinders look up
 * return address - 1). There is deliberately no .eh_frame: unwinders (libgcc, gdb) recognise
 * a signal frame by this instruction pattern and then read the whole sigcontext, which is
 * more precise than frame-record CFI (tests/abi/t_signal: backtrace() from a handler reaches
 * the interrupted function). A first try with x29-based CFI crashed libgcc's unwinder.
 * No clock functions are exported: glibc then makes real syscalls for them.
 *
 * The image is built at start-up (about 600 bytes of stores, no file access).
 */
#include <elf.h>
#include <string.h>
#include <sys/mman.h>
#include "syscall.h"

/* Offsets inside the page. */
#define O_PHDR 0x40
#define NPHDR 2
#define O_HASH 0x100
#define O_DYNSYM 0x120
#define O_DYNSTR 0x160
#define O_DYNAMIC 0x1a0
#define O_TEXT 0x300

static const char dynstr[] = "\0__kernel_rt_sigreturn\0linux-vdso.so.1\0LINUX_2.6.39";
#define STR_SIGRET 1
#define STR_SONAME 23

void vdso_init(void)
{
	uint8_t *img = mmap(NULL, PAGE_SIZE_G, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (img == MAP_FAILED)
		die("cannot map the vDSO");

	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh->e_type = ET_DYN;
	eh->e_machine = G_EM_AARCH64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = 0;
	eh->e_phoff = O_PHDR;
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = NPHDR;

	Elf64_Phdr *ph = (Elf64_Phdr *)(img + O_PHDR);
	ph[0] = (Elf64_Phdr){ PT_LOAD, PF_R | PF_X, 0, 0, 0, PAGE_SIZE_G, PAGE_SIZE_G, PAGE_SIZE_G };
	ph[1] = (Elf64_Phdr){ PT_DYNAMIC, PF_R, O_DYNAMIC, O_DYNAMIC, O_DYNAMIC, 8 * 16, 8 * 16, 8 };

	/* SysV hash: one bucket, two symbols (0 is the null symbol). */
	uint32_t *hash = (uint32_t *)(img + O_HASH);
	hash[0] = 1;
	hash[1] = 2;
	hash[2] = 1;
	hash[3] = 0;
	hash[4] = 0;

	Elf64_Sym *sym = (Elf64_Sym *)(img + O_DYNSYM);
	sym[1].st_name = STR_SIGRET;
	sym[1].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC);
	sym[1].st_shndx = 7;	/* any defined section index; there are no section headers */
	sym[1].st_value = O_TEXT + 4;
	sym[1].st_size = 8;
	memcpy(img + O_DYNSTR, dynstr, sizeof(dynstr));

	Elf64_Dyn *dyn = (Elf64_Dyn *)(img + O_DYNAMIC);
	int k = 0;
	dyn[k++] = (Elf64_Dyn){ DT_SONAME, { STR_SONAME } };
	dyn[k++] = (Elf64_Dyn){ DT_HASH, { O_HASH } };
	dyn[k++] = (Elf64_Dyn){ DT_STRTAB, { O_DYNSTR } };
	dyn[k++] = (Elf64_Dyn){ DT_SYMTAB, { O_DYNSYM } };
	dyn[k++] = (Elf64_Dyn){ DT_STRSZ, { sizeof(dynstr) } };
	dyn[k++] = (Elf64_Dyn){ DT_SYMENT, { sizeof(Elf64_Sym) } };
	dyn[k++] = (Elf64_Dyn){ DT_NULL, { 0 } };

	static const uint32_t text[] = {
		0xd503201f,	/* nop: unwinders look at return address - 1 */
		0xd2801168,	/* __kernel_rt_sigreturn: mov x8, #139 */
		0xd4000001,	/* svc #0 */
	};
	memcpy(img + O_TEXT, text, sizeof(text));
	mprotect(img, PAGE_SIZE_G, PROT_READ);

	proc.vdso = (uint64_t)(uintptr_t)img;
	proc.sigtramp = proc.vdso + O_TEXT + 4;
	mmap_note(proc.vdso, PAGE_SIZE_G, PROT_READ | PROT_EXEC, 0);
}
