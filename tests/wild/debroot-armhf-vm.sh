# SPDX-License-Identifier: GPL-2.0-only
# debroot-armhf-vm.sh — run by tools/xarch-vm (busybox sh, module loaded) in the VM, against the
# trimmed Debian armhf root at /srv/debroot (tests/wild/debroot-armhf --vm): no emulator inside the
# root, every armhf program is run by the kernel through binfmt_xarch. Sections are marked "== NAME";
# the host (tests/wild/debroot-armhf) compares them.
r=/srv/debroot
mount -t proc proc $r/proc
mount --bind /dev $r/dev
echo "== uname"
[ -e $r/.xarch ] && echo "the root holds an emulator" || echo "no emulator in the root"
chroot $r /bin/uname -m
t0=$(date +%s)
echo "== dpkg"
chroot $r /bin/sh -c 'dpkg -i /fx/xarch-trig-watch_1.0_all.deb && dpkg -i /fx/xarch-trig-data_1.0_armhf.deb' >/tmp/dpkg.log 2>&1
echo "rc=$?"
t1=$(date +%s)
echo "== trig"
cat $r/var/lib/xarch-trig.log $r/var/lib/xarch-trig-data.out
echo "== ldconfig"
chroot $r /sbin/ldconfig -p | grep -c 'libxarchtrig.so.1 (libc6,hard-float)'
echo "== prog"
t2=$(date +%s)
chroot $r /bin/sh -c 'gcc -O2 -o /tmp/prog /fx/prog.c -lm -pthread && /tmp/prog'
echo "rc=$?"
t3=$(date +%s)
echo "== v6"
chroot $r /fx/v6 2>&1
echo "rc=$?"
echo "== tiny"
t4=$(date +%s)
chroot $r /bin/sh -c 'mkdir -p /build && cd /build && tar -xzf /fx/tiny.tar.gz && cd tiny && ./configure && make' >/tmp/tiny.log 2>&1 &&
	chroot $r /build/tiny/tiny 2>&1
echo "rc=$?"
t5=$(date +%s)
echo "== times"
echo "dpkg -i: $((t1 - t0))s, gcc -O2 and the program: $((t3 - t2))s, configure and make: $((t5 - t4))s"
echo "== dpkg log"
cat /tmp/dpkg.log
echo "== tiny log"
tail -n 30 /tmp/tiny.log
