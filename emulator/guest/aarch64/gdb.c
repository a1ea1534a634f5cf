// SPDX-License-Identifier: GPL-2.0-only
/*
 * gdb.c — the AArch64 guest as GDB sees it (core/gdbstub.h): the target description with GDB's
 * standard features (org.gnu.gdb.aarch64.core, .fpu, .tls), whose register names GDB's aarch64
 * support requires, and those registers in the description's numbering:
 *   0..30 x0..x30, 31 sp, 32 pc, 33 cpsr (32 bits), 34..65 v0..v31 (128 bits),
 *   66 fpsr, 67 fpcr (32 bits), 68 tpidr.
 * cpsr, fpsr and fpcr are plain integers, as qemu describes them, so `info registers` prints the
 * same thing under both. The v registers are a union of lane views whose member names (d, s, h,
 * b, q, each with u/s and f where a float lane exists) are the ones GDB gives its own V view, so
 * an expression like $v0.d.u means the same whatever stub GDB talks to.
 */
#include <string.h>
#include "a64guest.h"
#include "gdbstub.h"

enum { R_SP = 31, R_PC = 32, R_CPSR = 33, R_V0 = 34, R_FPSR = 66, R_FPCR = 67, R_TPIDR = 68, NREGS = 69 };

static const char target_xml[] =
	"<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
	"<target><architecture>aarch64</architecture><osabi>GNU/Linux</osabi>"
	"<xi:include href=\"aarch64-core.xml\"/><xi:include href=\"aarch64-fpu.xml\"/>"
	"<xi:include href=\"aarch64-tls.xml\"/></target>\n";

#define X(n) "<reg name=\"x" #n "\" bitsize=\"64\" type=\"int\"/>"
static const char core_xml[] =
	"<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
	"<feature name=\"org.gnu.gdb.aarch64.core\">"
	"<reg name=\"x0\" bitsize=\"64\" type=\"int\" regnum=\"0\"/>"
	X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) X(16) X(17)
	X(18) X(19) X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29) X(30)
	"<reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\"/>"
	"<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\"/>"
	"<reg name=\"cpsr\" bitsize=\"32\" type=\"int\"/>"
	"</feature>\n";
#undef X

#define V(n) "<reg name=\"v" #n "\" bitsize=\"128\" type=\"aarch64v\"/>"
static const char fpu_xml[] =
	"<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
	"<feature name=\"org.gnu.gdb.aarch64.fpu\">"
	"<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>"
	"<vector id=\"v2u\" type=\"uint64\" count=\"2\"/>"
	"<vector id=\"v2i\" type=\"int64\" count=\"2\"/>"
	"<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>"
	"<vector id=\"v4u\" type=\"uint32\" count=\"4\"/>"
	"<vector id=\"v4i\" type=\"int32\" count=\"4\"/>"
	"<vector id=\"v8f\" type=\"ieee_half\" count=\"8\"/>"
	"<vector id=\"v8u\" type=\"uint16\" count=\"8\"/>"
	"<vector id=\"v8i\" type=\"int16\" count=\"8\"/>"
	"<vector id=\"v16u\" type=\"uint8\" count=\"16\"/>"
	"<vector id=\"v16i\" type=\"int8\" count=\"16\"/>"
	"<vector id=\"v1u\" type=\"uint128\" count=\"1\"/>"
	"<vector id=\"v1i\" type=\"int128\" count=\"1\"/>"
	"<union id=\"vnd\"><field name=\"f\" type=\"v2d\"/><field name=\"u\" type=\"v2u\"/>"
	"<field name=\"s\" type=\"v2i\"/></union>"
	"<union id=\"vns\"><field name=\"f\" type=\"v4f\"/><field name=\"u\" type=\"v4u\"/>"
	"<field name=\"s\" type=\"v4i\"/></union>"
	"<union id=\"vnh\"><field name=\"f\" type=\"v8f\"/><field name=\"u\" type=\"v8u\"/>"
	"<field name=\"s\" type=\"v8i\"/></union>"
	"<union id=\"vnb\"><field name=\"u\" type=\"v16u\"/><field name=\"s\" type=\"v16i\"/></union>"
	"<union id=\"vnq\"><field name=\"u\" type=\"v1u\"/><field name=\"s\" type=\"v1i\"/></union>"
	"<union id=\"aarch64v\"><field name=\"d\" type=\"vnd\"/><field name=\"s\" type=\"vns\"/>"
	"<field name=\"h\" type=\"vnh\"/><field name=\"b\" type=\"vnb\"/><field name=\"q\" type=\"vnq\"/></union>"
	"<reg name=\"v0\" bitsize=\"128\" type=\"aarch64v\" regnum=\"34\"/>"
	V(1) V(2) V(3) V(4) V(5) V(6) V(7) V(8) V(9) V(10) V(11) V(12) V(13) V(14) V(15) V(16) V(17)
	V(18) V(19) V(20) V(21) V(22) V(23) V(24) V(25) V(26) V(27) V(28) V(29) V(30) V(31)
	"<reg name=\"fpsr\" bitsize=\"32\" type=\"int\"/>"
	"<reg name=\"fpcr\" bitsize=\"32\" type=\"int\"/>"
	"</feature>\n";
