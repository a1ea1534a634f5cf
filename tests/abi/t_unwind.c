// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_unwind — unwinding out of a signal handler through the vDSO's sigreturn trampoline.
 *   t_unwind            run the checks; prints "name=value" lines (tests/abi/run)
 *   t_unwind dump FILE  write the vDSO image (AT_SYSINFO_EHDR, its PT_LOAD size) to FILE
 * Checks:
 *   segv_*    a SIGSEGV raised by a store inside victim_segv() (a leaf: no frame record, its
 *             return address only in x30): backtrace() from the handler lists victim_segv
 *             (the interrupted pc), then main (victim_segv's return address, from x30)
 *   usr1_*    the same for SIGUSR1 sent by pthread_kill while victim_spin() loops
 *   uw_*      _Unwind_Backtrace: one frame is the trampoline (in the vDSO) and the next is
 *             the interrupted function, reported with ip_before_insn set (a signal frame)
 *   vdso_*    the vDSO has a PT_GNU_EH_FRAME header, and (dynamic programs) dladdr() of the
 *             trampoline's frame names __kernel_rt_sigreturn from its dynamic symbol table
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <execinfo.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>
#include <unwind.h>

/* The victims: the handler compares frame addresses with their [start, end). */
extern char victim_segv[], victim_segv_end[], victim_spin[], victim_spin_end[];
__asm__(".text\n.globl victim_segv\n.type victim_segv,%function\nvictim_segv:\n"
	".cfi_startproc\n"
	"\tmov x1, #1\n"
	"\tstr x1, [x0]\n"		/* x0 = NULL: SIGSEGV here */
	"\tret\n"
	".cfi_endproc\n"
	".globl victim_segv_end\nvictim_segv_end:\n.size victim_segv, .-victim_segv\n"
	".globl victim_spin\n.type victim_spin,%function\nvictim_spin:\n"
	".cfi_startproc\n"
	"1:\tldr w1, [x0]\n"		/* spin until *x0 != 0 (set by the handler) */
	"\tcbz w1, 1b\n"
	"\tret\n"
	".cfi_endproc\n"
	".globl victim_spin_end\nvictim_spin_end:\n.size victim_spin, .-victim_spin\n");
void victim_segv_call(void *p) __asm__("victim_segv");
void victim_spin_call(volatile int *p) __asm__("victim_spin");

int main(int argc, char **argv);
static sigjmp_buf back;
static void *frames[64];
static int nframes;
static volatile int spin_flag;

struct uw { uintptr_t ip[64]; int before[64]; int n; };
static struct uw uw;
static _Unwind_Reason_Code uw_cb(struct _Unwind_Context *ctx, void *arg)
{
	struct uw *u = arg;
	int before = 0;
	if (u->n >= 64)
		return _URC_END_OF_STACK;
	u->ip[u->n] = _Unwind_GetIPInfo(ctx, &before);
	u->before[u->n] = before;
	u->n++;
	return _URC_NO_REASON;
}

static void handler(int sig)
{
	nframes = backtrace(frames, 64);
	uw.n = 0;
	_Unwind_Backtrace(uw_cb, &uw);
	if (sig == SIGSEGV)
		siglongjmp(back, 1);
	spin_flag = 1;
}

static int in(void *p, char *lo, char *hi)
{
	return (char *)p >= lo && (char *)p < hi;
}

/* Which frame (index) is in [lo, hi)?  -1 when none. */
static int find(char *lo, char *hi)
{
	for (int i = 0; i < nframes; i++)
		if (in(frames[i], lo, hi))
			return i;
	return -1;
}

static void report(const char *what, char *lo, char *hi, uintptr_t vdso, size_t vdso_len)
{
	int i = find(lo, hi);
	printf("%s_victim_found=%d\n", what, i >= 0);
	/* the next frame is the victim's caller: a return address in main */
	int caller = i >= 0 && i + 1 < nframes && (uintptr_t)frames[i + 1] > (uintptr_t)main &&
		     (uintptr_t)frames[i + 1] < (uintptr_t)main + 4096;
	printf("%s_caller_next=%d\n", what, caller);
	int tramp = -1;
	for (int k = 0; k < uw.n; k++)
		if (uw.ip[k] >= vdso && uw.ip[k] < vdso + vdso_len)
			tramp = k;
	printf("%s_uw_trampoline=%d\n", what, tramp >= 0);
	if (tramp >= 0 && !strcmp(what, "segv")) {
		Dl_info di;
		memset(&di, 0, sizeof(di));
		printf("vdso_dladdr=%s\n", dladdr((void *)uw.ip[tramp], &di) && di.dli_sname ? di.dli_sname : "none");
	}
	printf("%s_uw_victim_after_trampoline=%d\n", what,
	       tramp >= 0 && tramp + 1 < uw.n && in((void *)uw.ip[tramp + 1], lo, hi) && uw.before[tramp + 1]);
	if (getenv("T_UNWIND_VERBOSE")) {
		for (int k = 0; k < nframes; k++)
			fprintf(stderr, "%s bt[%d]=%p\n", what, k, frames[k]);
		for (int k = 0; k < uw.n; k++)
			fprintf(stderr, "%s uw[%d]=%#lx before=%d\n", what, k, (unsigned long)uw.ip[k], uw.before[k]);
	}
}

static void *kicker(void *arg)
{
	pthread_t target = *(pthread_t *)arg;
	usleep(20000);
	pthread_kill(target, SIGUSR1);
	return NULL;
}

int main(int argc, char **argv)
{
	static uintptr_t vdso;
	static size_t vdso_len;
	vdso = getauxval(AT_SYSINFO_EHDR);

	int has_eh = 0;
	if (vdso) {
		Elf64_Ehdr *eh = (Elf64_Ehdr *)vdso;
		Elf64_Phdr *ph = (Elf64_Phdr *)(vdso + eh->e_phoff);
		for (int i = 0; i < eh->e_phnum; i++) {
			if (ph[i].p_type == PT_LOAD && ph[i].p_offset + ph[i].p_filesz > vdso_len)
				vdso_len = ph[i].p_offset + ph[i].p_filesz;
			if (ph[i].p_type == PT_GNU_EH_FRAME)
				has_eh = 1;
		}
	}
	if (argc == 3 && !strcmp(argv[1], "dump")) {
		FILE *f = fopen(argv[2], "wb");
		if (!f || !vdso || fwrite((void *)vdso, 1, vdso_len, f) != vdso_len || fclose(f))
			return 1;
		return 0;
	}
	printf("vdso_pt_gnu_eh_frame=%d\n", has_eh);

	signal(SIGSEGV, handler);
	if (!sigsetjmp(back, 1))
		victim_segv_call(NULL);
	report("segv", victim_segv, victim_segv_end, vdso, vdso_len);

	signal(SIGUSR1, handler);
	pthread_t self = pthread_self(), k;
	pthread_create(&k, NULL, kicker, &self);
	victim_spin_call(&spin_flag);
	pthread_join(k, NULL);
	report("usr1", victim_spin, victim_spin_end, vdso, vdso_len);
	printf("still_running=1\n");
	return 0;
}
