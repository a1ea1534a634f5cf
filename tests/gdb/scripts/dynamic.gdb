# SPDX-License-Identifier: GPL-2.0-only
# a dynamic program: the shared libraries through r_debug, a breakpoint in libc, backtraces
break add
continue
bt
info sharedlibrary
break printf
delete 1
continue
bt
delete
continue
