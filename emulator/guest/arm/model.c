// SPDX-License-Identifier: GPL-2.0-only
/*
 * model.c — the CPU models of xarch-arm (-cpu NAME, XARCH_CPU=NAME; core/guest.h cpu_model):
 *
 *   cortex-a7  the default: ARMv7-A with Thumb-2, VFPv4-D32, Advanced SIMD, SDIV/UDIV
 *              (uname armv7l, AT_PLATFORM v7l).
 *   arm1176    an ARM1176JZF-S, the Raspberry Pi 1's CPU and the baseline Raspbian builds
 *              for: ARMv6KZ (Thumb-1, the v6 media instructions, LDREX/STREX of every size,
 *              CLREX, the v6K hints) with VFPv2 (D0-D15), no NEON (uname armv6l, AT_PLATFORM
 *              v6l).
 *
 * What an ARMv6 lacks is undefined there, as on the hardware (SIGILL): decoding is the one
 * place that knows (model_gate(), called by decode.c), so nothing costs anything at run time
 * (a page's instructions are decoded once). Missing on ARMv6, by the ARM ARM's per-instruction
 * architecture notes:
 *   ARM:   MOVW, MOVT, BFI/BFC, SBFX, UBFX, RBIT, MLS (ARMv6T2); DMB, DSB, ISB, PLI (ARMv7;
 *          ARMv6 has the CP15 barrier operations instead); SDIV, UDIV; all of Advanced SIMD;
 *   Thumb: every 32-bit instruction but the BL/BLX pair (Thumb-2 is ARMv6T2), and of the
 *          16-bit ones CBZ, CBNZ, IT and the hints (NOP, YIELD, ...);
 *   VFP:   D16-D31 (VFPv2 has 16 double registers), VMOV immediate, VCVT to and from fixed
 *          point (VFPv3), the half-precision conversions, the fused multiply-adds (VFPv4),
 *          the 8- and 16-bit scalar moves and VDUP (Advanced SIMD).
 * The Thumb-2 breakpoint GDB writes (0xf7f0 0xa000) stays a breakpoint, so -g works alike.
 * Not modelled: VFPv2's short vectors (FPSCR.LEN/STRIDE; compilers never use them: such
 * arithmetic is undefined here on both models), Jazelle (BXJ; no "java" in HWCAP), SWP and
 * SWPB (not advertised either, as Linux on a CPU with LDREXB does).
 */
#include <string.h>
#include "decode.h"
#include "model.h"

int arm_v6;

int arm_cpu_model(const char *name, const char **machine, const char **platform)
{
	if (!strcmp(name, "cortex-a7") || !strcmp(name, "armv7")) {
		arm_v6 = 0;
	} else if (!strcmp(name, "arm1176") || !strcmp(name, "armv6")) {
		arm_v6 = 1;
		*machine = "armv6l";
		*platform = "v6l";
	} else {
		return -1;
	}
	arm_gdb_model();
	return 0;
}

#define BIT(w, n) (((w) >> (n)) & 1u)

