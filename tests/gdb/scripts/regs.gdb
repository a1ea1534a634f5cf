# SPDX-License-Identifier: GPL-2.0-only
# every register at a point where all are known; writes to x5 and v3 show in the output
break regs_here
continue
info registers x0 x1 x2 x3 x4 x5 x6 x7 x8 x9 x10 x11 x12 x13 x14 x15
info registers x16 x17 x18 x19 x20 x21 x22 x23 x24 x25 x26 x27 x28 x30 pc cpsr fpsr fpcr
print $sp == $x29 - 0
set $i = 0
while $i < 32
  eval "print/x $v%d.q.u", $i
  set $i = $i + 1
end
print/x $v7.b.u
print/x $v9.s.u
print $d3
print $s31
print/x $q2
set $x5 = 0x5555
set $v3.q.u[0] = 0xaa
print/x $x5
continue
