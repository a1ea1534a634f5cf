// SPDX-License-Identifier: GPL-2.0-only
/* g_regs_main.c — runs g_regs.S's setregs() and prints what x5 and v3 held after regs_here. */
#include <stdint.h>
#include <stdio.h>

void setregs(void);
extern uint64_t out_x5;
extern uint8_t out_v3[16];

int main(void)
{
	setregs();
	printf("x5=%#llx v3[0]=%#x v3[15]=%#x\n", (unsigned long long)out_x5, out_v3[0], out_v3[15]);
	return 0;
}
