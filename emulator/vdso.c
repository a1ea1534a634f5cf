// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdso.c — a small guest vDSO (AT_SYSINFO_EHDR): one page holding an ELF shared object
 * "linux-vdso.so.1" that exports __kernel_rt_sigreturn, with unwind information for it.
 *
 * The trampoline is exactly "mov x8, #139; svc #0" (no BTI landing pad: it is only ever
 * returned to), preceded by a nop that the FDE covers too: an unwinder looks up the FDE of a
 * return address minus 1, and the handler's return address is the trampoline itself.
 *
 * Unwind information (.eh_frame, .eh_frame_hdr, PT_GNU_EH_FRAME, so libgcc finds it through
 * dl_iterate_phdr): one CIE with augmentation "zRS" (S: a signal frame, so the interrupted
 * pc is used as is, not minus 1) and one FDE whose rules read the whole interrupted state from
 * the rt_sigframe that sp points at while the trampoline runs: CFA = sigcontext.sp, x0..x30 and
 * d8..d15 from the sigcontext and its FP/SIMD record, and the return address (the interrupted
 * pc) in libgcc's extra column 96. Describing only the frame record (CFA = x29, x29/x30 at
 * CFA+0/+8, which is what signal.c stores there) would be wrong: it restores neither sp nor
 * the pc, so the interrupted function (a leaf above all) is skipped and the unwinder goes on
 * with a bogus sp; a first try at this crashed libgcc's unwinder.
 * No clock functions are exported: glibc then makes real syscalls for them.
 *
 * The image is built at start-up (about 1 KiB of stores, no file access). Section headers are
 * included so that readelf/objdump can decode a dumped image (tests/abi/t_unwind dump).
 */
#include <elf.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include "syscall.h"

/* Offsets inside the page. */
#define O_PHDR 0x40
#define NPHDR 3
#define O_HASH 0x100
#define O_DYNSYM 0x120
#define O_DYNSTR 0x160
#define O_DYNAMIC 0x1a0
#define N_DYN 8
#define O_SHSTR 0x240
#define O_TEXT 0x300
#define TEXT_LEN 12
#define O_EHHDR 0x320
#define EHHDR_LEN 20
#define O_EHFRAME 0x340
#define EHFRAME_MAX 0x2c0
#define O_SHDR 0x600
#define NSHDR 9

static const char dynstr[] = "\0__kernel_rt_sigreturn\0linux-vdso.so.1\0LINUX_2.6.39";
#define STR_SIGRET 1
#define STR_SONAME 23

static const char shstr[] = "\0.hash\0.dynsym\0.dynstr\0.dynamic\0.text\0.eh_frame_hdr\0.eh_frame\0.shstrtab";
enum { SH_HASH = 1, SH_DYNSYM, SH_DYNSTR, SH_DYNAMIC, SH_TEXT, SH_EHHDR, SH_EHFRAME, SH_SHSTR };

/* DWARF call frame information. */
#define DW_CFA_nop 0x00
#define DW_CFA_def_cfa_expression 0x0f
#define DW_CFA_expression 0x10
#define DW_OP_deref 0x06
#define DW_OP_breg31 0x8f	/* sp + sleb128 */
#define DW_EH_PE_udata4 0x03
#define DW_EH_PE_sdata4 0x0b
#define DW_EH_PE_pcrel 0x10
#define DW_EH_PE_datarel 0x30
#define DWARF_X0 0
#define DWARF_V0 64
#define DWARF_RA 96	/* libgcc's extra return-address column on aarch64 */

/* Where the trampoline finds the interrupted state: sp = the rt_sigframe. */
#define SF_MC offsetof(struct gabi_rt_sigframe, uc.uc_mcontext)
#define SF_X(n) (SF_MC + offsetof(struct gabi_sigcontext, regs) + 8 * (n))
#define SF_SP (SF_MC + offsetof(struct gabi_sigcontext, sp))
#define SF_PC (SF_MC + offsetof(struct gabi_sigcontext, pc))
/* signal.c's setup_frame puts the FP/SIMD record first in __reserved */
#define SF_V(n) (SF_MC + offsetof(struct gabi_sigcontext, __reserved) + offsetof(struct gabi_fpsimd_context, vregs) + 16 * (n))

struct cfi {
	uint8_t *b;
	size_t n;
};

