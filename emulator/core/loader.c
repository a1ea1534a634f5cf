// SPDX-License-Identifier: GPL-2.0-only
/*
 * loader.c — ELF loading and the initial process stack (see loader.h).
 *
 * Guest memory is identity mapped, so segments are mmapped at their guest addresses: ET_EXEC
 * at the linked addresses (refusing to overlap the emulator or other guest memory), ET_DYN
 * where mmap.c finds room below guest.addr_top near a preferred base. ELF32 and ELF64 are read
 * into the same (64-bit) header structures; the initial stack's words are the guest's
 * pointer size (its ELF class).
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include "loader.h"
#include "secure.h"
#include "path.h"
#include "syscall.h"

#define PIE_BASE 0x5500000000ull	/* preferred base of a PIE main program (64-bit guest) */
#define MAX_PHNUM 128

struct elf_info {
	uint64_t base;		/* load bias */
	uint64_t entry;
	uint64_t phdr;		/* guest address of the program headers */
	uint64_t phnum;
	uint64_t end;		/* highest mapped address (for brk) */
	char interp[PATH_MAX];
};

static void load_fail(const char *path, const char *why) __attribute__((noreturn));
static void load_fail(const char *path, const char *why)
{
	fprintf(stderr, "%s: %s: %s\n", guest.emu_name, path, why);
	exit(126);
}

/* e_type and e_machine are at the same offsets in ELF32 and ELF64 headers. */
int loader_is_guest_elf(const unsigned char *b, long n)
{
	if (n < (long)sizeof(Elf32_Ehdr) || memcmp(b, ELFMAG, SELFMAG))
		return 0;
	const Elf32_Ehdr *e = (const void *)b;
	return b[EI_CLASS] == guest.elf_class && b[EI_DATA] == ELFDATA2LSB && e->e_machine == guest.elf_machine &&
	       (e->e_type == ET_EXEC || e->e_type == ET_DYN);
}

static void read_exact(int fd, void *buf, size_t len, off_t off, const char *path)
{
	size_t done = 0;
	while (done < len) {
		ssize_t r = pread(fd, (char *)buf + done, len - done, off + (off_t)done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			char m[256];
			snprintf(m, sizeof(m), "cannot read: %s", strerror(errno));
			load_fail(path, m);
		}
		if (r == 0)
			load_fail(path, "truncated ELF file");
		done += (size_t)r;
	}
}

static int elf_prot(uint32_t pf)
{
	/* Guest code is read by the CPU, never executed by the host: X implies R. */
	int p = 0;
	if (pf & PF_R)
		p |= PROT_READ;
	if (pf & PF_W)
		p |= PROT_WRITE;
	if (pf & PF_X)
		p |= PROT_READ;
	return p;
}

