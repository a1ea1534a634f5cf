# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2016,SC2034,SC2154 # sourced by run: its helpers, counters and settings
# The debugger suite for the 32-bit arm guest: the same sessions against `qemu-arm-static -g`
# and `xarch-arm -g` on armhf programs built -marm and -mthumb (Makefile: $O/arm), with the
# common scenarios (scripts/*.gdb) and arm's own (scripts/arm/*.gdb: every register, single
# steps through IT blocks and interworking, steps over svc, the q registers; with -cpu arm1176
# (XARCH_CPU, and QEMU_CPU for qemu) tests/arm's ARMv6 probe: VFPv2's registers).
#
# What legitimately differs, beyond what run normalises:
#   - where the stack, the dynamic loader, libraries and a PIE program are mapped: qemu-arm 7.2
#     below and around 0x40800000 (0x3f......, 0x40......), we at 0xaaaa0000 (a PIE program,
#     as Linux places it) and under the vectors page (0xf.......);
#   - see NOQEMU and compare_stepsvc below for where qemu itself is wrong or different.
# Every xarch-arm session runs the interpreter (the arm guest has no translator yet).
EMU=$EMU_ARM
QEMU=${QEMU_ARM:-qemu-arm-static}
SYSROOT=/usr/arm-linux-gnueabihf
O=$O/arm
SCRIPTS=$HERE/scripts/arm
MODES=(default)
have_qemu=1
command -v "$QEMU" >/dev/null || have_qemu=0
NORM_EXTRA=(-e 's/0x(f[0-9a-f]|aa|3f|40)[0-9a-f]{6}\b/ADDR/g'
	-e 's/^([a-z0-9]+ +ADDR +)(-?[0-9]+|ADDR.*)$/\1ADDR/')

if [ ! -x "$EMU" ]; then
	notok "arm: emulator $EMU not built"
	return 0
fi

NOQEMU[qregs]="qemu 7.2 gives GDB the two halves of a q register swapped (q2's lane 0 is d5's), and writes them so"

