# SPDX-License-Identifier: GPL-2.0-only
# breakpoints and their counts, backtraces, finish/next/step, a global rewritten, the exit code
break add
continue
bt
finish
next
step
bt
continue
info breakpoints
delete
break marker
continue
break hot
continue
bt
continue 3
print x
info breakpoints
delete
set var g_value = 42
continue
