// SPDX-License-Identifier: GPL-2.0-only
/*
 * cpuinfo.c — /proc/cpuinfo as a 32-bit ARMv7 Linux shows it: per CPU a "model name" with the
 * v7l suffix, BogoMIPS, the Features line from this CPU's HWCAP and HWCAP2 bits in the kernel's
 * order (arch/arm/kernel/setup.c: hwcap_str, hwcap2_str), the main ID fields (a Cortex-A7
 * identity: implementer 0x41, architecture 7, part 0xc07), then the Hardware lines. With
 * -cpu arm1176 (model.c) as a Raspberry Pi 1's kernel shows its ARM1176JZF-S: the
 * "ARMv6-compatible processor" of the v6l platform at 700 MHz, part 0xb76 revision 7, and
 * architecture 7 all the same (Linux prints 7 for every CPU with the CPUID scheme of main ID
 * registers, which the ARM1176 has), on a BCM2835.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "abi.h"
#include "model.h"

static const char *const hwcap_names[] = {
	"swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfp", "edsp", "java", "iwmmxt", "crunch",
	"thumbee", "neon", "vfpv3", "vfpv3d16", "tls", "vfpv4", "idiva", "idivt", "vfpd32", "lpae",
	"evtstrm",
};
static const char *const hwcap2_names[] = { "aes", "pmull", "sha1", "sha2", "crc32" };

char *arm_cpuinfo(size_t *len)
{
	char feat[512];
	size_t o = 0;
	uint64_t h = cpu_hwcap(), h2 = cpu_hwcap2();
	feat[0] = 0;
	for (unsigned i = 0; i < sizeof(hwcap_names) / sizeof(hwcap_names[0]); i++)
		if (h & (1ull << i))
			o += (size_t)snprintf(feat + o, o < sizeof(feat) ? sizeof(feat) - o : 0, "%s ", hwcap_names[i]);
	for (unsigned i = 0; i < sizeof(hwcap2_names) / sizeof(hwcap2_names[0]); i++)
		if (h2 & (1ull << i))
			o += (size_t)snprintf(feat + o, o < sizeof(feat) ? sizeof(feat) - o : 0, "%s ", hwcap2_names[i]);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	size_t cap = (size_t)n * (320 + strlen(feat)) + 256;
	char *b = malloc(cap);
	if (!b)
		return NULL;
	o = 0;
	for (long i = 0; i < n; i++)
		o += (size_t)snprintf(b + o, cap - o,
				      "processor\t: %ld\nmodel name\t: %s\n"
				      "BogoMIPS\t: %s\nFeatures\t: %s\nCPU implementer\t: 0x41\n"
				      "CPU architecture: 7\nCPU variant\t: 0x0\nCPU part\t: %s\n"
				      "CPU revision\t: %s\n\n",
				      i, arm_v6 ? "ARMv6-compatible processor rev 7 (v6l)" : "ARMv7 Processor rev 5 (v7l)",
				      arm_v6 ? "697.95" : "38.40", feat, arm_v6 ? "0xb76" : "0xc07", arm_v6 ? "7" : "5");
	if (arm_v6)
		o += (size_t)snprintf(b + o, cap - o, "Hardware\t: BCM2835\nRevision\t: 000e\n"
						      "Serial\t\t: 0000000000000000\n"
						      "Model\t\t: Raspberry Pi Model B Rev 2 (emulated by xarch)\n");
	else
		o += (size_t)snprintf(b + o, cap - o, "Hardware\t: xarch (emulated ARMv7)\nRevision\t: 0000\n"
						      "Serial\t\t: 0000000000000000\n");
	*len = o;
	return b;
}
