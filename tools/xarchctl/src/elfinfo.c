// SPDX-License-Identifier: GPL-2.0-only
/*
 * xarchctl: the ELF inspector. Every offset and size read from the file is checked against the file size
 * before use; nothing here trusts the input. Only the ELF header and the program headers are used (what the
 * kernel and the dynamic loader use), so stripped files and bogus section tables do not matter.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfinfo.h"

#ifndef DF_1_PIE
#define DF_1_PIE 0x08000000
#endif

#define MAX_PHNUM 65535u
#define MAX_DYN_ENTRIES 65536u

static void seterr(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

const char *xc_elf_type_name(uint16_t type)
{
	switch (type) {
	case ET_NONE: return "NONE";
	case ET_REL: return "REL";
	case ET_EXEC: return "EXEC";
	case ET_DYN: return "DYN";
	case ET_CORE: return "CORE";
	default: return "unknown";
	}
}

bool xc_elf_runnable_type(uint16_t type)
{
	return type == ET_EXEC || type == ET_DYN;
}

void xc_elf_free(struct xc_elf *e)
{
	free(e->interp);
	free(e->soname);
	free(e->runpath);
	for (size_t i = 0; i < e->nneeded; i++)
		free(e->needed[i]);
	free(e->needed);
	memset(e, 0, sizeof(*e));
}

/* Map a virtual address to a file offset through the PT_LOAD segments. */
static bool vaddr_to_off(Elf *elf, size_t phnum, uint64_t vaddr, size_t filesize, uint64_t *off, uint64_t *avail)
{
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (vaddr < ph.p_vaddr || vaddr - ph.p_vaddr >= ph.p_filesz)
			continue;
		if (ph.p_offset > filesize || ph.p_filesz > filesize - ph.p_offset)
			return false;
		*off = ph.p_offset + (vaddr - ph.p_vaddr);
		*avail = ph.p_filesz - (vaddr - ph.p_vaddr);
		return true;
	}
	return false;
}

/* A NUL-terminated string at [off, off+max) of the image, or NULL. */
static char *str_at(const char *img, size_t filesize, uint64_t off, uint64_t max)
{
	const char *s, *nul;

	if (off >= filesize)
		return NULL;
	if (max > filesize - off)
		max = filesize - off;
	if (max > PATH_MAX)
		max = PATH_MAX;
	s = img + off;
	nul = memchr(s, 0, max);
	if (!nul)
		return NULL;
	return strdup(s);
}

