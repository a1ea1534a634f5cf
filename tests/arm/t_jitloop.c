// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loops and branches out of translated code that keeps guest registers in host registers
 * (docs/engine.md, the 32-bit arm translator): a loop that branches back to its block's start
 * carries its registers in host registers, reloading at the branch those whose place differs
 * from the one the start gave them; a branch that leaves the block in its middle stores the
 * registers written before it on its own path only; a loop that never leaves its block still
 * takes a signal (c->interrupt at the branch back).
 */
#include <signal.h>
#include <stdint.h>
#include <sys/time.h>
#include "common.h"

#ifdef __thumb__
#define FUNC(name) ".thumb\n.thumb_func\n.global " #name "\n.type " #name ", %function\n" #name ":\n"
#else
#define FUNC(name) ".arm\n.global " #name "\n.type " #name ", %function\n" #name ":\n"
#endif

/*
 * mix(s, n): twelve registers (more than the cache holds) loaded from s[0..11], n passes of a
 * chain through all of them in one block ending in a branch back to its start, stored back.
 */
void mix(uint32_t *s, uint32_t n);
__asm__(".text\n.syntax unified\n.align 2\n" FUNC(mix)
	"push {r4-r11, lr}\n\t"
	"push {r0}\n\t"
	"mov r12, r1\n\t"
	"ldm r0, {r1-r11, lr}\n\t"
	"1:\n\t"
	"add r1, r1, r12\n\t"
	"eor r2, r2, r1, ror #7\n\t"
	"add r3, r3, r2\n\t"
	"eor r4, r4, r3, ror #11\n\t"
	"add r5, r5, r4\n\t"
	"eor r6, r6, r5, ror #3\n\t"
	"add r7, r7, r6\n\t"
	"eor r8, r8, r7, ror #5\n\t"
	"add r9, r9, r8\n\t"
	"eor r10, r10, r9, ror #13\n\t"
	"add r11, r11, r10\n\t"
	"eor lr, lr, r11, ror #17\n\t"
	"add r1, r1, lr\n\t"
	"subs r12, r12, #1\n\t"
	"bne 1b\n\t"
	"pop {r0}\n\t"
	"stm r0, {r1-r11, lr}\n\t"
	"pop {r4-r11, pc}\n");

static uint32_t ror(uint32_t v, unsigned n) { return v >> n | v << (32 - n); }

static void mix_c(uint32_t *s, uint32_t n)
{
	for (; n; n--) {
		s[0] += n;
		s[1] ^= ror(s[0], 7);
		s[2] += s[1];
		s[3] ^= ror(s[2], 11);
		s[4] += s[3];
		s[5] ^= ror(s[4], 3);
		s[6] += s[5];
		s[7] ^= ror(s[6], 5);
		s[8] += s[7];
		s[9] ^= ror(s[8], 13);
		s[10] += s[9];
		s[11] ^= ror(s[10], 17);
		s[0] += s[11];
	}
}

/*
 * side(v, out): registers written, a conditional branch out of the block's middle (taken when
 * v is 0), more written on the not-taken path only; out[] gets r1..r4 where both paths join.
 */
void side(uint32_t v, uint32_t *out);
__asm__(".text\n.syntax unified\n.align 2\n" FUNC(side)
	"push {r4, r5}\n\t"
	"mov r5, r1\n\t"
	"movw r1, #0x1111\n\t"
	"add r2, r1, r1, lsl #4\n\t"
	"eor r3, r2, r0\n\t"
	"mov r4, #7\n\t"
	"cmp r0, #0\n\t"
	"beq 2f\n\t"
	"add r1, r1, #0x100\n\t"
	"add r4, r4, r3\n\t"
	"2:\n\t"
	"stm r5, {r1-r4}\n\t"
	"pop {r4, r5}\n\t"
	"bx lr\n");

/*
 * condk(v, out): conditional instructions between written registers (an ITE pair, one of them
 * on r5, which only struct cpu holds there, then a load to the PC taken when v is 0 that leaves
 * the block for out[5], the join); out[0..4] = r1..r5.
 */
