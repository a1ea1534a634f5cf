# SPDX-License-Identifier: GPL-2.0-only
# single steps over a system call (getpid) in ARM state and in Thumb state; a breakpoint on a
# 32-bit Thumb instruction
break setregs
continue
set $i = 0
while $i < 5
  stepi
  x/i $pc
  set $i = $i + 1
end
info registers r7
break t_wide
continue
set $i = 0
while $i < 3
  stepi
  x/i $pc
  set $i = $i + 1
end
info registers r7 cpsr
delete
continue