#undef V

static const char tls_xml[] =
	"<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
	"<feature name=\"org.gnu.gdb.aarch64.tls\">"
	"<reg name=\"tpidr\" bitsize=\"64\" type=\"data_ptr\" regnum=\"68\"/>"
	"</feature>\n";

static const struct guest_gdb_xml a64_xml[] = {
	{ "target.xml", target_xml },
	{ "aarch64-core.xml", core_xml },
	{ "aarch64-fpu.xml", fpu_xml },
	{ "aarch64-tls.xml", tls_xml },
	{ NULL, NULL },
};

/* Where register regno lives in struct cpu and how wide it is (0: not ours). Outside cpu_run()
 * the contract fields are the state: the JIT's flag image is folded back into nzcv on exit. */
static int reg_field(const struct cpu *c, int regno, const void **p)
{
	if (regno >= 0 && regno < 31) {
		*p = &c->x[regno];
		return 8;
	}
	if (regno >= R_V0 && regno < R_V0 + 32) {
		*p = &c->v[regno - R_V0];
		return 16;
	}
	switch (regno) {
	case R_SP: *p = &c->sp; return 8;
	case R_PC: *p = &c->pc; return 8;
	case R_CPSR: *p = &c->nzcv; return 4;
	case R_FPSR: *p = &c->fpsr; return 4;
	case R_FPCR: *p = &c->fpcr; return 4;
	case R_TPIDR: *p = &c->tpidr_el0; return 8;
	}
	return 0;
}

static int a64_read_reg(const struct cpu *c, int regno, uint8_t *buf)
{
	const void *p;
	int n = reg_field(c, regno, &p);
	if (n)
		memcpy(buf, p, (size_t)n);	/* the host is little-endian, as the target */
	return n;
}

static int a64_write_reg(struct cpu *c, int regno, const uint8_t *buf)
{
	const void *p;
	int n = reg_field(c, regno, &p);
	if (!n)
		return 0;
	if (regno == R_CPSR) {
		/* user mode can only hold N, Z, C, V: keep the rest as MRS NZCV reads it (zero) */
		uint32_t v;
		memcpy(&v, buf, 4);
		c->nzcv = v & 0xf0000000u;
		return 4;
	}
	memcpy((void *)(uintptr_t)p, buf, (size_t)n);
	return n;
}

const struct guest_gdb a64_gdb = {
	.xml = a64_xml,
	.nregs = NREGS,
	.read_reg = a64_read_reg,
	.write_reg = a64_write_reg,
	.brk_insn = { 0x00, 0x00, 0x20, 0xd4 },	/* BRK #0, as GDB's own aarch64 breakpoint */
	.brk_len = 4,
	.addr_mask = 0x00ffffffffffffffull,
};
