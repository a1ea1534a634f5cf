// SPDX-License-Identifier: GPL-2.0-only
/* files: stat64, 64-bit offsets through register pairs, locks, vectors, statfs */
#define _FILE_OFFSET_BITS 64
#include <fcntl.h>
#include <linux/fs.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include "common.h"

int main(int argc, char **argv)
{
	char path[4096], p2[4096];
	if (argc < 2)
		return 2;
	snprintf(path, sizeof(path), "%s/sparse", argv[1]);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK("open", fd >= 0);
	const off_t big = 5ll << 30;	/* 5 GiB: beyond 32 bits */
	CHECK("pwrite64 at 5 GiB", pwrite(fd, "tail", 4, big) == 4);
	char b[8] = { 0 };
	CHECK("pread64 at 5 GiB", pread(fd, b, 4, big) == 4 && !memcmp(b, "tail", 4));
	struct stat st;
	CHECK("fstat64 size", fstat(fd, &st) == 0 && st.st_size == big + 4);
	printf("size %lld mode %o nlink %u\n", (long long)st.st_size, st.st_mode & 07777, (unsigned)st.st_nlink);
	CHECK("ftruncate64 to 6 GiB", ftruncate(fd, 6ll << 30) == 0 && fstat(fd, &st) == 0 && st.st_size == 6ll << 30);
	CHECK("_llseek SEEK_END", lseek(fd, 0, SEEK_END) == 6ll << 30);
	CHECK("_llseek SEEK_SET big", lseek(fd, big, SEEK_SET) == big && read(fd, b, 4) == 4 && !memcmp(b, "tail", 4));
	CHECK("truncate64", truncate(path, (4ll << 30) + 1) == 0 && stat(path, &st) == 0 && st.st_size == (4ll << 30) + 1);
	struct stat l;
	snprintf(p2, sizeof(p2), "%s/link", argv[1]);
	CHECK("symlink", symlink("sparse", p2) == 0);
	CHECK("lstat64", lstat(p2, &l) == 0 && S_ISLNK(l.st_mode) && l.st_size == 6);
	CHECK("stat64 follows", stat(p2, &l) == 0 && l.st_ino == st.st_ino && l.st_dev == st.st_dev);
	CHECK("fstatat64", fstatat(AT_FDCWD, p2, &l, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(l.st_mode));
	CHECK("posix_fallocate (fallocate pair)", posix_fallocate(fd, 4096, 8192) == 0);
	CHECK("posix_fadvise (arm_fadvise64_64)", posix_fadvise(fd, 0, 1ll << 33, POSIX_FADV_SEQUENTIAL) == 0);
	CHECK("sync_file_range2", sync_file_range(fd, 0, 4096, SYNC_FILE_RANGE_WRITE) == 0);
	CHECK("readahead", readahead(fd, 1ll << 32, 4096) == 0);
	/* locks: flock64 (F_SETLK64, F_GETLK64) beyond 4 GiB */
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 5ll << 30, .l_len = 10 };
	CHECK("F_SETLK64", fcntl(fd, F_SETLK, &fl) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		struct flock q = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = (5ll << 30) + 5, .l_len = 1 };
		int r = fcntl(fd, F_GETLK, &q);
		_exit(r == 0 && q.l_type == F_WRLCK && q.l_pid == getppid() && q.l_start == 5ll << 30 ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	CHECK("F_GETLK64 from another process", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* readv/writev: iovec of 4-byte pointers and lengths */
	struct iovec iov[3] = { { "ab", 2 }, { "cde", 3 }, { "f", 1 } };
	CHECK("pwritev", pwritev(fd, iov, 3, 100) == 6);
	char x[3], y[3];
	struct iovec in[2] = { { x, 3 }, { y, 3 } };
	CHECK("preadv", preadv(fd, in, 2, 100) == 6 && !memcmp(x, "abc", 3) && !memcmp(y, "def", 3));
	lseek(fd, 100, SEEK_SET);
	CHECK("readv", readv(fd, in, 2) == 6 && !memcmp(y, "def", 3));
	/* sendfile64 with an offset */
	snprintf(p2, sizeof(p2), "%s/copy", argv[1]);
	int out = open(p2, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	off_t off = 100;
	CHECK("sendfile64", sendfile(out, fd, &off, 6) == 6 && off == 106);
	close(out);
	struct statfs sf;
	CHECK("statfs64", statfs(argv[1], &sf) == 0 && sf.f_bsize > 0 && sf.f_blocks > 0);
	struct statvfs sv;
	CHECK("fstatvfs", fstatvfs(fd, &sv) == 0 && sv.f_bsize == (unsigned long)sf.f_bsize);
	CHECK("unlink", unlink(p2) == 0 && access(p2, F_OK) < 0 && errno == ENOENT);
	CHECK("rename/mkdir/rmdir", mkdir(p2, 0700) == 0 && rename(p2, path) < 0 && errno == ENOTDIR && rmdir(p2) == 0);
	/* ioctls whose structures hold longs: FS_IOC_GETFLAGS (an int), struct ifreq, ifconf */
	int fl2 = -1;
	int iok = ioctl(fd, FS_IOC_GETFLAGS, &fl2);
	printf("FS_IOC_GETFLAGS %s\n", iok == 0 ? "ok" : strerror(errno));
	int sk = socket(AF_INET, SOCK_DGRAM, 0);
	struct { struct ifreq r; char guard[8]; } ifr;
	memset(&ifr, 0, sizeof(ifr));
	memset(ifr.guard, 0x5a, sizeof(ifr.guard));
	strcpy(ifr.r.ifr_name, "lo");
	CHECK("SIOCGIFFLAGS on lo", ioctl(sk, SIOCGIFFLAGS, &ifr.r) == 0 && (ifr.r.ifr_flags & IFF_LOOPBACK));
	CHECK("SIOCGIFINDEX on lo", ioctl(sk, SIOCGIFINDEX, &ifr.r) == 0 && ifr.r.ifr_ifindex > 0);
	CHECK("struct ifreq is 32 bytes, nothing written past it", sizeof(struct ifreq) == 32 && ifr.guard[0] == 0x5a &&
	      ifr.guard[7] == 0x5a);
	struct ifreq reqs[16];
	struct ifconf ifc = { .ifc_len = sizeof(reqs), .ifc_req = reqs };
	int lo = 0;
	if (ioctl(sk, SIOCGIFCONF, &ifc) == 0)
		for (int i = 0; i < ifc.ifc_len / (int)sizeof(struct ifreq); i++)
			lo += !strcmp(reqs[i].ifr_name, "lo");
	CHECK("SIOCGIFCONF lists lo", lo == 1);
	close(sk);
	close(fd);
	return 0;
}
