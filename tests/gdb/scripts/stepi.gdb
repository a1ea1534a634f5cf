# SPDX-License-Identifier: GPL-2.0-only
# stepi x 80 from main: the same pcs, through calls and returns
# (arguments not shown: on entry to add() they are read from stack slots not yet written)
set print frame-arguments none
break main
continue
set $i = 0
while $i < 80
  stepi
  set $i = $i + 1
end
print $pc
delete
continue
