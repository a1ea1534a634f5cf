# SPDX-License-Identifier: GPL-2.0-only
# no `file`, no sysroot: GDB takes the program, its libraries, /proc/PID/maps and the auxv
# from the target (qXfer:exec-file, vFile, qXfer:auxv)
break add
continue
bt
info sharedlibrary
info proc mappings
info auxv
delete
continue
