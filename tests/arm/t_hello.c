// SPDX-License-Identifier: GPL-2.0-only
/* argv, envp, auxv and identity of a 32-bit arm process */
#include <elf.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/personality.h>
#include <sys/utsname.h>
#include "common.h"

extern char **environ;

int main(int argc, char **argv)
{
	struct utsname u;
	uname(&u);
	printf("machine %s\n", u.machine);
	printf("argc %d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("argv[%d] '%s'\n", i, argv[i]);
	printf("XARCH_T %s\n", getenv("XARCH_T") ? getenv("XARCH_T") : "(unset)");
	printf("AT_PAGESZ %lu\n", getauxval(AT_PAGESZ));
	printf("AT_PHENT %lu\n", getauxval(AT_PHENT));
	/* qemu-arm 7.2 emulates an ARMv8 CPU by default ("v8l") */
	SELF("AT_PLATFORM v7l", !strcmp((const char *)getauxval(AT_PLATFORM), "v7l"));
	printf("AT_SECURE %lu\n", getauxval(AT_SECURE));
	CHECK("AT_RANDOM", getauxval(AT_RANDOM) != 0);
	CHECK("AT_PHDR", getauxval(AT_PHDR) != 0 && getauxval(AT_PHNUM) > 0);
	CHECK("AT_ENTRY", getauxval(AT_ENTRY) != 0);
	CHECK("AT_EXECFN", getauxval(AT_EXECFN) && strstr((const char *)getauxval(AT_EXECFN), "t_hello"));
	CHECK("AT_HWCAP has half, thumb, fastmult, tls", (getauxval(AT_HWCAP) & 0x8016) == 0x8016);
	CHECK("no AT_MINSIGSTKSZ", getauxval(51) == 0);
	/* the auxv words are 4 bytes: walk it by hand after envp */
	char **e = environ;
	while (*e)
		e++;
	uint32_t *av = (uint32_t *)(e + 1);
	int n = 0, pagesz = 0;
	for (; av[0] != AT_NULL && n < 64; av += 2, n++)
		if (av[0] == AT_PAGESZ)
			pagesz = (int)av[1];
	CHECK("auxv in 32-bit words", pagesz == 4096);
	/* a process of a 64-bit Linux shows PER_LINUX here (qemu and arm64 agree) */
	printf("personality 0x%x\n", personality(0xffffffff));
	CHECK("personality(PER_LINUX32)", personality(PER_LINUX32) >= 0 && personality(0xffffffff) == PER_LINUX32);
	uname(&u);
	printf("machine after PER_LINUX32 %s\n", u.machine);
	personality(PER_LINUX);
	fflush(stdout);
	return 42;
}
