// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer harness for the ELF inspector (src/elfinfo.c): any input must parse or fail cleanly. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elfinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a private copy: libelf may convert in place, and ASan sees reads past the end */
	char *buf = malloc(size ? size : 1);
	struct xc_elf e;
	char err[256];

	if (!buf)
		return 0;
	if (size)
		memcpy(buf, data, size);
	if (xc_elf_parse_mem(buf, size, &e, err, sizeof(err)) == XC_ELF_OK) {
		/* touch every string the inspector would print */
		size_t n = e.interp ? strlen(e.interp) : 0;

		for (size_t i = 0; i < e.nneeded; i++)
			n += strlen(e.needed[i]);
		if (e.soname)
			n += strlen(e.soname);
		if (e.runpath)
			n += strlen(e.runpath);
		if (!e.linkage)
			abort();
		(void)n;
		xc_elf_free(&e);
	} else if (!err[0]) {
		abort();	/* every failure must explain itself */
	}
	free(buf);
	return 0;
}