static enum xc_elf_status parse_dynamic(Elf *elf, const char *img, size_t filesize, size_t phnum,
					const GElf_Phdr *dph, struct xc_elf *out, char *err, size_t errlen)
{
	size_t entsize = gelf_fsize(elf, ELF_T_DYN, 1, EV_CURRENT);
	uint64_t strtab = 0, strsz = 0, flags1 = 0, n;
	bool have_strtab = false;
	uint64_t needed_off[XC_ELF_MAX_NEEDED];
	size_t nneeded = 0;
	uint64_t soname_off = 0, runpath_off = 0, rpath_off = 0;
	bool have_soname = false, have_runpath = false, have_rpath = false;
	Elf_Data *data;
	uint64_t str_off, str_avail;

	if (dph->p_offset > filesize || dph->p_filesz > filesize - dph->p_offset) {
		seterr(err, errlen, "dynamic segment lies beyond the end of the file");
		return XC_ELF_MALFORMED;
	}
	if (!entsize)
		return XC_ELF_MALFORMED;
	n = dph->p_filesz / entsize;
	if (n > MAX_DYN_ENTRIES)
		n = MAX_DYN_ENTRIES;
	if (n == 0)
		return XC_ELF_OK;
	data = elf_getdata_rawchunk(elf, (int64_t)dph->p_offset, n * entsize, ELF_T_DYN);
	if (!data) {
		seterr(err, errlen, "unreadable dynamic segment: %s", elf_errmsg(-1));
		return XC_ELF_MALFORMED;
	}
	out->has_dynamic = true;
	for (uint64_t i = 0; i < n; i++) {
		GElf_Dyn d;

		if (!gelf_getdyn(data, (int)i, &d))
			break;
		if (d.d_tag == DT_NULL)
			break;
		switch (d.d_tag) {
		case DT_NEEDED:
			if (nneeded >= XC_ELF_MAX_NEEDED) {
				seterr(err, errlen, "more than %d DT_NEEDED entries", XC_ELF_MAX_NEEDED);
				return XC_ELF_MALFORMED;
			}
			needed_off[nneeded++] = d.d_un.d_val;
			break;
		case DT_STRTAB:
			strtab = d.d_un.d_ptr;
			have_strtab = true;
			break;
		case DT_STRSZ:
			strsz = d.d_un.d_val;
			break;
		case DT_SONAME:
			soname_off = d.d_un.d_val;
			have_soname = true;
			break;
		case DT_RUNPATH:
			runpath_off = d.d_un.d_val;
			have_runpath = true;
			break;
		case DT_RPATH:
			rpath_off = d.d_un.d_val;
			have_rpath = true;
			break;
		case DT_FLAGS_1:
			flags1 = d.d_un.d_val;
			break;
		default:
			break;
		}
	}
	out->pie_flag = (flags1 & DF_1_PIE) != 0;
	if (!nneeded && !have_soname && !have_runpath && !have_rpath)
		return XC_ELF_OK;
	if (!have_strtab) {
		seterr(err, errlen, "dynamic segment has no string table (DT_STRTAB)");
		return XC_ELF_MALFORMED;
	}
	if (!vaddr_to_off(elf, phnum, strtab, filesize, &str_off, &str_avail)) {
		seterr(err, errlen, "dynamic string table address 0x%llx is not in any loaded segment",
		       (unsigned long long)strtab);
		return XC_ELF_MALFORMED;
	}
	if (strsz && strsz < str_avail)
		str_avail = strsz;

#define GETSTR(dst, o, what)                                                                             \
	do {                                                                                             \
		if ((o) >= str_avail || !((dst) = str_at(img, filesize, str_off + (o), str_avail - (o)))) { \
			seterr(err, errlen, "%s string at offset %llu is outside the string table", what,  \
			       (unsigned long long)(o));                                                 \
			return XC_ELF_MALFORMED;                                                         \
		}                                                                                        \
	} while (0)

	out->needed = calloc(nneeded ? nneeded : 1, sizeof(char *));
	if (!out->needed) {
		seterr(err, errlen, "out of memory");
		return XC_ELF_IOERR;
	}
	for (size_t i = 0; i < nneeded; i++) {
		GETSTR(out->needed[i], needed_off[i], "DT_NEEDED");
		out->nneeded = i + 1;
	}
	if (have_soname)
		GETSTR(out->soname, soname_off, "DT_SONAME");
	if (have_runpath)
		GETSTR(out->runpath, runpath_off, "DT_RUNPATH");
	else if (have_rpath)
		GETSTR(out->runpath, rpath_off, "DT_RPATH");
#undef GETSTR
	return XC_ELF_OK;
}

static void classify(struct xc_elf *out)
{
	if (!xc_elf_runnable_type(out->type))
		out->linkage = "not-executable";
	else if (out->type == ET_EXEC)
		out->linkage = out->interp ? "dynamic" : "static";
	else if (out->interp)
		out->linkage = (!out->pie_flag && out->soname) ? "shared-library" : "dynamic-pie";
	else
		out->linkage = (!out->pie_flag && out->soname) ? "shared-library" : "static-pie";
}

enum xc_elf_status xc_elf_parse_mem(void *buf, size_t len, struct xc_elf *out, char *err, size_t errlen)
{
	const unsigned char *id = buf;
	enum xc_elf_status st = XC_ELF_OK;
	GElf_Ehdr eh;
	size_t phnum = 0, ehsize, phentsize;
	Elf *elf;

