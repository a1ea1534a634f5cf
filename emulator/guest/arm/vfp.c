// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfp.c — the floating-point unit (VFPv3-D32 with the VFPv4 fused multiply-add).
 */
#include "exec.h"

uint32_t vfp_hwcap(void)
{
	return 0;
}
