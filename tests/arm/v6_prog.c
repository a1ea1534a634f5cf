// SPDX-License-Identifier: GPL-2.0-only
/*
 * v6_prog.c — an ARMv6 program as Raspbian builds them (-march=armv6 -marm -mfpu=vfp
 * -mfloat-abi=hard): VFPv2 arithmetic, LDREX/STREX atomics from two threads, the v6 media
 * instructions gcc picks (REV, UXTH, ...), 64-bit division, formatted output.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static atomic_int counter;
static atomic_llong big;

static void *worker(void *arg)
{
	for (int i = 0; i < 20000; i++) {
		atomic_fetch_add(&counter, 1);
		atomic_fetch_add(&big, 3);
	}
	return arg;
}

int main(int argc, char **argv)
{
	volatile double x = argc * 1.5;
	volatile float f = 2.25f;
	printf("%.6f %.6f %.3f %.4f\n", sqrt(x * 7.0), (double)(f * f / 3.0f), fma(x, 2.0, 0.5), sin(x));
	uint32_t a = 0x12345678u + (uint32_t)argc;
	volatile uint16_t h = (uint16_t)(a >> 3);
	printf("%08x %d %u %04x %d\n", __builtin_bswap32(a), __builtin_clz(a), a / 7u,
	       (unsigned)__builtin_bswap16(h), (int)(int16_t)h);
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	printf("%d %lld\n", atomic_load(&counter), (long long)atomic_load(&big));
	long long q = 1234567890123LL * argc;
	printf("%lld %lld %s\n", q / 97, q % 97, argv[0] ? "argv" : "none");
	printf("%ld\n", strtol("-12345", NULL, 10));
	return 0;
}
