// SPDX-License-Identifier: GPL-2.0-only
/*
 * gdbstub.c — the GDB remote protocol server (GDB manual, "Remote Protocol"): the connection
 * (-g PORT on 127.0.0.1, -g PATH on a Unix socket, XARCH_GDB), packet framing, and the commands
 * GDB uses. It runs on a host thread of its own (gdbstub_conn.c starts it), so that GDB's
 * interrupt (^C) is read while the program runs; guest threads only park and post events
 * (gdbstub_stop.c); qXfer objects and host I/O have files of their own.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "gdbstub_int.h"
#include "syscall.h"

#define PKT_MAX 0x4000	/* PacketSize we announce; also our input buffer */

static char pkt[PKT_MAX + 1];	/* the packet being handled (NUL-terminated) */
static char out[2 * PKT_MAX + 64];
static size_t outlen;
static int noack;
static uint8_t rbuf[4096];
static size_t rlen, rpos;
static char stop_reply[128];

/* ---- bytes and packets ---- */

static int get_byte(void)
{
	if (rpos == rlen) {
		ssize_t n;
		do
			n = read(g.fd, rbuf, sizeof(rbuf));
		while (n < 0 && errno == EINTR);
		if (n <= 0)
			return -1;
		rlen = (size_t)n;
		rpos = 0;
	}
	return rbuf[rpos++];
}

