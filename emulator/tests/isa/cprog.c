// SPDX-License-Identifier: GPL-2.0-only
/*
 * Compiler-generated code: -O3 vectorised integer/float loops, glibc string functions on many
 * alignments and lengths, setjmp/longjmp, fenv rounding and exceptions, printf of floats.
 * Output is compared with qemu-aarch64-static; checks against values computed the slow way.
 */
#include <fenv.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include "isa.h"

#define N 1003

static float fa[N], fb[N], fc[N];
static int32_t ia[N], ib[N];
static uint8_t ba[N];
static double da[N];

__attribute__((noinline)) static void saxpy(float k) { for (int i = 0; i < N; i++) fc[i] = k * fa[i] + fb[i]; }
__attribute__((noinline)) static int64_t dot(void) { int64_t s = 0; for (int i = 0; i < N; i++) s += (int64_t)ia[i] * ib[i]; return s; }
__attribute__((noinline)) static uint32_t bytesum(void) { uint32_t s = 0; for (int i = 0; i < N; i++) s += ba[i]; return s; }
__attribute__((noinline)) static int32_t imax(void) { int32_t m = ia[0]; for (int i = 0; i < N; i++) m = ia[i] > m ? ia[i] : m; return m; }
__attribute__((noinline)) static double dsum(void) { double s = 0; for (int i = 0; i < N; i++) s += da[i] * da[i]; return s; }

static jmp_buf jb;
static void (*volatile jumper_p)(int);
__attribute__((noinline)) static void jumper(int depth)
{
	if (depth == 0)
		longjmp(jb, 42);
	jumper_p(depth - 1);
}

int main(void)
{
	uint32_t seed = 12345;
	for (int i = 0; i < N; i++) {
		seed = seed * 1103515245u + 12345u;
		fa[i] = (float)(seed >> 8) / 65536.0f - 128.0f;
		fb[i] = (float)i * 0.5f;
		ia[i] = (int32_t)seed >> 3;
		ib[i] = (int32_t)(seed * 7u) >> 9;
		ba[i] = (uint8_t)(seed >> 24);
		da[i] = (double)(int32_t)seed / 1e6;
	}
	saxpy(1.5f);
	int bad = 0;
	for (int i = 0; i < N; i++)
		bad += fc[i] != fmaf(1.5f, fa[i], fb[i]) && fc[i] != 1.5f * fa[i] + fb[i];
	CHECK("saxpy mismatches", bad, 0);
	{
		int64_t s = 0;
		uint32_t bs = 0;
		int32_t m = ia[0];
		for (int i = 0; i < N; i++) {
			s += (int64_t)ia[i] * ib[i];
			bs += ba[i];
			if (ia[i] > m)
				m = ia[i];
		}
		CHECK("vector dot", dot(), s);
		CHECK("vector byte sum", bytesum(), bs);
		CHECK("vector max", imax(), m);
	}
	printf("dsum %.17g\n", dsum());
	printf("floats %.9g %.9g %a %e\n", fc[7], fc[500], (double)fc[1002], 1e-310);
	/* strings on all alignments */
	{
		static char buf[300];
		int errs = 0;
		for (int al = 0; al < 16; al++)
			for (int len = 0; len < 130; len += 3) {
				char *s = buf + al;
				memset(buf, 'a', sizeof buf);
				s[len] = 0;
				if (strlen(s) != (size_t)len) errs++;
				if (len && memchr(s, 'a', len) != s) errs++;
				if (len)
					s[len / 2] = 'Z';
				if (len && strchr(s, 'Z') != s + len / 2) errs++;
				if (len && memchr(s, 'Z', len) != s + len / 2) errs++;
				{
					char *last = NULL;
					for (int k = 0; k < len; k++)
						if (s[k] == 'a')
							last = s + k;
					if (strrchr(s, 'a') != last) errs++;
				}
				char d[300];
				memcpy(d, s, len + 1);
				if (memcmp(d, s, len + 1) || strcmp(d, s)) errs++;
				if (len) {
					d[len - 1]++;
					if (strcmp(d, s) <= 0 || memcmp(d, s, len) <= 0) errs++;
				}
				memset(d, 0x5a, len);
				for (int k = 0; k < len; k++) if (d[k] != 0x5a) { errs++; break; }
				memmove(buf + 1, buf, 200);
			}
		CHECK("string function errors", errs, 0);
	}
	{
		static char big[70000];
		memset(big, 7, sizeof big);
		CHECK("memset 70000 (DC ZVA path)", big[69999] + big[0] + big[4096], 21);
		memset(big, 0, sizeof big);
		int nz = 0;
		for (size_t i = 0; i < sizeof big; i++) nz += big[i] != 0;
		CHECK("memset zero 70000", nz, 0);
	}
	{
		volatile int r = setjmp(jb);
		jumper_p = jumper;
		if (!r)
			jumper(10);
		CHECK("longjmp value", r, 42);
	}
	{
		volatile double x = 2.5, y = 3.0, z;
		static const int modes[4] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
		for (int k = 0; k < 4; k++) {
			fesetround(modes[k]);
			printf("round mode %d: rint(2.5)=%g rint(-2.5)=%g 1/3=%.17g lrint(3.5)=%ld\n", k, rint(x), rint(-x),
			       1.0 / y, lrint(x + 1.0));
		}
		fesetround(FE_TONEAREST);
		feclearexcept(FE_ALL_EXCEPT);
		z = x / 0.0;
		CHECK("FE_DIVBYZERO", fetestexcept(FE_ALL_EXCEPT) == FE_DIVBYZERO, 1);
		feclearexcept(FE_ALL_EXCEPT);
		z = 1.0 / y;
		CHECK("FE_INEXACT", fetestexcept(FE_ALL_EXCEPT) == FE_INEXACT, 1);
		feclearexcept(FE_ALL_EXCEPT);
		z = sqrt(-x);
		CHECK("FE_INVALID", fetestexcept(FE_INVALID) != 0, 1);
		(void)z;
		printf("libm: %.17g %.17g %.17g %.17g\n", sin(1.0), exp(10.5), log(3.0), pow(2.5, 7.25));
		printf("libm f: %.9g %.9g %.9g\n", sinf(1.0f), expf(10.5f), logf(3.0f));
	}
	{
		char out[64];
		snprintf(out, sizeof out, "%lld %llu %x", (long long)strtoll("-9223372036854775808", NULL, 10),
			 strtoull("18446744073709551615", NULL, 10), 0xdeadbeef);
		printf("%s\n", out);
	}
	DONE();
}
