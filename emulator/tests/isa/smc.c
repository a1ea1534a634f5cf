// SPDX-License-Identifier: GPL-2.0-only
/* Self-modifying code: rewrite an executed function, DC CVAU/IC IVAU, run again (decoded-cache invalidation). */
#include <sys/mman.h>
#include "isa.h"

static void sync_code(void *p, size_t n)
{
	__builtin___clear_cache((char *)p, (char *)p + n);
}

int main(void)
{
	uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (code == MAP_FAILED)
		return 2;
	uint64_t (*fn)(void) = (uint64_t (*)(void))code;
	for (int k = 0; k < 5; k++) {
		code[0] = 0xd2800000u | ((uint32_t)(100 + k) << 5);	/* movz x0, #(100+k) */
		code[1] = 0xd65f03c0u;					/* ret */
		sync_code(code, 8);
		char name[32];
		snprintf(name, sizeof name, "rewritten function #%d", k);
		CHECK(name, fn(), 100 + k);
	}
	/* a loop that patches its own successor instruction */
	code[0] = 0xd2800020u;	/* movz x0, #1 */
	code[1] = 0xd65f03c0u;
	sync_code(code, 8);
	uint64_t sum = 0;
	for (int k = 0; k < 3; k++) {
		sum += fn();
		code[0] += 1u << 5;
		sync_code(code, 4);
	}
	CHECK("patched in a loop (1+2+3)", sum, 6);
	/* mprotect away and back: still runs the current code */
	mprotect(code, 4096, PROT_READ | PROT_WRITE);
	code[0] = 0xd2800000u | (777u << 5);
	mprotect(code, 4096, PROT_READ | PROT_EXEC);
	sync_code(code, 4);
	CHECK("after mprotect", fn(), 777);
	DONE();
}
