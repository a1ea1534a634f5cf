/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gdbstub_int.h — what the debugger's two halves share: the protocol server (gdbstub.c, one
 * host thread of its own talking to GDB) and the all-stop machinery the guest threads run
 * through (gdbstub_stop.c: parking, stop events, breakpoints).
 */
#ifndef XARCH_GDBSTUB_INT_H
#define XARCH_GDBSTUB_INT_H

#include <pthread.h>
#include <stdint.h>
#include "gdbstub.h"

enum gdb_action { ACT_STAY, ACT_RUN, ACT_STEP };
enum gdb_event { EV_NONE, EV_SIGNAL, EV_SWBREAK, EV_HWBREAK, EV_STEP };

/* One guest thread as the debugger tracks it (all fields under g.lock). */
struct gdb_thr {
	struct gdb_thr *next;
	struct gthread *t;
	int tid;
	int running;		/* between gdb_before_run() and gdb_after_run(): executing guest code */
	int stepping;		/* this cpu_run() is GDB's step */
	int step_svc;		/* the stepped instruction was a system call: report once it is done */
	enum gdb_action action;	/* what the last resume asked of this thread */
	int resume_sig;		/* C/S: the signal (host numbering) to deliver on resume */
	int inject;		/* a signal GDB asked for: passes gdb_signal() unreported */
	uint64_t rerun_pc;	/* the breakpoint-like instruction run again at the last exit */
	enum gdb_event ev;	/* a stop not yet reported to GDB */
	int ev_sig;
	uint64_t ev_pc;
};

#define GDB_MAX_BP 256
struct gdb_bp {
	uint64_t addr;
	int hw;			/* Z1: a pc check, memory untouched */
	int len;		/* Z0: the breakpoint instruction written (insn) and the bytes it */
	uint8_t insn[4];	/* replaced (orig) */
	uint8_t orig[8];
};

struct gdb_state {
	pthread_mutex_t lock;
	pthread_cond_t cv;		/* guest threads wait here for a resume */
	pthread_cond_t srv_cv;		/* the server waits here for threads to stop or register */
	struct gdb_thr *threads;
	int stop_req;			/* the world is stopped (or stopping): no thread enters guest code */
	int nrunning;			/* threads executing guest code */
	int ctrl_c;			/* GDB interrupted: report SIGINT if nothing else happened */
	int evpipe[2];			/* a guest thread posted an event: wakes the server's poll */
	int exiting, exit_status, exit_sig, exit_done;
	int detached;
	int fd;				/* the connection */
	int memfd;			/* /proc/self/mem: reads and writes that ignore page protection */
	int pid;
	struct gdb_bp bp[GDB_MAX_BP];
	int nbp, nhw;
	struct gdb_thr *gthr;		/* Hg: registers and memory are this thread's */
	struct gdb_thr *last;		/* the thread of the last stop reply */
};
extern struct gdb_state g;

/* gdbstub_stop.c, called by the server with g.lock held */
void gdb_stop_world(void);
void gdb_resume_world(void);
struct gdb_thr *gdb_thr_find(int tid);
int gdb_bp_insert(uint64_t addr, int hw, int kind);
int gdb_bp_remove(uint64_t addr, int hw);
void gdb_bp_remove_all(void);
int gdb_bp_at(uint64_t addr, int hw);
/* memory through /proc/self/mem, breakpoint instructions hidden / preserved */
long gdb_mem_read(uint64_t addr, uint8_t *buf, size_t len);
long gdb_mem_write(uint64_t addr, const uint8_t *buf, size_t len);

void gdb_stop_init(void);

/* gdbstub.c: the protocol server's thread (started by gdb_start(), gdbstub_conn.c) */
void *gdb_server(void *arg);

/* gdbstub_xfer.c: a qXfer read (after "qXfer:"); the reply into out, its size (0: unsupported) */
size_t gdb_xfer(const char *s, char *out, size_t cap);

/* gdbstub_file.c: a vFile packet (after "vFile:"); the reply into out, its size (0: unsupported) */
size_t gdb_vfile(const char *s, char *out, size_t cap);	/* pthread_atfork: a forked child is not debugged */

/* signal numbers: the host's (= the guest's, Linux generic) to GDB's and back */
int gdb_sig_to_gdb(int sig);
int gdb_sig_from_gdb(int gsig);

#endif /* XARCH_GDBSTUB_INT_H */