	memset(out, 0, sizeof(*out));
	if (len == 0) {
		seterr(err, errlen, "empty file (0 bytes), not an ELF file");
		return XC_ELF_NOT_ELF;
	}
	if (len < SELFMAG || memcmp(id, ELFMAG, SELFMAG) != 0) {
		if (len >= 2 && id[0] == '#' && id[1] == '!')
			seterr(err, errlen, "not an ELF file (a script starting with #!)");
		else
			seterr(err, errlen, "not an ELF file (no ELF magic)");
		return XC_ELF_NOT_ELF;
	}
	if (len < EI_NIDENT) {
		seterr(err, errlen, "truncated ELF header (%zu bytes)", len);
		return XC_ELF_MALFORMED;
	}
	if (id[EI_CLASS] != ELFCLASS32 && id[EI_CLASS] != ELFCLASS64) {
		seterr(err, errlen, "invalid ELF class %u", id[EI_CLASS]);
		return XC_ELF_MALFORMED;
	}
	if (id[EI_DATA] != ELFDATA2LSB && id[EI_DATA] != ELFDATA2MSB) {
		seterr(err, errlen, "invalid ELF data encoding %u", id[EI_DATA]);
		return XC_ELF_MALFORMED;
	}
	if (id[EI_VERSION] != EV_CURRENT) {
		seterr(err, errlen, "invalid ELF version %u", id[EI_VERSION]);
		return XC_ELF_MALFORMED;
	}
	ehsize = id[EI_CLASS] == ELFCLASS64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	phentsize = id[EI_CLASS] == ELFCLASS64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	if (len < ehsize) {
		seterr(err, errlen, "truncated ELF header (%zu of %zu bytes)", len, ehsize);
		return XC_ELF_MALFORMED;
	}
	out->elfclass = id[EI_CLASS] == ELFCLASS64 ? 64 : 32;
	out->big_endian = id[EI_DATA] == ELFDATA2MSB;

	elf = elf_memory(buf, len);
	if (!elf) {
		seterr(err, errlen, "libelf cannot read it: %s", elf_errmsg(-1));
		return XC_ELF_MALFORMED;
	}
	if (elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
		seterr(err, errlen, "libelf cannot read the ELF header: %s", elf_errmsg(-1));
		st = XC_ELF_MALFORMED;
		goto out;
	}
	out->machine = eh.e_machine;
	out->type = eh.e_type;
	out->entry = eh.e_entry;
	out->native = xc_machine_is_native(eh.e_machine, id[EI_CLASS]);
	out->arch = xc_arch_match(eh.e_machine, id[EI_CLASS], id[EI_DATA]);

	if (eh.e_phnum != 0 || eh.e_phoff != 0) {
		if (eh.e_phentsize != phentsize) {
			seterr(err, errlen, "bad program header entry size %u (expected %zu)", eh.e_phentsize,
			       phentsize);
			st = XC_ELF_MALFORMED;
			goto out;
		}
		phnum = eh.e_phnum;
		if (phnum == PN_XNUM) {
			/* the real count is in section 0's sh_info; libelf bounds-checks that read */
			if (elf_getphdrnum(elf, &phnum) != 0) {
				seterr(err, errlen, "bad extended program header count: %s", elf_errmsg(-1));
				st = XC_ELF_MALFORMED;
				goto out;
			}
		}
		if (phnum > MAX_PHNUM) {
			seterr(err, errlen, "too many program headers (%zu)", phnum);
			st = XC_ELF_MALFORMED;
			goto out;
		}
		if (eh.e_phoff > len || phnum * phentsize > len - eh.e_phoff) {
			seterr(err, errlen, "program header table (offset %llu, %zu entries) lies beyond the end of the file (%zu bytes)",
			       (unsigned long long)eh.e_phoff, phnum, len);
			st = XC_ELF_MALFORMED;
			goto out;
		}
		if (phnum && eh.e_phoff < ehsize) {
			seterr(err, errlen, "program header table at offset %llu overlaps the ELF header",
			       (unsigned long long)eh.e_phoff);
			st = XC_ELF_MALFORMED;
			goto out;
		}
		if (phnum) {
			size_t lphnum = 0;

			/* libelf clips the count to the file; both must agree now */
			if (elf_getphdrnum(elf, &lphnum) != 0 || lphnum != phnum) {
				seterr(err, errlen, "bad program header table (%zu entries, libelf reads %zu): %s", phnum,
				       lphnum, elf_errmsg(-1));
				st = XC_ELF_MALFORMED;
				goto out;
			}
		}
	}
	if (phnum == 0 && xc_elf_runnable_type(eh.e_type)) {
		seterr(err, errlen, "executable with no program headers");
		st = XC_ELF_MALFORMED;
		goto out;
	}

	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, (int)i, &ph)) {
			seterr(err, errlen, "unreadable program header %zu: %s", i, elf_errmsg(-1));
			st = XC_ELF_MALFORMED;
			goto out;
		}
		if (ph.p_type == PT_INTERP && !out->interp) {
			if (ph.p_filesz < 2 || ph.p_filesz > PATH_MAX) {
				seterr(err, errlen, "bad interpreter (PT_INTERP) size %llu",
				       (unsigned long long)ph.p_filesz);
				st = XC_ELF_MALFORMED;
				goto out;
			}
			if (ph.p_offset > len || ph.p_filesz > len - ph.p_offset) {
				seterr(err, errlen, "interpreter (PT_INTERP) lies beyond the end of the file");
				st = XC_ELF_MALFORMED;
				goto out;
			}
			if (((const char *)buf)[ph.p_offset + ph.p_filesz - 1] != 0) {
				seterr(err, errlen, "interpreter (PT_INTERP) name is not NUL-terminated");
				st = XC_ELF_MALFORMED;
				goto out;
			}
			out->interp = strdup((const char *)buf + ph.p_offset);
			if (!out->interp || !out->interp[0]) {
				seterr(err, errlen, "empty interpreter (PT_INTERP) name");
				st = XC_ELF_MALFORMED;
				goto out;
			}
		}
	}
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;

		if (gelf_getphdr(elf, (int)i, &ph) && ph.p_type == PT_DYNAMIC) {
			st = parse_dynamic(elf, buf, len, phnum, &ph, out, err, errlen);
			if (st != XC_ELF_OK)
				goto out;
			break;
		}
	}
	classify(out);
	/* the module's match rules beyond what is checked above (docs/ABI/sysfs-kernel-binfmt_xarch) */
	if (eh.e_version != EV_CURRENT)
		out->kernel_refuses = "e_version is not 1";
	else if (eh.e_ehsize != ehsize)
		out->kernel_refuses = "e_ehsize does not match the ELF class";
	else if (!xc_elf_runnable_type(eh.e_type))
		out->kernel_refuses = "e_type is not EXEC or DYN";
