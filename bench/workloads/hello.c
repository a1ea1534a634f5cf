// SPDX-License-Identifier: GPL-2.0-only
/* Start-up workload: the smallest useful program. */
#include <stdio.h>

int main(void)
{
	puts("hello");
	return 0;
}
