# SPDX-License-Identifier: GPL-2.0-only
# musl-vm.sh — run by tools/xarch-vm (its busybox sh, module loaded) in the VM, against the
# Alpine-style musl root of tests/wild/t-musl at /srv/alpine: no emulator inside the root, every
# arm64 program (the musl busybox as /bin/sh, musl programs, the loader) is run by the kernel
# through binfmt_xarch. Sections are marked "== NAME"; the host (t-musl) compares them.
r=/srv/alpine
mount -t proc proc $r/proc
mount --bind /dev $r/dev
in_root() { chroot $r /usr/bin/env -i PATH=/usr/local/bin:/bin:/sbin:/usr/bin:/usr/sbin HOME=/root "$@"; }
echo "== emulator"
find $r -name 'xarch*' | grep -c .
echo "== uname"
in_root /bin/sh -c 'uname -m; echo $0; readlink /proc/self/exe; readlink /proc/$$/exe'
echo "== loop"
in_root /bin/sh /loop.sh
echo "rc=$?"
echo "== threads"
in_root /usr/local/bin/threads
echo "rc=$?"
echo "== loader"
in_root /lib/ld-musl-aarch64.so.1 /usr/local/bin/threads
echo "rc=$?"
echo "== ldd"
in_root /lib/ld-musl-aarch64.so.1 --list /usr/local/bin/threads
echo "rc=$?"
echo "== popen"
in_root popen
echo "rc=$?"
