#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The demo run inside the VM (tools/xarch-vm demo): each step is shown, run, and its status printed.
fail=0
step() {
	echo
	echo "\$ $*"
	sh -c "$*"
	rc=$?
	echo "[exit status $rc]"
	return $rc
}
must() { step "$@" || fail=1; }

echo "== xarch demo: Linux $(uname -r) on $(uname -m) =="
echo "The module was loaded at boot with: insmod /xarch/binfmt_xarch.ko"
must "grep binfmt_xarch /proc/modules"
must "cat /sys/kernel/binfmt_xarch/aarch64/emulator"
echo
echo "-- an AArch64 static program, executed directly: the kernel hands it to the emulator"
must "file=/guest/hello-static; head -c 20 \$file | od -An -tx1 | head -1"
must "/guest/hello-static one two"
echo
echo "-- a chroot into an arm64 busybox root that contains no emulator at all"
must "ls -l /srv/arm64root/bin/busybox; ls /srv/arm64root/usr/lib/xarch 2>&1 || true"
must "chroot /srv/arm64root /bin/sh -c 'uname -m; ls /'"
echo
if [ $fail = 0 ]; then echo "== demo: every step worked =="; else echo "== demo: a step FAILED =="; fi
exit $fail
