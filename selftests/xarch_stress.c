// SPDX-License-Identifier: GPL-2.0-only
/*
 * binfmt_xarch under load: execs racing configuration changes, and module
 * unload/reload attempts; afterwards the kernel log must be clean.  An exec
 * refused with ENOEXEC is a failure unless a disabling write or an unload
 * overlapped it.  The replace race is also made deterministic with the test
 * variant of the module ($XARCH_KO_TEST, kmod/testhooks.c).
 *
 * Runs after the other tests: it unloads and reloads the module
 * ($XARCH_KO, default /xarch/binfmt_xarch.ko); xarch_dmesg then checks
 * the kernel log.
 */
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include "kselftest_harness.h"
#include "xarch_util.h"

#define WORKERS 4
#define EMPTY_DIR "/tmp/xarch-stress-empty"

struct shared {
	long execs_ok;		/* the probe ran */
	long execs_refused;	/* ENOEXEC while disabled or unloaded */
	long disrupting;	/* disabling writes or unloads in progress */
	long epoch;		/* bumped at the start and end of each */
	long unexpected;	/* anything else */
	long writes_ok;
	long unloads;
	char what[256];		/* first unexpected event */
};

static struct shared *sh;

static void unexpected(const char *fmt, ...)
{
	va_list ap;

	if (__sync_fetch_and_add(&sh->unexpected, 1) == 0) {
		va_start(ap, fmt);
		vsnprintf(sh->what, sizeof(sh->what), fmt, ap);
		va_end(ap);
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *module_path(void)
{
	const char *ko = getenv("XARCH_KO");

	return ko ? ko : "/xarch/binfmt_xarch.ko";
}

static int module_loaded(void)
{
	return access(XSYSFS, F_OK) == 0;
}

static int module_load_file(const char *ko, const char *params)
{
	int fd, ret = 0;

	fd = open(ko, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (syscall(SYS_finit_module, fd, params, 0) && errno != EEXIST)
		ret = -errno;
	close(fd);
	return ret;
}

static int module_load_params(const char *params)
{
	return module_load_file(module_path(), params);
}

/* Load the module without autoconfiguration; 0, or -errno. */
static int module_load(void)
{
	mkdir(EMPTY_DIR, 0755);
	return module_load_params("emulator_dir=" EMPTY_DIR);
}

/* Unload, waiting for execs in flight to let go; 0 or -errno. */
static int module_unload_wait(void)
{
	int i, ret = -EBUSY;

	for (i = 0; i < 50 && ret; i++) {
		ret = syscall(SYS_delete_module, "binfmt_xarch", O_NONBLOCK) ? -errno : 0;
		if (ret)
			usleep(100000);
	}
	return ret;
}

static int module_unload(void)
{
	return syscall(SYS_delete_module, "binfmt_xarch", O_NONBLOCK) ? -errno : 0;
}

/* Around anything that may legitimately make an exec fail with ENOEXEC. */
static void disrupt_begin(void)
{
	__atomic_fetch_add(&sh->disrupting, 1, __ATOMIC_SEQ_CST);
	__atomic_fetch_add(&sh->epoch, 1, __ATOMIC_SEQ_CST);
}

static void disrupt_end(void)
{
	__atomic_fetch_add(&sh->epoch, 1, __ATOMIC_SEQ_CST);
	__atomic_fetch_add(&sh->disrupting, -1, __ATOMIC_SEQ_CST);
}

static void exec_worker(const char *guest, double until)
{
	struct xrun *r = malloc(sizeof(*r));
	long epoch, busy;

	while (r && now() < until) {
		epoch = __atomic_load_n(&sh->epoch, __ATOMIC_SEQ_CST);
		busy = __atomic_load_n(&sh->disrupting, __ATOMIC_SEQ_CST);
		if (xrun_simple(r, guest)) {
			unexpected("spawn failed");
			continue;
		}
		if (xprobe_ran(r) && WIFEXITED(r->status) &&
		    WEXITSTATUS(r->status) == 0)
			__sync_fetch_and_add(&sh->execs_ok, 1);
		else if (r->exec_errno == ENOEXEC &&
			 (busy || epoch != __atomic_load_n(&sh->epoch, __ATOMIC_SEQ_CST)))
			__sync_fetch_and_add(&sh->execs_refused, 1);
		else
			unexpected("exec: errno %d status %x out '%.80s'%s",
				   r->exec_errno, r->status, r->out,
				   r->exec_errno == ENOEXEC ?
				   " (ENOEXEC while enabled, configured and loaded)" : "");
	}
	free(r);
	_exit(0);
}

/* A write that fails only because the module is (being) unloaded is fine. */
static void cfg(const char *file, const char *val)
{
	int ret = xs_write(file, val);

	if (!ret)
		__sync_fetch_and_add(&sh->writes_ok, 1);
	else if (ret != -ENOENT && ret != -ENODEV)
		unexpected("write %s '%s': %s", file, val, strerror(-ret));
}

/*
 * Deleting the namespace's entry for one arch, or all of them, may also
 * find it already gone (module reloaded, or deleted with the others).
 */
static void cfg_delete_ns(const char *cmd)
{
	int ret = xs_write("ns_sysroots", cmd);

	if (!ret)
		__sync_fetch_and_add(&sh->writes_ok, 1);
	else if (ret != -ENOENT && ret != -ENODEV)
		unexpected("delete ns entry: %s", strerror(-ret));
}

static void config_worker(const char *emu2, const char *dir, double until)
{
	char buf[4096];
	unsigned int i = 0;

	while (now() < until) {
		switch (i++ % 8) {
		case 0:
			cfg("aarch64/emulator", xprobe_path());
			break;
		case 1:
			cfg("aarch64/emulator", emu2);
			break;
		case 2:
			cfg("default_sysroot", dir);
			cfg("aarch64/sysroot", "/");
			break;
		case 3:
			cfg("ns_sysroots", "/proc/self/ns/mnt /stress");
			cfg("ns_sysroots", "/proc/self/ns/mnt aarch64 /stress-a64");
			break;
		case 4:
			disrupt_begin();
			cfg("aarch64/enabled", "0");
			usleep(1000);
			cfg("aarch64/enabled", "1");
			disrupt_end();
			break;
		case 5:
			cfg_delete_ns(i & 16 ? "-/proc/self/ns/mnt aarch64" :
				      "-/proc/self/ns/mnt");
			break;
		case 6:
			cfg("default_sysroot", "\n");
			cfg("aarch64/sysroot", "\n");
			xs_read("status", buf, sizeof(buf));
			break;
		case 7:
			cfg("aarch64/enabled", "1");
			cfg("aarch64/credentials", i & 32 ? "1" : "0");
			xs_read("ns_sysroots", buf, sizeof(buf));
			break;
		}
	}
	_exit(0);
}

static void unload_worker(double until)
{
	while (now() < until) {
		int ret;

		disrupt_begin();
		ret = module_unload();
		if (!ret) {
			__sync_fetch_and_add(&sh->unloads, 1);
			usleep(20000);
			ret = module_load();
			if (ret)
				unexpected("reload: %s", strerror(-ret));
			/* loaded without emulators: configure before the end */
			ret = xs_set_emulator("aarch64", xprobe_path());
			if (ret)
				unexpected("configure after reload: %s", strerror(-ret));
		} else if (ret != -EWOULDBLOCK && ret != -EAGAIN &&
			   ret != -EBUSY) {
			unexpected("unload: %s", strerror(-ret));
		}
		disrupt_end();
		usleep(30000);
	}
	_exit(0);
}

FIXTURE(stress) {
	char dir[64];
	char guest[128];
	char emu2[128];
};

FIXTURE_SETUP(stress)
{
	if (!module_loaded())
		ASSERT_EQ(0, module_load());
	ASSERT_EQ(0, xs_reset());
	ASSERT_EQ(0, xtmpdir(self->dir, sizeof(self->dir), "stress"));
	snprintf(self->guest, sizeof(self->guest), "%s/guest", self->dir);
	snprintf(self->emu2, sizeof(self->emu2), "%s/emu2", self->dir);
	ASSERT_EQ(0, xelf_write_arch(self->guest, "aarch64", 0755));
	ASSERT_EQ(0, xcopy(xprobe_path(), self->emu2, 0755));
	ASSERT_EQ(0, xs_set_emulator("aarch64", xprobe_path()));
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, sh);
	memset(sh, 0, sizeof(*sh));
}

FIXTURE_TEARDOWN(stress)
{
	if (!module_loaded())
		module_load();
	xs_reset();
	xrmtree(self->dir);
}

static void run_stress(struct __test_metadata *_metadata,
		       FIXTURE_DATA(stress) *self, double seconds, int unload)
{
	double until = now() + seconds;
	pid_t pids[WORKERS + 2];
	int i, n = 0, st;

	for (i = 0; i < WORKERS; i++) {
		pids[n] = fork();
		ASSERT_LE(0, pids[n]);
		if (!pids[n])
			exec_worker(self->guest, until);
		n++;
	}
	pids[n] = fork();
	ASSERT_LE(0, pids[n]);
	if (!pids[n])
		config_worker(self->emu2, self->dir, until);
	n++;
	if (unload) {
		pids[n] = fork();
		ASSERT_LE(0, pids[n]);
		if (!pids[n])
			unload_worker(until);
		n++;
	}
	for (i = 0; i < n; i++) {
		ASSERT_EQ(pids[i], waitpid(pids[i], &st, 0));
		EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	TH_LOG("execs run %ld, refused %ld, config writes %ld, unloads %ld",
	       sh->execs_ok, sh->execs_refused, sh->writes_ok, sh->unloads);
	EXPECT_EQ(0, sh->unexpected) TH_LOG("first: %s", sh->what);
	EXPECT_LT(0, sh->execs_ok);
	EXPECT_LT(0, sh->writes_ok);
}

/* After the storm the module still works as configured. */
static void check_still_works(struct __test_metadata *_metadata,
			      FIXTURE_DATA(stress) *self)
{
	struct xrun *r = malloc(sizeof(*r));

	ASSERT_NE(NULL, r);
	if (!module_loaded())
		ASSERT_EQ(0, module_load());
	ASSERT_EQ(0, xs_reset());
	ASSERT_EQ(0, xs_set_emulator("aarch64", xprobe_path()));
	ASSERT_EQ(0, xrun_simple(r, self->guest));
	EXPECT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);
	EXPECT_STREQ("4", xfield(r->out, "argc"));
	free(r);
}

TEST_F_TIMEOUT(stress, execs_racing_configuration, 120)
{
	run_stress(_metadata, self, 8, 0);
	check_still_works(_metadata, self);
}

TEST_F_TIMEOUT(stress, execs_racing_configuration_and_unload, 120)
{
	if (access(module_path(), R_OK))
		SKIP(return, "no module file to reload (set XARCH_KO)");
	run_stress(_metadata, self, 10, 1);
	EXPECT_LT(0, sh->unloads);
	check_still_works(_metadata, self);
}

/*
 * A child in a new mount namespace: returns its pid once it is there,
 * with the namespace id in @ns; it exits when @go is closed.
 */
static pid_t ns_child(char *ns, size_t size, int *go)
{
	int ready[2], wait_go[2];
	pid_t pid;
	ssize_t n;

	if (pipe(ready) || pipe(wait_go))
		return -1;
	pid = fork();
	if (pid == 0) {
		char b, id[64];

		close(ready[0]);
		close(wait_go[1]);
		if (unshare(CLONE_NEWNS))
			_exit(1);
		n = readlink("/proc/self/ns/mnt", id, sizeof(id) - 1);
		if (n <= 0 || write(ready[1], id, n) != n)
			_exit(1);
		close(ready[1]);
		if (read(wait_go[0], &b, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(ready[1]);
	close(wait_go[0]);
	n = read(ready[0], ns, size - 1);
	close(ready[0]);
	ns[n > 0 ? n : 0] = '\0';
	*go = wait_go[1];
	return pid;
}

/* A new namespace's id, as the kernel hands them out now. */
static void new_ns_id(char *ns, size_t size)
{
	int go, st;
	pid_t pid = ns_child(ns, size, &go);

	close(go);
	waitpid(pid, &st, 0);
}

/*
 * Unload releases everything: the emulator file is writable again (its
 * write denial was undone) and the namespace pinned by an entry is freed
 * (its id becomes free for new namespaces).
 */
TEST_F_TIMEOUT(stress, unload_releases_emulator, 60)
{
	struct xrun *r = malloc(sizeof(*r));
	int fd, i, ret;

	ASSERT_NE(NULL, r);
	if (access(module_path(), R_OK))
		SKIP(return, "no module file to reload (set XARCH_KO)");
	char ns[64], again[64];
	int go, st, reused = 0;
	pid_t pid;

	ASSERT_EQ(0, xs_set_emulator("aarch64", self->emu2));
	ASSERT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt /x"));
	pid = ns_child(ns, sizeof(ns), &go);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, strncmp(ns, "mnt:[", 5));
	ASSERT_EQ(0, xs_writef("ns_sysroots", "/proc/%d/ns/mnt /y", pid));
	close(go);
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	new_ns_id(again, sizeof(again));
	EXPECT_STRNE(ns, again);	/* pinned */
	for (i = 0; i < 20; i++) {
		ASSERT_EQ(0, xrun_simple(r, self->guest));
		ASSERT_TRUE(xprobe_ran(r));
	}
	fd = open(self->emu2, O_WRONLY);
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(ETXTBSY, errno);
	ret = module_unload_wait();
	ASSERT_EQ(0, ret) TH_LOG("unload: %s", strerror(-ret));
	fd = open(self->emu2, O_WRONLY);
	EXPECT_LE(0, fd) TH_LOG("emulator still write-denied: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
	for (i = 0; i < 30 && !reused; i++) {
		new_ns_id(again, sizeof(again));
		reused = !strcmp(ns, again);
		if (!reused)
			usleep(100000);
	}
	EXPECT_TRUE(reused) TH_LOG("%s still allocated after unload", ns);
	ASSERT_EQ(0, module_load());
	free(r);
}

/*
 * Loading configures every arch whose xarch-<arch> is in emulator_dir,
 * and only those; an unusable candidate is skipped.
 */
TEST_F_TIMEOUT(stress, load_autoconfigures_from_emulator_dir, 60)
{
	char dir[128], path[192], buf[256], params[192];
	struct xrun *r = malloc(sizeof(*r));
	size_t i;

	ASSERT_NE(NULL, r);
	if (access(module_path(), R_OK))
		SKIP(return, "no module file to reload (set XARCH_KO)");
	snprintf(dir, sizeof(dir), "%s/lib", self->dir);
	ASSERT_EQ(0, mkdir(dir, 0755));
	snprintf(path, sizeof(path), "%s/xarch-aarch64", dir);
	ASSERT_EQ(0, xcopy(xprobe_path(), path, 0755));
	snprintf(path, sizeof(path), "%s/xarch-riscv64", dir);
	ASSERT_EQ(0, xcopy(xprobe_path(), path, 0755));
	snprintf(path, sizeof(path), "%s/xarch-s390x", dir);	/* not executable */
	ASSERT_EQ(0, xcopy(xprobe_path(), path, 0644));
	snprintf(path, sizeof(path), "%s/xarch-arm", dir);	/* a directory */
	ASSERT_EQ(0, mkdir(path, 0755));

	ASSERT_EQ(0, module_unload_wait());
	snprintf(params, sizeof(params), "emulator_dir=%s", dir);
	ASSERT_EQ(0, module_load_params(params));

	for (i = 0; i < XARCH_NR_ARCHS; i++) {
		const char *name = xarch_archs[i].name;
		char rel[64];

		snprintf(rel, sizeof(rel), "%s/emulator", name);
		ASSERT_LE(0, xs_read(rel, buf, sizeof(buf)));
		if (!strcmp(name, "aarch64") || !strcmp(name, "riscv64")) {
			snprintf(path, sizeof(path), "%s/xarch-%s", dir, name);
			EXPECT_STREQ(path, buf);
		} else {
			EXPECT_STREQ("", buf) TH_LOG("%s", name);
		}
	}
	ASSERT_EQ(0, xrun_simple(r, self->guest));
	ASSERT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);
	snprintf(path, sizeof(path), "%s/xarch-aarch64", dir);
	EXPECT_STREQ(path, xfield(r->out, "argv0"));

	/* a relative emulator_dir configures nothing, and still loads */
	ASSERT_EQ(0, module_unload_wait());
	ASSERT_EQ(0, module_load_params("emulator_dir=relative/dir"));
	ASSERT_EQ(0, xs_read("aarch64/emulator", buf, sizeof(buf)));

	ASSERT_EQ(0, module_unload_wait());
	ASSERT_EQ(0, module_load());
	free(r);
}

/*
 * The quick start: load with the default emulator_dir and a foreign
 * program just runs, with no configuration at all.
 */
TEST_F_TIMEOUT(stress, default_load_runs_foreign_program, 60)
{
	struct xrun *r = malloc(sizeof(*r));
	char buf[256];

	ASSERT_NE(NULL, r);
	if (access(module_path(), R_OK))
		SKIP(return, "no module file to reload (set XARCH_KO)");
	if (access("/usr/lib/xarch/xarch-aarch64", X_OK) ||
	    access("/guest/hello-static", F_OK))
		SKIP(return, "/usr/lib/xarch/xarch-aarch64 or /guest/hello-static missing");
	ASSERT_EQ(0, module_unload_wait());
	ASSERT_EQ(0, module_load_params(""));
	ASSERT_LT(0, xs_read("aarch64/emulator", buf, sizeof(buf)));
	EXPECT_STREQ("/usr/lib/xarch/xarch-aarch64", buf);
	ASSERT_EQ(0, xrun(r, "/guest/hello-static", (char *[]){ "hi", NULL },
			  NULL, NULL));
	EXPECT_EQ(0, r->exec_errno);
	EXPECT_STREQ("hello from aarch64 (argv[0]=hi)\n", r->out);
	EXPECT_TRUE(WIFEXITED(r->status) && WEXITSTATUS(r->status) == 0);
	ASSERT_EQ(0, module_unload_wait());
	ASSERT_EQ(0, module_load());
	free(r);
}

#define HOOK "/sys/module/binfmt_xarch/parameters/test_emu_get_"

static int hook_read(const char *name)
{
	char path[128], buf[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), HOOK "%s", name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return atoi(buf);
}

/* Wait until the @nth delayed lookup is under way; 0 or -ETIMEDOUT. */
static int hook_wait(int nth)
{
	int i;

	for (i = 0; i < 1000; i++) {
		if (hook_read("delays") >= nth && hook_read("waiting") == 1)
			return 0;
		usleep(10000);
	}
	return -ETIMEDOUT;
}

static int on_cpu(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set) ? errno : 0;
}

static int child_on_cpu0(void *arg)
{
	return on_cpu(0);
}

/*
 * The replace race, made certain: the test variant of the module holds
 * each emulator lookup between reading the pointer and taking a reference,
 * and the emulator is replaced meanwhile, so the old one's count drops to
 * zero under the lookup.  That is done twice, since the kernel offers a
 * refused binary to the handlers a second time.  The exec must find the
 * newest emulator, not fail with ENOEXEC.  The lookup busy-waits, so the
 * exec and this test run on different CPUs (a kernel without full
 * preemption would not run the test on the CPU of the waiting lookup).
 */
TEST_F_TIMEOUT(stress, replace_during_lookup, 90)
{
	const char *ko = getenv("XARCH_KO_TEST");
	struct xchild c = { 0 };
	struct xrun *r = malloc(sizeof(*r));
	int ret;

	ASSERT_NE(NULL, r);
	if (!ko)
		SKIP(return, "XARCH_KO_TEST (the module's test variant) is not set");
	ASSERT_EQ(0, access(ko, R_OK)) TH_LOG("%s: %s", ko, strerror(errno));
	ASSERT_EQ(0, module_unload_wait());
	mkdir(EMPTY_DIR, 0755);
	ret = module_load_file(ko, "emulator_dir=" EMPTY_DIR);
	ASSERT_EQ(0, ret) TH_LOG("load %s: %s", ko, strerror(-ret));
	ASSERT_EQ(0, xs_set_emulator("aarch64", xprobe_path()));
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		SKIP(return, "needs two CPUs");
	ASSERT_EQ(0, on_cpu(1));
	ASSERT_EQ(0, xwrite_file(HOOK "delay_ms", "1500"));
	ASSERT_EQ(0, xspawn(&c, self->guest, (char *[]){ "g", NULL }, child_on_cpu0, NULL));
	/* the old emulator's last reference goes while a lookup holds it */
	EXPECT_EQ(0, hook_wait(1)) TH_LOG("the exec never reached the lookup");
	ASSERT_EQ(0, xs_set_emulator("aarch64", self->emu2));
	EXPECT_EQ(0, hook_wait(2)) TH_LOG("no second lookup");
	ASSERT_EQ(0, xs_set_emulator("aarch64", xprobe_path()));
	ASSERT_EQ(0, xwrite_file(HOOK "delay_ms", "0"));
	xcollect(&c, r);
	{
		cpu_set_t all;

		CPU_ZERO(&all);
		for (ret = 0; ret < CPU_SETSIZE; ret++)
			CPU_SET(ret, &all);
		sched_setaffinity(0, sizeof(all), &all);
	}
	EXPECT_EQ(0, r->exec_errno) TH_LOG("exec failed: %s", strerror(r->exec_errno));
	EXPECT_TRUE(xprobe_ran(r)) TH_LOG("%s", r->out);
	if (xprobe_ran(r))
		EXPECT_STREQ(xprobe_path(), xfield(r->out, "argv0"));

	ASSERT_EQ(0, module_unload_wait());
	ASSERT_EQ(0, module_load());
	free(r);
}

TEST_HARNESS_MAIN
