/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * model.h — the CPU model xarch-arm emulates (model.c): the ARMv7-A default or an ARM1176
 * (ARMv6KZ with VFPv2: -cpu arm1176).
 */
#ifndef XARCH_ARM_MODEL_H
#define XARCH_ARM_MODEL_H

#include <stdint.h>
#include "decode.h"

/* 1 when the CPU is an ARM1176 (set once, before the program loads) */
extern int arm_v6;

/* guest.cpu_model: select the model NAME; its uname machine and AT_PLATFORM */
int arm_cpu_model(const char *name, const char **machine, const char **platform);

/* gdb.c: the target description for the model chosen */
void arm_gdb_model(void);

/* The opcode decode found for word w, or none when this CPU does not have the instruction. */
enum arm_op model_gate(enum arm_op op, uint32_t w, enum arm_op none);

#endif /* XARCH_ARM_MODEL_H */
