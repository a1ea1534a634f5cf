// SPDX-License-Identifier: GPL-2.0-only
/* g_regs_main.c (arm) — runs g_regs.S's setregs(), tsteps() and tsvc() and prints what r5, d3 and q4
 * held after regs_here and what tsteps() returned. */
#include <stdint.h>
#include <stdio.h>

void setregs(void);
int tsteps(void);
void tsvc(void);
extern uint32_t out_r5;
extern uint64_t out_d3;
extern uint32_t out_q4[4];

int main(void)
{
	setregs();
	int t = tsteps();
	tsvc();
	printf("r5=%#x d3=%#llx q4=%#x,%#x,%#x,%#x t=%#x\n", out_r5, (unsigned long long)out_d3, out_q4[0],
	       out_q4[1], out_q4[2], out_q4[3], t);
	return 0;
}
