/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vfp.h — the floating-point arithmetic with Arm's rules (vfp_fp.c), shared by the VFP handlers
 * (vfp.c) and Advanced SIMD. Values are bit patterns (uint64_t; single precision in the low 32
 * bits); dp selects double precision; fpscr is the controlling FPSCR (its FZ, DN, RMode, AHP);
 * the cumulative exception flags raised are OR-ed into *fl (FPSCR bits 7, 4..0).
 */
#ifndef XARCH_ARM_VFP_H
#define XARCH_ARM_VFP_H

#include <stdint.h>

#define FPSCR_IOC (1u << 0)
#define FPSCR_DZC (1u << 1)
#define FPSCR_OFC (1u << 2)
#define FPSCR_UFC (1u << 3)
#define FPSCR_IXC (1u << 4)
#define FPSCR_IDC (1u << 7)
#define FPSCR_QC (1u << 27)
#define FPSCR_AHP (1u << 26)
#define FPSCR_DN (1u << 25)
#define FPSCR_FZ (1u << 24)
/* FPSCR bits that hold state (what VMSR keeps): NZCV QC AHP DN FZ RMode Stride Len and the
 * cumulative flags */
#define FPSCR_MASK 0xfff7009fu
#define FPSCR_RMODE(f) (((f) >> 22) & 3)
enum { FPR_RN, FPR_RP, FPR_RM, FPR_RZ };

enum { FOP_ADD, FOP_SUB, FOP_MUL, FOP_DIV, FOP_SQRT };

uint64_t fp_arith(int op, int dp, uint64_t a, uint64_t b, uint32_t fpscr, uint32_t *fl);
/* a + b * c with one rounding (FPMulAdd); negations are the caller's */
uint64_t fp_muladd(int dp, uint64_t a, uint64_t b, uint64_t c, uint32_t fpscr, uint32_t *fl);
/* comparison: the NZCV flags (bits 31..28); quiet: only signalling NaNs raise Invalid */
uint32_t fp_compare(int dp, uint64_t a, uint64_t b, int quiet, uint32_t fpscr, uint32_t *fl);
/* precision conversions */
uint64_t fp_s2d(uint32_t a, uint32_t fpscr, uint32_t *fl);
uint32_t fp_d2s(uint64_t a, uint32_t fpscr, uint32_t *fl);
uint32_t fp_to_half(uint64_t a, int dp, uint32_t fpscr, uint32_t *fl);
uint64_t fp_from_half(uint32_t h, int dp, uint32_t fpscr, uint32_t *fl);
/* to a (fixed-point: fbits fraction bits) integer of size bits, saturating; rmode FPR_* */
uint64_t fp_to_int(uint64_t a, int dp, int sgn, int size, int fbits, int rmode, uint32_t fpscr, uint32_t *fl);
/* from a (fixed-point) integer value v */
uint64_t fp_from_int(int64_t v, int dp, int fbits, uint32_t fpscr, uint32_t *fl);
/* flush a denormal input to zero when FZ is set (IDC) */
uint64_t fp_flush_in(uint64_t a, int dp, uint32_t fpscr, uint32_t *fl);

static inline int fp_is_nan(int dp, uint64_t a)
{
	return dp ? (a & ~(1ull << 63)) > 0x7ff0000000000000ull : (a & 0x7fffffffu) > 0x7f800000u;
}

static inline int fp_is_snan(int dp, uint64_t a)
{
	return fp_is_nan(dp, a) && !(dp ? (a >> 51) & 1 : (a >> 22) & 1);
}

static inline uint64_t fp_default_nan(int dp) { return dp ? 0x7ff8000000000000ull : 0x7fc00000u; }

#endif /* XARCH_ARM_VFP_H */
