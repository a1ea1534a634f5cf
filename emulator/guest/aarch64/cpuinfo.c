// SPDX-License-Identifier: GPL-2.0-only
/*
 * cpuinfo.c — /proc/cpuinfo as an arm64 Linux shows it (the Features line from this CPU's HWCAP
 * and HWCAP2 bits, in the kernel's order; a Cortex-A72 identity).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "a64guest.h"

static const char *const hwcap_names[] = {
	"fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32", "atomics", "fphp", "asimdhp",
	"cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc", "dcpop", "sha3", "sm3", "sm4", "asimddp", "sha512",
	"sve", "asimdfhm", "dit", "uscat", "ilrcpc", "flagm", "ssbs", "sb", "paca", "pacg",
};
static const char *const hwcap2_names[] = {
	"dcpodp", "sve2", "sveaes", "svepmull", "svebitperm", "svesha3", "svesm4", "flagm2", "frint",
	"svei8mm", "svef32mm", "svef64mm", "svebf16", "i8mm", "bf16", "dgh", "rng", "bti", "mte",
};

static size_t cpuinfo_features(char *buf, size_t len)
{
	size_t o = 0;
	uint64_t h = cpu_hwcap(), h2 = cpu_hwcap2();
	buf[0] = 0;
	for (unsigned i = 0; i < sizeof(hwcap_names) / sizeof(hwcap_names[0]); i++)
		if (h & (1ull << i))
			o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "%s%s", o ? " " : "", hwcap_names[i]);
	for (unsigned i = 0; i < sizeof(hwcap2_names) / sizeof(hwcap2_names[0]); i++)
		if (h2 & (1ull << i))
			o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "%s%s", o ? " " : "", hwcap2_names[i]);
	return o;
}

char *a64_cpuinfo(size_t *len)
{
	char feat[1024];
	cpuinfo_features(feat, sizeof(feat));
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	size_t cap = (size_t)n * (256 + strlen(feat)) + 1;
	char *b = malloc(cap);
	if (!b)
		return NULL;
	size_t o = 0;
	for (long i = 0; i < n; i++)
		o += (size_t)snprintf(b + o, cap - o,
				      "processor\t: %ld\nBogoMIPS\t: 50.00\nFeatures\t: %s\n"
				      "CPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x0\n"
				      "CPU part\t: 0xd08\nCPU revision\t: 3\n\n",
				      i, feat);
	*len = o;
	return b;
}
