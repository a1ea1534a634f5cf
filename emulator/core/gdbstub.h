/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gdbstub.h — the GDB remote protocol server (-g PORT|PATH, XARCH_GDB): what a guest describes
 * to it (struct guest_gdb, reached through guest.gdb) and the hooks the core's run loop, signal
 * delivery and process exit call. Every hook is behind `gdb_on`, so a program run without a
 * debugger pays one predictable branch per cpu_run() return.
 */
#ifndef XARCH_GDBSTUB_H
#define XARCH_GDBSTUB_H

#include <stddef.h>
#include <stdint.h>
#include "vcpu.h"

struct cpu;
struct gthread;

/* One file of the target description (qXfer:features:read), "target.xml" first. */
struct guest_gdb_xml {
	const char *name;
	const char *text;
};

/* A software breakpoint of one kind (the KIND of GDB's Z0 packet: for arm the instruction set
 * and size of the instruction it replaces). */
struct guest_gdb_brk {
	int kind;
	int len;		/* bytes (at most 4); 0 ends a table */
	uint8_t insn[4];	/* what is written, in memory order */
};

/*
 * What GDB needs to know about a guest: the target description, the registers in its
 * numbering (the order of the 'g' packet), and the breakpoint instructions. A guest without
 * debugger support leaves guest.gdb NULL and -g is refused.
 */
struct guest_gdb {
	const struct guest_gdb_xml *xml;	/* NULL-terminated; xml[0] is target.xml */
	int nregs;				/* registers 0..nregs-1, in 'g' order */
	/* the register's bytes in target order (little-endian) into buf; returns its size in bytes
	 * (at most 16), or 0 when regno is not one of ours */
	int (*read_reg)(const struct cpu *c, int regno, uint8_t *buf);
	/* the inverse: returns the size consumed, 0 for an unknown register */
	int (*write_reg)(struct cpu *c, int regno, const uint8_t *buf);
	uint8_t brk_insn[4];			/* what a software breakpoint writes (brk_len bytes) */
	int brk_len;
	/* breakpoints by kind, when the guest has several (NULL: brk_insn whatever the kind; a
	 * kind not in the table gets brk_insn too) */
	const struct guest_gdb_brk *brk_kinds;
	uint64_t addr_mask;			/* guest address to host address (top-byte ignore) */
};

/* Non-zero while a debugger is (or will be) attached to this process. */
extern int gdb_on;

/* main.c: -g SPEC / XARCH_GDB=SPEC. Checks SPEC, listens and waits for GDB to connect; dies with
 * a clear message on a bad SPEC, a port in use or a guest without debugger support. */
void gdb_start(const char *spec);

/* thread.c's run loop */
void gdb_thread_start(struct gthread *t);		/* first thing a guest thread does */
void gdb_thread_end(struct gthread *t);			/* a guest thread exits (not the process) */
void gdb_before_run(struct gthread *t);			/* may park the thread (all-stop) */
enum cpu_exit gdb_after_run(struct gthread *t, enum cpu_exit r);	/* may report a stop */
void gdb_after_exit(struct gthread *t);			/* after the exit was handled */

/* signal.c: signal sig is about to be delivered to t: GDB is told first and answers with the
 * signal to deliver (sig, or 0 to discard it). */
int gdb_signal(struct gthread *t, int sig);

/* The process ends: exit status (signo 0) or killed by signo. Tells GDB (W/X) first. */
void gdb_process_exit(int status, int signo);

#endif /* XARCH_GDBSTUB_H */