out:
	elf_end(elf);
	if (st != XC_ELF_OK) {
		int cls = out->elfclass;
		bool be = out->big_endian;

		xc_elf_free(out);
		out->elfclass = cls;
		out->big_endian = be;
	}
	return st;
}

/* Programs larger than this are not read in whole (every real ELF program is far smaller). */
#define XC_ELF_MAX_READ ((uintmax_t)1 << 30)

enum xc_elf_status xc_elf_parse_file(const char *path, struct xc_elf *out, char *err, size_t errlen)
{
	struct stat st;
	enum xc_elf_status ret;
	void *map;
	size_t len;
	int fd;

	memset(out, 0, sizeof(*out));
	/* O_NONBLOCK: a FIFO must not hang the inspector (it is refused below as not a regular file) */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		seterr(err, errlen, "%s", strerror(errno));
		return XC_ELF_IOERR;
	}
	if (fstat(fd, &st) < 0) {
		seterr(err, errlen, "%s", strerror(errno));
		close(fd);
		return XC_ELF_IOERR;
	}
	if (S_ISDIR(st.st_mode)) {
		seterr(err, errlen, "is a directory");
		close(fd);
		return XC_ELF_IOERR;
	}
	if (!S_ISREG(st.st_mode)) {
		seterr(err, errlen, "not a regular file");
		close(fd);
		return XC_ELF_IOERR;
	}
	if (st.st_size == 0) {
		close(fd);
		return xc_elf_parse_mem((char[1]){ 0 }, 0, out, err, errlen);
	}
	/*
	 * Read into memory rather than mapping: a file truncated while it is being inspected then
	 * gives a short buffer (parsed as a truncated file), never a SIGBUS. libelf may also convert
	 * data in place, which the private copy allows.
	 */
	if ((uintmax_t)st.st_size > XC_ELF_MAX_READ) {
		seterr(err, errlen, "larger than %u MiB, not inspected", (unsigned)(XC_ELF_MAX_READ >> 20));
		close(fd);
		return XC_ELF_IOERR;
	}
	map = malloc((size_t)st.st_size);
	if (!map) {
		seterr(err, errlen, "out of memory");
		close(fd);
		return XC_ELF_IOERR;
	}
	len = 0;
	while (len < (size_t)st.st_size) {
		ssize_t r = read(fd, (char *)map + len, (size_t)st.st_size - len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			seterr(err, errlen, "cannot read: %s", strerror(errno));
			close(fd);
			free(map);
			return XC_ELF_IOERR;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	ret = xc_elf_parse_mem(map, len, out, err, errlen);
	free(map);
	return ret;
}

__attribute__((constructor)) static void xc_elf_init(void)
{
	elf_version(EV_CURRENT);
}
