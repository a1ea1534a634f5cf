# SPDX-License-Identifier: GPL-2.0-only
# every register at a point where all are known; writes to r5, d3 (through s7) and cpsr show
break regs_here
continue
info registers r0 r1 r2 r3 r4 r5 r6 r7 r8 r9 r10 r11 r12 lr pc cpsr fpscr
print $sp == $r13
set $i = 0
while $i < 32
  eval "print/x $d%d.u64", $i
  set $i = $i + 1
end
print $d1
print/x $s5
print $s6
set $r5 = 0x5555
set $s7 = 1.5
set $cpsr = $cpsr & ~0x80000000
print/x $r5
print/x $cpsr
print $d3.f32[1]
continue
