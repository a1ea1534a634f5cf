// SPDX-License-Identifier: GPL-2.0-only
/*
 * g_regs.S (arm) — every register GDB shows set to a known value at regs_here (r0..r12, the
 * flags with Q and GE, FPSCR, d0..d31), a system call in ARM state before them; the values of
 * r5, d3 and q4 after regs_here kept in globals, so registers GDB writes there show in the
 * output. tsteps() is Thumb code to single-step: IT blocks whose instructions pass and fail,
 * a 32-bit instruction inside one, a call into ARM code and back; tsvc() a system call in
 * Thumb state after a 32-bit instruction (t_wide) for a breakpoint.
 */
	.syntax unified
	.arch armv7-a
	.fpu neon
	.text

	.arm
	.global setregs
	.type setregs, %function
setregs:
	push	{r4-r11, lr}
	vpush	{d8-d15}
	mov	r7, #20			@ getpid: a system call to step over
	svc	#0
	/* d<n>: byte k = (8 * n + 3 * k + n / 32) mod 256 */
	ldr	r0, =dpat
	vldmia	r0!, {d0-d15}
	vldmia	r0, {d16-d31}
	ldr	r0, =0x01800000		@ FPSCR.FZ, RMode: towards minus infinity
	vmsr	fpscr, r0
	ldr	r0, =0x080f0000		@ Q and GE = 0b1111
	msr	APSR_nzcvqg, r0
	movw	r0, #0x1000
	movt	r0, #0xdead
	mov	r1, #1
	mov	r2, #2
	mov	r3, #3
	mov	r4, #4
	mov	r5, #5
	mov	r6, #6
	mov	r7, #7
	mov	r8, #8
	mov	r9, #9
	mov	r10, #10
	mov	r11, #11
	mvn	r12, #11		@ -12
	cmp	r12, #0			@ N=1, C=1: NZCV = 0xa
	bl	regs_here
	ldr	r0, =out_r5
	str	r5, [r0]
	ldr	r0, =out_d3
	vstr	d3, [r0]
	ldr	r0, =out_q4
	vst1.64	{d8-d9}, [r0]
	mov	r0, #0
	vmsr	fpscr, r0
	msr	APSR_nzcvqg, r0
	vpop	{d8-d15}
	pop	{r4-r11, pc}
	.size setregs, . - setregs

	.global regs_here
	.type regs_here, %function
regs_here:
	bx	lr
	.size regs_here, . - regs_here

	.global armfunc
	.type armfunc, %function
armfunc:
	add	r1, r1, #100
	bx	lr
	.size armfunc, . - armfunc

	.thumb
	.global tsteps
	.type tsteps, %function
	.thumb_func
tsteps:
	push	{r4, r7, lr}
	movs	r0, #5
	cmp	r0, #3			@ GT, NE, CS
	ite	gt
	movgt	r1, #1			@ passes
	movle	r1, #2			@ fails
	itete	eq
	moveq	r2, #1			@ fails
	movne	r2, #2			@ passes
	addeq	r2, r2, #10		@ fails
	addne	r2, r2, #20		@ passes: r2 = 22
	ite	ne
	movwne	r3, #0x1234		@ a 32-bit instruction in an IT block: passes
	moveq	r4, #9			@ fails
	blx	armfunc			@ to ARM and back: r1 = 101
	adds	r0, r1, r2
	adds	r0, r0, r3
	pop	{r4, r7, pc}
	.size tsteps, . - tsteps

	.global tsvc
	.type tsvc, %function
	.thumb_func
tsvc:
	push	{r7, lr}
	.global t_wide
t_wide:
	movw	r7, #20			@ getpid; a 32-bit instruction: a 4-byte breakpoint (Z0 kind 3)
	svc	#0			@ a system call to step over, in Thumb state
	adds	r0, r0, #0
	pop	{r7, pc}
	.size tsvc, . - tsvc
	.ltorg

	.section .rodata
	.balign 8
dpat:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.irp k, 0,1,2,3,4,5,6,7
	.byte (8*\n + 3*\k + \n/32) & 255
	.endr
	.endr

	.bss
	.balign 8
	.global out_r5, out_d3, out_q4
out_r5:	.skip 4
	.balign 8
out_d3:	.skip 8
out_q4:	.skip 16
	.section .note.GNU-stack, "", %progbits
