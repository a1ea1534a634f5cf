// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_vdso — the vDSO's clock functions, found the way Go's runtime finds them (program headers,
 * DT_HASH, DT_VERSYM/DT_VERDEF version LINUX_2.6.39), against the raw syscalls and glibc.
 *
 *   t_vdso        one line per check: "NAME: ok" or "NAME: NO (why)"
 *   t_vdso times  "real_ns=... mono_ns=..." lines from every path, for comparison with the host
 */
#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

typedef long (*gettime_fn)(long, struct timespec *);
typedef long (*gettimeofday_fn)(struct timeval *, struct timezone *);

static gettime_fn v_gettime, v_getres;
static gettimeofday_fn v_gettimeofday;
static int bad;

static uint32_t elf_hash(const char *s)
{
	uint32_t h = 0;
	for (; *s; s++) {
		h = (h << 4) + (uint8_t)*s;
		uint32_t g = h & 0xf0000000u;
		if (g)
			h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

/* Look the three functions up in the vDSO; returns how many were found with the right version. */
static int find_vdso(void)
{
	uintptr_t base = getauxval(AT_SYSINFO_EHDR);
	if (!base)
		return -1;
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(base + eh->e_phoff);
	uintptr_t load = 0, dynoff = 0;
	int have_load = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !have_load) {
			load = base + ph[i].p_offset - ph[i].p_vaddr;
			have_load = 1;
		}
		if (ph[i].p_type == PT_DYNAMIC)
			dynoff = ph[i].p_offset;
	}
	if (!have_load || !dynoff)
		return -2;
	const char *str = NULL;
	const Elf64_Sym *sym = NULL;
	const uint32_t *hash = NULL;
	const Elf64_Half *versym = NULL;
	const Elf64_Verdef *verdef = NULL;
	for (const Elf64_Dyn *d = (const Elf64_Dyn *)(base + dynoff); d->d_tag != DT_NULL; d++) {
		uintptr_t p = load + d->d_un.d_ptr;
		switch (d->d_tag) {
		case DT_STRTAB: str = (const char *)p; break;
		case DT_SYMTAB: sym = (const Elf64_Sym *)p; break;
		case DT_HASH: hash = (const uint32_t *)p; break;
		case DT_VERSYM: versym = (const Elf64_Half *)p; break;
		case DT_VERDEF: verdef = (const Elf64_Verdef *)p; break;
		}
	}
	if (!str || !sym || !hash || !versym || !verdef)
		return -3;
	/* the index of version LINUX_2.6.39 */
	int ver = -1;
	for (const Elf64_Verdef *d = verdef;; d = (const Elf64_Verdef *)((const char *)d + d->vd_next)) {
		const Elf64_Verdaux *a = (const Elf64_Verdaux *)((const char *)d + d->vd_aux);
		if (!(d->vd_flags & VER_FLG_BASE) && d->vd_hash == elf_hash("LINUX_2.6.39") &&
		    !strcmp(str + a->vda_name, "LINUX_2.6.39"))
			ver = d->vd_ndx & 0x7fff;
		if (!d->vd_next)
			break;
	}
	if (ver < 0)
		return -4;
	static const char *const names[] = { "__kernel_clock_gettime", "__kernel_clock_getres", "__kernel_gettimeofday" };
	void *found[3] = { 0 };
	int n = 0;
	uint32_t nbucket = hash[0];
	const uint32_t *bucket = hash + 2, *chain = hash + 2 + nbucket;
	for (int k = 0; k < 3; k++) {
		for (uint32_t i = bucket[elf_hash(names[k]) % nbucket]; i; i = chain[i]) {
			const Elf64_Sym *s = &sym[i];
			if (!strcmp(str + s->st_name, names[k]) && ELF64_ST_TYPE(s->st_info) == STT_FUNC &&
			    ELF64_ST_BIND(s->st_info) == STB_GLOBAL && s->st_shndx != SHN_UNDEF &&
			    (versym[i] & 0x7fff) == ver) {
				found[k] = (void *)(load + s->st_value);
				n++;
				break;
			}
		}
	}
	v_gettime = (gettime_fn)found[0];
	v_getres = (gettime_fn)found[1];
	v_gettimeofday = (gettimeofday_fn)found[2];
	return n;
}

