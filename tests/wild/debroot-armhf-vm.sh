# SPDX-License-Identifier: GPL-2.0-only
# debroot-armhf-vm.sh — run by tools/xarch-vm (busybox sh, module loaded) in the VM, against the
# trimmed Debian armhf root at /srv/debroot (tests/wild/debroot-armhf --vm): no emulator inside the
# root, every armhf program is run by the kernel through binfmt_xarch. Sections are marked "== NAME";
# the host (tests/wild/debroot-armhf) compares them.
# With STAGE2=1 (--stage2-vm) the root is the first stage at /srv/stage1 instead: its second stage
# (debootstrap --second-stage, every armhf program of it through the module) runs first, then the rest
# in the root it made, the fixtures taken from /srv/fx.
r=/srv/debroot
if [ "${STAGE2:-0}" = 1 ]; then
	r=/srv/stage1
	mount --bind /dev $r/dev
	echo "== stage2"
	[ -e $r/.xarch ] && echo "the root holds an emulator"
	s0=$(date +%s)
	chroot $r /debootstrap/debootstrap --second-stage >/tmp/s2.log 2>&1
	rc=$?
	s1=$(date +%s)
	echo "rc=$rc"
	chroot $r /usr/bin/dpkg-query -W -f='${db:Status-Abbrev}\n' | sort | uniq -c | sed 's/^ *[0-9]* /N /'
	echo "== stage2 time"
	echo "the second stage took $((s1 - s0))s; $(chroot $r /usr/bin/dpkg-query -W | wc -l) packages"
	echo "== stage2 log"
	tail -n 5 /tmp/s2.log
	[ $rc = 0 ] || tail -n 40 $r/debootstrap/debootstrap.log
	umount $r/dev 2>/dev/null
	mkdir -p $r/fx && cp /srv/fx/* $r/fx/
fi
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
