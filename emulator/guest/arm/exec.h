/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exec.h — helpers shared by the 32-bit ARM instruction handlers (exec_*.c, vfp*.c).
 *
 * Handler contract: int exec_X(struct cpu *c, uint32_t insn). On entry c->pc is the address of
 * the instruction and c->r[15] what a read of PC gives (pc + 8 in A32, pc + 4 in T32). insn is
 * the A32 word, the T16 halfword, or a T32 instruction as hw1 << 16 | hw2. Return NEXT (pc
 * advances past the instruction), JUMP (the handler set c->pc and c->thumb), or a positive enum
 * cpu_exit (the handler left c->pc as the exit requires). Every handler does all its memory
 * accesses before it writes a register (core/vcpu.h).
 */
#ifndef XARCH_ARM_EXEC_H
#define XARCH_ARM_EXEC_H

#include <stdint.h>
#include <string.h>
#include "cpu.h"

#define NEXT 0
#define JUMP (-1)
#define NEXT_IT (-2)	/* IT: NEXT, ITSTATE already set for the next instruction */

/* A handler executes one instruction and returns NEXT, JUMP, NEXT_IT or a cpu exit. */
typedef int (*arm_handler_fn)(struct cpu *c, uint32_t insn);
/* Indexed by decoded opcode (exec.c): the interpreter's dispatch, and the JIT's fallback. */
extern const arm_handler_fn arm_handlers[];

#define BITS(i, hi, lo) (((i) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))
#define BIT(i, n) (((i) >> (n)) & 1)

#define NZCV_N CPSR_N
#define NZCV_Z CPSR_Z
#define NZCV_C CPSR_C
#define NZCV_V CPSR_V

/* Shift types of the ARM ARM's DecodeImmShift / register shifts; RRX is its own type here. */
enum { SR_LSL, SR_LSR, SR_ASR, SR_ROR, SR_RRX };

/* Guest memory: identity mapped, guest addresses are 32 bits. Unaligned word and halfword
 * accesses are allowed as on ARMv7 with SCTLR.U set (LDM/LDRD/VLDR alignment faults are fixed
 * up by Linux, so they behave as unaligned accesses too); only exclusives check alignment. */
static inline void *gptr(uint32_t a) { return (void *)(uintptr_t)a; }
static inline uint32_t ld8(uint32_t a) { return *(volatile uint8_t *)gptr(a); }
static inline uint32_t ld16(uint32_t a) { uint16_t v; memcpy(&v, gptr(a), 2); return v; }
static inline uint32_t ld32(uint32_t a) { uint32_t v; memcpy(&v, gptr(a), 4); return v; }
static inline uint64_t ld64(uint32_t a) { uint64_t v; memcpy(&v, gptr(a), 8); return v; }
static inline void st8(uint32_t a, uint32_t v) { *(volatile uint8_t *)gptr(a) = (uint8_t)v; }
static inline void st16(uint32_t a, uint32_t v) { uint16_t x = (uint16_t)v; memcpy(gptr(a), &x, 2); }
static inline void st32(uint32_t a, uint32_t v) { memcpy(gptr(a), &v, 4); }
static inline void st64(uint32_t a, uint64_t v) { memcpy(gptr(a), &v, 8); }

static inline uint32_t ror32(uint32_t v, unsigned r) { r &= 31; return r ? (v >> r) | (v << (32 - r)) : v; }
static inline int32_t sext(uint32_t v, int bits) { return (int32_t)(v << (32 - bits)) >> (32 - bits); }

/* Set N and Z from a result, keeping C and V. */
static inline void set_nz(struct cpu *c, uint32_t r)
{
	c->nzcv = (c->nzcv & (NZCV_C | NZCV_V)) | (r & NZCV_N) | (r ? 0 : NZCV_Z);
}