/* Does VFP instruction op (word w) name one of D16-D31? Only double-precision forms can. */
static int vfp_d32(enum arm_op op, uint32_t w)
{
	int dp = BIT(w, 8), d = BIT(w, 22), n = BIT(w, 7), m = BIT(w, 5);
	switch (op) {
	case OP_A32_VFP_VLDR: case OP_T32_VFP_VLDR:
	case OP_A32_VFP_VSTR: case OP_T32_VFP_VSTR:
		return dp && d;
	case OP_A32_VFP_VLDM: case OP_T32_VFP_VLDM:
	case OP_A32_VFP_VSTM: case OP_T32_VFP_VSTM:
		return dp && (d << 4 | ((w >> 12) & 15)) + (w & 0xff) / 2 > 16;
	case OP_A32_VFP_VMOV_RRD: case OP_T32_VFP_VMOV_RRD:
		return m;
	case OP_A32_VFP_VMOV_DX_R: case OP_T32_VFP_VMOV_DX_R:
	case OP_A32_VFP_VMOV_R_DX: case OP_T32_VFP_VMOV_R_DX:
		return n;
	case OP_A32_VFP_VMLA_VMLS: case OP_T32_VFP_VMLA_VMLS:
	case OP_A32_VFP_VNMLA_VNMLS: case OP_T32_VFP_VNMLA_VNMLS:
	case OP_A32_VFP_VMUL_VNMUL: case OP_T32_VFP_VMUL_VNMUL:
	case OP_A32_VFP_VADD_VSUB: case OP_T32_VFP_VADD_VSUB:
	case OP_A32_VFP_VDIV: case OP_T32_VFP_VDIV:
		return dp && (d || n || m);
	case OP_A32_VFP_VMOV_REG: case OP_T32_VFP_VMOV_REG:
	case OP_A32_VFP_VABS: case OP_T32_VFP_VABS:
	case OP_A32_VFP_VNEG: case OP_T32_VFP_VNEG:
	case OP_A32_VFP_VSQRT: case OP_T32_VFP_VSQRT:
	case OP_A32_VFP_VCMP: case OP_T32_VFP_VCMP:
		return dp && (d || m);
	case OP_A32_VFP_VCVT_DS: case OP_T32_VFP_VCVT_DS:
		return dp ? m : d;	/* F32 <- F64 reads Dm; F64 <- F32 writes Dd */
	case OP_A32_VFP_VCVT_I2F: case OP_T32_VFP_VCVT_I2F:
		return dp && d;
	case OP_A32_VFP_VCVT_F2I: case OP_T32_VFP_VCVT_F2I:
		return dp && m;
	default:
		return 0;
	}
}

/* Is op (word w) an instruction the ARM1176 lacks? */
static int not_v6(enum arm_op op, uint32_t w)
{
	const char *cls = arm_table[op].cls;
	if (!strncmp(cls, "neon", 4))
		return 1;	/* Advanced SIMD, ARM and Thumb encodings */
	switch (op) {
	case OP_A32_MOVW: case OP_A32_MOVT: case OP_A32_BFI: case OP_A32_SBFX: case OP_A32_UBFX:
	case OP_A32_RBIT: case OP_A32_MLS: case OP_A32_DMB: case OP_A32_DSB: case OP_A32_ISB:
	case OP_A32_PLI_IMM: case OP_A32_PLI_REG: case OP_A32_SDIV: case OP_A32_UDIV:
	case OP_T16_CBZ: case OP_T16_IT: case OP_T16_HINT:
	case OP_A32_VFP_VMOV_IMM: case OP_T32_VFP_VMOV_IMM:
	case OP_A32_VFP_VCVT_FIX: case OP_T32_VFP_VCVT_FIX:
	case OP_A32_VFP_VCVTB_VCVTT: case OP_T32_VFP_VCVTB_VCVTT:
	case OP_A32_VFP_VFMA_VFMS: case OP_T32_VFP_VFMA_VFMS:
	case OP_A32_VFP_VFNMA_VFNMS: case OP_T32_VFP_VFNMA_VFNMS:
	case OP_A32_VFP_VDUP_CORE: case OP_T32_VFP_VDUP_CORE:
		return 1;
	case OP_A32_VFP_VMOV_DX_R: case OP_A32_VFP_VMOV_R_DX:
		/* only the 32-bit scalar forms are VFP's (opc1<1> = 0, opc2 = 00, unsigned) */
		if (BIT(w, 22) || (w & 0x60) || (op == OP_A32_VFP_VMOV_R_DX && BIT(w, 23)))
			return 1;
		return vfp_d32(op, w);
	default:
		break;
	}
	if (op_is_t32(op))	/* Thumb-1: the BL/BLX pair only (and the debugger's breakpoint) */
		return op != OP_T32_BL && op != OP_T32_BLX_IMM && op != OP_T32_UDF;
	return vfp_d32(op, w);
}

enum arm_op model_gate(enum arm_op op, uint32_t w, enum arm_op none)
{
	return op != none && not_v6(op, w) ? none : op;
}
