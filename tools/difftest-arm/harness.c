// SPDX-License-Identifier: GPL-2.0-only
/*
 * harness.c — main of a difftest-arm batch: for each case from argv[1] on, fill the scratch
 * buffer with a fixed pattern, set the input state (pointers into scratch resolved here),
 * run the case and print its output state and a hash of the scratch buffer. Built statically
 * for A32 (-marm) or T32 (-mthumb) with the generated tests.S and cases.h.
 */
#include <setjmp.h>
#include <signal.h>
#include "harness.h"
#include "cases.h"

/* A case that raises a signal (an undefined encoding, an alignment fault) prints it and the
 * batch goes on, on an alternate stack (the case's sp points into scratch). */
static sigjmp_buf jb;
static volatile int caught;

static void on_signal(int sig)
{
	caught = sig;
	siglongjmp(jb, 1);
}

static void catch_signals(void)
{
	static uint8_t altstack[65536];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	sigaltstack(&ss, NULL);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_ONSTACK | SA_NODEFER;
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGTRAP, &sa, NULL);
}

static uint64_t fnv(const uint8_t *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t k = 0; k < n; k++)
		h = (h ^ p[k]) * 0x100000001b3ull;
	return h;
}

int main(int argc, char **argv)
{
	int first = argc > 1 ? atoi(argv[1]) : 0;
	int n = (int)(sizeof(cases) / sizeof(cases[0]));
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!getenv("HARNESS_NO_SIGNALS"))
		catch_signals();
	for (int k = first; k < n; k++) {
		const struct tcase *t = &cases[k];
		for (int b = 0; b < SCRATCH; b++)
			scratch[b] = (uint8_t)(b * 37 + k * 11 + (b >> 8));
		for (int r = 0; r < 15; r++)
			io_in.r[r] = (t->ptr >> r) & 1 ? (uint32_t)(uintptr_t)scratch + t->r[r] : t->r[r];
		io_in.apsr = t->apsr;
		io_in.fpscr = t->fpscr;
		memcpy(io_in.d, t->d, sizeof(io_in.d));
		memset(&io_out, 0, sizeof(io_out));
		caught = 0;
		if (sigsetjmp(jb, 1) == 0)
			t->fn();
		if (caught) {
			__asm__ volatile("vmsr fpscr, %0" : : "r"(0));
			printf("%d %s %08x: SIG %d\n", k, t->name, t->insn, caught);
			continue;
		}
		printf("%d %s %08x:", k, t->name, t->insn);
		for (int r = 0; r < 15; r++) {
			uint32_t v = io_out.r[r], s = (uint32_t)(uintptr_t)scratch;
			/* pointers into scratch print as offsets: the buffer's address differs per run */
			if (v - s < SCRATCH)
				printf(" r%d=S+%x", r, v - s);
			else
				printf(" r%d=%x", r, v);
		}
		printf(" apsr=%08x fpscr=%08x", io_out.apsr, io_out.fpscr);
		for (int d = 0; d < 32; d++)
			printf(" d%d=%08x%08x", d, (uint32_t)(io_out.d[d] >> 32), (uint32_t)io_out.d[d]);
		uint64_t h = fnv(scratch, SCRATCH);
		printf(" mem=%08x%08x\n", (uint32_t)(h >> 32), (uint32_t)h);
	}
	return 0;
}
