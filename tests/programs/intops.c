// SPDX-License-Identifier: GPL-2.0-only
/* Integer behaviour a CPU emulator must get exactly right; prints everything it computes. */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

static volatile int64_t vals[] = { 0, 1, -1, 2, -2, 7, -7, 63, 64, 65, 127, 128, 255, 256, 0x7fffffff,
				   -0x7fffffff - 1, 0xffffffffLL, INT64_MAX, INT64_MIN, 0x123456789abcdefLL,
				   -0x5555555555555556LL };
#define N (sizeof(vals) / sizeof(vals[0]))

int main(void)
{
	uint64_t h = 1469598103934665603ULL;

#define MIX(x) (h = (h ^ (uint64_t)(x)) * 1099511628211ULL)
	for (unsigned i = 0; i < N; i++)
		for (unsigned j = 0; j < N; j++) {
			int64_t a = vals[i], b = vals[j];
			uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
			int32_t a32 = (int32_t)a, b32 = (int32_t)b;
			uint32_t ua32 = (uint32_t)a, ub32 = (uint32_t)b;

			MIX(ua + ub); MIX(ua - ub); MIX(ua * ub);
			MIX((unsigned __int128)ua * ub >> 64);
			MIX((uint64_t)((__int128)a * b >> 64));
			MIX(ub ? ua / ub : 0); MIX(ub ? ua % ub : 0);
			MIX(b && !(a == INT64_MIN && b == -1) ? a / b : 0);
			MIX(b && !(a == INT64_MIN && b == -1) ? a % b : 0);
			MIX(ub32 ? ua32 / ub32 : 0);
			MIX(b32 && !(a32 == INT32_MIN && b32 == -1) ? a32 / b32 : 0);
			MIX(ua << (ub & 63)); MIX(ua >> (ub & 63)); MIX((uint64_t)(a >> (ub & 63)));
			MIX(ua32 << (ub & 31)); MIX(ua32 >> (ub & 31)); MIX((uint32_t)(a32 >> (ub & 31)));
			MIX((ua << (ub & 63)) | (ua >> ((64 - (ub & 63)) & 63)));
			MIX(a < b); MIX(ua < ub); MIX(a32 <= b32); MIX(ua32 > ub32);
			MIX(a < b ? a : b); MIX(ua > ub ? ua : ub);
			MIX(__builtin_add_overflow(a, b, &(int64_t){ 0 }));
			MIX(__builtin_sub_overflow(a32, b32, &(int32_t){ 0 }));
			MIX(__builtin_mul_overflow(ua, ub, &(uint64_t){ 0 }));
			MIX(ua & ~ub); MIX(ua | ~ub); MIX(ua ^ ~ub);
		}
	for (unsigned i = 0; i < N; i++) {
		uint64_t u = (uint64_t)vals[i];

		MIX(u ? __builtin_clzll(u) : 64); MIX(u ? __builtin_ctzll(u) : 64);
		MIX(__builtin_popcountll(u)); MIX(__builtin_clrsbll((long long)u));
		MIX(__builtin_bswap64(u)); MIX(__builtin_bswap32((uint32_t)u)); MIX(__builtin_bswap16((uint16_t)u));
		MIX((int64_t)(int8_t)u); MIX((int64_t)(int16_t)u); MIX((int64_t)(int32_t)u);
		MIX((uint64_t)(uint8_t)u); MIX((uint64_t)(uint16_t)u);
		MIX(llabs(vals[i] == INT64_MIN ? 0 : vals[i]));
		printf("%3u %20" PRId64 " clz=%2d pop=%2d bswap=%016" PRIx64 " h=%016" PRIx64 "\n", i, vals[i],
		       u ? __builtin_clzll(u) : 64, __builtin_popcountll(u), __builtin_bswap64(u), h);
	}
	printf("final %016" PRIx64 "\n", h);
	return 0;
}
