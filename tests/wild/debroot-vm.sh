# SPDX-License-Identifier: GPL-2.0-only
# debroot-vm.sh — run by tools/xarch-vm (busybox sh, module loaded) in the VM, against the trimmed
# Debian arm64 root at /srv/debroot (tests/wild/debroot vm-cpio): no emulator inside the root, every
# arm64 program is run by the kernel through binfmt_xarch. Sections are marked "== NAME"; the host
# (tests/wild/t-debroot) compares them.
r=/srv/debroot
mount -t proc proc $r/proc
mount --bind /dev $r/dev
[ -e $r/.xarch ] && { echo "the root holds an emulator"; exit 1; }
t0=$(date +%s)
echo "== dpkg"
chroot $r /bin/sh -c 'dpkg -i /fx/xarch-trig-watch_1.0_all.deb && dpkg -i /fx/xarch-trig-data_1.0_arm64.deb' >/tmp/dpkg.log 2>&1
echo "rc=$?"
t1=$(date +%s)
echo "== trig"
cat $r/var/lib/xarch-trig.log $r/var/lib/xarch-trig-data.out
echo "== ldconfig"
chroot $r /sbin/ldconfig -p | grep -c 'libxarchtrig.so.1 (libc6,AArch64)'
echo "== prog"
t2=$(date +%s)
chroot $r /bin/sh -c 'gcc -O2 -o /tmp/prog /fx/prog.c -lm -pthread && /tmp/prog'
echo "rc=$?"
t3=$(date +%s)
echo "== py"
chroot $r /usr/bin/python3 /fx/prog.py 2>&1
echo "rc=$?"
t4=$(date +%s)
echo "== times"
echo "dpkg -i: $((t1 - t0))s, gcc -O2 and the program: $((t3 - t2))s, python3: $((t4 - t3))s"
echo "== dpkg log"
cat /tmp/dpkg.log
