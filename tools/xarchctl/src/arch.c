// SPDX-License-Identifier: GPL-2.0-only
/* xarchctl: the machine -> arch table. */
#include <elf.h>
#include <string.h>

#include "arch.h"

#ifndef EM_LOONGARCH
#define EM_LOONGARCH 258
#endif
#ifndef EM_RISCV
#define EM_RISCV 243
#endif

/* Keep in the same order as the module lists its arch directories. */
const struct xc_arch xc_arches[] = {
	{ "aarch64", EM_AARCH64, ELFCLASS64, ELFDATA2LSB, "aarch64-linux-gnu", "libc6-arm64-cross" },
	{ "arm", EM_ARM, ELFCLASS32, ELFDATA2LSB, "arm-linux-gnueabihf", "libc6-armhf-cross" },
	{ "riscv64", EM_RISCV, ELFCLASS64, ELFDATA2LSB, "riscv64-linux-gnu", "libc6-riscv64-cross" },
	{ "riscv32", EM_RISCV, ELFCLASS32, ELFDATA2LSB, "riscv32-linux-gnu", NULL },
	{ "ppc64le", EM_PPC64, ELFCLASS64, ELFDATA2LSB, "powerpc64le-linux-gnu", "libc6-ppc64el-cross" },
	{ "ppc64", EM_PPC64, ELFCLASS64, ELFDATA2MSB, "powerpc64-linux-gnu", "libc6-ppc64-cross" },
	{ "s390x", EM_S390, ELFCLASS64, ELFDATA2MSB, "s390x-linux-gnu", "libc6-s390x-cross" },
	{ "mips64el", EM_MIPS, ELFCLASS64, ELFDATA2LSB, "mips64el-linux-gnuabi64", "libc6-mips64el-cross" },
	{ "loongarch64", EM_LOONGARCH, ELFCLASS64, ELFDATA2LSB, "loongarch64-linux-gnu", NULL },
};
const unsigned int xc_narches = sizeof(xc_arches) / sizeof(xc_arches[0]);

const struct xc_arch *xc_arch_by_name(const char *name)
{
	for (unsigned int i = 0; i < xc_narches; i++)
		if (!strcmp(xc_arches[i].name, name))
			return &xc_arches[i];
	return NULL;
}

const struct xc_arch *xc_arch_match(uint16_t machine, uint8_t elfclass, uint8_t data)
{
	for (unsigned int i = 0; i < xc_narches; i++)
		if (xc_arches[i].machine == machine && xc_arches[i].elfclass == elfclass &&
		    xc_arches[i].data == data)
			return &xc_arches[i];
	return NULL;
}

/* The host is x86_64; the kernel runs x86_64 and (with IA32 emulation) i386 itself. */
bool xc_machine_is_native(uint16_t machine, uint8_t elfclass)
{
	return (machine == EM_X86_64) || (machine == EM_386 && elfclass == ELFCLASS32);
}

static const struct {
	uint16_t m;
	const char *name;
} machine_names[] = {
	{ EM_386, "Intel 80386" },
	{ EM_X86_64, "AMD x86-64" },
	{ EM_AARCH64, "AArch64" },
	{ EM_ARM, "ARM" },
	{ EM_RISCV, "RISC-V" },
	{ EM_PPC, "PowerPC" },
	{ EM_PPC64, "PowerPC64" },
	{ EM_S390, "IBM S/390" },
	{ EM_MIPS, "MIPS" },
	{ EM_LOONGARCH, "LoongArch" },
	{ EM_SPARC, "SPARC" },
	{ EM_SPARCV9, "SPARC v9" },
	{ EM_IA_64, "Intel IA-64" },
	{ EM_68K, "Motorola 68000" },
	{ EM_SH, "SuperH" },
	{ EM_ALPHA, "Alpha" },
	{ EM_PARISC, "HP PA-RISC" },
	{ EM_NONE, "none" },
};

const char *xc_machine_name(uint16_t machine)
{
	for (unsigned int i = 0; i < sizeof(machine_names) / sizeof(machine_names[0]); i++)
		if (machine_names[i].m == machine)
			return machine_names[i].name;
	return "unknown";
}

const char *xc_arch_list(void)
{
	static char buf[256];

	if (!buf[0]) {
		for (unsigned int i = 0; i < xc_narches; i++) {
			if (i)
				strcat(buf, ", ");
			strcat(buf, xc_arches[i].name);
		}
	}
	return buf;
}
