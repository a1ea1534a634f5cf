# SPDX-License-Identifier: GPL-2.0-only
# single steps through Thumb code: IT blocks (their failing instructions are steps too), a
# 32-bit instruction in one, a call to ARM code and the return; cpsr shows T and ITSTATE
break tsteps
continue
set $i = 0
while $i < 22
  stepi
  x/i $pc
  print/x $cpsr
  set $i = $i + 1
end
info registers r0 r1 r2 r3
delete
continue
