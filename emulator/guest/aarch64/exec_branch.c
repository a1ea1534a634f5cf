// SPDX-License-Identifier: GPL-2.0-only
/* exec_branch.c — branches and exception-generating instructions. */
#include "exec.h"

int exec_bcond(struct cpu *c, uint32_t insn)
{
	if (!cond_holds(c->nzcv, BITS(insn, 3, 0)))
		return NEXT;
	c->pc += (uint64_t)sext64(BITS(insn, 23, 5) << 2, 21);
	return JUMP;
}

int exec_b(struct cpu *c, uint32_t insn)
{
	if (BIT(insn, 31))
		c->x[30] = c->pc + 4;
	c->pc += (uint64_t)sext64((uint64_t)BITS(insn, 25, 0) << 2, 28);
	return JUMP;
}

int exec_br(struct cpu *c, uint32_t insn)
{
	/* Top byte ignored: a branch target is sign-extended from bit 55 (AArch64.BranchAddr). */
	uint64_t t = (uint64_t)sext64(xr(c, RN(insn)), 56);
	if (BITS(insn, 22, 21) == 1)
		c->x[30] = c->pc + 4;
	c->pc = t;
	return JUMP;
}

int exec_cbz(struct cpu *c, uint32_t insn)
{
	uint64_t v = xr(c, RD(insn));
	if (!BIT(insn, 31))
		v &= 0xffffffffu;
	if ((v == 0) == !BIT(insn, 24)) {
		c->pc += (uint64_t)sext64(BITS(insn, 23, 5) << 2, 21);
		return JUMP;
	}
	return NEXT;
}

int exec_tbz(struct cpu *c, uint32_t insn)
{
	int bit = (BIT(insn, 31) << 5) | BITS(insn, 23, 19);
	if (((xr(c, RD(insn)) >> bit) & 1) == BIT(insn, 24)) {
		c->pc += (uint64_t)sext64(BITS(insn, 18, 5) << 2, 16);
		return JUMP;
	}
	return NEXT;
}

int exec_svc(struct cpu *c, uint32_t insn)
{
	c->xi.svc_imm = BITS(insn, 20, 5);
	c->pc += 4;
	return CPU_EXIT_SVC;
}

int exec_brk(struct cpu *c, uint32_t insn)
{
	c->xi.brk_imm = BITS(insn, 20, 5);
	return CPU_EXIT_BRK;
}

int exec_nop(struct cpu *c, uint32_t insn)
{
	(void)c;
	(void)insn;
	return NEXT;
}
