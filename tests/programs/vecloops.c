// SPDX-License-Identifier: GPL-2.0-only
/* Loops GCC vectorises with AdvSIMD at -O3: maps, reductions, widening, narrowing, shuffles. */
#include <stdint.h>
#include <stdio.h>

#define N 1027

static float fa[N], fb[N], fc[N];
static double da[N], db[N];
static int32_t ia[N], ib[N];
static int16_t sa[N], sb[N];
static uint8_t ba[N], bb[N];
static int64_t la[N];

int main(void)
{
	uint32_t seed = 7;
	float fsum = 0;
	double dsum = 0;
	int64_t isum = 0;
	uint32_t hist[16] = { 0 };
	int32_t imax = INT32_MIN, imin = INT32_MAX;

	for (int i = 0; i < N; i++) {
		seed = seed * 1103515245 + 12345;
		fa[i] = (float)(seed >> 8) / 65536.0f - 128.0f;
		fb[i] = (float)(i % 37) * 0.25f;
		da[i] = fa[i] * 1.5;
		db[i] = (double)(i % 19) - 9.0;
		ia[i] = (int32_t)seed;
		ib[i] = (int32_t)(seed >> 3) - 100000;
		sa[i] = (int16_t)(seed >> 16);
		ba[i] = (uint8_t)(seed >> 24);
	}
	for (int i = 0; i < N; i++)
		fc[i] = fa[i] * fb[i] + 1.0f;
	for (int i = 0; i < N; i++)
		fsum += fc[i];
	for (int i = 0; i < N; i++)
		dsum += da[i] * db[i];
	for (int i = 0; i < N; i++)
		isum += (int64_t)ia[i] * ib[i];
	for (int i = 0; i < N; i++)
		la[i] = (int64_t)ia[i] + sa[i];
	for (int i = 0; i < N; i++)
		sb[i] = (int16_t)((ia[i] >> 7) & 0x7fff);
	for (int i = 0; i < N; i++)
		bb[i] = (uint8_t)(ba[i] > 128 ? ba[i] - 128 : 255 - ba[i]);
	for (int i = 0; i < N; i++)
		hist[bb[i] & 15]++;
	for (int i = 0; i < N; i++) {
		imax = ia[i] > imax ? ia[i] : imax;
		imin = ia[i] < imin ? ia[i] : imin;
	}
	for (int i = 0; i < N; i++)
		ia[i] = ia[i] < 0 ? -ia[i] : ia[i];
	for (int i = 0; i < N - 1; i += 2) {
		int32_t t = ib[i];

		ib[i] = ib[i + 1];
		ib[i + 1] = t;
	}
	uint64_t h = 0;

	for (int i = 0; i < N; i++)
		h = h * 31 + (uint64_t)la[i] + (uint64_t)sb[i] + bb[i] + (uint64_t)ia[i] + (uint64_t)ib[i];
	printf("fsum=%a dsum=%a isum=%lld max=%d min=%d h=%016llx\n", fsum, dsum, (long long)isum, imax, imin,
	       (unsigned long long)h);
	for (int i = 0; i < 16; i++)
		printf("%u%c", hist[i], i == 15 ? '\n' : ' ');
	return 0;
}