void condk(uint32_t v, uint32_t *out);
extern char condk_join[];
__asm__(".text\n.syntax unified\n.align 2\n" FUNC(condk)
	"push {r4, r5, r6, lr}\n\t"
	"mov r6, r1\n\t"
	"movw r1, #0x2222\n\t"
	"add r2, r1, #0x10\n\t"
	"mov r3, #5\n\t"
	"mov r4, #9\n\t"
	"mov r5, #0x30\n\t"
	"push {r4, r5}\n\t"
	"mov r5, #0x99\n\t"
	"pop {r4, r5}\n\t"
	"cmp r0, #0\n\t"
	"itte eq\n\t"
	"addeq r1, r1, r2\n\t"
	"addeq r5, r5, #1\n\t"
	"subne r3, r3, r2\n\t"
	"cmp r0, #1\n\t"
	"it ne\n\t"
	"ldrne pc, [r6, #20]\n\t"
	"add r4, r4, r1\n\t"
	".global condk_join\ncondk_join:\n\t"
	"stm r6, {r1-r5}\n\t"
	"pop {r4, r5, r6, pc}\n");

static volatile uint32_t flag;

/* spin(&flag): a one-block loop until *flag is set (or 2^30 passes); the passes it made */
uint32_t spin(volatile uint32_t *f);
__asm__(".text\n.syntax unified\n.align 2\n" FUNC(spin)
	"mov r2, #0\n\t"
	"1:\n\t"
	"ldr r1, [r0]\n\t"
	"add r2, r2, #1\n\t"
	"cmp r1, #0\n\t"
	"bne 2f\n\t"
	"cmp r2, #0x40000000\n\t"
	"bne 1b\n\t"
	"2:\n\t"
	"mov r0, r2\n\t"
	"bx lr\n");

static void on_alarm(int sig)
{
	(void)sig;
	flag = 1;
}

int main(void)
{
	for (uint32_t n = 1; n <= 1000; n *= 10) {
		uint32_t a[12], b[12];
		for (int k = 0; k < 12; k++)
			a[k] = b[k] = 0x9e3779b9u * (uint32_t)(k + 1);
		mix(a, n);
		mix_c(b, n);
		char name[64];
		printf("mix %u: %08x %08x %08x %08x\n", n, a[0], a[5], a[9], a[11]);
		snprintf(name, sizeof(name), "loop of twelve registers, %u passes", n);
		CHECK(name, !memcmp(a, b, sizeof(a)));
	}

	for (uint32_t v = 0; v < 2; v++) {
		uint32_t o[4], r1 = 0x1111, r2 = r1 + (r1 << 4), r3 = r2 ^ v, r4 = 7;
		side(v, o);
		if (v) {
			r1 += 0x100;
			r4 += r3;
		}
		printf("side %u: %x %x %x %x\n", v, o[0], o[1], o[2], o[3]);
		CHECK(v ? "branch not taken: the registers of both parts" : "branch out taken: the registers before it",
		      o[0] == r1 && o[1] == r2 && o[2] == r3 && o[3] == r4);
	}

	for (uint32_t v = 0; v < 2; v++) {
		uint32_t o[6], r1 = 0x2222, r2 = r1 + 0x10, r3 = 5, r4 = 9, r5 = 0x30;
		o[5] = (uint32_t)(uintptr_t)condk_join;
#ifdef __thumb__
		o[5] |= 1;
#endif
		condk(v, o);
		if (v) {
			r3 -= r2;
			r4 += r1;
		} else {
			r1 += r2;
			r5++;
		}
		printf("condk %u: %x %x %x %x %x\n", v, o[0], o[1], o[2], o[3], o[4]);
		CHECK(v ? "conditional instructions, the not-taken load to the PC" :
			  "conditional instructions, the load to the PC taken",
		      o[0] == r1 && o[1] == r2 && o[2] == r3 && o[3] == r4 && o[4] == r5);
	}

	signal(SIGALRM, on_alarm);
	struct itimerval it = { .it_value = { 0, 20000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	uint32_t passes = spin(&flag);
	CHECK("a loop in one block takes a signal", flag && passes < 0x40000000);
	return 0;
}