/* The ELF header and program headers of either class, widened to the ELF64 structures. */
static void read_headers(int fd, const char *path, off_t size, Elf64_Ehdr *eh, Elf64_Phdr *ph)
{
	int is32 = guest.elf_class == ELFCLASS32;
	size_t ehsz = is32 ? sizeof(Elf32_Ehdr) : sizeof(Elf64_Ehdr);
	size_t phsz = is32 ? sizeof(Elf32_Phdr) : sizeof(Elf64_Phdr);
	unsigned char ident[EI_NIDENT];
	char m[512];

	if ((size_t)size < EI_NIDENT)
		load_fail(path, "not an ELF file (too short)");
	read_exact(fd, ident, EI_NIDENT, 0, path);
	if (memcmp(ident, ELFMAG, SELFMAG))
		load_fail(path, "not an ELF file (bad magic)");
	if (ident[EI_CLASS] != guest.elf_class || ident[EI_DATA] != ELFDATA2LSB) {
		snprintf(m, sizeof(m), "not an %s program (a %s-bit %s-endian ELF file, %s wants %s-bit little-endian)",
			 guest.arch_name, ident[EI_CLASS] == ELFCLASS64 ? "64" : ident[EI_CLASS] == ELFCLASS32 ? "32" : "?",
			 ident[EI_DATA] == ELFDATA2MSB ? "big" : "little", guest.emu_name, is32 ? "32" : "64");
		load_fail(path, m);
	}
	if ((size_t)size < ehsz)
		load_fail(path, "not an ELF file (too short)");
	if (is32) {
		Elf32_Ehdr e;
		read_exact(fd, &e, sizeof(e), 0, path);
		memcpy(eh->e_ident, e.e_ident, EI_NIDENT);
		eh->e_type = e.e_type;
		eh->e_machine = e.e_machine;
		eh->e_version = e.e_version;
		eh->e_entry = e.e_entry;
		eh->e_phoff = e.e_phoff;
		eh->e_shoff = e.e_shoff;
		eh->e_flags = e.e_flags;
		eh->e_ehsize = e.e_ehsize;
		eh->e_phentsize = e.e_phentsize;
		eh->e_phnum = e.e_phnum;
	} else {
		read_exact(fd, eh, sizeof(*eh), 0, path);
	}
	if (eh->e_machine != guest.elf_machine) {
		snprintf(m, sizeof(m), "not an %s program (e_machine %u)", guest.arch_name, eh->e_machine);
		load_fail(path, m);
	}
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		load_fail(path, "not an executable or shared object (e_type)");
	const char *why = guest.elf_check_flags ? guest.elf_check_flags(eh->e_flags) : NULL;
	if (why) {
		snprintf(m, sizeof(m), "%s (e_flags 0x%x)", why, eh->e_flags);
		load_fail(path, m);
	}
	if (eh->e_phentsize != phsz || eh->e_phnum == 0 || eh->e_phnum > MAX_PHNUM)
		load_fail(path, "malformed ELF program header table");
	if ((uint64_t)eh->e_phoff + (uint64_t)eh->e_phnum * phsz > (uint64_t)size)
		load_fail(path, "truncated ELF file (program headers past end of file)");
	if (!is32) {
		read_exact(fd, ph, eh->e_phnum * phsz, (off_t)eh->e_phoff, path);
		return;
	}
	Elf32_Phdr p32[MAX_PHNUM];
	read_exact(fd, p32, eh->e_phnum * phsz, (off_t)eh->e_phoff, path);
	for (int i = 0; i < eh->e_phnum; i++)
		ph[i] = (Elf64_Phdr){ .p_type = p32[i].p_type, .p_flags = p32[i].p_flags, .p_offset = p32[i].p_offset,
				      .p_vaddr = p32[i].p_vaddr, .p_paddr = p32[i].p_paddr,
				      .p_filesz = p32[i].p_filesz, .p_memsz = p32[i].p_memsz,
				      .p_align = p32[i].p_align };
}

