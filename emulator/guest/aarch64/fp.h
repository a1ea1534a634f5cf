/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fp.h — the floating-point core shared by scalar FP and AdvSIMD: Arm semantics (NaN
 * propagation, default NaN, FPCR rounding mode and FZ, FPSR cumulative flags) on top of host
 * SSE arithmetic. Values are raw bit patterns; sz is the log2 byte size (1 half, 2 single,
 * 3 double).
 */
#ifndef XARCH_FP_H
#define XARCH_FP_H

#include "exec.h"

#define FPSR_IOC 0x01u
#define FPSR_DZC 0x02u
#define FPSR_OFC 0x04u
#define FPSR_UFC 0x08u
#define FPSR_IXC 0x10u
#define FPSR_IDC 0x80u
#define FPCR_DN (1u << 25)
#define FPCR_FZ (1u << 24)

enum fp_rmode { FPR_TIEEVEN = 0, FPR_POSINF = 1, FPR_NEGINF = 2, FPR_ZERO = 3, FPR_TIEAWAY = 4, FPR_ODD = 5 };

enum fp_op2 {
	FOP_ADD, FOP_SUB, FOP_MUL, FOP_DIV, FOP_MAX, FOP_MIN, FOP_MAXNM, FOP_MINNM, FOP_MULX,
	FOP_ABD, FOP_RECPS, FOP_RSQRTS, FOP_NMUL,
};

uint64_t fp_op2(struct cpu *c, int op, uint64_t a, uint64_t b, int sz);
uint64_t fp_muladd(struct cpu *c, uint64_t a, uint64_t n, uint64_t m, int sz);	/* a + n*m, fused */
uint64_t fp_sqrt(struct cpu *c, uint64_t a, int sz);
uint32_t fp_compare(struct cpu *c, uint64_t a, uint64_t b, int sz, int signal_all);	/* NZCV */
/* kind: 0 EQ, 1 GE, 2 GT, 3 abs GE, 4 abs GT; returns all-ones or 0 */
uint64_t fp_cmp_mask(struct cpu *c, uint64_t a, uint64_t b, int sz, int kind);
uint64_t fp_round_int(struct cpu *c, uint64_t a, int sz, int rmode, int exact);
uint64_t fp_to_int(struct cpu *c, uint64_t a, int sz, int rmode, int is_signed, int bits, int fbits);
uint64_t fp_from_int(struct cpu *c, uint64_t v, int is_signed, int sz, int fbits);
uint64_t fp_convert(struct cpu *c, uint64_t a, int from, int to);
uint64_t fp_recpe(struct cpu *c, uint64_t a, int sz);
uint64_t fp_rsqrte(struct cpu *c, uint64_t a, int sz);
uint64_t fp_recpx(struct cpu *c, uint64_t a, int sz);
int fp_cur_rmode(const struct cpu *c);
unsigned fp_recip_est_u(unsigned a);	/* Arm RecipEstimate on a 9-bit input */
unsigned fp_rsqrt_est_u(unsigned a);	/* Arm RecipSqrtEstimate on a 9-bit input */

static inline uint64_t fp_neg(uint64_t a, int sz) { return a ^ (1ull << ((8 << sz) - 1)); }
static inline uint64_t fp_abs(uint64_t a, int sz) { return a & ~(1ull << ((8 << sz) - 1)); }

#endif /* XARCH_FP_H */
