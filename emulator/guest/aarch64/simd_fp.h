/* SPDX-License-Identifier: GPL-2.0-only */
/* simd_fp.h — FP sub-encodings of the AdvSIMD groups (simd_fp.c). */
#ifndef XARCH_SIMD_FP_H
#define XARCH_SIMD_FP_H

#include "simd.h"

int simd_fp_3same(struct cpu *c, uint32_t insn, int scalar);
int simd_fp_2misc(struct cpu *c, uint32_t insn, int scalar);
int simd_fp_across(struct cpu *c, uint32_t insn);
int simd_fp_pair_scalar(struct cpu *c, uint32_t insn);
int simd_fp_shift_imm(struct cpu *c, uint32_t insn, int scalar);
int simd_fp_elem(struct cpu *c, uint32_t insn, int scalar);

#endif /* XARCH_SIMD_FP_H */