static void load_elf(int fd, const char *path, int is_interp, struct elf_info *info)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph[MAX_PHNUM];
	struct stat st;
	char m[512];

	if (fstat(fd, &st) < 0)
		load_fail(path, "cannot stat");
	if (!S_ISREG(st.st_mode))
		load_fail(path, "not a regular file");
	read_headers(fd, path, st.st_size, &eh, ph);

	uint64_t lo = UINT64_MAX, hi = 0;
	int nload = 0;
	info->interp[0] = 0;
	info->phdr = 0;
	for (int i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD) {
			if (ph[i].p_filesz > ph[i].p_memsz ||
			    ph[i].p_offset + ph[i].p_filesz > (uint64_t)st.st_size ||
			    (ph[i].p_vaddr - ph[i].p_offset) % PAGE_SIZE_G)
				load_fail(path, "malformed PT_LOAD segment");
			if (ph[i].p_vaddr < lo)
				lo = ph[i].p_vaddr;
			if (ph[i].p_vaddr + ph[i].p_memsz > hi)
				hi = ph[i].p_vaddr + ph[i].p_memsz;
			nload++;
		} else if (ph[i].p_type == PT_INTERP && !is_interp) {
			if (ph[i].p_filesz < 2 || ph[i].p_filesz >= sizeof(info->interp) ||
			    ph[i].p_offset + ph[i].p_filesz > (uint64_t)st.st_size)
				load_fail(path, "malformed PT_INTERP");
			read_exact(fd, info->interp, ph[i].p_filesz, (off_t)ph[i].p_offset, path);
			info->interp[ph[i].p_filesz] = 0;
			if (strlen(info->interp) != ph[i].p_filesz - 1)
				load_fail(path, "malformed PT_INTERP");
		}
	}
	if (!nload)
		load_fail(path, "no loadable segments");
	lo = PAGE_DOWN(lo);
	hi = PAGE_UP(hi);
	if (hi <= lo || hi > guest.addr_top)
		load_fail(path, "segments outside the guest address space");

	uint64_t bias = 0;
	if (eh.e_type == ET_DYN) {
		/* Reserve the whole span, then place segments inside it. A PIE main program goes
		 * near a preferred base: for a 32-bit guest two thirds up its space, as a 64-bit
		 * Linux places compat programs (COMPAT_ELF_ET_DYN_BASE). */
		uint64_t pie = guest.addr_top > (1ull << 32) ? PIE_BASE : PAGE_DOWN(guest.addr_top / 3 * 2);
		long err;
		uint64_t r = mmap_place(is_interp ? 0 : pie, hi - lo, &err);
		if (!r) {
			snprintf(m, sizeof(m), "cannot reserve %llu bytes: %s", (unsigned long long)(hi - lo),
				 strerror((int)-err));
			load_fail(path, m);
		}
		bias = r - lo;
	}
	for (int i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		uint64_t va = ph[i].p_vaddr + bias;
		uint64_t start = PAGE_DOWN(va);
		uint64_t fend = va + ph[i].p_filesz;		/* end of file-backed bytes */
		uint64_t mend = PAGE_UP(va + ph[i].p_memsz);
		int prot = elf_prot(ph[i].p_flags);
		int gprot = prot | ((ph[i].p_flags & PF_X) ? PROT_EXEC : 0);
		/* ET_DYN: inside the span reserved above; ET_EXEC: where nothing is yet */
		int dyn = eh.e_type == ET_DYN;
		if (ph[i].p_filesz) {
			uint64_t flen = PAGE_UP(fend) - start;
			long r = dyn ? (long)(uintptr_t)mmap((void *)(uintptr_t)start, flen, prot | PROT_WRITE,
							     MAP_PRIVATE | MAP_FIXED, fd, (off_t)PAGE_DOWN(ph[i].p_offset))
				     : mmap_fixed_new(start, flen, prot | PROT_WRITE, MAP_PRIVATE, fd,
						      PAGE_DOWN(ph[i].p_offset));
			if (dyn && r == (long)(uintptr_t)MAP_FAILED)
				r = -errno;
			if (r != (long)start) {
				snprintf(m, sizeof(m), "cannot map segment at 0x%llx: %s", (unsigned long long)start,
					 r < 0 && r > -4096 ? strerror((int)-r) : "address taken");
				load_fail(path, m);
			}
			/* Zero the tail of the last file page that belongs to .bss. */
			if (ph[i].p_memsz > ph[i].p_filesz && PAGE_UP(fend) > fend)
				memset((void *)(uintptr_t)fend, 0, PAGE_UP(fend) - fend);
			if (!(prot & PROT_WRITE))
				mprotect((void *)(uintptr_t)start, flen, prot);
			mmap_note(start, flen, gprot, 0);
			start = PAGE_UP(fend);
		}
		if (mend > start) {
			long r = dyn ? (long)(uintptr_t)mmap((void *)(uintptr_t)start, mend - start, prot,
							     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
				     : mmap_fixed_new(start, mend - start, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (dyn && r == (long)(uintptr_t)MAP_FAILED)
				r = -errno;
			if (r != (long)start) {
				snprintf(m, sizeof(m), "cannot map bss at 0x%llx: %s", (unsigned long long)start,
					 r < 0 && r > -4096 ? strerror((int)-r) : "address taken");
				load_fail(path, m);
			}
			mmap_note(start, mend - start, gprot, 0);
		}
		if (mend > info->end)
			info->end = mend;
		/* Program headers inside this segment's file image? */
		if (eh.e_phoff >= ph[i].p_offset && eh.e_phoff < ph[i].p_offset + ph[i].p_filesz && !info->phdr)
			info->phdr = va + (eh.e_phoff - ph[i].p_offset);
	}
	for (int i = 0; i < eh.e_phnum; i++)
		if (ph[i].p_type == PT_PHDR)
			info->phdr = ph[i].p_vaddr + bias;
	if (!is_interp) {
		/* the program's layout as Linux records it (/proc/self/stat): code from the lowest
		 * segment to the end of the file part of the last executable one, data from the
		 * highest segment's start to the end of the highest file part */
		uint64_t sc = ~0ull, ec = 0, sd = 0, ed = 0;
		for (int i = 0; i < eh.e_phnum; i++) {
			if (ph[i].p_type != PT_LOAD)
				continue;
			uint64_t a = ph[i].p_vaddr, e = ph[i].p_vaddr + ph[i].p_filesz;
			if (a < sc)
				sc = a;
			if (a > sd)
				sd = a;
			if ((ph[i].p_flags & PF_X) && e > ec)
				ec = e;
			if (e > ed)
				ed = e;
		}
		proc.start_code = sc + bias;
		proc.end_code = ec + bias;
		proc.start_data = sd + bias;
		proc.end_data = ed + bias;
	}
	info->base = bias;
	info->entry = eh.e_entry + bias;
	info->phnum = eh.e_phnum;
}

/* ---- initial stack ---- */

#define STACK_GUARD (1ull << 20)

static uint64_t stack_size(void)
{
	struct rlimit rl;
	uint64_t ssize = 8ull << 20;
	if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur >= (128u << 10))
		ssize = rl.rlim_cur < (256ull << 20) ? rl.rlim_cur : (256ull << 20);
	return PAGE_UP(ssize);
}

