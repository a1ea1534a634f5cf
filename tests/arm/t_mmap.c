// SPDX-License-Identifier: GPL-2.0-only
/* the 32-bit address space: every mapping below 4 GiB, hints, MAP_FIXED, mremap, brk, shm */
#include <stdint.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include "common.h"

#define NR_mmap2 192

/* every line of /proc/self/maps below 4 GiB; sets *vec when [vectors] is there */
static int maps_ok(int *vec, int *stack)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	int ok = 1;
	*vec = *stack = 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long s, e;
		if (sscanf(line, "%llx-%llx", &s, &e) != 2 || e > 0x100000000ull)
			ok = 0;
		if (strstr(line, "[vectors]") && s == 0xffff0000ull)
			*vec = 1;
		if (strstr(line, "[stack]"))
			*stack = 1;
	}
	fclose(f);
	return ok;
}

int main(void)
{
	static void *m[2000];
	int n = 0, vec, stack;
	for (; n < 2000; n++) {
		m[n] = mmap(NULL, 64 << 10, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m[n] == MAP_FAILED)
			break;
		*(int *)m[n] = n;
	}
	int good = 1;
	for (int i = 0; i < n; i++)
		good &= *(int *)m[i] == i;
	CHECK("2000 mappings of 64 KiB", n == 2000 && good);
	SELF("/proc/self/maps: all below 4 GiB, [vectors], [stack]", maps_ok(&vec, &stack) && vec && stack);
	for (int i = 0; i < n; i++)
		munmap(m[i], 64 << 10);
	/* a hint is taken when free */
	void *h = mmap((void *)0x30000000, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("hint honoured", h == (void *)0x30000000);
	void *h2 = mmap((void *)0x30000000, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("busy hint moves", h2 != MAP_FAILED && h2 != h);
	void *f = mmap((void *)0x30000000, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK("MAP_FIXED replaces", f == h && (*(volatile char *)f = 1) == 1);
	void *nr = mmap((void *)0x30000000, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	SELF("MAP_FIXED_NOREPLACE over a mapping: EEXIST", nr == MAP_FAILED && errno == EEXIST);
	void *hi = mmap((void *)0xfff00000, 2 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK("MAP_FIXED across 4 GiB fails", hi == MAP_FAILED);
	void *vect = mmap((void *)0xffff0000, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	SELF("MAP_FIXED over the vectors fails", vect == MAP_FAILED);
	/* mmap2: the offset in pages */
	FILE *tf = tmpfile();
	for (int i = 0; i < 3 * 4096; i++)
		fputc('a' + i / 4096, tf);
	fflush(tf);
	char *p = (char *)rawsc(NR_mmap2, 0, 4096, PROT_READ, MAP_PRIVATE, fileno(tf), 2);
	CHECK("mmap2 offset in pages", (unsigned long)p < 0xfffff000ul && p[0] == 'c');
	/* mremap: grow in place, move */
	char *g = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	g[0] = 'x';
	char *g2 = mremap(g, 4096, 1 << 20, MREMAP_MAYMOVE);
	CHECK("mremap grow", g2 != MAP_FAILED && g2[0] == 'x' && (g2[(1 << 20) - 1] = 1));
	char *g3 = mremap(g2, 1 << 20, 4096, 0);
	CHECK("mremap shrink in place", g3 == g2 && g3[0] == 'x');
	CHECK("maps still below 4 GiB", maps_ok(&vec, &stack));
	/* brk */
	char *b0 = sbrk(0);
	CHECK("brk grows", sbrk(1 << 20) == b0 && (b0[(1 << 20) - 1] = 1) && sbrk(0) == b0 + (1 << 20));
	/* SysV shared memory attaches below 4 GiB */
	int id = shmget(IPC_PRIVATE, 65536, IPC_CREAT | 0600);
	char *s = shmat(id, NULL, 0);
	struct shmid_ds ds;
	CHECK("shmat", s != (void *)-1 && (s[100] = 5) == 5);
	CHECK("shmctl IPC_STAT", shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_segsz == 65536 && ds.shm_nattch == 1 &&
	      ds.shm_cpid == getpid() && (ds.shm_perm.mode & 0777) == 0600 && ds.shm_ctime > 1600000000);
	CHECK("shmdt", shmdt(s) == 0 && shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_nattch == 0);
	shmctl(id, IPC_RMID, NULL);
	/* fill most of the space: it runs out with ENOMEM, never with an address that wraps */
	unsigned long total = 0;
	for (int i = 0; i < 64; i++) {
		void *q = mmap(NULL, 256 << 20, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (q == MAP_FAILED)
			break;
		total += 256;
	}
	SELF("256 MiB reservations until ENOMEM: more than 2 GiB", total > 2048 && total < 4096);
	CHECK("maps below 4 GiB when full", maps_ok(&vec, &stack));
	return 0;
}
