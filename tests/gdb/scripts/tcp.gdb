# SPDX-License-Identifier: GPL-2.0-only
# over TCP: a breakpoint, then the exit
break add
continue
delete
continue