uint64_t loader_stack_reserve(void)
{
	return stack_size() + STACK_GUARD;
}

static uint64_t push_bytes(uint64_t *sp, const void *p, size_t n)
{
	*sp -= n;
	memcpy((void *)(uintptr_t)*sp, p, n);
	return *sp;
}

void loader_load(int fd, const char *path, int argc, char **argv, char **envp, struct load_result *res)
{
	struct elf_info main_elf = { 0 }, interp = { 0 };

	load_elf(fd, path, 0, &main_elf);
	uint64_t entry = main_elf.entry;
	if (main_elf.interp[0]) {
		char buf[PATH_HOST_MAX];
		const char *h = path_host_follow(main_elf.interp, buf, sizeof(buf));
		int ifd = open(h, O_RDONLY | O_CLOEXEC);
		if (ifd < 0) {
			int e = errno;
			fprintf(stderr,
				"%s: cannot find the program interpreter %s (sysroot: %s): %s\n"
				"%s: %s is dynamically linked; give the directory holding an %s "
				"root with -L DIR or XARCH_SYSROOT=DIR\n",
				guest.emu_name, main_elf.interp, proc.sysroot ? proc.sysroot : "none", strerror(e),
				guest.emu_name, path, guest.debian_arch);
			exit(127);
		}
		if (secure_check_code_fd(ifd, main_elf.interp) < 0)
			exit(126);
		load_elf(ifd, main_elf.interp, 1, &interp);
		close(ifd);
		entry = interp.entry;
	}

	/* brk starts right after the main program. */
	proc.brk_start = proc.brk_cur = proc.brk_mapped = PAGE_UP(main_elf.end);

	/* Stack: the soft RLIMIT_STACK (8 MiB default, capped), reserved lazily, with a guard gap
	 * below it, as Linux keeps (stack_guard_gap): an overflowing guest faults there instead
	 * of running into whatever was placed next. A 32-bit guest's stack ends at the top of its
	 * space, as a 64-bit Linux places a compat task's (COMPAT_STACK_TOP, under the vectors). */
	uint64_t ssize = stack_size();
	long err;
	uint64_t hint = guest.addr_top > (1ull << 32) ? 0 : guest.addr_top - (ssize + STACK_GUARD);
	uint64_t stk = mmap_place(hint, ssize + STACK_GUARD, &err);
	if (!stk)
		die("cannot allocate the guest stack: %s", strerror((int)-err));
	stk += STACK_GUARD;
	if (mprotect((void *)(uintptr_t)stk, ssize, PROT_READ | PROT_WRITE))
		die("cannot allocate the guest stack: %s", strerror(errno));
	proc.stack_lo = stk;
	proc.stack_hi = proc.stack_lo + ssize;
	mmap_note(proc.stack_lo, ssize, PROT_READ | PROT_WRITE, 1);

	uint64_t sp = proc.stack_hi;
	int envc = 0;
	while (envp[envc])
		envc++;

	/* Strings: execfn at the very top, then env, argv, platform, random bytes. */
	uint64_t execfn = push_bytes(&sp, path, strlen(path) + 1);
	uint64_t *envs = calloc((size_t)envc + 1, sizeof(uint64_t));
	uint64_t *args = calloc((size_t)argc + 1, sizeof(uint64_t));
	if (!envs || !args)
		die("out of memory");
	proc.env_end = sp;
	for (int i = envc - 1; i >= 0; i--)
		envs[i] = push_bytes(&sp, envp[i], strlen(envp[i]) + 1);
	proc.env_start = proc.arg_end = sp;
	for (int i = argc - 1; i >= 0; i--)
		args[i] = push_bytes(&sp, argv[i], strlen(argv[i]) + 1);
	proc.arg_start = sp;
	uint64_t platform = push_bytes(&sp, proc.platform, strlen(proc.platform) + 1);
	unsigned char rnd[16];
	if (getrandom(rnd, sizeof(rnd), GRND_NONBLOCK) != sizeof(rnd))
		for (int i = 0; i < 16; i++)
			rnd[i] = (unsigned char)(rand() ^ (i * 37));
	sp &= ~15ull;
	uint64_t random = push_bytes(&sp, rnd, sizeof(rnd));

	uint64_t auxv[2 * 26];
	int n = 0;
#define AUX(k, v) do { auxv[n++] = (k); auxv[n++] = (uint64_t)(v); } while (0)
	if (proc.vdso)
		AUX(G_AT_SYSINFO_EHDR, proc.vdso);
	if (guest.minsigstksz)	/* arm64 has it, 32-bit arm not */
		AUX(G_AT_MINSIGSTKSZ, guest.minsigstksz);
	AUX(G_AT_HWCAP, guest.hwcap());
	AUX(G_AT_PAGESZ, PAGE_SIZE_G);
	AUX(G_AT_CLKTCK, 100);
	AUX(G_AT_PHDR, main_elf.phdr);
	AUX(G_AT_PHENT, guest.elf_class == ELFCLASS32 ? sizeof(Elf32_Phdr) : sizeof(Elf64_Phdr));
	AUX(G_AT_PHNUM, main_elf.phnum);
	AUX(G_AT_BASE, main_elf.interp[0] ? interp.base : 0);
	AUX(G_AT_FLAGS, 0);
	AUX(G_AT_ENTRY, main_elf.entry);
	AUX(G_AT_UID, getuid());
	AUX(G_AT_EUID, geteuid());
	AUX(G_AT_GID, getgid());
	AUX(G_AT_EGID, getegid());
	AUX(G_AT_SECURE, proc.secure);
	AUX(G_AT_RANDOM, random);
	AUX(G_AT_HWCAP2, guest.hwcap2());
	AUX(G_AT_EXECFN, execfn);
	AUX(G_AT_PLATFORM, platform);
	AUX(G_AT_NULL, 0);
#undef AUX

	/* argc, argv[], NULL, envp[], NULL, auxv, in words of the guest's pointer size: keep sp
	 * 16-byte aligned at argc. */
	size_t wb = guest.elf_class == ELFCLASS32 ? 4 : 8;
	size_t words = 1 + (size_t)argc + 1 + (size_t)envc + 1 + (size_t)n;
	sp -= words * wb;
	sp &= ~15ull;
	uint64_t at = sp;
#define PUTW(v) do { uint64_t v_ = (v); memcpy((void *)(uintptr_t)at, &v_, wb); at += wb; } while (0)
	PUTW((uint64_t)argc);
	for (int i = 0; i < argc; i++)
		PUTW(args[i]);
	PUTW(0);
	for (int i = 0; i < envc; i++)
		PUTW(envs[i]);
	PUTW(0);
	proc.auxv = at;
	proc.auxv_len = (size_t)n * wb;
	for (int i = 0; i < n; i++)
		PUTW(auxv[i]);
#undef PUTW
	free(envs);
	free(args);

	res->entry = entry;
	res->sp = sp;
	proc.start_stack = sp;
}
