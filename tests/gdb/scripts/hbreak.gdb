# SPDX-License-Identifier: GPL-2.0-only
# hardware-style breakpoints (Z1: a pc check, memory untouched)
hbreak add
continue
bt
x/i $pc
continue
continue
info breakpoints
delete
continue
