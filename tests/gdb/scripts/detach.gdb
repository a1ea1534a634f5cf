# SPDX-License-Identifier: GPL-2.0-only
# detach at a breakpoint: the program runs on to its normal end (its output and status)
break marker
continue
detach