expect_regs() {
	cat "$1.stdout" >>"$1.gdb"
	expect "$1.gdb" "$2: registers read and written" \
		'^r0 +0xdead1000 ' 1 '^r5 +0x5 +5$' 1 '^r12 +0xfffffff4 +-12$' 1 \
		'^cpsr +0xa80f0010 ' 1 '^fpscr +0x1800000 ' 1 '^\$2 = 0x15120f0c09060300$' 1 \
		'^\$33 = 0xd0a070401fefbf8$' 1 '^\$34 = \{u8 = \{8, 11, 14, 17, 20, 23, 26, 29\}' 1 \
		'^\$38 = 0x280f0010$' 1 '^\$39 = 1.5$' 1 \
		'^r5=0x5555 d3=0x3fc00000211e1b18 ' 1
}
expect_qregs() {
	cat "$1.stdout" >>"$1.gdb"
	expect "$1.gdb" "$2: q registers are pairs of d registers, read and written" \
		'^\$1 = \{u8 = \{0x20, 0x23, 0x26, 0x29, 0x2c, 0x2f, 0x32, 0x35, 0x28, ' 1 '^\$2 = 0x1$' 1 \
		'^\$3 = \{0x49464340, 0x77, 0x514e4b48, 0x5d5a5754\}$' 1 \
		' q4=0x49464340,0x77,0x514e4b48,0x5d5a5754 ' 1
}
expect_stepit() {
	expect "$1.gdb" "$2: IT blocks stepped instruction by instruction, ARM and back" \
		'^=> 0x[0-9a-f]+ <tsteps\+(7|9)>:.*mov(gt|le)' 2 '^\$4 = 0x2000cc30$' 1 '^\$5 = 0x2000d830$' 1 \
		'^=> 0x[0-9a-f]+ <tsteps\+23>:.*movwne' 1 '^=> 0x[0-9a-f]+ <armfunc>:' 1 \
		'^r1 +0x65 +101$' 1 '^r2 +0x16 +22$' 1 'exited normally' 1
}
# Known difference, qemu's: a step over svc runs one more instruction (as for AArch64).
compare_stepsvc() {
	# (a Thumb function's symbol is odd: tsvc+7 is the instruction after its svc at +5)
	local want='=> 0x[0-9a-f]+ <(setregs\+16|tsvc\+7)>'
	if [ "$(grep -cE "^$want" "$1.gdb")" = 0 ] && [ "$(grep -cE "^$want" "$2.gdb")" = 2 ]; then
		ok "$3: a step over svc stops right after it, ARM and Thumb (qemu 7.2 runs one more instruction)"
	else
		notok "$3: a step over svc stops right after it (qemu 7.2 runs one more instruction)" \
			"$(diff <(normalise "$1.gdb") <(normalise "$2.gdb"))"
	fi
}
expect_stepsvc() {
	local got
	got=$(grep -oE '^=> 0x[0-9a-f]+ <[a-z]+\+[0-9]+>' "$1.gdb" | grep -oE '<.*>' | tr -d '<>' | tr '\n' ' ')
	if [ "$got" = "setregs+4 setregs+8 setregs+12 setregs+16 setregs+20 tsvc+5 tsvc+7 tsvc+9 " ]; then
		ok "$2: 8 steps are the 8 next instructions"
	else
		notok "$2: 8 steps are the 8 next instructions" "got: $got"
	fi
	expect "$1.gdb" "$2: a breakpoint on a 32-bit Thumb instruction, the system calls ran" \
		'^Breakpoint 2, tsvc \(\) at .*g_regs.S:105$' 1 '^r7 +0x14 +20$' 2 '^cpsr +0x[0-9a-f]*30 ' 1 \
		'exited normally' 1
}
expect_vfp2() {
	cat "$1.stdout" >>"$1.gdb"
	# (d1 is two copies of r0, the address of the program's scratch words)
	expect "$1.gdb" "$2: d0..d15 and fpscr, no d16 or q registers; the program's SIGILLs handled" \
		'^d1 +.*\(raw 0x(0001[0-9a-f]{4})\1\)$' 1 '^fpscr +0x0 ' 1 '^\$3 = void$' 1 '^\$4 = void$' 1 \
		'^cpsr +0x60000010 ' 1 'exited normally' 1 '^machine armv6l$' 1 '^movw SIGILL$' 1
}
expect_dynamic() {
	expect "$1.gdb" "$2: shared libraries, a breakpoint in libc" \
		'^0x[0-9a-f]+ +0x[0-9a-f]+ +Yes.*/lib/libc\.so\.6$' 1 \
		'^0x[0-9a-f]+ +0x[0-9a-f]+ +Yes.*/lib/ld-linux-armhf\.so\.3$' 1 '^Breakpoint 2, .*printf' 1 \
		'^#1  0x[0-9a-f]+ in main \(\) at .*g_basic.c' 2 'exited with code 03' 1
}
expect_files() {
	expect "$1.gdb" "$2: program, libraries, mappings, auxv from the target" \
		'^Breakpoint 1, add \(a=0, b=0\) at g_basic.c:14' 1 '^#1  0x[0-9a-f]+ in main \(\) at g_basic.c' 1 \
		'^0x[0-9a-f]+ +0x[0-9a-f]+ +Yes.*target:/lib/libc\.so\.6$' 1 \
		' r-xp +.*/g_basic-dyn-arm$' 1 ' rw-p +\[stack\]$' 1 \
		'^3 +AT_PHDR .* 0xaaaa0034$' 1 '^9 +AT_ENTRY ' 1 '^7 +AT_BASE ' 1 '^15 +AT_PLATFORM .*"v7l"$' 1 \
		'exited with code 03' 1
}

# each C scenario on ARM or Thumb code, the central ones on both (time: about 30 s in all)
for isa in arm thumb; do
	scenario basic "g_basic-$isa"
	scenario dynamic "g_basic-dyn-$isa"
done
scenario stepi g_basic-thumb
scenario thread g_thread-arm
scenario signal g_signal-arm
scenario nopass g_signal-thumb
scenario hbreak g_basic-thumb
scenario detach g_basic-arm
scenario kill g_basic-thumb
scenario regs g_regs
scenario qregs g_regs
scenario stepit g_regs
scenario stepsvc g_regs
scenario files g_basic-dyn-arm
# an ARM1176 (XARCH_CPU for us, QEMU_CPU for qemu): VFPv2's registers only, and its SIGILLs
XARCH_CPU=arm1176 QEMU_CPU=arm1176 scenario vfp2 v6_probe

# XARCH_GDB: a program started without options waits for GDB too; the program does not see it
sock=$T/env-arm.sock
XARCH_GDB=$sock "$EMU" "$O/g_env-thumb" >"$T/env-arm.stdout" 2>"$T/env-arm.stderr" </dev/null &
epid=$!
pids+=("$epid")
if wait_sock "$sock" "$epid"; then
	timeout "$TO" "$GDB" -nx -batch -ex 'set confirm off' -ex "file $O/g_env-thumb" \
		-ex "target remote $sock" -ex 'break main' -ex continue -ex continue </dev/null >"$T/env-arm.gdb" 2>&1
fi
wait_gone "$epid" 10
echo "rc=$?" >>"$T/env-arm.gdb"
cat "$T/env-arm.stdout" >>"$T/env-arm.gdb"
expect "$T/env-arm.gdb" "arm: XARCH_GDB=PATH: waits for GDB, a session through it; the program does not see it" \
	'^Breakpoint 1, main \(\)' 1 'exited normally' 1 '^rc=0$' 1 '^XARCH_GDB=\(unset\)$' 1
