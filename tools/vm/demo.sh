#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The demo run inside the VM (tools/xarch-vm demo): each step is shown, run, and its status printed.
# Any step that fails makes the demo fail.
fail=0
step() {
	echo
	echo "\$ $*"
	sh -c "$*"
	rc=$?
	[ $rc = 0 ] || echo "[exit status $rc]"
	return $rc
}
must() { step "$@" || fail=1; }
say() { echo; echo "-- $*"; }

echo "== xarch demo: Linux $(uname -r) on $(uname -m) =="
say "The module was loaded at boot with plain 'insmod /xarch/binfmt_xarch.ko'. It found"
echo "   /usr/lib/xarch/xarch-aarch64 (our emulator) and configured aarch64 by itself:"
must "grep binfmt_xarch /proc/modules"
must "xarchctl status"

say "An AArch64 program, run like any other: the kernel hands it to the emulator"
must "xarchctl inspect /guest/hello-static"
must "/guest/hello-static one two"
must "cd /guest && ./hello-static"

say "A dynamically linked one: the emulator needs an arm64 sysroot; tell the module once"
must "xarchctl sysroot set --default /usr/aarch64-linux-gnu"
must "/guest/hello-dynamic"

say "A chroot into Debian's arm64 busybox: no emulator inside it, and none needed"
must "xarchctl sysroot unset --default"
must "ls /srv/arm64root; echo \"files named like an emulator in it: \$(find /srv/arm64root -name '*xarch*' -o -name '*qemu*' | wc -l)\""
must "chroot /srv/arm64root /bin/sh -c 'uname -m; ls /'"

say "A new mount namespace (as a container has) gets a sysroot of its own, set from the host"
must "unshare -m sh -c 'xarchctl sysroot set --pid \$\$ /usr/aarch64-linux-gnu >/dev/null && xarchctl sysroot list && /guest/hello-dynamic'"
must "xarchctl sysroot list"

say "A 32-bit ARM (armhf, Raspberry Pi class) program: the module hands it to xarch-arm"
must "/guest/hello-armhf-static"
say "Each architecture gets its own sysroot: arm64 and armhf dynamic programs side by side"
must "xarchctl sysroot set --arch aarch64 /usr/aarch64-linux-gnu && xarchctl sysroot set --arch arm /usr/arm-linux-gnueabihf"
must "xarchctl sysroot list"
must "/guest/hello-dynamic & /guest/hello-armhf-dynamic; wait"
must "xarchctl sysroot unset --arch aarch64 && xarchctl sysroot unset --arch arm"

say "Why something would not run, explained"
must "printf 'not an elf' > /tmp/junk; chmod +x /tmp/junk; xarchctl doctor /tmp/junk; true"

echo
if [ $fail = 0 ]; then echo "== demo: every step worked =="; else echo "== demo: a step FAILED =="; fi
exit $fail
