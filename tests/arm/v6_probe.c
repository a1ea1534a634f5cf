// SPDX-License-Identifier: GPL-2.0-only
/*
 * v6_probe.c — which instructions a CPU model has, without a C library (glibc for armhf is
 * ARMv7 code, which an ARMv6 cannot run): uname's machine, AT_PLATFORM, then each function of
 * v6_probe.S run under a SIGILL handler that steps over the undefined instruction, printed as
 * "NAME ok" or "NAME SIGILL"; the HWCAP and /proc/cpuinfo's lines as "self:" lines (qemu-arm
 * 7.2 differs from Linux there); then, given "exec", itself run again, which prints uname's machine
 * (a "self:" line too: qemu-arm runs a foreign program it execs only through binfmt_misc).
 * ARMv6 code, built -nostdlib -march=armv6 -mfpu=vfp.
 */
#include <stdint.h>

#define NR_exit 1
#define NR_read 3
#define NR_write 4
#define NR_open 5
#define NR_close 6
#define NR_execve 11
#define NR_uname 122
#define NR_rt_sigaction 174

static long sys3(long nr, long a, long b, long c)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r7 __asm__("r7") = nr;
	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
	return r0;
}
static long sys4(long nr, long a, long b, long c, long d)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r3 __asm__("r3") = d;
	register long r7 __asm__("r7") = nr;
	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r7) : "memory");
	return r0;
}

static unsigned slen(const char *s)
{
	unsigned n = 0;
	while (s[n])
		n++;
	return n;
}
static void put(const char *s) { sys3(NR_write, 1, (long)s, slen(s)); }
static void puthex(uint32_t v)
{
	char b[11] = "0x";
	for (int i = 0; i < 8; i++)
		b[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
	b[10] = 0;
	put(b);
}

static volatile int ill;

/* arm's ucontext: uc_flags, uc_link, uc_stack (3 words), then sigcontext: trap_no,
 * error_code, oldmask, r0..r10, fp, ip, sp, lr, pc, cpsr */
static void on_ill(int sig, void *info, void *uc)
{
	(void)sig;
	(void)info;
	uint32_t *pc = (uint32_t *)uc + 5 + 3 + 15, cpsr = pc[1];
	uint32_t len = 4;
	if (cpsr & 0x20)
		len = *(uint16_t *)*pc >= 0xe800 ? 4 : 2;
	*pc += len;
	ill = 1;
}

struct ksigaction {
	void (*handler)(int, void *, void *);
	unsigned long flags;
	void (*restorer)(void);
	uint32_t mask[2];
};

#define P(n) void p_##n(uint32_t *)
P(ldrex); P(ldrexb); P(clrex); P(media); P(cp15dmb); P(yield); P(kuser); P(vfp2);
P(movw); P(movt); P(bfi); P(ubfx); P(rbit); P(mls); P(dmb); P(dsb); P(isb); P(pli); P(sdiv); P(udiv);
P(vmovimm); P(vcvtfix); P(vcvthalf); P(vfma); P(d16); P(d16add); P(vldrd16); P(vldmd16);
P(vmovscalar8); P(vdup); P(neonadd); P(neonld);
P(t_v6); P(t_cbz); P(t_it); P(t_nop); P(t_movw);
#undef P

static uint32_t scratch[16];

/* "self:" marks the probes where qemu-arm 7.2 is not the hardware: it decodes Thumb-2's 16-bit
 * CBZ, IT and hints for every CPU, an ARM1176 included */
static void probe(const char *name, void (*f)(uint32_t *))
{
	ill = 0;
	f(scratch);
	if (name[0] == 't' && (name[2] == 'c' || name[2] == 'i' || name[2] == 'n'))
		put("self: ");
	put(name);
	put(ill ? " SIGILL\n" : " ok\n");
}

static void cpuinfo(void)
{
	static char b[8192];
	long fd = sys3(NR_open, (long)"/proc/cpuinfo", 0, 0), n = 0, r;
	if (fd < 0)
		return;
	while (n < (long)sizeof(b) - 1 && (r = sys3(NR_read, fd, (long)(b + n), (long)sizeof(b) - 1 - n)) > 0)
		n += r;
	sys3(NR_close, fd, 0, 0);
	b[n] = 0;
	/* the first processor's lines and the hardware lines, each as "self: cpuinfo: ..." */
	int first = 1;
	for (char *l = b; *l;) {
		char *e = l;
		while (*e && *e != '\n')
			e++;
		char c = *e;
		*e = 0;
		if (!*l)
			first = 0;
		else if (first || (l[0] != 'p' && !(l[0] == 'm' && l[1] == 'o') && l[0] != 'B' && l[0] != 'F' &&
				   l[0] != 'C'))
			put("self: cpuinfo: "), put(l), put("\n");
		l = c ? e + 1 : e;
	}
}

void cmain(uint32_t *sp)
{
	uint32_t argc = sp[0], *env = sp + argc + 2, *aux = env;
	while (*aux)
		aux++;
	aux++;
	uint32_t hwcap = 0;
	const char *platform = "(none)";
	for (; aux[0]; aux += 2)
		if (aux[0] == 16)
			hwcap = aux[1];
		else if (aux[0] == 15)
			platform = (const char *)aux[1];
	static char uts[6 * 65];
	sys3(NR_uname, (long)uts, 0, 0);
	const char *arg = argc > 1 ? (const char *)sp[2] : "";
	if (arg[0] == 'c') {	/* "child": run again by itself, the CPU model is inherited */
		put("self: child machine ");
		put(uts + 4 * 65);
		put("\n");
		sys3(NR_exit, 0, 0, 0);
	}
	put("machine ");
	put(uts + 4 * 65);
	put("\nplatform ");
	put(platform);
	put("\nself: hwcap ");
	puthex(hwcap);
	put("\n");

	struct ksigaction sa = { on_ill, 4 /* SA_SIGINFO */, 0, { 0, 0 } };
	sys4(NR_rt_sigaction, 4 /* SIGILL */, (long)&sa, 0, 8);
	scratch[0] = 12345;
#define P(n) probe(#n, p_##n)
	P(ldrex); P(ldrexb); P(clrex); P(media); P(cp15dmb); P(yield); P(kuser); P(vfp2);
	P(movw); P(movt); P(bfi); P(ubfx); P(rbit); P(mls); P(dmb); P(dsb); P(isb); P(pli); P(sdiv); P(udiv);
	P(vmovimm); P(vcvtfix); P(vcvthalf); P(vfma); P(d16); P(d16add); P(vldrd16); P(vldmd16);
	P(vmovscalar8); P(vdup); P(neonadd); P(neonld);
	P(t_v6); P(t_cbz); P(t_it); P(t_nop); P(t_movw);
#undef P
	put(scratch[0] == 7 ? "kuser_cmpxchg stored\n" : "kuser_cmpxchg did not store\n");
	cpuinfo();
	if (arg[0] == 'e') {	/* "exec" */
		const char *args[] = { (const char *)sp[1], "child", 0 };
		sys3(NR_execve, (long)sp[1], (long)args, (long)env);
		put("self: execve failed\n");
	}
	sys3(NR_exit, 0, 0, 0);
}

__asm__(".text\n.arm\n.global _start\n_start:\n\tmov r0, sp\n\tbl cmain\n");