/* AddWithCarry: the result, the flags in NZCV layout. */
static inline uint32_t add_c(uint32_t a, uint32_t b, uint32_t cin, uint32_t *fl)
{
	uint64_t u = (uint64_t)a + b + cin;
	uint32_t r = (uint32_t)u, f = (r & NZCV_N) | (r ? 0 : NZCV_Z);
	if (u >> 32)
		f |= NZCV_C;
	if (((a ^ r) & (b ^ r)) >> 31)
		f |= NZCV_V;
	*fl = f;
	return r;
}

/* Whether the condition cond (0..15) holds for the flags nzcv (bits 31..28). */
extern const uint16_t cond_table[16];
static inline int cond_pass(uint32_t nzcv, unsigned cond)
{
	return (cond_table[cond] >> (nzcv >> 28)) & 1;
}

/* Branch targets (ARM ARM BranchWritePC, BXWritePC; LoadWritePC = BXWritePC, ALUWritePC =
 * BXWritePC in A32 and BranchWritePC in T32). */
static inline int branch_to(struct cpu *c, uint32_t a)
{
	c->pc = c->thumb ? a & ~1u : a & ~3u;
	return JUMP;
}
static inline int bx_to(struct cpu *c, uint32_t a)
{
	c->thumb = a & 1;
	c->pc = c->thumb ? a & ~1u : a & ~3u;
	return JUMP;
}
static inline int alu_to(struct cpu *c, uint32_t a)
{
	return c->thumb ? branch_to(c, a) : bx_to(c, a);
}

/* Whether the current T32 instruction is inside an IT block (its flag-setting rules differ). */
static inline int in_it(const struct cpu *c) { return (c->itstate & 0xf) != 0; }

/* The shifter (ARM ARM Shift_C): amount may be any value for register-specified shifts. */
uint32_t shift_c(uint32_t v, unsigned type, unsigned amt, uint32_t cin, uint32_t *cout);
/* DecodeImmShift: type and imm5 of an instruction into shift type and amount. */
void imm_shift(unsigned type, unsigned imm5, unsigned *t, unsigned *amt);
/* ARMExpandImm_C (A32 rotated imm12) and ThumbExpandImm_C (T32 modified immediate). */
uint32_t a32_expand_imm(uint32_t imm12, uint32_t cin, uint32_t *cout);
uint32_t t32_expand_imm(uint32_t imm12, uint32_t cin, uint32_t *cout);

/* Data-processing operations, A32 opcode numbering; ORN (T32 only) is 16. */
enum { DP_AND, DP_EOR, DP_SUB, DP_RSB, DP_ADD, DP_ADC, DP_SBC, DP_RSC, DP_TST, DP_TEQ, DP_CMP, DP_CMN,
	DP_ORR, DP_MOV, DP_BIC, DP_MVN, DP_ORN };
/* Operation op on a and b (b's shifter carry out shc) into rd, flags when s; NEXT or JUMP. */
int dp_exec(struct cpu *c, unsigned op, unsigned rd, uint32_t a, uint32_t b, uint32_t shc, int s);

/* Multiplies and divides shared by A32 and T32 (exec_mul.c). */
enum { MU_MUL, MU_MLA, MU_MLS, MU_UMULL, MU_UMLAL, MU_SMULL, MU_SMLAL, MU_UMAAL,
	MU_SMLAXY, MU_SMULXY, MU_SMLAWY, MU_SMULWY, MU_SMLALXY,
	MU_SMLAD, MU_SMLSD, MU_SMLALD, MU_SMLSLD, MU_SMMLA, MU_SMMLS, MU_SMMUL,
	MU_SDIV, MU_UDIV, MU_USAD8, MU_USADA8 };
/*
 * rd (or RdLo), rdhi (RdHi of long forms), rn, rm, ra (accumulator, long forms: unused);
 * sub: for xy forms bit 0 = N top half (x), bit 1 = M top half (y); for dual forms bit 0 = swap
 * M's halves (X); for SMMLA/SMMLS/SMMUL bit 0 = round.
 */
