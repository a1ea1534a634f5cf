// SPDX-License-Identifier: GPL-2.0-only
/* sockets and events: msghdr with SCM_RIGHTS and SCM_CREDENTIALS control messages, sendmmsg/
 * recvmmsg, SO_RCVTIMEO (a struct timeval), epoll (the ARM EABI's 16-byte epoll_event) */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include "common.h"

int main(void)
{
	int sv[2];
	CHECK("socketpair", socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
	int one = 1;
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one));
	int p[2];
	pipe(p);
	/* send a pipe's write end and our credentials */
	char data[] = "fd";
	struct iovec iov = { data, 2 };
	union { char buf[CMSG_SPACE(sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))]; struct cmsghdr align; } u;
	memset(&u, 0, sizeof(u));
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &p[1], sizeof(int));
	c = CMSG_NXTHDR(&m, c);
	struct ucred cr = { getpid(), getuid(), getgid() };
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_CREDENTIALS;
	c->cmsg_len = CMSG_LEN(sizeof(cr));
	memcpy(CMSG_DATA(c), &cr, sizeof(cr));
	CHECK("sendmsg with SCM_RIGHTS and SCM_CREDENTIALS", sendmsg(sv[0], &m, 0) == 2);
	char rbuf[8];
	struct iovec riov = { rbuf, sizeof(rbuf) };
	union { char buf[256]; struct cmsghdr align; } ru;
	struct msghdr rm = { .msg_iov = &riov, .msg_iovlen = 1, .msg_control = ru.buf, .msg_controllen = sizeof(ru.buf) };
	ssize_t n = recvmsg(sv[1], &rm, 0);
	int gotfd = -1, gotcred = 0, ncm = 0;
	for (c = CMSG_FIRSTHDR(&rm); c; c = CMSG_NXTHDR(&rm, c)) {
		ncm++;
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS && c->cmsg_len == CMSG_LEN(sizeof(int)))
			memcpy(&gotfd, CMSG_DATA(c), sizeof(int));
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
			struct ucred rc;
			memcpy(&rc, CMSG_DATA(c), sizeof(rc));
			gotcred = rc.pid == getpid() && rc.uid == getuid();
		}
	}
	printf("recvmsg %zd bytes, %d control messages, flags 0x%x\n", n, ncm, rm.msg_flags);
	CHECK("recvmsg: 32-bit cmsg headers", n == 2 && gotfd >= 0 && gotcred);
	CHECK("the passed descriptor works", gotfd >= 0 && write(gotfd, "Q", 1) == 1 && read(p[0], rbuf, 1) == 1 &&
	      rbuf[0] == 'Q');
	/* a control buffer too small: MSG_CTRUNC */
	sendmsg(sv[0], &m, 0);
	char small[CMSG_SPACE(sizeof(int))];
	rm.msg_control = small;
	rm.msg_controllen = sizeof(small);
	n = recvmsg(sv[1], &rm, 0);
	CHECK("MSG_CTRUNC when the control buffer is short", n == 2 && (rm.msg_flags & MSG_CTRUNC));
	/* sendmmsg/recvmmsg */
	struct mmsghdr mm[3];
	struct iovec mi[3];
	char txt[3][4] = { "aa", "bbb", "c" };
	for (int i = 0; i < 3; i++) {
		mi[i].iov_base = txt[i];
		mi[i].iov_len = strlen(txt[i]);
		memset(&mm[i], 0, sizeof(mm[i]));
		mm[i].msg_hdr.msg_iov = &mi[i];
		mm[i].msg_hdr.msg_iovlen = 1;
	}
	CHECK("sendmmsg", sendmmsg(sv[0], mm, 3, 0) == 3 && mm[1].msg_len == 3);
	char rb[3][8];
	for (int i = 0; i < 3; i++) {
		mi[i].iov_base = rb[i];
		mi[i].iov_len = 8;
	}
	struct timespec to = { 1, 0 };
	CHECK("recvmmsg", recvmmsg(sv[1], mm, 3, 0, &to) == 3 && mm[0].msg_len == 2 && mm[1].msg_len == 3 &&
	      mm[2].msg_len == 1 && rb[1][2] == 'b');
	/* SO_RCVTIMEO: a struct timeval */
	struct timeval tv = { 0, 60000 }, tv2;
	socklen_t tl = sizeof(tv2);
	CHECK("SO_RCVTIMEO set/get", setsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0 &&
	      getsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv2, &tl) == 0 && tl == sizeof(tv2) && tv2.tv_sec == 0 &&
	      tv2.tv_usec >= 59000 && tv2.tv_usec <= 61000);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	n = recv(sv[1], rbuf, 1, 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double dt = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	CHECK("recv times out after SO_RCVTIMEO", n == -1 && errno == EAGAIN && dt > 0.05 && dt < 2);
	/* epoll: 16-byte events, 64-bit data */
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull }, out[4];
	CHECK("sizeof(struct epoll_event) is 16", sizeof(struct epoll_event) == 16);
	CHECK("epoll_ctl", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
	write(p[1], "x", 1);
	int k = epoll_wait(ep, out, 4, 1000);
	CHECK("epoll_wait: the event and its data", k == 1 && out[0].events == EPOLLIN && out[0].data.u64 == 0x1122334455667788ull);
	sigset_t none;
	sigemptyset(&none);
	k = epoll_pwait(ep, out, 4, 1000, &none);
	CHECK("epoll_pwait", k == 1 && out[0].data.u64 == 0x1122334455667788ull);
	return 0;
}
