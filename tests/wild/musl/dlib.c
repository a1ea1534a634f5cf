// SPDX-License-Identifier: GPL-2.0-only
// A library dlopen()ed by dl.c: a constructor, initialised data, and a thread-local variable
// (dynamic TLS: allocated for threads that already exist when the library is loaded).
#include <stdio.h>

static int inited;
__thread int lib_tls = 100;
int lib_data[4] = { 1, 2, 3, 4 };

__attribute__((constructor)) static void init(void) { inited = 42; }

int lib_inited(void) { return inited; }

int lib_bump(int by)
{
	lib_tls += by;
	return lib_tls;
}

int lib_format(char *buf, int len, double v) { return snprintf(buf, (size_t)len, "lib:%.3f", v); }
