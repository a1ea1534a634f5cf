// SPDX-License-Identifier: GPL-2.0-only
/* Floating point: arithmetic, conversions, rounding modes and exception flags through fenv, libm. */
#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static volatile double dv[] = { 0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 1e-310, DBL_MIN, DBL_MAX, 3.141592653589793,
				1e18, -1e18, 9.2233720368547758e18, 4294967296.5, INFINITY, -INFINITY, NAN };
#define N (sizeof(dv) / sizeof(dv[0]))

static uint64_t bits(double d)
{
	uint64_t u;

	memcpy(&u, &d, 8);
	return u;
}

static uint32_t fbits(float f)
{
	uint32_t u;

	memcpy(&u, &f, 4);
	return u;
}

static void flags(const char *what)
{
	int f = fetestexcept(FE_ALL_EXCEPT);

	printf("  %s flags:%s%s%s%s%s\n", what, f & FE_INVALID ? " invalid" : "", f & FE_DIVBYZERO ? " divbyzero" : "",
	       f & FE_OVERFLOW ? " overflow" : "", f & FE_UNDERFLOW ? " underflow" : "", f & FE_INEXACT ? " inexact" : "");
	feclearexcept(FE_ALL_EXCEPT);
}

int main(void)
{
	static const int modes[] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
	static const char *const names[] = { "nearest", "upward", "downward", "towardzero" };

	for (unsigned m = 0; m < 4; m++) {
		fesetround(modes[m]);
		feclearexcept(FE_ALL_EXCEPT);
		printf("mode %s\n", names[m]);
		for (unsigned i = 0; i < N; i++)
			for (unsigned j = 0; j < N; j += 3) {
				double a = dv[i], b = dv[j];

				printf(" %u,%u add=%016" PRIx64 " mul=%016" PRIx64 " div=%016" PRIx64 " fma=%016" PRIx64
				       " f=%08" PRIx32 "\n", i, j, bits(a + b), bits(a * b), bits(a / b),
				       bits(fma(a, b, 0.1)), fbits((float)(a - b)));
			}
		flags("arith");
		for (unsigned i = 0; i < N; i++) {
			double a = dv[i];

			printf(" %u sqrt=%016" PRIx64 " rint=%016" PRIx64 " lrint=%ld i32=%d u64=%" PRIu64 " near=%016" PRIx64
			       " trunc=%016" PRIx64 " floor=%016" PRIx64 " ceil=%016" PRIx64 " round=%016" PRIx64 "\n",
			       i, bits(sqrt(a)), bits(rint(a)), isnan(a) || fabs(a) > 9e18 ? 0L : lrint(a),
			       isnan(a) || fabs(a) > 2e9 ? 0 : (int)a, isnan(a) || a < 0 || a > 1.8e19 ? 0 : (uint64_t)a,
			       bits(nearbyint(a)), bits(trunc(a)), bits(floor(a)), bits(ceil(a)), bits(round(a)));
		}
		flags("convert");
	}
	fesetround(FE_TONEAREST);
	for (double x = -3.0; x <= 3.0; x += 0.375)
		printf("x=%a sin=%a cos=%a exp=%a log=%a pow=%a atan2=%a cbrt=%a\n", x, sin(x), cos(x), exp(x),
		       log(fabs(x) + 0.5), pow(fabs(x) + 0.25, x), atan2(x, 0.75), cbrt(x));
	printf("%.17g %.9g %e %g %a\n", 0.1 + 0.2, (float)(1.0f / 3.0f), 6.02214076e23, 1e-5, 1.0 / 3.0);
	printf("fmin/fmax nan: %f %f; copysign %f; nextafter %a\n", fmin(NAN, 1.0), fmax(1.0, NAN), copysign(3.0, -0.0),
	       nextafter(1.0, 2.0));
	return 0;
}
