// SPDX-License-Identifier: GPL-2.0-only
/*
 * g_regs.S — every register GDB shows set to a known value at regs_here (x0..x28, NZCV, FPCR,
 * v0..v31), a system call inside the range a test single-steps, and the values of x5 and v3
 * after regs_here kept in globals, so a register GDB writes there shows in the output.
 */
	.text
	.global setregs
	.type setregs, %function
setregs:
	stp	x29, x30, [sp, #-176]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	stp	d8, d9, [sp, #96]
	stp	d10, d11, [sp, #112]
	stp	d12, d13, [sp, #128]
	stp	d14, d15, [sp, #144]
	mov	x8, #172		// getpid: a system call to step over
	svc	#0
	/* v<n>: byte k = (16 * n + 3 * k + n / 16) mod 256 */
	adrp	x9, vpat
	add	x9, x9, :lo12:vpat
	ld1	{v0.16b-v3.16b}, [x9], #64
	ld1	{v4.16b-v7.16b}, [x9], #64
	ld1	{v8.16b-v11.16b}, [x9], #64
	ld1	{v12.16b-v15.16b}, [x9], #64
	ld1	{v16.16b-v19.16b}, [x9], #64
	ld1	{v20.16b-v23.16b}, [x9], #64
	ld1	{v24.16b-v27.16b}, [x9], #64
	ld1	{v28.16b-v31.16b}, [x9], #64
	mov	x9, #(1 << 24)		// FPCR.FZ
	orr	x9, x9, #(2 << 22)	// RMode: towards minus infinity
	msr	fpcr, x9
	movz	x0, #0x1000
	movk	x0, #0xdead, lsl #48
	mov	x1, #1
	mov	x2, #2
	mov	x3, #3
	mov	x4, #4
	mov	x5, #5
	mov	x6, #6
	mov	x7, #7
	mov	x8, #8
	mov	x9, #9
	mov	x10, #10
	mov	x11, #11
	mov	x12, #12
	mov	x13, #13
	mov	x14, #14
	mov	x15, #15
	mov	x16, #16
	mov	x17, #17
	mov	x18, #18
	mov	x19, #19
	mov	x20, #20
	mov	x21, #21
	mov	x22, #22
	mov	x23, #23
	mov	x24, #24
	mov	x25, #25
	mov	x26, #26
	mov	x27, #27
	mov	x28, #-28
	cmp	x28, #0			// N=1, C=0: NZCV = 0x8
	bl	regs_here
	adrp	x9, out_x5
	str	x5, [x9, :lo12:out_x5]
	adrp	x9, out_v3
	add	x9, x9, :lo12:out_v3
	str	q3, [x9]
	msr	fpcr, xzr
	ldp	d14, d15, [sp, #144]
	ldp	d12, d13, [sp, #128]
	ldp	d10, d11, [sp, #112]
	ldp	d8, d9, [sp, #96]
	ldp	x27, x28, [sp, #80]
	ldp	x25, x26, [sp, #64]
	ldp	x23, x24, [sp, #48]
	ldp	x21, x22, [sp, #32]
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #176
	ret
	.size setregs, . - setregs

	.global regs_here
	.type regs_here, %function
regs_here:
	ret
	.size regs_here, . - regs_here

	.section .rodata
	.balign 16
vpat:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.irp k, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	.byte (16*\n + 3*\k + \n/16) & 255
	.endr
	.endr

	.bss
	.balign 16
	.global out_x5, out_v3
out_x5:	.skip 8
	.balign 16
out_v3:	.skip 16
	.section .note.GNU-stack, "", %progbits