static void check(const char *name, int good, const char *why)
{
	printf("%s: %s%s%s%s\n", name, good ? "ok" : "NO", good ? "" : " (", good ? "" : why, good ? "" : ")");
	bad += !good;
}

static int64_t ns(const struct timespec *t) { return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec; }

static long sys_gettime(long id, struct timespec *t) { return syscall(SYS_clock_gettime, id, t) ? -errno : 0; }
static long sys_getres(long id, struct timespec *t) { return syscall(SYS_clock_getres, id, t) ? -errno : 0; }

/* The vDSO's answer for clock `id` lies between two syscall readings, and fails the same way. */
static void check_clock(long id, const char *label)
{
	char name[96], why[160];
	struct timespec s1, v, s2, r1, r2;
	long e1 = sys_gettime(id, &s1);
	long ev = v_gettime(id, &v);
	long e2 = sys_gettime(id, &s2);
	snprintf(name, sizeof(name), "clock_gettime %s", label);
	snprintf(why, sizeof(why), "syscall %ld %" PRId64 ", vdso %ld %" PRId64 ", syscall %ld %" PRId64,
		 e1, e1 ? 0 : ns(&s1), ev, ev ? 0 : ns(&v), e2, e2 ? 0 : ns(&s2));
	check(name, e1 == ev && ev == e2 && (ev || (ns(&s1) <= ns(&v) && ns(&v) <= ns(&s2) && v.tv_nsec < 1000000000)), why);
	e1 = sys_getres(id, &r1);
	ev = v_getres(id, &r2);
	snprintf(name, sizeof(name), "clock_getres %s", label);
	snprintf(why, sizeof(why), "syscall %ld %" PRId64 ", vdso %ld %" PRId64, e1, e1 ? 0 : ns(&r1), ev, ev ? 0 : ns(&r2));
	check(name, e1 == ev && (ev || ns(&r1) == ns(&r2)), why);
}

