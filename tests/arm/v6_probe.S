// SPDX-License-Identifier: GPL-2.0-only
/*
 * v6_probe.S — one function per instruction to probe (v6_probe.c calls each with a SIGILL
 * handler that steps over an undefined instruction): what an ARMv6 (ARM1176, VFPv2) has and
 * what only ARMv6T2/ARMv7, VFPv3/v4 and Advanced SIMD have. Assembled for the largest
 * architecture; the program itself is ARMv6 code.
 */
	.syntax unified
	.arch armv7ve
	.fpu neon-vfpv4
	.text

	.macro probe name
	.global p_\name
	.type p_\name, %function
	.arm
p_\name:
	.endm
	.macro tprobe name
	.global p_\name
	.type p_\name, %function
	.thumb
	.thumb_func
p_\name:
	.endm

	/* ARMv6 (and ARMv6K) instructions: defined on both models */
	probe ldrex
	ldrex	r1, [r0]
	strex	r2, r1, [r0]
	bx	lr
	probe ldrexb
	ldrexb	r1, [r0]
	strexb	r2, r1, [r0]
	bx	lr
	probe clrex
	clrex
	bx	lr
	probe media
	uxtb16	r1, r0
	sel	r1, r1, r0
	usad8	r1, r1, r0
	smmla	r1, r1, r0, r1
	rev	r1, r0
	bx	lr
	probe cp15dmb
	mcr	p15, 0, r0, c7, c10, 5
	bx	lr
	probe yield
	yield
	bx	lr
	probe kuser			@ the kuser helpers an ARMv6 C library calls (no DMB in them)
	push	{r4, lr}
	mov	r2, r0			@ __kuser_cmpxchg(12345, 7, scratch): 0, *scratch = 7
	ldr	r0, [r2]
	mov	r1, #7
	ldr	r4, =0xffff0fc0
	blx	r4
	ldr	r4, =0xffff0fa0		@ __kuser_memory_barrier
	blx	r4
	ldr	r4, =0xffff0fe0		@ __kuser_get_tls
	blx	r4
	pop	{r4, pc}
	.ltorg
	probe vfp2
	vmov	d1, r0, r0
	vadd.f64 d0, d1, d1
	vmul.f32 s0, s1, s1
	vcvt.s32.f64 s2, d0
	vmrs	r1, fpscr
	bx	lr

	/* ARMv6T2 / ARMv7 */
	probe movw
	movw	r1, #0x1234
	bx	lr
	probe movt
	movt	r1, #0x1234
	bx	lr
	probe bfi
	bfi	r1, r0, #0, #1
	bx	lr
	probe ubfx
	ubfx	r1, r0, #0, #1
	bx	lr
	probe rbit
	rbit	r1, r0
	bx	lr
	probe mls
	mls	r1, r0, r0, r0
	bx	lr
	probe dmb
	dmb	ish
	bx	lr
	probe dsb
	dsb	sy
	bx	lr
	probe isb
	isb	sy
	bx	lr
	probe pli
	pli	[r0]
	bx	lr
	probe sdiv
	mov	r2, #3
	sdiv	r1, r0, r2
	bx	lr
	probe udiv
	mov	r2, #3
	udiv	r1, r0, r2
	bx	lr
	/* VFPv3, VFPv4, Advanced SIMD */
	probe vmovimm
	vmov.f64 d0, #1.0
	bx	lr
	probe vcvtfix
	vcvt.f32.s32 s0, s0, #16
	bx	lr
	probe vcvthalf
	vcvtb.f32.f16 s0, s1
	bx	lr
	probe vfma
	vfma.f64 d0, d1, d2
	bx	lr
	probe d16
	vmov	d16, r0, r0
	bx	lr
	probe d16add
	vadd.f64 d0, d1, d17
	bx	lr
	probe vldrd16
	vldr	d16, [r0]
	bx	lr
	probe vldmd16
	vldmia	r0, {d14-d17}
	bx	lr
	probe vmovscalar8
	vmov.8	d0[1], r0
	bx	lr
	probe vdup
	vdup.32	d0, r0
	bx	lr
	probe neonadd
	vadd.i32 d0, d0, d0
	bx	lr
	probe neonld
	vld1.8	{d0}, [r0]
	bx	lr

	/* Thumb: the BL pair and Thumb-1 on both; Thumb-2 on ARMv7 only */
	tprobe t_v6
	push	{r4, lr}
	rev	r1, r0
	uxtb	r1, r0
	bl	p_t_leaf
	pop	{r4, pc}
	tprobe t_leaf
	bx	lr
	tprobe t_cbz
	cbz	r1, 1f
1:	bx	lr
	tprobe t_it
	cmp	r0, r0
	it	eq
	moveq	r1, r0
	bx	lr
	tprobe t_nop
	nop
	bx	lr
	tprobe t_movw
	movw	r1, #0x1234
	bx	lr
	.section .note.GNU-stack, "", %progbits
