# SPDX-License-Identifier: GPL-2.0-only
# an ARM1176 (VFPv2): d0..d15 and fpscr, no d16..d31 nor q registers; the program's own SIGILLs
# (the ARMv7 instructions it probes) go to its handler
handle SIGILL nostop noprint pass
break p_vfp2
continue
stepi
stepi
info registers d1 d15 fpscr
p $d1
p $s2
p $d16
p $q0
info registers r0 pc cpsr
delete
continue