int mul_exec(struct cpu *c, unsigned op, int s, unsigned rd, unsigned rdhi, unsigned rn, unsigned rm,
	     unsigned ra, unsigned sub);

/* Media operations shared by A32 and T32 (exec_media.c). */
/* Parallel add/subtract: kind 0 S, 1 Q, 2 SH, 3 U, 4 UQ, 5 UH; op 0 ADD16, 1 ASX, 2 SAX,
 * 3 SUB16, 4 ADD8, 5 SUB8. */
uint32_t par_addsub(struct cpu *c, unsigned kind, unsigned op, uint32_t a, uint32_t b);
/* QADD/QSUB/QDADD/QDSUB: op 0 QADD 1 QSUB 2 QDADD 3 QDSUB; rd = result (sets Q). */
uint32_t qaddsub(struct cpu *c, unsigned op, uint32_t m, uint32_t n);
/* SSAT/USAT of a (saturating to sat bits: signed 1..32, unsigned 0..31), sets Q. */
uint32_t ssat(struct cpu *c, int64_t v, unsigned bits);
uint32_t usat(struct cpu *c, int64_t v, unsigned bits);
uint32_t ssat16(struct cpu *c, uint32_t v, unsigned bits);
uint32_t usat16(struct cpu *c, uint32_t v, unsigned bits);
uint32_t sel(const struct cpu *c, uint32_t n, uint32_t m);
uint32_t rbit(uint32_t v);
/* Extend-and-add: op 0 SXTAB16, 2 SXTAB, 3 SXTAH, 4 UXTAB16, 6 UXTAB, 7 UXTAH (A32 op field);
 * n is the addend (0 for the plain extends), m already rotated. */
uint32_t xtend(unsigned op, uint32_t n, uint32_t m);

/* Loads and stores (exec_ldst.c). size 1, 2, 4; sgn: sign-extend. */
/* A T32 single load/store (LDR/STR{,B,H,SB,SH}: literal, imm12, imm8 and register forms), decoded
 * once for the interpreter and the translator. */
struct t32_ldst {
	unsigned size, sgn, load;
	uint32_t off;		/* the immediate; the register form: the shift applied to Rm */
	int add, index, wback, reg;
};
/* 0: a load/store; 1: a preload hint (no effect); -1: UNDEFINED. */
int t32_ldst_decode(unsigned op, uint32_t insn, struct t32_ldst *d);
int ldst_single(struct cpu *c, int load, unsigned size, int sgn, unsigned rt, unsigned rn, uint32_t off,
		int add, int index, int wback);
int ldst_dual(struct cpu *c, int load, unsigned rt, unsigned rt2, unsigned rn, uint32_t off, int add,
	      int index, int wback);
/* LDM/STM: list of registers, the lowest address, whether to write back and Rn's new value. */
int ldst_multi(struct cpu *c, int load, unsigned rn, uint32_t list, uint32_t start, int wback, uint32_t newrn);
/* LDREX/STREX: size 1, 2, 4, 8 (D: rt, rt2). rs receives the STREX status. */
int ldrex(struct cpu *c, unsigned size, unsigned rt, unsigned rt2, uint32_t addr);
int strex(struct cpu *c, unsigned size, unsigned rs, unsigned rt, unsigned rt2, uint32_t addr);
/* TPIDRURO/TPIDRURW and the CP15 barrier operations (MRC/MCR p15). */
int cp15_access(struct cpu *c, int read, unsigned opc1, unsigned crn, unsigned crm, unsigned opc2, unsigned rt);
/* MSR APSR from value v; mask bit 1 = write N Z C V Q, bit 0 = write GE. */
void msr_apsr(struct cpu *c, uint32_t v, unsigned mask);

int exec_align_fault(struct cpu *c, uint32_t addr);
/* The HWCAP bits of the floating-point and Advanced SIMD units (vfp.c). */
uint32_t vfp_hwcap(void);

#endif /* XARCH_ARM_EXEC_H */
