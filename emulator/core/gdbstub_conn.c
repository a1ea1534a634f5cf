// SPDX-License-Identifier: GPL-2.0-only
/*
 * gdbstub_conn.c — -g PORT|PATH: checks the specification, listens on 127.0.0.1:PORT or the Unix
 * socket PATH, waits for GDB, and starts the protocol server's thread (gdbstub.c) with the
 * program stopped before its first instruction.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "gdbstub_int.h"
#include "syscall.h"

static int listen_on(const char *spec, char *what, size_t wlen)
{
	int fd;
	char *end;
	long port = strtol(spec, &end, 10);
	if (strchr(spec, '/')) {
		struct sockaddr_un un = { .sun_family = AF_UNIX };
		if (strlen(spec) >= sizeof(un.sun_path))
			die("-g %s: socket path too long", spec);
		strcpy(un.sun_path, spec);
		struct stat st;
		if (lstat(spec, &st) == 0) {
			if (!S_ISSOCK(st.st_mode))
				die("-g %s: exists and is not a socket", spec);
			unlink(spec);	/* a stale socket of an earlier session */
		}
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0 || bind(fd, (struct sockaddr *)&un, sizeof(un)) < 0)
			die("-g %s: cannot create the socket: %s", spec, strerror(errno));
		snprintf(what, wlen, "socket %s", spec);
	} else {
		if (!*spec || *end || port < 1 || port > 65535)
			die("-g %s: expected a TCP port (1-65535) or a Unix socket path (containing '/')", spec);
		struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
					  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
		int one = 1;
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			die("-g %s: socket: %s", spec, strerror(errno));
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, (struct sockaddr *)&in, sizeof(in)) < 0)
			die("-g %s: cannot listen on 127.0.0.1:%ld: %s", spec, port,
			    errno == EADDRINUSE ? "port in use" : strerror(errno));
		snprintf(what, wlen, "127.0.0.1:%ld", port);
	}
	if (listen(fd, 1) < 0)
		die("-g %s: listen: %s", spec, strerror(errno));
	return fd;
}

void gdb_start(const char *spec)
{
	if (!guest.gdb)
		die("-g: no debugger support for %s programs", guest.arch_name);
	char what[160];
	int lfd = listen_on(spec, what, sizeof(what));
	if (proc.debug)
		fprintf(stderr, "%s: waiting for gdb on %s\n", guest.emu_name, what);
	do
		g.fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	while (g.fd < 0 && errno == EINTR);
	if (g.fd < 0)
		die("-g %s: accept: %s", spec, strerror(errno));
	close(lfd);
	if (strchr(spec, '/'))
		unlink(spec);
	else {
		int one = 1;
		setsockopt(g.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	}
	g.memfd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
	if (g.memfd < 0)
		die("-g: /proc/self/mem: %s", strerror(errno));
	if (pipe2(g.evpipe, O_CLOEXEC | O_NONBLOCK) < 0)
		die("-g: pipe: %s", strerror(errno));
	g.pid = getpid();
	g.stop_req = 1;		/* stopped before the first instruction */
	gdb_on = 1;
	gdb_stop_init();

	/* The server thread takes no guest signal: they go to guest threads. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_t th;
	pthread_attr_t at;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	int e = pthread_create(&th, &at, gdb_server, NULL);
	pthread_attr_destroy(&at);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e)
		die("-g: cannot start the debugger thread: %s", strerror(e));
}
