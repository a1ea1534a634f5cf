// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdso.c — the guest vDSO (AT_SYSINFO_EHDR): one page holding an ELF shared object
 * "linux-vdso.so.1" shaped like the arm64 kernel's: version LINUX_2.6.39 (DT_VERDEF/DT_VERSYM,
 * which Go's runtime walks unconditionally), a SysV DT_HASH (the kernel links its vDSO with
 * --hash-style=sysv), and the exports __kernel_rt_sigreturn, __kernel_clock_gettime,
 * __kernel_gettimeofday and __kernel_clock_getres, with unwind information for all of them.
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
 * The clock functions are leaves that make the syscall (see vsyms[] below); their FDE (a plain
 * "zR" CIE) says CFA = sp and the return address is in x30.
 *
 * The image is built at start-up (about 2 KiB of stores, no file access). Section headers are
 * included so that readelf/objdump can decode a dumped image (tests/abi/t_unwind dump).
 */
#include <elf.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include "a64guest.h"
#include "abi.h"
#include "syscall.h"

/*
 * Layout of the page. The trampoline stays at 0x304 (tests/abi checks it); the dynamic-linking
 * tables fit in front of it, unwind information and section headers follow the text.
 */
#define O_PHDR 0x40
#define NPHDR 3
#define O_HASH 0xe8
#define NBUCKET 3
#define O_VERSYM 0x110
#define O_VERDEF 0x120
#define NVERDEF 2
#define O_DYNSYM 0x158
#define O_DYNAMIC 0x1d0
#define N_DYN 10
#define O_DYNSTR 0x270
#define O_TEXT 0x300
#define O_FUNCS 0x310		/* the clock functions, 16 bytes apart */
#define TEXT_LEN 0x3c
#define TRAMP_LEN 12		/* nop + the trampoline: the signal-frame FDE */
#define O_EHHDR 0x340
#define EHHDR_LEN 28
#define O_EHFRAME 0x360
#define EHFRAME_MAX 0x300
#define O_SHSTR 0x680
#define O_SHDR 0x700
#define NSHDR 11

/* The exported functions, in symbol-table order (index 1..NSYM-1; 0 is the null symbol). Each
 * clock function is "mov x8, #NR; svc #0; ret": the syscall does the work, and the emulator
 * serves the clock from the host's own vDSO (syscall_time.c), which is what a kernel's vDSO
 * would do for clocks it has no data page for. They return 0 or -errno in x0, as the kernel's
 * vDSO functions do. */
static const struct vsym {
	const char *name;
	uint32_t off, size;
	unsigned nr;		/* the syscall it makes */
} vsyms[] = {
	{ "__kernel_rt_sigreturn", O_TEXT + 4, 8, 139 },
	{ "__kernel_clock_gettime", O_FUNCS, 12, 113 },
	{ "__kernel_gettimeofday", O_FUNCS + 16, 12, 169 },
	{ "__kernel_clock_getres", O_FUNCS + 32, 12, 114 },
};
#define NSYM (1 + (int)(sizeof(vsyms) / sizeof(vsyms[0])))
#define SONAME "linux-vdso.so.1"
#define VERSION "LINUX_2.6.39"

static const char shstr[] = "\0.hash\0.gnu.version\0.gnu.version_d\0.dynsym\0.dynstr\0.dynamic\0.text\0"
			    ".eh_frame_hdr\0.eh_frame\0.shstrtab";
enum { SH_HASH = 1, SH_VERSYM, SH_VERDEF, SH_DYNSYM, SH_DYNSTR, SH_DYNAMIC, SH_TEXT, SH_EHHDR, SH_EHFRAME, SH_SHSTR };
_Static_assert(SH_SHSTR + 1 == NSHDR, "section count");