static void put(struct cfi *c, uint8_t v) { c->b[c->n++] = v; }
static void put32(struct cfi *c, uint32_t v) { memcpy(c->b + c->n, &v, 4); c->n += 4; }
static void uleb(struct cfi *c, uint64_t v)
{
	do {
		uint8_t x = v & 0x7f;
		v >>= 7;
		put(c, x | (v ? 0x80 : 0));
	} while (v);
}
static void sleb(struct cfi *c, int64_t v)
{
	for (;;) {
		uint8_t x = v & 0x7f;
		v >>= 7;	/* arithmetic */
		if ((v == 0 && !(x & 0x40)) || (v == -1 && (x & 0x40))) {
			put(c, x);
			return;
		}
		put(c, x | 0x80);
	}
}
static size_t sleb_len(int64_t v)
{
	uint8_t tmp[10];
	struct cfi c = { tmp, 0 };
	sleb(&c, v);
	return c.n;
}
/* DW_CFA_expression reg: *(sp + off) */
static void reg_at(struct cfi *c, unsigned reg, size_t off)
{
	put(c, DW_CFA_expression);
	uleb(c, reg);
	uleb(c, 1 + sleb_len((int64_t)off));
	put(c, DW_OP_breg31);
	sleb(c, (int64_t)off);
}
static void pad8(struct cfi *c, size_t start)
{
	while ((c->n - start) % 8)
		put(c, DW_CFA_nop);
}

/* .eh_frame at img + O_EHFRAME: CIE, FDE for [O_TEXT, O_TEXT + TEXT_LEN), terminator. */
static size_t build_eh_frame(uint8_t *img)
{
	struct cfi c = { img + O_EHFRAME, 0 };
	/* CIE */
	size_t cie = c.n;
	put32(&c, 0);			/* length, patched */
	put32(&c, 0);			/* CIE id */
	put(&c, 1);			/* version */
	memcpy(c.b + c.n, "zRS", 4);
	c.n += 4;
	uleb(&c, 4);			/* code alignment */
	sleb(&c, -8);			/* data alignment */
	put(&c, DWARF_RA);		/* return address column */
	uleb(&c, 1);			/* augmentation data: */
	put(&c, DW_EH_PE_pcrel | DW_EH_PE_sdata4);	/* R: FDE pointers */
	pad8(&c, cie + 4);
	uint32_t len = (uint32_t)(c.n - cie - 4);
	memcpy(c.b + cie, &len, 4);
	/* FDE */
	size_t fde = c.n;
	put32(&c, 0);			/* length, patched */
	put32(&c, (uint32_t)(c.n - cie));	/* CIE pointer: back from this field */
	put32(&c, (uint32_t)(int32_t)((int64_t)O_TEXT - (int64_t)(O_EHFRAME + c.n)));	/* pc begin */
	put32(&c, TEXT_LEN);		/* pc range */
	uleb(&c, 0);			/* augmentation data */
	/* CFA = the interrupted sp */
	put(&c, DW_CFA_def_cfa_expression);
	uleb(&c, 1 + sleb_len(SF_SP) + 1);
	put(&c, DW_OP_breg31);
	sleb(&c, SF_SP);
	put(&c, DW_OP_deref);
	for (unsigned r = 0; r <= 30; r++)
		reg_at(&c, DWARF_X0 + r, SF_X(r));
	for (unsigned r = 8; r <= 15; r++)	/* the callee-saved d8..d15 (low halves) */
		reg_at(&c, DWARF_V0 + r, SF_V(r));
	reg_at(&c, DWARF_RA, SF_PC);
	pad8(&c, fde + 4);
	len = (uint32_t)(c.n - fde - 4);
	memcpy(c.b + fde, &len, 4);
	put32(&c, 0);			/* terminator */
	if (c.n > EHFRAME_MAX)
		die("vDSO unwind information too large (%zu bytes)", c.n);
	return c.n;
}

