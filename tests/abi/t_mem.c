// SPDX-License-Identifier: GPL-2.0-only
/* t_mem — mmap/munmap/mprotect/mremap/brk semantics and faults on unmapped/protected memory. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CHECK(c) printf("%-60s %s\n", #c, (c) ? "yes" : "NO")
static sigjmp_buf jb;
static volatile int faults, last_code, last_sig;
static void h(int s, siginfo_t *si, void *u)
{
	(void)u;
	faults++;
	last_code = si->si_code;
	last_sig = s;
	siglongjmp(jb, 1);
}
static int touch(volatile char *p, int write)
{
	if (sigsetjmp(jb, 1))
		return 0;
	if (write)
		*p = 1;
	else
		(void)*p;
	return 1;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = h, .sa_flags = SA_SIGINFO };
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	long pg = sysconf(_SC_PAGESIZE);
	CHECK(pg == 4096);

	char *p = mmap(NULL, 8 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED && ((unsigned long)p & (pg - 1)) == 0);
	CHECK((unsigned long)p < (1ul << 47));
	CHECK(p[100] == 0 && touch(p + 5 * pg, 1));
	CHECK(munmap(p + 2 * pg, pg) == 0);
	CHECK(!touch(p + 2 * pg, 0) && last_code == SEGV_MAPERR);
	CHECK(mprotect(p + 3 * pg, pg, PROT_READ) == 0);
	CHECK(touch(p + 3 * pg, 0) && !touch(p + 3 * pg, 1) && last_code == SEGV_ACCERR);
	CHECK(mprotect(p + 3 * pg, pg, PROT_READ | PROT_WRITE) == 0 && touch(p + 3 * pg, 1));
	/* MAP_FIXED over our own mapping replaces it with zeroes */
	p[4 * pg] = 7;
	char *q = mmap(p + 4 * pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(q == p + 4 * pg && q[0] == 0);
	/* MAP_FIXED_NOREPLACE over an existing mapping fails */
	q = mmap(p + 5 * pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(q == MAP_FAILED && errno == EEXIST);
	/* MAP_FIXED over a range that is partly mapped, partly free */
	char *z = mmap(NULL, 4 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(munmap(z + pg, 3 * pg) == 0);
	char *z2 = mmap(z, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(z2 == z && touch(z + 3 * pg, 1) && touch(z, 1));
	CHECK(munmap(z, 4 * pg) == 0);
	/* mremap grow (may move) keeps contents */
	char *r = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(r, 0x5a, pg);
	char *r2 = mremap(r, pg, 64 * pg, MREMAP_MAYMOVE);
	CHECK(r2 != MAP_FAILED && r2[pg - 1] == 0x5a && r2[63 * pg] == 0);
	CHECK(munmap(r2, 64 * pg) == 0);
	/* file mapping */
	char tmpl[] = "/tmp/xarch-memXXXXXX";
	int fd = mkstemp(tmpl);
	CHECK(fd >= 0 && write(fd, "mapped file contents", 20) == 20);
	char *f = mmap(NULL, 2 * pg, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(f != MAP_FAILED && !memcmp(f, "mapped file", 11));
	CHECK(!touch(f, 1) && last_code == SEGV_ACCERR);
	last_sig = 0;
	CHECK(!touch(f + pg + 10, 0) && last_sig == SIGBUS);	/* past the end of the file */
	unlink(tmpl);
	close(fd);
	/* brk */
	char *b0 = sbrk(0);
	CHECK(b0 != (void *)-1);
	CHECK(sbrk(3 * pg) == b0);
	memset(b0, 1, 3 * pg);
	CHECK(sbrk(0) == b0 + 3 * pg);
	CHECK(sbrk(-2 * pg) == b0 + 3 * pg && sbrk(0) == b0 + pg);
	/* big malloc (mmap) + realloc (mremap) */
	char *m = malloc(10 << 20);
	memset(m, 3, 10 << 20);
	m = realloc(m, 40 << 20);
	CHECK(m && m[(10 << 20) - 1] == 3);
	free(m);
	/* invalid arguments */
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL);
	CHECK(munmap((void *)((unsigned long)p + 1), pg) < 0 && errno == EINVAL);
	printf("faults=%d\n", faults);
	return 0;
}
