// SPDX-License-Identifier: GPL-2.0-only
/*
 * gdb.c — the 32-bit arm guest as GDB sees it (core/gdbstub.h): a target description with GDB's
 * arm features for an ARMv7-A with VFPv3-D32 and Advanced SIMD, laid out as qemu-arm lays them
 * out, so that gdb-multiarch shows the same registers against either:
 *   org.gnu.gdb.arm.core  r0..r12, sp, lr, pc (remote numbers 0..15) and cpsr (25: numbers
 *                         16..24 are the FPA registers of old stubs, absent here and from 'g');
 *   org.gnu.gdb.arm.vfp   d0..d31 (26..57), each a union of its NEON lane views (u8, u16, u32,
 *                         u64, f32, f64: GDB's own names for them), q0..q15 (58..73) likewise,
 *                         and fpscr (74). GDB makes s0..s31 of the d registers itself.
 * (An empty org.gnu.gdb.arm.neon feature with ieee_double d registers is the other way GDB
 * documents, but gdb-multiarch 13.1 makes neither the q registers nor the vector views of
 * that one.) The core registers have no type: GDB prints them as signed integers, as it does
 * against qemu-arm. cpsr is the CPSR as MRS reads it (with T and ITSTATE: GDB decides Thumb
 * from T and steps IT blocks knowing the state); writing it sets N Z C V Q GE IT T.
 *
 * With -cpu arm1176 (VFPv2) the vfp feature has d0..d15 and fpscr only, as qemu-arm's for
 * that CPU.
 *
 * Breakpoints are the undefined instructions Linux reserves for the debugger (GDB's own arm
 * Linux ones), by the kind GDB's Z0 packet gives: 2 a 16-bit Thumb instruction, 3 a 32-bit
 * Thumb instruction, 4 an ARM instruction. The interpreter raises CPU_EXIT_BRK for each.
 */
#include <string.h>
#include "cpu.h"
#include "gdbstub.h"
#include "model.h"
#include "vfp.h"

enum { R_PC = 15, R_CPSR = 25, R_D0 = 26, R_Q0 = 58, R_FPSCR = 74, NREGS = 75 };

static const char target_xml[] =
	"<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
	"<target><architecture>arm</architecture><osabi>GNU/Linux</osabi>"
	"<xi:include href=\"arm-core.xml\"/><xi:include href=\"arm-vfp.xml\"/></target>\n";

#define R(n) "<reg name=\"r" #n "\" bitsize=\"32\"/>"
static const char core_xml[] =
	"<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
	"<feature name=\"org.gnu.gdb.arm.core\">"
	"<reg name=\"r0\" bitsize=\"32\" regnum=\"0\"/>"
	R(1) R(2) R(3) R(4) R(5) R(6) R(7) R(8) R(9) R(10) R(11) R(12)
	"<reg name=\"sp\" bitsize=\"32\" type=\"data_ptr\"/>"
	"<reg name=\"lr\" bitsize=\"32\"/>"
	"<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\"/>"
	"<reg name=\"cpsr\" bitsize=\"32\" regnum=\"25\"/>"
	"</feature>\n";
#undef R

#define D(n) "<reg name=\"d" #n "\" bitsize=\"64\" type=\"neon_d\"/>"
#define Q(n) "<reg name=\"q" #n "\" bitsize=\"128\" type=\"neon_q\"/>"
static const char vfp_xml[] =
	"<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
	"<feature name=\"org.gnu.gdb.arm.vfp\">"
	"<vector id=\"v8u8\" type=\"uint8\" count=\"8\"/>"
	"<vector id=\"v4u16\" type=\"uint16\" count=\"4\"/>"
	"<vector id=\"v2u32\" type=\"uint32\" count=\"2\"/>"
	"<vector id=\"v2f32\" type=\"ieee_single\" count=\"2\"/>"
	"<union id=\"neon_d\"><field name=\"u8\" type=\"v8u8\"/><field name=\"u16\" type=\"v4u16\"/>"
	"<field name=\"u32\" type=\"v2u32\"/><field name=\"u64\" type=\"uint64\"/>"
	"<field name=\"f32\" type=\"v2f32\"/><field name=\"f64\" type=\"ieee_double\"/></union>"
	"<vector id=\"v16u8\" type=\"uint8\" count=\"16\"/>"
	"<vector id=\"v8u16\" type=\"uint16\" count=\"8\"/>"
	"<vector id=\"v4u32\" type=\"uint32\" count=\"4\"/>"
	"<vector id=\"v2u64\" type=\"uint64\" count=\"2\"/>"
	"<vector id=\"v4f32\" type=\"ieee_single\" count=\"4\"/>"
	"<vector id=\"v2f64\" type=\"ieee_double\" count=\"2\"/>"
	"<union id=\"neon_q\"><field name=\"u8\" type=\"v16u8\"/><field name=\"u16\" type=\"v8u16\"/>"
	"<field name=\"u32\" type=\"v4u32\"/><field name=\"u64\" type=\"v2u64\"/>"
	"<field name=\"f32\" type=\"v4f32\"/><field name=\"f64\" type=\"v2f64\"/></union>"
	"<reg name=\"d0\" bitsize=\"64\" type=\"neon_d\" regnum=\"26\"/>"
	D(1) D(2) D(3) D(4) D(5) D(6) D(7) D(8) D(9) D(10) D(11) D(12) D(13) D(14) D(15) D(16)
	D(17) D(18) D(19) D(20) D(21) D(22) D(23) D(24) D(25) D(26) D(27) D(28) D(29) D(30) D(31)
	Q(0) Q(1) Q(2) Q(3) Q(4) Q(5) Q(6) Q(7) Q(8) Q(9) Q(10) Q(11) Q(12) Q(13) Q(14) Q(15)
	"<reg name=\"fpscr\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
	"</feature>\n";
