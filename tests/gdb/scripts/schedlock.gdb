# SPDX-License-Identifier: GPL-2.0-only
# step main with the spinner held (scheduler-locking): its count does not move; then it runs
break stop_here
continue
set scheduler-locking on
set $before = spins
stepi
stepi
stepi
next
print spins == $before
info threads
set scheduler-locking off
set var stop = 1
delete
continue
