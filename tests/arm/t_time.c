// SPDX-License-Identifier: GPL-2.0-only
/* time32 and time64 system calls side by side, and the structures with longs */
#include <fcntl.h>
#include <linux/futex.h>
#include <sched.h>
#include <sys/stat.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/sysinfo.h>
#include <sys/timex.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include "common.h"

struct ts32 { int32_t s, ns; };
struct ts64 { int64_t s, ns; };
struct tv32 { int32_t s, us; };

#define NR_clock_gettime 263
#define NR_clock_gettime64 403
#define NR_clock_getres 264
#define NR_nanosleep 162
#define NR_futex 240
#define NR_ppoll 336
#define NR_gettimeofday 78
#define NR_timerfd_settime 353
#define NR_timerfd_gettime 354
#define NR_clock_nanosleep_time64 407
#define NR_utimensat 348

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(void)
{
	struct ts32 a;
	struct ts64 b;
	CHECK("clock_gettime (time32)", rawsc(NR_clock_gettime, CLOCK_REALTIME, (long)&a, 0, 0, 0, 0) == 0);
	CHECK("clock_gettime64", rawsc(NR_clock_gettime64, CLOCK_REALTIME, (long)&b, 0, 0, 0, 0) == 0);
	CHECK("time32 and time64 agree", b.s - a.s >= 0 && b.s - a.s <= 2 && a.ns >= 0 && a.ns < 1000000000);
	struct tv32 tv;
	CHECK("gettimeofday (time32)", rawsc(NR_gettimeofday, (long)&tv, 0, 0, 0, 0, 0) == 0 && tv.s - a.s <= 2 &&
	      tv.us >= 0 && tv.us < 1000000);
	CHECK("clock_getres (time32)", rawsc(NR_clock_getres, CLOCK_MONOTONIC, (long)&a, 0, 0, 0, 0) == 0 && a.s == 0 &&
	      a.ns > 0 && a.ns <= 10000000);
	double t0 = now();
	struct ts32 req = { 0, 30000000 };
	CHECK("nanosleep (time32)", rawsc(NR_nanosleep, (long)&req, 0, 0, 0, 0, 0) == 0 && now() - t0 >= 0.029);
	t0 = now();
	struct ts64 req64 = { 0, 30000000 };
	CHECK("clock_nanosleep_time64", rawsc(NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, (long)&req64, 0, 0, 0) == 0 &&
	      now() - t0 >= 0.029);
	/* a 32-bit C library's struct __timespec64: tv_nsec is 32 bits, the other 4 bytes are
	 * padding that Linux ignores for a 32-bit task */
	struct ts64 pad = { 0, 20000000 | (int64_t)0x5a5a5a5a << 32 };
	t0 = now();
	CHECK("clock_nanosleep_time64 ignores the tv_nsec padding",
	      rawsc(NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, (long)&pad, 0, 0, 0) == 0 && now() - t0 >= 0.019);
	int fw64 = 0;
	pad.ns = 30000000 | (int64_t)0x5a5a5a5a << 32;
	t0 = now();
	CHECK("futex_time64 ignores the tv_nsec padding",
	      rawsc(422, (long)&fw64, FUTEX_WAIT_PRIVATE, 0, (long)&pad, 0, 0) == -ETIMEDOUT && now() - t0 >= 0.029);
	int fw = 0;
	t0 = now();
	struct ts32 to = { 0, 40000000 };
	long r = rawsc(NR_futex, (long)&fw, FUTEX_WAIT_PRIVATE, 0, (long)&to, 0, 0);
	CHECK("futex (time32) times out", r == -ETIMEDOUT && now() - t0 >= 0.039 && now() - t0 < 5);
	struct pollfd pfd = { .fd = 0, .events = 0 };
	t0 = now();
	CHECK("ppoll (time32) times out", rawsc(NR_ppoll, (long)&pfd, 0, (long)&to, 0, 8, 0) == 0 && now() - t0 >= 0.039);
	struct timeval stv = { 0, 20000 };
	t0 = now();
	CHECK("select times out", select(0, NULL, NULL, NULL, &stv) == 0 && now() - t0 >= 0.019);
	/* glibc's own calls (time64 with time32 fallback) */
	struct timespec ts;
	CHECK("clock_gettime", clock_gettime(CLOCK_MONOTONIC, &ts) == 0);
	struct timeval gtv;
	CHECK("gettimeofday", gettimeofday(&gtv, NULL) == 0 && gtv.tv_sec > 1600000000);
	/* timerfd: time32 itimerspec */
	int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
	struct ts32 its[2] = { { 0, 0 }, { 100, 0 } }, cur[2];
	CHECK("timerfd_settime (time32)", rawsc(NR_timerfd_settime, tfd, 0, (long)its, 0, 0, 0) == 0);
	CHECK("timerfd_gettime (time32)", rawsc(NR_timerfd_gettime, tfd, (long)cur, 0, 0, 0, 0) == 0 && cur[1].s >= 98 &&
	      cur[1].s <= 100 && cur[0].s == 0);
	close(tfd);
	struct itimerval iv = { { 0, 0 }, { 50, 0 } }, ov;
	CHECK("setitimer/getitimer", setitimer(ITIMER_REAL, &iv, NULL) == 0 && getitimer(ITIMER_REAL, &ov) == 0 &&
	      ov.it_value.tv_sec >= 48 && ov.it_value.tv_sec <= 50);
	iv.it_value.tv_sec = 0;
	setitimer(ITIMER_REAL, &iv, NULL);
	/* utimensat with a 32-bit timespec */
	char path[] = "/tmp/xarch-arm-tXXXXXX";
	int fd = mkstemp(path);
	struct ts32 tt[2] = { { 1000000000, 5 }, { 1200000000, 7 } };
	struct stat st;
	CHECK("utimensat (time32)", rawsc(NR_utimensat, AT_FDCWD, (long)path, (long)tt, 0, 0, 0) == 0 && stat(path, &st) == 0 &&
	      st.st_mtime == 1200000000 && st.st_atime == 1000000000);
	close(fd);
	unlink(path);
	/* rusage, times, sysinfo, rlimits */
	volatile unsigned long x = 0;
	for (unsigned long i = 0; i < 3000000; i++)
		x += i;
	struct rusage ru;
	CHECK("getrusage", getrusage(RUSAGE_SELF, &ru) == 0 && ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000 &&
	      ru.ru_maxrss > 0);
	pid_t pid = fork();
	if (pid == 0) {
		for (unsigned long i = 0; i < 3000000; i++)
			x += i;
		_exit(7);
	}
	int status;
	CHECK("wait4 with rusage", wait4(pid, &status, 0, &ru) == pid && WEXITSTATUS(status) == 7 &&
	      ru.ru_utime.tv_usec < 1000000 && ru.ru_maxrss > 0);
	struct tms tm;
	CHECK("times", times(&tm) != (clock_t)-1 && tm.tms_utime >= 0);
	struct sysinfo si;
	CHECK("sysinfo", sysinfo(&si) == 0 && si.mem_unit > 0 && si.totalram > 0 && si.procs > 0 &&
	      (unsigned long long)si.totalram * si.mem_unit > (64ull << 20));
	struct rlimit rl;
	CHECK("getrlimit (ugetrlimit)", getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > 0);
	rl.rlim_cur = 100;
	CHECK("setrlimit", setrlimit(RLIMIT_NOFILE, &rl) == 0 && getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur == 100);
	CHECK("RLIMIT_AS infinity", getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur == RLIM_INFINITY);
	struct timex tx = { .modes = 0 };
	int tst = adjtimex(&tx);
	CHECK("adjtimex (clock_adjtime64) reads the clock state", tst >= 0 && tst <= 5 && tx.tick > 0);
	struct timespec rr;
	CHECK("sched_rr_get_interval", sched_rr_get_interval(0, &rr) == 0 && rr.tv_nsec >= 0);
	return 0;
}
