// SPDX-License-Identifier: GPL-2.0-only
/* t_files — file syscalls whose ABI differs between arm64 and x86_64 (open flags, struct stat,
 * fcntl flags, epoll_event, statfs, pipe2 O_DIRECT) plus common ones. Deterministic output. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHECK(c) printf("%-40s %s\n", #c, (c) ? "yes" : "NO")

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	char path[4096], path2[4096], lnk[4096];
	snprintf(path, sizeof(path), "%s/f1", dir);
	snprintf(path2, sizeof(path2), "%s/f2", dir);
	snprintf(lnk, sizeof(lnk), "%s/l1", dir);
	unlink(path); unlink(path2); unlink(lnk);

	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0640);
	CHECK(fd >= 0);
	CHECK(write(fd, "hello world\n", 12) == 12);
	struct iovec iov[2] = { { "ab", 2 }, { "cd\n", 3 } };
	CHECK(writev(fd, iov, 2) == 5);
	close(fd);

	struct stat st;
	CHECK(stat(path, &st) == 0);
	printf("size=%lld mode=%o nlink=%lu\n", (long long)st.st_size, st.st_mode & 07777, (unsigned long)st.st_nlink);
	CHECK(S_ISREG(st.st_mode));
	CHECK(st.st_blksize > 0);
	CHECK(st.st_mtim.tv_sec > 1600000000);
	struct stat st2;
	fd = open(path, O_RDONLY);
	CHECK(fstat(fd, &st2) == 0 && st2.st_ino == st.st_ino && st2.st_size == 17);
	char buf[64] = { 0 };
	CHECK(pread(fd, buf, 5, 6) == 5 && !memcmp(buf, "world", 5));
	CHECK(lseek(fd, 0, SEEK_END) == 17);
	close(fd);

	/* open flags that differ on arm64 */
	CHECK(open(path, O_RDONLY | O_DIRECTORY) < 0 && errno == ENOTDIR);
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	close(fd);
	CHECK(symlink(path, lnk) == 0);
	CHECK(open(lnk, O_RDONLY | O_NOFOLLOW) < 0 && errno == ELOOP);
	fd = open(lnk, O_RDONLY);
	CHECK(fd >= 0);
	int fl = fcntl(fd, F_GETFL);
	CHECK((fl & O_ACCMODE) == O_RDONLY);
	CHECK(!(fl & O_APPEND));
	CHECK(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK) == 0);
	fl = fcntl(fd, F_GETFL);
	CHECK((fl & O_APPEND) && (fl & O_NONBLOCK));
	CHECK(!(fl & O_DIRECTORY) && !(fl & O_NOFOLLOW) && !(fl & O_DIRECT));
	CHECK(fcntl(fd, F_GETFD) == 0);
	close(fd);
	struct stat lst;
	CHECK(lstat(lnk, &lst) == 0 && S_ISLNK(lst.st_mode));
	char rl[4096];
	ssize_t n = readlink(lnk, rl, sizeof(rl) - 1);
	CHECK(n == (ssize_t)strlen(path));

	CHECK(rename(path, path2) == 0);
	CHECK(access(path2, R_OK) == 0);
	CHECK(access(path, F_OK) < 0 && errno == ENOENT);
	CHECK(truncate(path2, 3) == 0);
	CHECK(stat(path2, &st) == 0 && st.st_size == 3);
	CHECK(chmod(path2, 0600) == 0 && stat(path2, &st) == 0 && (st.st_mode & 0777) == 0600);

	/* directories */
	char sub[4096];
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	rmdir(sub);
	CHECK(mkdir(sub, 0755) == 0);
	DIR *d = opendir(dir);
	int seen = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (!strcmp(e->d_name, "sub") && e->d_type == DT_DIR)
			seen = 1;
	if (d)
		closedir(d);
	CHECK(seen);
	CHECK(rmdir(sub) == 0);

	/* statfs is the same layout on both; sanity only */
	struct statfs sf;
	CHECK(statfs(dir, &sf) == 0 && sf.f_bsize > 0);

	/* pipe2 with O_DIRECT (packet mode): the flag differs between the ABIs */
	int p[2];
	CHECK(pipe2(p, O_DIRECT | O_CLOEXEC) == 0);
	CHECK(write(p[1], "abc", 3) == 3 && write(p[1], "de", 2) == 2);
	CHECK(read(p[0], buf, sizeof(buf)) == 3);
	fl = fcntl(p[1], F_GETFL);
	CHECK(fl & O_DIRECT);
	close(p[0]);
	close(p[1]);

	/* epoll: 16-byte events on arm64, packed 12 on x86_64 */
	CHECK(pipe(p) == 0);
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull };
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
	CHECK(write(p[1], "x", 1) == 1);
	struct epoll_event out[4];
	memset(out, 0, sizeof(out));
	int k = epoll_wait(ep, out, 4, 1000);
	CHECK(k == 1);
	CHECK(out[0].events == EPOLLIN && out[0].data.u64 == 0x1122334455667788ull);
	close(ep);

	/* dup/dup3, *at with dirfd */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	CHECK(fstatat(dfd, "f2", &st, 0) == 0 && st.st_size == 3);
	CHECK(faccessat(dfd, "f2", R_OK, 0) == 0);
	CHECK(unlinkat(dfd, "f2", 0) == 0);
	CHECK(unlinkat(dfd, "l1", 0) == 0);
	CHECK(dup3(dfd, 100, O_CLOEXEC) == 100 && fcntl(100, F_GETFD) == FD_CLOEXEC);
	close(dfd);
	close(100);
	CHECK(open("/nonexistent/x", O_RDONLY) < 0 && errno == ENOENT);
	return 0;
}