int main(int argc, char **argv)
{
	int n = find_vdso();
	printf("vdso_clock_functions=%d\n", n);
	if (n != 3)
		return 1;
	struct timespec ts;
	if (argc > 1 && !strcmp(argv[1], "times")) {
		v_gettime(CLOCK_REALTIME, &ts);
		printf("vdso real_ns=%" PRId64 "\n", ns(&ts));
		clock_gettime(CLOCK_REALTIME, &ts);
		printf("glibc real_ns=%" PRId64 "\n", ns(&ts));
		struct timeval tv;
		gettimeofday(&tv, NULL);
		printf("gettimeofday real_ns=%" PRId64 "\n", (int64_t)tv.tv_sec * 1000000000 + tv.tv_usec * 1000);
		v_gettimeofday(&tv, NULL);
		printf("vdso-gettimeofday real_ns=%" PRId64 "\n", (int64_t)tv.tv_sec * 1000000000 + tv.tv_usec * 1000);
		printf("time real_s=%lld\n", (long long)time(NULL));
		v_gettime(CLOCK_MONOTONIC, &ts);
		printf("vdso mono_ns=%" PRId64 "\n", ns(&ts));
		clock_gettime(CLOCK_MONOTONIC, &ts);
		printf("glibc mono_ns=%" PRId64 "\n", ns(&ts));
		return 0;
	}

	static const struct { long id; const char *name; } clocks[] = {
		{ CLOCK_REALTIME, "REALTIME" }, { CLOCK_MONOTONIC, "MONOTONIC" },
		{ CLOCK_PROCESS_CPUTIME_ID, "PROCESS_CPUTIME_ID" }, { CLOCK_THREAD_CPUTIME_ID, "THREAD_CPUTIME_ID" },
		{ CLOCK_MONOTONIC_RAW, "MONOTONIC_RAW" }, { CLOCK_REALTIME_COARSE, "REALTIME_COARSE" },
		{ CLOCK_MONOTONIC_COARSE, "MONOTONIC_COARSE" }, { CLOCK_BOOTTIME, "BOOTTIME" },
		{ CLOCK_REALTIME_ALARM, "REALTIME_ALARM" }, { CLOCK_BOOTTIME_ALARM, "BOOTTIME_ALARM" },
		{ 10, "10 (invalid)" }, { CLOCK_TAI, "TAI" }, { 16, "16 (invalid)" }, { 1000, "1000 (invalid)" },
		{ -1, "-1 (pid 0 CPU clock)" },
	};
	for (size_t i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++)
		check_clock(clocks[i].id, clocks[i].name);
	clockid_t cid;
	if (clock_getcpuclockid(getpid(), &cid) == 0)
		check_clock(cid, "process CPU clock of getpid()");
	if (pthread_getcpuclockid(pthread_self(), &cid) == 0)
		check_clock(cid, "thread CPU clock of pthread_self()");

	/* clock_getres with a NULL result: 0, as from the syscall */
	check("clock_getres(MONOTONIC, NULL) is 0", v_getres(CLOCK_MONOTONIC, NULL) == 0, "nonzero");

	/* gettimeofday: between two CLOCK_REALTIME syscalls (truncated to µs), timezone as the kernel's */
	struct timespec a, b;
	struct timeval tv;
	struct timezone tz1 = { -7, -7 }, tz2 = { -9, -9 };
	sys_gettime(CLOCK_REALTIME, &a);
	long e = v_gettimeofday(&tv, &tz1);
	sys_gettime(CLOCK_REALTIME, &b);
	int64_t tvn = (int64_t)tv.tv_sec * 1000000000 + tv.tv_usec * 1000;
	check("vdso gettimeofday between two CLOCK_REALTIME readings",
	      e == 0 && tvn >= ns(&a) / 1000 * 1000 && tvn <= ns(&b) && tv.tv_usec < 1000000, "out of range");
	syscall(SYS_gettimeofday, NULL, &tz2);
	check("vdso gettimeofday timezone equals the syscall's",
	      tz1.tz_minuteswest == tz2.tz_minuteswest && tz1.tz_dsttime == tz2.tz_dsttime, "differs");
	check("vdso gettimeofday(NULL, NULL) is 0", v_gettimeofday(NULL, NULL) == 0, "nonzero");

	/* glibc's own functions (through the vDSO) against the syscall */
	sys_gettime(CLOCK_MONOTONIC, &a);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	sys_gettime(CLOCK_MONOTONIC, &b);
	check("glibc clock_gettime(MONOTONIC) between two syscall readings", ns(&a) <= ns(&ts) && ns(&ts) <= ns(&b), "out of range");
	sys_gettime(CLOCK_REALTIME, &a);
	gettimeofday(&tv, NULL);
	time_t t = time(NULL);
	sys_gettime(CLOCK_REALTIME, &b);
	tvn = (int64_t)tv.tv_sec * 1000000000 + tv.tv_usec * 1000;
	check("glibc gettimeofday between two syscall readings", tvn >= ns(&a) / 1000 * 1000 && tvn <= ns(&b), "out of range");
	/* time() may use the coarse clock, which lags by up to a tick */
	check("glibc time() within a second of the syscall", t >= a.tv_sec - 1 && t <= b.tv_sec, "out of range");
	/* a bad pointer: EFAULT from the syscall, as from the kernel (the emulator writes it) */
	check("clock_gettime(MONOTONIC, bad pointer) syscall is EFAULT", sys_gettime(CLOCK_MONOTONIC, (void *)8) == -EFAULT, "other");
	check("clock_gettime(THREAD_CPUTIME_ID, bad pointer) syscall is EFAULT",
	      sys_gettime(CLOCK_THREAD_CPUTIME_ID, (void *)8) == -EFAULT, "other");
	check("clock_getres(REALTIME, bad pointer) syscall is EFAULT", sys_getres(CLOCK_REALTIME, (void *)8) == -EFAULT, "other");
	check("gettimeofday(bad pointer) syscall is EFAULT",
	      syscall(SYS_gettimeofday, (void *)8, NULL) == -1 && errno == EFAULT, "other");
	errno = 0;
	check("glibc clock_gettime(invalid id) is EINVAL", clock_gettime(1000, &ts) == -1 && errno == EINVAL, "wrong");
	printf("all_checks=%s\n", bad ? "NO" : "ok");
	return bad != 0;
}