/* .eh_frame_hdr at img + O_EHHDR: one entry in the binary-search table. */
static void build_eh_frame_hdr(uint8_t *img)
{
	struct cfi c = { img + O_EHHDR, 0 };
	put(&c, 1);					/* version */
	put(&c, DW_EH_PE_pcrel | DW_EH_PE_sdata4);	/* eh_frame_ptr */
	put(&c, DW_EH_PE_udata4);			/* fde_count */
	put(&c, DW_EH_PE_datarel | DW_EH_PE_sdata4);	/* table, relative to this header */
	put32(&c, (uint32_t)(O_EHFRAME - (O_EHHDR + c.n)));
	put32(&c, 1);
	size_t fde = O_EHFRAME + (size_t)(*(uint32_t *)(img + O_EHFRAME)) + 4;
	put32(&c, (uint32_t)(O_TEXT - O_EHHDR));
	put32(&c, (uint32_t)(fde - O_EHHDR));
}

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

	/* text and unwind information first: the program headers give their sizes */
	static const uint32_t text[] = {
		0xd503201f,	/* nop: inside the FDE, for unwinders that look up pc - 1 */
		0xd2801168,	/* __kernel_rt_sigreturn: mov x8, #139 */
		0xd4000001,	/* svc #0 */
	};
	_Static_assert(sizeof(text) == TEXT_LEN, "trampoline size");
	memcpy(img + O_TEXT, text, sizeof(text));
	size_t ehf_len = build_eh_frame(img);
	build_eh_frame_hdr(img);

	Elf64_Phdr *ph = (Elf64_Phdr *)(img + O_PHDR);
	ph[0] = (Elf64_Phdr){ PT_LOAD, PF_R | PF_X, 0, 0, 0, PAGE_SIZE_G, PAGE_SIZE_G, PAGE_SIZE_G };
	ph[1] = (Elf64_Phdr){ PT_DYNAMIC, PF_R, O_DYNAMIC, O_DYNAMIC, O_DYNAMIC, N_DYN * 16, N_DYN * 16, 8 };
	ph[2] = (Elf64_Phdr){ PT_GNU_EH_FRAME, PF_R, O_EHHDR, O_EHHDR, O_EHHDR, EHHDR_LEN, EHHDR_LEN, 4 };

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
	sym[1].st_shndx = SH_TEXT;
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

	/* Section headers: for tools only (the loader and glibc use the program headers). */
	memcpy(img + O_SHSTR, shstr, sizeof(shstr));
	eh->e_shoff = O_SHDR;
	eh->e_shentsize = sizeof(Elf64_Shdr);
	eh->e_shnum = NSHDR;
	eh->e_shstrndx = SH_SHSTR;
	Elf64_Shdr *sh = (Elf64_Shdr *)(img + O_SHDR);
	static const char *const names[NSHDR] = { "", ".hash", ".dynsym", ".dynstr", ".dynamic", ".text",
						  ".eh_frame_hdr", ".eh_frame", ".shstrtab" };
	static const struct { uint32_t type; uint64_t flags, off, size; uint32_t link, info; uint64_t align, entsize; } sec[NSHDR] = {
		[SH_HASH] = { SHT_HASH, SHF_ALLOC, O_HASH, 20, SH_DYNSYM, 0, 8, 4 },
		[SH_DYNSYM] = { SHT_DYNSYM, SHF_ALLOC, O_DYNSYM, 2 * sizeof(Elf64_Sym), SH_DYNSTR, 1, 8, sizeof(Elf64_Sym) },
		[SH_DYNSTR] = { SHT_STRTAB, SHF_ALLOC, O_DYNSTR, sizeof(dynstr), 0, 0, 1, 0 },
		[SH_DYNAMIC] = { SHT_DYNAMIC, SHF_ALLOC, O_DYNAMIC, N_DYN * 16, SH_DYNSTR, 0, 8, 16 },
		[SH_TEXT] = { SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, O_TEXT, TEXT_LEN, 0, 0, 4, 0 },
		[SH_EHHDR] = { SHT_PROGBITS, SHF_ALLOC, O_EHHDR, EHHDR_LEN, 0, 0, 4, 0 },
		[SH_EHFRAME] = { SHT_PROGBITS, SHF_ALLOC, O_EHFRAME, 0 /* ehf_len */, 0, 0, 8, 0 },
		[SH_SHSTR] = { SHT_STRTAB, 0, O_SHSTR, sizeof(shstr), 0, 0, 1, 0 },
	};
	for (int i = 1; i < NSHDR; i++) {
		const char *nm = memmem(shstr, sizeof(shstr), names[i], strlen(names[i]) + 1);
		sh[i].sh_name = nm ? (uint32_t)(nm - shstr) : 0;
		sh[i].sh_type = sec[i].type;
		sh[i].sh_flags = sec[i].flags;
		sh[i].sh_addr = sec[i].flags & SHF_ALLOC ? sec[i].off : 0;
		sh[i].sh_offset = sec[i].off;
		sh[i].sh_size = i == SH_EHFRAME ? ehf_len : sec[i].size;
		sh[i].sh_link = sec[i].link;
		sh[i].sh_info = sec[i].info;
		sh[i].sh_addralign = sec[i].align;
		sh[i].sh_entsize = sec[i].entsize;
	}

	mprotect(img, PAGE_SIZE_G, PROT_READ);

	proc.vdso = (uint64_t)(uintptr_t)img;
	proc.sigtramp = proc.vdso + O_TEXT + 4;
	mmap_note(proc.vdso, PAGE_SIZE_G, PROT_READ | PROT_EXEC, 0);
}
