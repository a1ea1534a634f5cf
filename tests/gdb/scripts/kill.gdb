# SPDX-License-Identifier: GPL-2.0-only
# kill at a breakpoint: the program is gone, its output never printed
break marker
continue
kill
