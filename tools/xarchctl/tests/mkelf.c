// SPDX-License-Identifier: GPL-2.0-only
/*
 * mkelf: write a synthetic ELF executable header for any class/byte order/machine, optionally with an
 * interpreter, a dynamic section (DT_NEEDED, DT_SONAME, DF_1_PIE) and deliberate corruptions, so the
 * inspector can be tested on every arch and on hostile input without cross toolchains.
 *
 * usage: mkelf OUT [--class 32|64] [--data lsb|msb] [--machine N] [--type N] [--interp PATH]
 *              [--needed LIB]... [--soname S] [--pie] [--raw-interp-size N] [--interp-off N]
 *              [--phoff N] [--phnum N] [--phentsize N] [--shoff N] [--shnum N] [--ehsize N]
 *              [--strtab N] [--needed-off N] [--dyn-off N] [--dyn-size N] [--ident-class N]
 *              [--ident-data N] [--version N] [--no-phdrs] [--truncate N] [--append N]
 *        mkelf OUT --from-hex FILE     (FILE: a hex dump as written by `xxd -p`; whitespace and # comments ignored)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char img[65536];
static size_t len;
static int c64 = 1, be;

static void put(size_t off, uint64_t v, int n)
{
	for (int i = 0; i < n; i++) {
		int sh = be ? (n - 1 - i) * 8 : i * 8;

		img[off + i] = (unsigned char)(v >> sh);
	}
	if (off + n > len)
		len = off + n;
}

static void putword(size_t off, uint64_t v)	/* a word of the class */
{
	put(off, v, c64 ? 8 : 4);
}

static int from_hex(const char *out, const char *in)
{
	FILE *f = fopen(in, "r");
	int c, hi = -1;

	if (!f) {
		perror(in);
		return 1;
	}
	while ((c = fgetc(f)) != EOF) {
		int v;

		if (c == '#') {	/* comment to the end of the line (SPDX header) */
			while ((c = fgetc(f)) != EOF && c != '\n')
				;
			continue;
		}
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'a' && c <= 'f')
			v = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v = c - 'A' + 10;
		else
			continue;
		if (hi < 0) {
			hi = v;
		} else if (len < sizeof(img)) {
			img[len++] = (unsigned char)(hi << 4 | v);
			hi = -1;
		}
	}
	fclose(f);
	f = fopen(out, "wb");
	if (!f || fwrite(img, 1, len, f) != len || fclose(f) != 0) {
		perror(out);
		return 1;
	}
	return 0;
}

static long long num(const char *s)
{
	return strtoll(s, NULL, 0);
}