static int write_all(const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(g.fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static const char hexd[] = "0123456789abcdef";

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The next packet into pkt (ack'ed unless in no-ack mode); its length, -1 when GDB is gone. */
static int get_packet(void)
{
	for (;;) {
		int c;
		do {
			c = get_byte();
			if (c < 0)
				return -1;
		} while (c != '$');	/* acks and a stray ^C between packets */
		size_t n = 0;
		unsigned sum = 0;
		int overflow = 0;
		while ((c = get_byte()) >= 0 && c != '#') {
			sum += (unsigned)c;
			if (n < PKT_MAX)
				pkt[n++] = (char)c;
			else
				overflow = 1;
		}
		if (c < 0)
			return -1;
		int h = get_byte(), l = get_byte();
		if (h < 0 || l < 0)
			return -1;
		pkt[n] = 0;
		int ok = !overflow && hexval(h) >= 0 && hexval(l) >= 0 &&
			 (unsigned)(hexval(h) << 4 | hexval(l)) == (sum & 0xff);
		if (!noack && write_all(ok ? "+" : "-", 1) < 0)
			return -1;
		if (ok || noack)
			return (int)n;
	}
}

/* Send out[0..outlen) framed; binary-safe (escapes # $ } *). Waits for the ack. */
static int put_packet(void)
{
	static char frame[sizeof(out) * 2 + 8];
	size_t n = 0;
	unsigned sum = 0;
	frame[n++] = '$';
	for (size_t i = 0; i < outlen; i++) {
		unsigned char c = (unsigned char)out[i];
		if (c == '#' || c == '$' || c == '}' || c == '*') {
			frame[n++] = '}';
			sum += '}';
			c ^= 0x20;
		}
		frame[n++] = (char)c;
		sum += c;
	}
	frame[n++] = '#';
	frame[n++] = hexd[(sum >> 4) & 15];
	frame[n++] = hexd[sum & 15];
	for (;;) {
		if (write_all(frame, n) < 0)
			return -1;
		if (noack)
			return 0;
		int c;
		do
			c = get_byte();
		while (c >= 0 && c != '+' && c != '-');
		if (c < 0)
			return -1;
		if (c == '+')
			return 0;
	}
}

static void reply(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void reply(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out, sizeof(out), fmt, ap);
	va_end(ap);
	outlen = n < 0 ? 0 : (size_t)n < sizeof(out) ? (size_t)n : sizeof(out) - 1;
}

static void put_hex(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n && outlen + 2 < sizeof(out); i++) {
		out[outlen++] = hexd[p[i] >> 4];
		out[outlen++] = hexd[p[i] & 15];
	}
}

/* Hex bytes from s into buf (at most max); the count, -1 on a bad digit. */
static long get_hex(const char *s, uint8_t *buf, size_t max)
{
	size_t n = 0;
	while (s[0] && s[1] && n < max) {
		int h = hexval(s[0]), l = hexval(s[1]);
		if (h < 0 || l < 0)
			return -1;
		buf[n++] = (uint8_t)(h << 4 | l);
		s += 2;
	}
	return (long)n;
}

static uint64_t get_num(const char **s)
{
	uint64_t v = 0;
	int d;
	while ((d = hexval(**s)) >= 0) {
		v = v << 4 | (uint64_t)d;
		(*s)++;
	}
	return v;
}

/* ---- threads ---- */

/* A thread id: "pPID.TID", "pPID.-1", "-1", "0", "TID". Sets *tid (-1 all, 0 any); -1 if bad. */
static int parse_tid(const char **s, int *tid)
{
	if (**s == 'p') {
		(*s)++;
		if (**s == '-') {
			*s += 2;
			*tid = -1;
			return 0;
		}
		uint64_t pid = get_num(s);
		if (pid != (uint64_t)g.pid && pid != 0)
			return -1;
		if (**s != '.') {
			*tid = -1;
			return 0;
		}
		(*s)++;
	}
	if (**s == '-' && (*s)[1] == '1') {
		*s += 2;
		*tid = -1;
		return 0;
	}
	if (hexval(**s) < 0)
		return -1;
	*tid = (int)get_num(s);
	return 0;
}

/* The thread registers and memory are read through: Hg's, else the last stop's, else any. */
static struct gdb_thr *reg_thread(void)
{
	if (g.gthr)
		return g.gthr;
	if (g.last)
		return g.last;
	return g.threads;
}

/* ---- commands ---- */

static void cmd_regs_read(void)
{
	struct gdb_thr *p = reg_thread();
	uint8_t b[16];
	if (!p) {	/* the last thread is exiting */
		reply("E01");
		return;
	}
	outlen = 0;
	for (int r = 0; r < guest.gdb->nregs; r++) {
		int n = guest.gdb->read_reg(p->t->cpu, r, b);
		put_hex(b, (size_t)n);
	}
}

static void cmd_regs_write(const char *s)
{
	struct gdb_thr *p = reg_thread();
	uint8_t b[16];
	if (!p) {
		reply("E01");
		return;
	}
	for (int r = 0; r < guest.gdb->nregs && *s; r++) {
		uint8_t cur_[16];
		int n = guest.gdb->read_reg(p->t->cpu, r, cur_);
		if (get_hex(s, b, (size_t)n) != n) {
			reply("E01");
			return;
		}
		guest.gdb->write_reg(p->t->cpu, r, b);
		s += 2 * n;
	}
	reply("OK");
}

static void cmd_reg(const char *s, int write)
{
	struct gdb_thr *p = reg_thread();
	int r = (int)get_num(&s);
	uint8_t b[16];
	int n = p && r < guest.gdb->nregs ? guest.gdb->read_reg(p->t->cpu, r, b) : 0;
	if (!n) {
		reply("E01");
		return;
	}
	if (!write) {
		outlen = 0;
		put_hex(b, (size_t)n);
		return;
	}
	if (*s != '=' || get_hex(s + 1, b, (size_t)n) != n) {
		reply("E01");
		return;
	}
	guest.gdb->write_reg(p->t->cpu, r, b);
	reply("OK");
}

static void cmd_mem_read(const char *s)
{
	uint64_t addr = get_num(&s);
	if (*s++ != ',') {
		reply("E01");
		return;
	}
	uint64_t len = get_num(&s);
	static uint8_t buf[PKT_MAX / 2];
	if (len > sizeof(buf))
		len = sizeof(buf);
	long n = len ? gdb_mem_read(addr, buf, len) : 0;
	if (n < 0) {
		reply("E14");	/* EFAULT */
		return;
	}
	outlen = 0;
	put_hex(buf, (size_t)n);
}

/* M addr,len:HEX and X addr,len:BINARY */
static void cmd_mem_write(const char *s, const char *end, int binary)
{
	uint64_t addr = get_num(&s);
	if (*s++ != ',') {
		reply("E01");
		return;
	}
	uint64_t len = get_num(&s);
	if (*s++ != ':') {
		reply("E01");
		return;
	}
	static uint8_t buf[PKT_MAX];
	size_t n = 0;
	if (binary) {
		while (s < end && n < sizeof(buf)) {
			char c = *s++;
			if (c == '}' && s < end)
				c = (char)(*s++ ^ 0x20);
			buf[n++] = (uint8_t)c;
		}
	} else {
		long h = get_hex(s, buf, sizeof(buf));
		if (h < 0) {
			reply("E01");
			return;
		}
		n = (size_t)h;
	}
	if (n != len) {
		reply("E01");
		return;
	}
	if (len && gdb_mem_write(addr, buf, len) != (long)len) {
		reply("E14");
		return;
	}
	reply("OK");
}

/* Z/z TYPE,ADDR,KIND */
static void cmd_break(const char *s, int insert)
{
	int type = *s++ - '0';
	if (*s++ != ',') {
		reply("E01");
		return;
	}
	uint64_t addr = get_num(&s);
	if (type != 0 && type != 1) {
		reply("%s", "");	/* watchpoints: not exact here, so unsupported (GDB single-steps) */
		return;
	}
	int kind = *s == ',' ? (s++, (int)get_num(&s)) : 0;
	int r = insert ? gdb_bp_insert(addr, type, kind) : gdb_bp_remove(addr, type);
	if (r < 0)
		reply("E%02x", -r & 0xff);
	else
		reply("OK");
}

static void format_stop(struct gdb_thr *p, int sig, enum gdb_event ev)
{
	snprintf(stop_reply, sizeof(stop_reply), "T%02xthread:p%x.%x;%s", gdb_sig_to_gdb(sig), g.pid, p->tid,
		 ev == EV_SWBREAK ? "swbreak:;" : ev == EV_HWBREAK ? "hwbreak:;" : "");
	g.last = p;
	g.gthr = NULL;
}

/* Set the actions of a vCont (or c/s/C/S) command; -1 on a malformed one. */
static int parse_resume(const char *s)
{
	for (struct gdb_thr *p = g.threads; p; p = p->next) {
		p->action = ACT_STAY;
		p->resume_sig = 0;
	}
	int set_any = 0;
	while (*s == ';') {
		s++;
		char a = *s++;
		int sig = 0;
		if (a == 'C' || a == 'S') {
			sig = gdb_sig_from_gdb((int)get_num(&s));
			a = (char)(a - 'A' + 'a');
		}
		if (a != 'c' && a != 's')
			return -1;
		int tid = -1;
		if (*s == ':') {
			s++;
			if (parse_tid(&s, &tid) < 0)
				return -1;
		}
		/* the first action that names a thread wins; later ones apply to the rest */
		for (struct gdb_thr *p = g.threads; p; p = p->next) {
			if (p->action != ACT_STAY || (tid > 0 && p->tid != tid))
				continue;
			p->action = a == 's' ? ACT_STEP : ACT_RUN;
			p->resume_sig = sig;
			set_any = 1;
		}
	}
	return set_any ? 0 : -1;
}

/* Resume as the actions say, unless a resumed thread has an event still unreported: then that
 * is the stop (returns 0, the world still stopped). Returns 1 when running. */
static int resume(void)
{
	for (struct gdb_thr *p = g.threads; p; p = p->next) {
		if (p->ev == EV_NONE || p->action == ACT_STAY)
			continue;
		if (p->ev == EV_SWBREAK && !gdb_bp_at(p->ev_pc, 0)) {
			p->ev = EV_NONE;	/* its breakpoint is gone: it runs the instruction again */
			continue;
		}
		if (p->ev == EV_HWBREAK && !gdb_bp_at(p->ev_pc, 1)) {
			p->ev = EV_NONE;
			continue;
		}
		format_stop(p, p->ev_sig, p->ev);
		p->ev = EV_NONE;
		for (struct gdb_thr *q = g.threads; q; q = q->next)
			q->action = ACT_STAY;
		return 0;
	}
	gdb_resume_world();
	return 1;
}

/* The world has stopped: pick what to report (exit first, then a thread's event, then ^C).
 * Returns 0 with stop_reply set, 1 when nothing happened (resume again), 2 on exit. */
static int pick_stop(void)
{
	if (g.exiting) {
		if (g.exit_sig)
			snprintf(stop_reply, sizeof(stop_reply), "X%02x;process:%x", gdb_sig_to_gdb(g.exit_sig), g.pid);
		else
			snprintf(stop_reply, sizeof(stop_reply), "W%02x;process:%x", g.exit_status & 0xff, g.pid);
		return 2;
	}
	for (struct gdb_thr *p = g.threads; p; p = p->next) {
		if (p->ev == EV_NONE)
			continue;
		if ((p->ev == EV_SWBREAK || p->ev == EV_HWBREAK) && !gdb_bp_at(p->ev_pc, p->ev == EV_HWBREAK)) {
			p->ev = EV_NONE;
			continue;
		}
		format_stop(p, p->ev_sig, p->ev);
		p->ev = EV_NONE;
		goto stopped;
	}
	if (!g.ctrl_c || !g.threads)
		return 1;
	format_stop(g.last ? g.last : g.threads, SIGINT, EV_NONE);
stopped:
	g.ctrl_c = 0;
	for (struct gdb_thr *p = g.threads; p; p = p->next)
		p->action = ACT_STAY;
	return 0;
}

enum { SRV_RESUME, SRV_DETACH, SRV_KILL, SRV_GONE };

static void detach(void)
{
	pthread_mutex_lock(&g.lock);
	gdb_bp_remove_all();
	g.detached = 1;
	gdb_resume_world();
	pthread_cond_broadcast(&g.cv);
	pthread_mutex_unlock(&g.lock);
	close(g.fd);
	g.fd = -1;
}

/* Handle packets while the world is stopped, until GDB resumes, detaches, kills or goes. */
static int serve_stopped(void)
{
	for (;;) {
		int n = get_packet();
		if (n < 0)
			return SRV_GONE;
		const char *s = pkt + 1;
		outlen = 0;
		pthread_mutex_lock(&g.lock);
		int done = -1;
		switch (pkt[0]) {
		case '?':
			reply("%s", stop_reply);
			break;
		case 'g':
			cmd_regs_read();
			break;
		case 'G':
			cmd_regs_write(s);
			break;
		case 'p':
			cmd_reg(s, 0);
			break;
		case 'P':
			cmd_reg(s, 1);
			break;
		case 'm':
			cmd_mem_read(s);
			break;
		case 'M':
			cmd_mem_write(s, pkt + n, 0);
			break;
		case 'X':
			cmd_mem_write(s, pkt + n, 1);
			break;
		case 'Z':
		case 'z':
			cmd_break(s, pkt[0] == 'Z');
			break;
		case 'H': {
			int tid;
			if ((s[0] != 'g' && s[0] != 'c') || (s++, parse_tid(&s, &tid) < 0)) {
				reply("E01");
				break;
			}
			struct gdb_thr *p = tid > 0 ? gdb_thr_find(tid) : NULL;
			if (tid > 0 && !p) {
				reply("E01");
				break;
			}
			if (pkt[1] == 'g')
				g.gthr = p;
			reply("OK");
			break;
		}
		case 'T': {
			int tid;
			reply(parse_tid(&s, &tid) == 0 && tid > 0 && gdb_thr_find(tid) ? "OK" : "E01");
			break;
		}
		case 'c':
		case 's':
		case 'C':
		case 'S': {
			/* the old forms: c/C resume everything, s/S step the current thread only */
			char v[64];
			unsigned sig = pkt[0] == 'C' || pkt[0] == 'S' ? (unsigned)get_num(&s) : 0;
			struct gdb_thr *cur_ = reg_thread();
			int tid = cur_ ? cur_->tid : 0;
			if (pkt[0] == 'c')
				snprintf(v, sizeof(v), ";c");
			else if (pkt[0] == 'C')
				snprintf(v, sizeof(v), ";C%02x", sig);
			else if (pkt[0] == 's')
				snprintf(v, sizeof(v), ";s:%x", tid);
			else
				snprintf(v, sizeof(v), ";S%02x:%x", sig, tid);
			if (parse_resume(v) < 0) {
				reply("E01");
				break;
			}
			done = SRV_RESUME;
			break;
		}
		case 'v':
			if (!strcmp(pkt, "vCont?")) {
				reply("vCont;c;C;s;S");
			} else if (!strncmp(pkt, "vCont;", 6)) {
				if (parse_resume(pkt + 5) < 0)
					reply("E01");
				else
					done = SRV_RESUME;
			} else if (!strncmp(pkt, "vFile:", 6)) {
				outlen = gdb_vfile(pkt + 6, out, sizeof(out));
			} else if (!strncmp(pkt, "vKill", 5)) {
				reply("OK");
				done = SRV_KILL;
			} else {
				reply("%s", "");
			}
			break;
		case 'D':
			reply("OK");
			done = SRV_DETACH;
			break;
		case 'k':
			done = SRV_KILL;
			break;
		case 'q':
			if (!strncmp(pkt, "qSupported", 10)) {
				reply("PacketSize=%x;qXfer:features:read+;qXfer:auxv:read+;qXfer:threads:read+;"
				      "qXfer:exec-file:read+;vContSupported+;swbreak+;hwbreak+;QStartNoAckMode+;"
				      "multiprocess+", PKT_MAX);
			} else if (!strncmp(pkt, "qXfer:", 6)) {
				outlen = gdb_xfer(pkt + 6, out, PKT_MAX);
			} else if (!strcmp(pkt, "qfThreadInfo")) {
				reply("m");
				for (struct gdb_thr *p = g.threads; p; p = p->next)
					outlen += (size_t)snprintf(out + outlen, sizeof(out) - outlen, "%sp%x.%x",
								   p == g.threads ? "" : ",", g.pid, p->tid);
			} else if (!strcmp(pkt, "qsThreadInfo")) {
				reply("l");
			} else if (!strcmp(pkt, "qC")) {
				struct gdb_thr *p = reg_thread();
				reply("QCp%x.%x", g.pid, p ? p->tid : 0);
			} else if (!strncmp(pkt, "qAttached", 9)) {
				reply("0");	/* we started it: quitting GDB kills it */
			} else {
				reply("%s", "");
			}
			break;
		case 'Q':
			if (!strcmp(pkt, "QStartNoAckMode")) {
				reply("OK");
				pthread_mutex_unlock(&g.lock);
				if (put_packet() < 0)
					return SRV_GONE;
				noack = 1;
				continue;
			}
			reply("%s", "");
			break;
		default:
			reply("%s", "");
			break;
		}
		if (done == SRV_RESUME) {
			int running = resume();
			pthread_mutex_unlock(&g.lock);
			if (running)
				return SRV_RESUME;
			reply("%s", stop_reply);	/* a pending event: that is the stop */
			if (put_packet() < 0)
				return SRV_GONE;
			continue;
		}
		pthread_mutex_unlock(&g.lock);
		if (!(done == SRV_KILL && pkt[0] == 'k') && put_packet() < 0)	/* k has no reply */
			return SRV_GONE;
		if (done >= 0)
			return done;
	}
}

/* While the program runs: wait for an event, GDB's ^C, or GDB going away. */
static int wait_running(void)
{
	for (;;) {
		struct pollfd pf[2] = { { g.fd, POLLIN, 0 }, { g.evpipe[0], POLLIN, 0 } };
		if (rpos < rlen)
			pf[0].revents = POLLIN;
		else if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return SRV_GONE;
		}
		if (pf[1].revents & POLLIN) {
			char b[64];
			while (read(g.evpipe[0], b, sizeof(b)) > 0)
				;
			return SRV_RESUME;
		}
		if (pf[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			int c = get_byte();
			if (c < 0)
				return SRV_GONE;
			if (c == 0x03) {
				pthread_mutex_lock(&g.lock);
				g.ctrl_c = 1;
				pthread_mutex_unlock(&g.lock);
				return SRV_RESUME;
			}
		}
	}
}

void *gdb_server(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&g.lock);
	while (!g.threads)	/* the main thread registers before its first instruction */
		pthread_cond_wait(&g.srv_cv, &g.lock);
	format_stop(g.threads, SIGTRAP, EV_NONE);
	pthread_mutex_unlock(&g.lock);
	for (;;) {
		int r = serve_stopped();
		if (r == SRV_KILL)
			HS2(SYS_kill, g.pid, SIGKILL);
		if (r != SRV_RESUME) {
			detach();
			return NULL;
		}
		for (;;) {
			r = wait_running();
			if (r == SRV_GONE) {
				detach();
				return NULL;
			}
			pthread_mutex_lock(&g.lock);
			gdb_stop_world();
			int k = pick_stop();
			if (k == 1) {
				gdb_resume_world();
				pthread_mutex_unlock(&g.lock);
				continue;
			}
			pthread_mutex_unlock(&g.lock);
			reply("%s", stop_reply);
			int sent = put_packet();
			if (k == 2) {
				pthread_mutex_lock(&g.lock);
				g.exit_done = 1;
				pthread_cond_broadcast(&g.cv);
				pthread_mutex_unlock(&g.lock);
				return NULL;
			}
			if (sent < 0) {
				detach();
				return NULL;
			}
			break;
		}
	}
}
