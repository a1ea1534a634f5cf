// SPDX-License-Identifier: GPL-2.0-only
/* a big directory read with 32-bit readdir (no _FILE_OFFSET_BITS=64), telldir/seekdir */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include "common.h"

#define N 600

int main(int argc, char **argv)
{
	char p[4096];
	if (argc < 2)
		return 2;
	for (int i = 0; i < N; i++) {
		snprintf(p, sizeof(p), "%s/file-%04d", argv[1], i);
		close(open(p, O_CREAT | O_WRONLY, 0600));
	}
	DIR *d = opendir(argv[1]);
	struct dirent *e;
	int n = 0, errs = 0;
	long mid = -1;
	char midname[256] = "", after[256] = "";
	errno = 0;
	while ((e = readdir(d))) {
		n++;
		if (n == N / 2) {
			mid = telldir(d);
			snprintf(midname, sizeof(midname), "%s", e->d_name);
		} else if (n == N / 2 + 1) {
			snprintf(after, sizeof(after), "%s", e->d_name);
		}
	}
	if (errno)
		errs++;
	printf("entries %d\n", n);
	CHECK("readdir without EOVERFLOW", errs == 0 && n == N + 2);
	CHECK("telldir fits a long", mid >= 0);
	seekdir(d, mid);
	e = readdir(d);
	CHECK("seekdir back to the middle", e && !strcmp(e->d_name, after));
	rewinddir(d);
	int m = 0;
	while (readdir(d))
		m++;
	CHECK("rewinddir reads all again", m == N + 2);
	/* lseek on the directory with a telldir value, then getdents via readdir */
	seekdir(d, mid);
	m = 0;
	while (readdir(d))
		m++;
	CHECK("the rest after seekdir", m == N + 2 - N / 2);
	closedir(d);
	(void)midname;
	for (int i = 0; i < N; i++) {
		snprintf(p, sizeof(p), "%s/file-%04d", argv[1], i);
		unlink(p);
	}
	return 0;
}
