# SPDX-License-Identifier: GPL-2.0-only
# the q registers: q2 is d5:d4 (lane 0 in d4); a write to q4's second word lands in d8
break regs_here
continue
print/x $q2
print/x $q2.u64[0] == $d4.u64
set $q4.u32[1] = 0x77
print/x $q4.u32
continue
