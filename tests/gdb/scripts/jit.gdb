# SPDX-License-Identifier: GPL-2.0-only
# hot() has run 20000 times (translated) when marker() is reached: a breakpoint put into it
# then must hit on each of the 5 calls that follow
break marker
continue
break hot
continue
print x
continue
print x
continue
continue
continue
print x
info breakpoints
delete
continue
