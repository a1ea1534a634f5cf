# SPDX-License-Identifier: GPL-2.0-only
# single steps over a system call (getpid) and through the register set-up
break setregs
continue
set $i = 0
while $i < 30
  stepi
  x/i $pc
  set $i = $i + 1
end
info registers x8 cpsr
delete
continue
