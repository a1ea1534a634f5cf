// SPDX-License-Identifier: GPL-2.0-only
/*
 * g_basic.c — a debugger target: a function called a known number of times (breakpoints and
 * their counts, backtraces, stepping), a hot loop translated before a breakpoint goes into it
 * (the JIT must honour it), a global GDB rewrites, an exit status GDB reports.
 */
#include <stdio.h>

volatile int sink;
int g_value = 7;

__attribute__((noinline)) int add(int a, int b)
{
	return a + b;
}

__attribute__((noinline)) int hot(int x)
{
	return x * 3 + 1;
}

__attribute__((noinline)) void marker(void)
{
	sink++;
}

int main(void)
{
	int s = 0;
	for (int i = 0; i < 3; i++)
		s = add(s, i);
	for (int i = 0; i < 20000; i++)	/* hot enough for any JIT threshold */
		sink += hot(i);
	marker();
	for (int i = 0; i < 5; i++)	/* a breakpoint set in hot() at marker() hits 5 times */
		sink += hot(i);
	printf("s=%d g_value=%d\n", s, g_value);
	return s;
}