#undef D
#undef Q

/* -cpu arm1176: VFPv2, d0..d15 and fpscr (same remote numbers), no NEON views, no q */
#define D2(n) "<reg name=\"d" #n "\" bitsize=\"64\" type=\"ieee_double\"/>"
static const char vfp2_xml[] =
	"<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
	"<feature name=\"org.gnu.gdb.arm.vfp\">"
	"<reg name=\"d0\" bitsize=\"64\" type=\"ieee_double\" regnum=\"26\"/>"
	D2(1) D2(2) D2(3) D2(4) D2(5) D2(6) D2(7) D2(8) D2(9) D2(10) D2(11) D2(12) D2(13) D2(14) D2(15)
	"<reg name=\"fpscr\" bitsize=\"32\" type=\"int\" group=\"float\" regnum=\"74\"/>"
	"</feature>\n";
#undef D2

static struct guest_gdb_xml arm_xml[] = {
	{ "target.xml", target_xml },
	{ "arm-core.xml", core_xml },
	{ "arm-vfp.xml", vfp_xml },
	{ NULL, NULL },
};

/* Has the CPU model only VFPv2's sixteen d registers (model.c, before the program loads)? */
static int vfp2(void)
{
	return arm_v6;
}

void arm_gdb_model(void)
{
	arm_xml[2].text = vfp2() ? vfp2_xml : vfp_xml;
}

static int arm_read_reg(const struct cpu *c, int regno, uint8_t *buf)
{
	uint32_t v;
	if (regno >= R_D0 + 16 && regno < R_FPSCR && vfp2())
		return 0;	/* d16..d31 and the q registers: not an ARM1176's */
	if (regno >= R_D0 && regno < R_D0 + 32) {
		memcpy(buf, &c->v.d[regno - R_D0], 8);	/* the host is little-endian, as the target */
		return 8;
	}
	if (regno >= R_Q0 && regno < R_Q0 + 16) {
		memcpy(buf, &c->v.q[regno - R_Q0], 16);
		return 16;
	}
	if (regno >= 0 && regno < R_PC)
		v = c->r[regno];
	else if (regno == R_PC)
		v = (uint32_t)c->pc;
	else if (regno == R_CPSR)
		v = cpu_get_cpsr(c);
	else if (regno == R_FPSCR)
		v = c->fpscr;
	else
		return 0;
	memcpy(buf, &v, 4);
	return 4;
}

static int arm_write_reg(struct cpu *c, int regno, const uint8_t *buf)
{
	uint32_t v;
	if (regno >= R_D0 + 16 && regno < R_FPSCR && vfp2())
		return 0;
	if (regno >= R_D0 && regno < R_D0 + 32) {
		memcpy(&c->v.d[regno - R_D0], buf, 8);
		return 8;
	}
	if (regno >= R_Q0 && regno < R_Q0 + 16) {
		memcpy(&c->v.q[regno - R_Q0], buf, 16);
		return 16;
	}
	memcpy(&v, buf, 4);
	if (regno >= 0 && regno < R_PC)
		c->r[regno] = v;
	else if (regno == R_PC)
		c->pc = v & ~1u;	/* the state is cpsr's T; GDB writes both */
	else if (regno == R_CPSR)
		cpu_set_cpsr(c, v);
	else if (regno == R_FPSCR)
		c->fpscr = v & FPSCR_MASK;
	else
		return 0;
	return 4;
}

/* Linux's ptrace breakpoints (arch/arm/kernel/ptrace.c), little-endian bytes */
static const struct guest_gdb_brk arm_brk[] = {
	{ 2, 2, { 0x01, 0xde } },		/* T16 UDF #1: 0xde01 */
	{ 3, 4, { 0xf0, 0xf7, 0x00, 0xa0 } },	/* T32 UDF: 0xf7f0 0xa000 */
	{ 4, 4, { 0xf0, 0x01, 0xf0, 0xe7 } },	/* A32 UDF: 0xe7f001f0 */
	{ 0, 0, { 0 } },
};

const struct guest_gdb arm_gdb = {
	.xml = arm_xml,
	.nregs = NREGS,
	.read_reg = arm_read_reg,
	.write_reg = arm_write_reg,
	.brk_insn = { 0xf0, 0x01, 0xf0, 0xe7 },	/* a kind GDB did not say: the ARM one */
	.brk_len = 4,
	.brk_kinds = arm_brk,
	.addr_mask = 0xffffffffu,
};