/* The SysV ELF hash (gABI "Hash Table"): used for DT_HASH and for vd_hash. */
static uint32_t elf_hash(const char *s)
{
	uint32_t h = 0;
	while (*s) {
		h = (h << 4) + (uint8_t)*s++;
		uint32_t g = h & 0xf0000000u;
		if (g)
			h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

/* Append a string to .dynstr; returns its offset. */
static uint32_t str_add(uint8_t *img, size_t *len, const char *s)
{
	size_t n = strlen(s) + 1;
	if (O_DYNSTR + *len + n > O_TEXT)
		die("vDSO string table too large");
	memcpy(img + O_DYNSTR + *len, s, n);
	*len += n;
	return (uint32_t)(*len - n);
}

/* DWARF call frame information. */
#define DW_CFA_nop 0x00
#define DW_CFA_def_cfa 0x0c
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

/* A CIE: code alignment 4, data alignment -8, FDE pointers pc-relative; `aug` is "zR" or "zRS";
 * `init` the initial instructions. Returns its offset in c. */
static size_t put_cie(struct cfi *c, const char *aug, unsigned ra, const uint8_t *init, size_t ninit)
{
	size_t cie = c->n;
	put32(c, 0);			/* length, patched */
	put32(c, 0);			/* CIE id */
	put(c, 1);			/* version */
	memcpy(c->b + c->n, aug, strlen(aug) + 1);
	c->n += strlen(aug) + 1;
	uleb(c, 4);			/* code alignment */
	sleb(c, -8);			/* data alignment */
	put(c, (uint8_t)ra);		/* return address column */
	uleb(c, 1);			/* augmentation data: */
	put(c, DW_EH_PE_pcrel | DW_EH_PE_sdata4);	/* R: FDE pointers */
	for (size_t i = 0; i < ninit; i++)
		put(c, init[i]);
	pad8(c, cie + 4);
	uint32_t len = (uint32_t)(c->n - cie - 4);
	memcpy(c->b + cie, &len, 4);
	return cie;
}

/* An FDE's header for [lo, lo + n) under the CIE at `cie`; the caller adds the instructions
 * and then calls fde_end(). */
static size_t fde_begin(struct cfi *c, size_t cie, uint32_t lo, uint32_t n)
{
	size_t fde = c->n;
	put32(c, 0);			/* length, patched */
	put32(c, (uint32_t)(c->n - cie));	/* CIE pointer: back from this field */
	put32(c, (uint32_t)(int32_t)((int64_t)lo - (int64_t)(O_EHFRAME + c->n)));	/* pc begin */
	put32(c, n);			/* pc range */
	uleb(c, 0);			/* augmentation data */
	return fde;
}

static void fde_end(struct cfi *c, size_t fde)
{
	pad8(c, fde + 4);
	uint32_t len = (uint32_t)(c->n - fde - 4);
	memcpy(c->b + fde, &len, 4);
}

/* .eh_frame at img + O_EHFRAME: the signal-frame CIE and the trampoline's FDE, then a plain CIE
 * and one FDE for the clock functions (leaves: CFA = sp, the return address stays in x30), then
 * the terminator. fdes[] gets the offsets (in the page) of the two FDEs. */
static size_t build_eh_frame(uint8_t *img, size_t fdes[2])
{
	struct cfi c = { img + O_EHFRAME, 0 };
	size_t cie = put_cie(&c, "zRS", DWARF_RA, NULL, 0);
	size_t fde = fde_begin(&c, cie, O_TEXT, TRAMP_LEN);
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
	fde_end(&c, fde);
	fdes[0] = O_EHFRAME + fde;

	static const uint8_t leaf[] = { DW_CFA_def_cfa, 31, 0 };	/* CFA = sp + 0 */
	cie = put_cie(&c, "zR", 30, leaf, sizeof(leaf));
	fde = fde_begin(&c, cie, O_FUNCS, O_TEXT + TEXT_LEN - O_FUNCS);
	fde_end(&c, fde);
	fdes[1] = O_EHFRAME + fde;

	put32(&c, 0);			/* terminator */
	if (c.n > EHFRAME_MAX)
		die("vDSO unwind information too large (%zu bytes)", c.n);
	return c.n;
}

/* .eh_frame_hdr at img + O_EHHDR: the binary-search table, sorted by start address. */
static void build_eh_frame_hdr(uint8_t *img, const size_t fdes[2])
{
	struct cfi c = { img + O_EHHDR, 0 };
	put(&c, 1);					/* version */
	put(&c, DW_EH_PE_pcrel | DW_EH_PE_sdata4);	/* eh_frame_ptr */
	put(&c, DW_EH_PE_udata4);			/* fde_count */
	put(&c, DW_EH_PE_datarel | DW_EH_PE_sdata4);	/* table, relative to this header */
	put32(&c, (uint32_t)(O_EHFRAME - (O_EHHDR + c.n)));
	put32(&c, 2);
	put32(&c, (uint32_t)(O_TEXT - O_EHHDR));
	put32(&c, (uint32_t)(fdes[0] - O_EHHDR));
	put32(&c, (uint32_t)(O_FUNCS - O_EHHDR));
	put32(&c, (uint32_t)(fdes[1] - O_EHHDR));
	if (c.n != EHHDR_LEN)
		die("vDSO .eh_frame_hdr size");
}

/* .hash, .gnu.version, .gnu.version_d, .dynsym, .dynstr; returns the size of .dynstr and sets
 * *soname to the offset of the file's name in it. */
static size_t build_symbols(uint8_t *img, uint32_t *soname)
{
	size_t strsz = 1;		/* .dynstr starts with the empty string */
	Elf64_Sym *sym = (Elf64_Sym *)(img + O_DYNSYM);
	Elf64_Half *versym = (Elf64_Half *)(img + O_VERSYM);
	uint32_t *hash = (uint32_t *)(img + O_HASH);
	uint32_t *bucket = hash + 2, *chain = hash + 2 + NBUCKET;

	hash[0] = NBUCKET;
	hash[1] = NSYM;
	versym[0] = VER_NDX_LOCAL;
	for (int i = 1; i < NSYM; i++) {
		const struct vsym *v = &vsyms[i - 1];
		sym[i].st_name = str_add(img, &strsz, v->name);
		sym[i].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC);
		sym[i].st_shndx = SH_TEXT;
		sym[i].st_value = v->off;
		sym[i].st_size = v->size;
		versym[i] = 2;		/* LINUX_2.6.39 */
		/* chain: prepend to the symbol's bucket */
		uint32_t b = elf_hash(v->name) % NBUCKET;
		chain[i] = bucket[b];
		bucket[b] = (uint32_t)i;
	}

	/* Version definitions: the file itself (index 1, VER_FLG_BASE) and LINUX_2.6.39 (index 2),
	 * each with one auxiliary entry naming it. */
	static const char *const vname[NVERDEF] = { SONAME, VERSION };
	uint8_t *vd = img + O_VERDEF;
	for (int i = 0; i < NVERDEF; i++) {
		Elf64_Verdef d = {
			.vd_version = VER_DEF_CURRENT,
			.vd_flags = i == 0 ? VER_FLG_BASE : 0,
			.vd_ndx = (Elf64_Half)(i + 1),
			.vd_cnt = 1,
			.vd_hash = elf_hash(vname[i]),
			.vd_aux = sizeof(Elf64_Verdef),
			.vd_next = i + 1 < NVERDEF ? sizeof(Elf64_Verdef) + sizeof(Elf64_Verdaux) : 0,
		};
		Elf64_Verdaux a = { .vda_name = str_add(img, &strsz, vname[i]), .vda_next = 0 };
		if (i == 0)
			*soname = a.vda_name;
		memcpy(vd, &d, sizeof(d));
		memcpy(vd + sizeof(d), &a, sizeof(a));
		vd += sizeof(d) + sizeof(a);
	}
	if (vd > img + O_DYNSYM)
		die("vDSO version definitions too large");
	return strsz;
}

void a64_vdso_init(void)
{
	_Static_assert(O_HASH >= O_PHDR + NPHDR * sizeof(Elf64_Phdr), "layout: phdrs");
	_Static_assert(O_VERSYM >= O_HASH + 4 * (2 + NBUCKET + NSYM), "layout: hash");
	_Static_assert(O_VERDEF >= O_VERSYM + 2 * NSYM, "layout: versym");
	_Static_assert(O_DYNAMIC >= O_DYNSYM + NSYM * sizeof(Elf64_Sym), "layout: dynsym");
	_Static_assert(O_DYNSTR >= O_DYNAMIC + N_DYN * sizeof(Elf64_Dyn), "layout: dynamic");
	_Static_assert(O_EHHDR >= O_TEXT + TEXT_LEN && O_EHFRAME >= O_EHHDR + EHHDR_LEN, "layout: text");
	_Static_assert(O_SHSTR >= O_EHFRAME + EHFRAME_MAX && O_SHDR >= O_SHSTR + sizeof(shstr), "layout: eh");
	_Static_assert(O_SHDR + NSHDR * sizeof(Elf64_Shdr) <= PAGE_SIZE_G, "layout: one page");

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

	/* text */
	uint32_t *text = (uint32_t *)(img + O_TEXT);
	text[0] = 0xd503201f;	/* nop: inside the FDE, for unwinders that look up pc - 1 */
	for (int i = 0; i < NSYM - 1; i++) {
		uint32_t *f = (uint32_t *)(img + vsyms[i].off);
		f[0] = 0xd2800008 | (vsyms[i].nr << 5);	/* mov x8, #nr */
		f[1] = 0xd4000001;			/* svc #0 */
		if (vsyms[i].size > 8)
			f[2] = 0xd65f03c0;		/* ret */
	}
	size_t fdes[2];
	size_t ehf_len = build_eh_frame(img, fdes);
	build_eh_frame_hdr(img, fdes);
	uint32_t soname;
	size_t strsz = build_symbols(img, &soname);

	Elf64_Phdr *ph = (Elf64_Phdr *)(img + O_PHDR);
	ph[0] = (Elf64_Phdr){ PT_LOAD, PF_R | PF_X, 0, 0, 0, PAGE_SIZE_G, PAGE_SIZE_G, PAGE_SIZE_G };
	ph[1] = (Elf64_Phdr){ PT_DYNAMIC, PF_R, O_DYNAMIC, O_DYNAMIC, O_DYNAMIC, N_DYN * 16, N_DYN * 16, 8 };
	ph[2] = (Elf64_Phdr){ PT_GNU_EH_FRAME, PF_R, O_EHHDR, O_EHHDR, O_EHHDR, EHHDR_LEN, EHHDR_LEN, 4 };

	Elf64_Dyn *dyn = (Elf64_Dyn *)(img + O_DYNAMIC);
	int k = 0;
	dyn[k++] = (Elf64_Dyn){ DT_SONAME, { soname } };
	dyn[k++] = (Elf64_Dyn){ DT_HASH, { O_HASH } };
	dyn[k++] = (Elf64_Dyn){ DT_STRTAB, { O_DYNSTR } };
	dyn[k++] = (Elf64_Dyn){ DT_SYMTAB, { O_DYNSYM } };
	dyn[k++] = (Elf64_Dyn){ DT_STRSZ, { strsz } };
	dyn[k++] = (Elf64_Dyn){ DT_SYMENT, { sizeof(Elf64_Sym) } };
	dyn[k++] = (Elf64_Dyn){ DT_VERSYM, { O_VERSYM } };
	dyn[k++] = (Elf64_Dyn){ DT_VERDEF, { O_VERDEF } };
	dyn[k++] = (Elf64_Dyn){ DT_VERDEFNUM, { NVERDEF } };
	dyn[k++] = (Elf64_Dyn){ DT_NULL, { 0 } };
	if (k != N_DYN)
		die("vDSO dynamic section size");

	/* Section headers: for tools only (the loader and glibc use the program headers). */
	memcpy(img + O_SHSTR, shstr, sizeof(shstr));
	eh->e_shoff = O_SHDR;
	eh->e_shentsize = sizeof(Elf64_Shdr);
	eh->e_shnum = NSHDR;
	eh->e_shstrndx = SH_SHSTR;
	Elf64_Shdr *sh = (Elf64_Shdr *)(img + O_SHDR);
	static const char *const names[NSHDR] = { "", ".hash", ".gnu.version", ".gnu.version_d", ".dynsym", ".dynstr",
						  ".dynamic", ".text", ".eh_frame_hdr", ".eh_frame", ".shstrtab" };
	const struct { uint32_t type; uint64_t flags, off, size; uint32_t link, info; uint64_t align, entsize; } sec[NSHDR] = {
		[SH_HASH] = { SHT_HASH, SHF_ALLOC, O_HASH, 4 * (2 + NBUCKET + NSYM), SH_DYNSYM, 0, 8, 4 },
		[SH_VERSYM] = { SHT_GNU_versym, SHF_ALLOC, O_VERSYM, 2 * NSYM, SH_DYNSYM, 0, 2, 2 },
		[SH_VERDEF] = { SHT_GNU_verdef, SHF_ALLOC, O_VERDEF, NVERDEF * (sizeof(Elf64_Verdef) + sizeof(Elf64_Verdaux)),
				SH_DYNSTR, NVERDEF, 4, 0 },
		[SH_DYNSYM] = { SHT_DYNSYM, SHF_ALLOC, O_DYNSYM, NSYM * sizeof(Elf64_Sym), SH_DYNSTR, 1, 8, sizeof(Elf64_Sym) },
		[SH_DYNSTR] = { SHT_STRTAB, SHF_ALLOC, O_DYNSTR, strsz, 0, 0, 1, 0 },
		[SH_DYNAMIC] = { SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE, O_DYNAMIC, N_DYN * 16, SH_DYNSTR, 0, 8, 16 },
		[SH_TEXT] = { SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, O_TEXT, TEXT_LEN, 0, 0, 4, 0 },
		[SH_EHHDR] = { SHT_PROGBITS, SHF_ALLOC, O_EHHDR, EHHDR_LEN, 0, 0, 4, 0 },
		[SH_EHFRAME] = { SHT_PROGBITS, SHF_ALLOC, O_EHFRAME, ehf_len, 0, 0, 8, 0 },
		[SH_SHSTR] = { SHT_STRTAB, 0, O_SHSTR, sizeof(shstr), 0, 0, 1, 0 },
	};
	for (int i = 1; i < NSHDR; i++) {
		const char *nm = memmem(shstr, sizeof(shstr), names[i], strlen(names[i]) + 1);
		sh[i].sh_name = nm ? (uint32_t)(nm - shstr) : 0;
		sh[i].sh_type = sec[i].type;
		sh[i].sh_flags = sec[i].flags;
		sh[i].sh_addr = sec[i].flags & SHF_ALLOC ? sec[i].off : 0;
		sh[i].sh_offset = sec[i].off;
		sh[i].sh_size = sec[i].size;
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