int main(int argc, char **argv)
{
	const char *out, *interp = NULL, *soname = NULL, *needed[16];
	int nneeded = 0, machine = 183, type = 2, pie = 0, no_phdrs = 0;
	long long phoff = -1, phnum = -1, phentsize = -1, shoff = 0, shnum = 0, ehsize = -1, strtab = -1;
	long long needed_off = -1, dyn_off = -1, dyn_size = -1, raw_interp_size = -1, interp_off = -1;
	long long ident_class = -1, ident_data = -1, version = 1, truncate_to = -1, append = 0;
	size_t eh, ph, dynent, p, interp_at = 0, interp_len = 0, str_at = 0, str_len = 0, dyn_at = 0, ndyn = 0;
	uint64_t base = 0x10000;
	int nph;
	FILE *f;

	if (argc < 2) {
		fprintf(stderr, "usage: mkelf OUT [options] (see the source)\n");
		return 2;
	}
	out = argv[1];
	if (argc == 4 && !strcmp(argv[2], "--from-hex"))
		return from_hex(out, argv[3]);
	for (int i = 2; i < argc; i++) {
		const char *o = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : "0";

#define OPT(name) (!strcmp(o, name) && (++i, 1))
		if (!strcmp(o, "--pie"))
			pie = 1;
		else if (!strcmp(o, "--no-phdrs"))
			no_phdrs = 1;
		else if (OPT("--class"))
			c64 = num(v) == 64;
		else if (OPT("--data"))
			be = !strcmp(v, "msb");
		else if (OPT("--machine"))
			machine = (int)num(v);
		else if (OPT("--type"))
			type = (int)num(v);
		else if (OPT("--interp"))
			interp = v;
		else if (OPT("--needed"))
			needed[nneeded < 16 ? nneeded++ : 15] = v;
		else if (OPT("--soname"))
			soname = v;
		else if (OPT("--phoff"))
			phoff = num(v);
		else if (OPT("--phnum"))
			phnum = num(v);
		else if (OPT("--phentsize"))
			phentsize = num(v);
		else if (OPT("--shoff"))
			shoff = num(v);
		else if (OPT("--shnum"))
			shnum = num(v);
		else if (OPT("--ehsize"))
			ehsize = num(v);
		else if (OPT("--strtab"))
			strtab = num(v);
		else if (OPT("--needed-off"))
			needed_off = num(v);
		else if (OPT("--dyn-off"))
			dyn_off = num(v);
		else if (OPT("--dyn-size"))
			dyn_size = num(v);
		else if (OPT("--raw-interp-size"))
			raw_interp_size = num(v);
		else if (OPT("--interp-off"))
			interp_off = num(v);
		else if (OPT("--ident-class"))
			ident_class = num(v);
		else if (OPT("--ident-data"))
			ident_data = num(v);
		else if (OPT("--version"))
			version = num(v);
		else if (OPT("--truncate"))
			truncate_to = num(v);
		else if (OPT("--append"))
			append = num(v);
		else {
			fprintf(stderr, "mkelf: unknown option %s\n", o);
			return 2;
		}
#undef OPT
	}
	eh = c64 ? 64 : 52;
	ph = c64 ? 56 : 32;
	dynent = c64 ? 16 : 8;
	nph = 1 + (interp ? 1 : 0) + ((nneeded || soname || pie) ? 1 : 0);
	if (no_phdrs)
		nph = 0;

	/* layout: ehdr | phdrs | interp | dynstr | dynamic */
	p = eh + (size_t)nph * ph;
	if (interp) {
		interp_at = p;
		interp_len = strlen(interp) + 1;
		memcpy(img + p, interp, interp_len);
		p += interp_len;
	}
	if (nph && (nneeded || soname || pie)) {
		size_t offs[16], soff = 0;

		str_at = p;
		img[p++] = 0;
		for (int i = 0; i < nneeded; i++) {
			offs[i] = p - str_at;
			memcpy(img + p, needed[i], strlen(needed[i]) + 1);
			p += strlen(needed[i]) + 1;
		}
		if (soname) {
			soff = p - str_at;
			memcpy(img + p, soname, strlen(soname) + 1);
			p += strlen(soname) + 1;
		}
		str_len = p - str_at;
		p = (p + 7) & ~(size_t)7;
		dyn_at = p;
#define DYN(tag, val) do { putword(p, tag); putword(p + dynent / 2, val); p += dynent; ndyn++; } while (0)
		for (int i = 0; i < nneeded; i++)
			DYN(1, needed_off >= 0 ? (uint64_t)needed_off : offs[i]);	/* DT_NEEDED */
		if (soname)
			DYN(14, soff);							/* DT_SONAME */
		DYN(5, strtab >= 0 ? (uint64_t)strtab : base + str_at);		/* DT_STRTAB */
		DYN(10, str_len);							/* DT_STRSZ */
		if (pie)
			DYN(0x6ffffffb, 0x08000000);					/* DT_FLAGS_1 = DF_1_PIE */
		DYN(0, 0);
#undef DYN
	}
	if (len < p)
		len = p;

	/* ELF header */
	memcpy(img, "\177ELF", 4);
	img[4] = ident_class >= 0 ? (unsigned char)ident_class : (c64 ? 2 : 1);
	img[5] = ident_data >= 0 ? (unsigned char)ident_data : (be ? 2 : 1);
	img[6] = (unsigned char)version;
	put(16, (uint64_t)type, 2);
	put(18, (uint64_t)machine, 2);
	put(20, 1, 4);
	if (c64) {
		put(24, base + p, 8);
		put(32, phoff >= 0 ? (uint64_t)phoff : (nph ? eh : 0), 8);
		put(40, (uint64_t)shoff, 8);
		put(52, ehsize >= 0 ? (uint64_t)ehsize : eh, 2);
		put(54, phentsize >= 0 ? (uint64_t)phentsize : ph, 2);
		put(56, phnum >= 0 ? (uint64_t)phnum : (uint64_t)nph, 2);
		put(58, 64, 2);
		put(60, (uint64_t)shnum, 2);
	} else {
		put(24, base + p, 4);
		put(28, phoff >= 0 ? (uint64_t)phoff : (nph ? eh : 0), 4);
		put(32, (uint64_t)shoff, 4);
		put(40, ehsize >= 0 ? (uint64_t)ehsize : eh, 2);
		put(42, phentsize >= 0 ? (uint64_t)phentsize : ph, 2);
		put(44, phnum >= 0 ? (uint64_t)phnum : (uint64_t)nph, 2);
		put(46, 40, 2);
		put(48, (uint64_t)shnum, 2);
	}

	/* program headers */
	for (int i = 0; i < nph; i++) {
		size_t o = eh + (size_t)i * ph;
		uint32_t pt;
		uint64_t off, sz;

		if (i == 0) {
			pt = 1;		/* PT_LOAD: the whole file */
			off = 0;
			sz = len;
		} else if (i == 1 && interp) {
			pt = 3;		/* PT_INTERP */
			off = interp_off >= 0 ? (uint64_t)interp_off : interp_at;
			sz = raw_interp_size >= 0 ? (uint64_t)raw_interp_size : interp_len;
		} else {
			pt = 2;		/* PT_DYNAMIC */
			off = dyn_off >= 0 ? (uint64_t)dyn_off : dyn_at;
			sz = dyn_size >= 0 ? (uint64_t)dyn_size : ndyn * dynent;
		}
		put(o, pt, 4);
		if (c64) {
			put(o + 4, 5, 4);
			put(o + 8, off, 8);
			put(o + 16, base + off, 8);
			put(o + 24, base + off, 8);
			put(o + 32, sz, 8);
			put(o + 40, sz, 8);
			put(o + 48, 0x1000, 8);
		} else {
			put(o + 4, off, 4);
			put(o + 8, base + off, 4);
			put(o + 12, base + off, 4);
			put(o + 16, sz, 4);
			put(o + 20, sz, 4);
			put(o + 24, 5, 4);
			put(o + 28, 0x1000, 4);
		}
	}
	if (append > 0 && len + (size_t)append < sizeof(img))
		len += (size_t)append;
	if (truncate_to >= 0 && (size_t)truncate_to < len)
		len = (size_t)truncate_to;
	f = fopen(out, "wb");
	if (!f || fwrite(img, 1, len, f) != len || fclose(f) != 0) {
		perror(out);
		return 1;
	}
	return 0;
}
