#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# xarchctl against the real binfmt_xarch module, inside the VM (busybox sh; the module loaded by init).
# TAP on stdout; exit 1 when anything failed. From the host:
#   tools/xarch-vm run -- "$(cat tools/xarchctl/tests/vm.sh)"
# It changes the module's configuration and restores what it can at the end.
X=${XARCHCTL:-/usr/bin/xarchctl}
S=/sys/kernel/binfmt_xarch
G=${GUEST_DIR:-/guest}
n=0
fails=0
T=/tmp/xarchctl-vm
rm -rf $T
mkdir -p $T

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() {
	n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"
	[ -n "$2" ] && echo "# $2"
	sed 's/^/#   out: /' $T/out | head -n 12
	sed 's/^/#   err: /' $T/err | head -n 4
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
r() { "$@" >$T/out 2>$T/err; rc=$?; }
expect() {
	name=$1 want=$2
	shift 2
	if [ "$rc" != "$want" ]; then notok "$name" "exit status $rc, expected $want"; return; fi
	for pat in "$@"; do
		if ! cat $T/out $T/err | grep -qE -- "$pat"; then notok "$name" "no match for: $pat"; return; fi
	done
	ok "$name"
}
is() {	# NAME FILE EXPECTED-CONTENT
	got=$(cat "$2" 2>&1)
	if [ "$got" = "$3" ]; then ok "$1"; else notok "$1" "$2 is '$got', expected '$3'"; fi
}

if [ ! -d $S ]; then
	r "$X" status
	expect "status without the module: exit 3" 3 "not loaded"
	echo "1..$n"
	exit 1
fi
EMU=/usr/lib/xarch/xarch-aarch64
[ -x $EMU ] || EMU=/usr/bin/qemu-aarch64-static
QEMU=/usr/bin/qemu-aarch64-static
old_emu=$(cat $S/aarch64/emulator)
old_root=$(cat $S/default_sysroot)

r "$X" status
expect "status: loaded, every arch" 0 "binfmt_xarch: loaded, enabled" "^aarch64 " "^loongarch64 " "default sysroot:"
r "$X" --json status
expect "status --json" 0 '"schema":1' '"loaded":true' '"arch":"s390x"'

r "$X" set-emulator aarch64 $QEMU
expect "set-emulator aarch64 qemu-aarch64-static" 0 "aarch64: emulator $QEMU"
is "the module reports the new emulator" $S/aarch64/emulator $QEMU
(cd /usr/bin && "$X" set-emulator aarch64 ./qemu-aarch64-static >/dev/null 2>&1)
is "set-emulator with a relative path sets the absolute one" $S/aarch64/emulator $QEMU
r "$X" set-emulator aarch64 /nonexistent
expect "set-emulator missing file: exit 5" 5 "/nonexistent"
echo data >$T/plain
chmod 0644 $T/plain
r "$X" set-emulator aarch64 $T/plain
expect "set-emulator non-executable file: exit 5" 5 "not executable"
is "failed set-emulator kept the old emulator" $S/aarch64/emulator $QEMU
r "$X" set-emulator sparc $QEMU
expect "set-emulator invalid arch: exit 5" 5 "invalid arch"
if [ -x $G/hello-static ]; then
	r "$X" set-emulator riscv64 $G/hello-static
	expect "set-emulator refuses a foreign emulator" 5 "not a native one"
fi
r "$X" set-emulator aarch64 $EMU --enable --credentials off
expect "set-emulator --enable --credentials off" 0 "aarch64: emulator $EMU"
is "emulator set" $S/aarch64/emulator $EMU
is "credentials off" $S/aarch64/credentials 0

if [ -x $G/hello-static ]; then
	before=$(cat $S/aarch64/execs)
	r $G/hello-static
	after=$(cat $S/aarch64/execs)
	if [ "$rc" = 0 ] && [ "$after" -gt "$before" ]; then ok "a static guest runs; execs counter $before -> $after"
	else notok "a static guest runs" "rc=$rc execs $before -> $after"; fi
	r "$X" doctor $G/hello-static
	expect "doctor static guest: should run" 0 "should run"
	r "$X" disable aarch64
	expect "disable aarch64" 0 "aarch64: disabled"
	is "arch disabled in sysfs" $S/aarch64/enabled 0
	r $G/hello-static
	if [ "$rc" != 0 ]; then ok "disabled arch: exec fails ($rc)"; else notok "disabled arch: exec fails"; fi
	r "$X" doctor $G/hello-static
	expect "doctor: arch disabled, with the fix" 1 "aarch64 is disabled" "xarchctl enable aarch64"
	r "$X" enable aarch64
	expect "enable aarch64" 0 "aarch64: enabled"
	r "$X" disable
	is "global disable" $S/enabled 0
	r "$X" doctor $G/hello-static
	expect "doctor: module switched off" 1 "switched off globally"
	r "$X" enable
	is "global enable" $S/enabled 1
	r "$X" run $G/hello-static
	expect "run a guest without going through the module" 0 "."
else
	skip "guest programs" "no $G/hello-static"
fi
r "$X" credentials aarch64 on
is "credentials on" $S/aarch64/credentials 1
r "$X" credentials aarch64 off
is "credentials off again" $S/aarch64/credentials 0

# sysroots
r "$X" sysroot set --default /usr/aarch64-linux-gnu
expect "sysroot set --default" 0 "default sysroot: /usr/aarch64-linux-gnu"
is "default_sysroot" $S/default_sysroot /usr/aarch64-linux-gnu
r "$X" sysroot set --default /nonexistent
expect "sysroot set --default missing dir: exit 5" 5 "/nonexistent"
is "failed sysroot set kept the old default" $S/default_sysroot /usr/aarch64-linux-gnu
if [ -x $G/hello-dynamic ]; then
	r "$X" inspect $G/hello-dynamic
	expect "inspect dynamic guest: loader found in the default sysroot" 0 "sysroot: +/usr/aarch64-linux-gnu \\(default\\)" "interpreter: +/usr/aarch64-linux-gnu/"
	r "$X" doctor $G/hello-dynamic
	expect "doctor dynamic guest: should run" 0 "should run"
	r $G/hello-dynamic
	if [ "$rc" = 0 ]; then ok "dynamic guest runs with the default sysroot"; else notok "dynamic guest runs" "rc=$rc"; fi
	r "$X" sysroot unset --default
	is "sysroot unset --default" $S/default_sysroot ""
	r "$X" doctor $G/hello-dynamic
	expect "doctor without a sysroot: loader missing, suggests the arch's own" 1 "dynamic loader" "sysroot set --arch aarch64 /usr/aarch64-linux-gnu"
fi
SELF=$(stat -L -c %i /proc/self/ns/mnt)
r "$X" sysroot set --pid $$ /usr/aarch64-linux-gnu
expect "sysroot set --pid (this namespace)" 0 "sysroot for /proc/$$/ns/mnt"
r "$X" sysroot list
expect "sysroot list shows and marks it" 0 "mnt:\\[$SELF\\] /usr/aarch64-linux-gnu +<- this namespace"
r "$X" inspect ${G}/hello-dynamic
expect "inspect: the namespace sysroot applies" 0 "\\(namespace\\)"
r "$X" sysroot unset --pid $$
r "$X" sysroot list
if grep -q "mnt:\\[$SELF\\]" $T/out; then notok "sysroot unset --pid removed the entry"; else ok "sysroot unset --pid removed the entry"; fi
if command -v unshare >/dev/null && unshare -m true 2>/dev/null; then
	unshare -m sleep 60 &
	child=$!
	sleep 1
	CINO=$(stat -L -c %i /proc/$child/ns/mnt)
	r "$X" sysroot set --pid $child /
	expect "sysroot set --pid of a process in another namespace" 0 "."
	r "$X" --json sysroot list
	expect "sysroot list --json has it, not current" 0 "\"mntns\":$CINO,\"sysroot\":\"/\",\"current\":false"
	r "$X" sysroot unset --id "mnt:[$CINO]"
	expect "sysroot unset --id" 0 "mnt:\\[$CINO\\]: \\(none\\)"
	kill $child 2>/dev/null
else
	skip "namespace sysroots of another namespace" "no unshare -m"
fi
r "$X" sysroot set --ns /etc/passwd /x
expect "sysroot set --ns with a file that is not a namespace: rejected by the module, exit 5" 5 "rejected by the module"
r "$X" sysroot unset --id 'mnt:[1]'
expect "sysroot unset of an unknown id: exit 5" 5 "rejected by the module"

# not root
if command -v chpst >/dev/null || command -v su >/dev/null; then
	# the initramfs root is built from a 0700 directory; in the throw-away VM open it up for nobody
	[ -f /xarch/mode ] && chmod 0755 / /bin /usr /usr/bin /tmp 2>/dev/null
	cp "$X" $T/xc && chmod 0755 $T/xc $T
	if command -v chpst >/dev/null; then
		chpst -u 65534:65534 $T/xc set-emulator aarch64 $QEMU >$T/out 2>$T/err; rc=$?
	else
		su -s /bin/sh nobody -c "$T/xc set-emulator aarch64 $QEMU" >$T/out 2>$T/err; rc=$?
	fi
	expect "non-root set-emulator: exit 4, not root" 4 "permission denied \\(not root"
	is "non-root write changed nothing" $S/aarch64/emulator $EMU
	if [ -x $G/hello-static ]; then
		if command -v chpst >/dev/null; then
			chpst -u 65534:65534 $T/xc doctor $G/hello-static >$T/out 2>$T/err; rc=$?
		else
			su -s /bin/sh nobody -c "$T/xc doctor $G/hello-static" >$T/out 2>$T/err; rc=$?
		fi
		expect "non-root doctor: root-only emulator path reported, still exit 0" 0 "readable by root only" "should run"
	fi
else
	skip "non-root" "no chpst or su"
fi

# save -> unload and load the module again -> apply: the same configuration. ($saved, not $want:
# expect() uses that name.)
snap() { (cd $S && for f in enabled default_sysroot */emulator */enabled */credentials */sysroot; do echo "$f=$(cat $f)"; done); }
if [ -n "$XARCH_KO" ] && [ -f "$XARCH_KO" ]; then
	"$X" set-emulator aarch64 $QEMU >/dev/null && "$X" set-emulator arm $QEMU >/dev/null &&
		"$X" credentials aarch64 on >/dev/null && "$X" disable riscv64 >/dev/null &&
		"$X" sysroot set --default /usr/aarch64-linux-gnu >/dev/null &&
		"$X" sysroot set --arch arm /usr/arm-linux-gnueabihf >/dev/null
	saved=$(snap)
	rm -rf /etc/xarch
	r "$X" save
	if [ "$rc" = 0 ] && grep -qx "aarch64 emulator $QEMU" /etc/xarch/xarch.conf &&
		grep -qx 'default-sysroot /usr/aarch64-linux-gnu' /etc/xarch/xarch.conf &&
		grep -qx 'arm sysroot /usr/arm-linux-gnueabihf' /etc/xarch/xarch.conf &&
		grep -qx 'aarch64 sysroot none' /etc/xarch/xarch.conf; then
		ok "save writes /etc/xarch/xarch.conf (directory made)"
	else
		notok "save writes /etc/xarch/xarch.conf" "rc=$rc"
	fi
	rmmod binfmt_xarch && insmod "$XARCH_KO"
	fresh=$(snap)
	if [ -d $S ] && [ "$fresh" != "$saved" ] && [ "$(cat $S/aarch64/credentials)" = 0 ] && [ -z "$(cat $S/arm/sysroot)" ]; then
		ok "the module unloaded and loaded again starts from its defaults"
	else
		notok "the module unloaded and loaded again starts from its defaults"
	fi
	r "$X" apply
	got=$(snap)
	if [ "$rc" = 0 ] && [ "$got" = "$saved" ]; then
		ok "apply after the reload gives back the saved configuration (emulators, switches, credentials, sysroots)"
	else
		notok "apply after the reload gives back the saved configuration" "rc=$rc; want: $(echo "$saved" | tr '\n' ' '); got: $(echo "$got" | tr '\n' ' ')"
	fi
	if [ -x $G/hello-dynamic ]; then
		r $G/hello-dynamic
		expect "a dynamic AArch64 program runs with the applied emulator and sysroot" 0 "."
	fi
	# The real module refuses a setting (not an executable): the ones before it are undone.
	printf 'arm emulator none\nriscv64 enabled on\naarch64 emulator /etc/passwd\n' >$T/bad.conf
	r "$X" apply $T/bad.conf
	if [ "$rc" = 5 ] && grep -q "bad.conf:3: this setting was refused: nothing applied" $T/err && [ "$(snap)" = "$saved" ]; then
		ok "apply: a setting the module refuses leaves the configuration as it was"
	else
		notok "apply: a setting the module refuses leaves the configuration as it was" "rc=$rc; $(echo "$saved" >$T/w; snap >$T/g; diff $T/w $T/g | tr '\n' ' ')"
	fi
	printf 'aarch64 emulator %s\nfrob\n' $QEMU >$T/bad.conf
	r "$X" apply $T/bad.conf
	expect "apply: a bad line is named with its line number, exit 5" 5 "bad.conf:2: 'frob': not a setting" "nothing applied"
	"$X" credentials aarch64 off >/dev/null; "$X" enable riscv64 >/dev/null; "$X" sysroot unset --default >/dev/null
	"$X" sysroot unset --arch arm >/dev/null
	"$X" set-emulator arm $QEMU >/dev/null && echo >$S/arm/emulator
	rm -rf /etc/xarch
else
	skip "save, reload, apply" "XARCH_KO not set"
fi

# ---- 32-bit arm (armhf) programs through the module, under xarch-arm ---------------------------
A32=/usr/lib/xarch/xarch-arm
if [ -x $A32 ] && [ -x $G/hello-armhf-static ] && [ -x $G/hello-armhf-dynamic ]; then
	r "$X" set-emulator arm $A32
	expect "set-emulator arm xarch-arm" 0 "arm: emulator $A32"
	r $G/hello-armhf-static x1
	expect "a static armhf program runs through the module: uname -m says armv7l, argv[0] kept, exit status 42" 42 \
		"^hello from armv7l \(argv\[0\]=$G/hello-armhf-static, argv\[1\]=x1\)$"
	r "$X" sysroot set --default /usr/arm-linux-gnueabihf
	r $G/hello-armhf-dynamic
	expect "a dynamic armhf program runs with the sysroot /usr/arm-linux-gnueabihf" 0 "^hello from armv7l \(argv\[0\]=$G/hello-armhf-dynamic\)$"
	"$X" sysroot unset --default >/dev/null
	r $G/hello-armhf-dynamic
	expect "without the sysroot the armhf loader is missing: a clear error" 127 "ld-linux-armhf.so.3"
	echo >$S/arm/emulator
else
	skip "armhf programs through the module" "needs $A32 and $G/hello-armhf-{static,dynamic} (make guests)"
fi

# ---- per-arch sysroots: an arm64 and an armhf root side by side --------------------------------
# Each arch gets its own sysroot; an arm64 and an armhf dynamic program run at the same time, each
# finding its own loader and libc. Then the same per namespace: inside a new mount namespace the
# roots exist only at paths of its own, its entry for every arch is wrong on purpose, and its entries
# per arch win.
A64=/usr/lib/xarch/xarch-aarch64
if [ -x $A32 ] && [ -x $A64 ] && [ -x $G/hello-armhf-dynamic ] && [ -x $G/hello-dynamic ]; then
	"$X" set-emulator aarch64 $A64 >/dev/null && "$X" set-emulator arm $A32 >/dev/null
	"$X" sysroot unset --default >/dev/null
	r "$X" sysroot set --arch arm /usr/arm-linux-gnueabihf
	expect "sysroot set --arch arm" 0 "arm sysroot: /usr/arm-linux-gnueabihf"
	is "arm/sysroot" $S/arm/sysroot /usr/arm-linux-gnueabihf
	r "$X" sysroot set --arch aarch64 /usr/aarch64-linux-gnu
	expect "sysroot set --arch aarch64" 0 "aarch64 sysroot: /usr/aarch64-linux-gnu"
	is "aarch64/sysroot" $S/aarch64/sysroot /usr/aarch64-linux-gnu
	is "the default stays unset" $S/default_sysroot ""
	r "$X" status
	expect "status shows both per-arch sysroots" 0 "^arm sysroot: /usr/arm-linux-gnueabihf$" "^aarch64 sysroot: /usr/aarch64-linux-gnu$" "default sysroot: \(none\)"
	if grep -q "^aarch64 .* sysroot=1$" $S/status && grep -q "^arm .* sysroot=1$" $S/status && grep -q "^s390x .* sysroot=0$" $S/status; then
		ok "the module's status flags the arches with a sysroot"
	else
		notok "the module's status flags the arches with a sysroot" "$(cat $S/status | tr '\n' ' ')"
	fi
	r "$X" inspect $G/hello-armhf-dynamic
	expect "inspect armhf: arm's own sysroot applies, its loader is found there" 0 "sysroot: +/usr/arm-linux-gnueabihf \(arch\)" "interpreter: +/usr/arm-linux-gnueabihf/"
	r "$X" doctor $G/hello-dynamic
	expect "doctor arm64: should run with aarch64's sysroot" 0 "should run" "sysroot /usr/aarch64-linux-gnu"
	e64=$(cat $S/aarch64/execs); e32=$(cat $S/arm/execs)
	$G/hello-dynamic x64 >$T/a64 2>&1 &
	p64=$!
	$G/hello-armhf-dynamic x32 >$T/a32 2>&1 &
	p32=$!
	wait $p64; r64=$?
	wait $p32; r32=$?
	if [ $r64 = 42 ] && [ $r32 = 42 ] && grep -q "^hello from aarch64 (argv\[0\]=$G/hello-dynamic, argv\[1\]=x64)$" $T/a64 &&
		grep -q "^hello from armv7l (argv\[0\]=$G/hello-armhf-dynamic, argv\[1\]=x32)$" $T/a32 &&
		[ "$(cat $S/aarch64/execs)" -gt "$e64" ] && [ "$(cat $S/arm/execs)" -gt "$e32" ]; then
		ok "an arm64 and an armhf dynamic program run at the same time through the module, each with its own sysroot"
	else
		notok "arm64 and armhf dynamic programs side by side" "exit $r64/$r32; arm64: $(cat $T/a64 | head -n 2 | tr '\n' ' '); armhf: $(cat $T/a32 | head -n 2 | tr '\n' ' ')"
	fi
	# the arch's own sysroot wins over the default, for that arch only
	"$X" sysroot set --default /usr/aarch64-linux-gnu >/dev/null && "$X" sysroot unset --arch aarch64 >/dev/null
	r $G/hello-armhf-dynamic
	expect "arm's sysroot wins over an arm64 default" 0 "^hello from armv7l"
	r $G/hello-dynamic
	expect "aarch64 without its own sysroot falls back to the default" 0 "^hello from aarch64"
	r "$X" sysroot unset --arch arm
	expect "sysroot unset --arch arm" 0 "arm sysroot: \(none"
	r $G/hello-armhf-dynamic
	expect "with arm's sysroot unset, armhf gets the arm64 default: its loader is missing" 127 "ld-linux-armhf.so.3"
	"$X" sysroot unset --default >/dev/null
	r "$X" sysroot set --arch sparc /usr
	expect "sysroot set --arch with an unknown arch: usage error" 2 "invalid arch"

	# per namespace, per arch
	if command -v unshare >/dev/null && unshare -m true 2>/dev/null; then
		rm -f $T/ready $T/go $T/ns-a64 $T/ns-a32
		unshare -m sh -c "mount --make-rprivate / 2>/dev/null; mount -t tmpfs none /mnt && mkdir /mnt/armhf /mnt/arm64 &&
			mount -o bind /usr/arm-linux-gnueabihf /mnt/armhf && mount -o bind /usr/aarch64-linux-gnu /mnt/arm64 &&
			touch $T/ready; i=0; while [ ! -e $T/go ] && [ \$i -lt 60 ]; do sleep 1; i=\$((i + 1)); done
			$G/hello-dynamic >$T/ns-a64 2>&1 & $G/hello-armhf-dynamic >$T/ns-a32 2>&1 & wait" &
		child=$!
		i=0
		while [ ! -e $T/ready ] && [ $i -lt 30 ]; do sleep 1; i=$((i + 1)); done
		CINO=$(stat -L -c %i /proc/$child/ns/mnt)
		r "$X" sysroot set --pid $child --arch all /
		expect "sysroot set --pid --arch all: a wrong sysroot for every arch" 0 "."
		r "$X" sysroot set --pid $child --arch arm /mnt/armhf
		expect "sysroot set --pid --arch arm: a path that exists only inside that namespace" 0 "arch arm: /mnt/armhf"
		r "$X" sysroot set --pid $child --arch aarch64 /mnt/arm64
		expect "sysroot set --pid --arch aarch64" 0 "arch aarch64: /mnt/arm64"
		if [ "$(grep -c "^mnt:\[$CINO\] " $S/ns_sysroots)" = 3 ] && grep -q "^mnt:\[$CINO\] arm /mnt/armhf$" $S/ns_sysroots &&
			grep -q "^mnt:\[$CINO\] /$" $S/ns_sysroots; then
			ok "the module lists three entries for that namespace, with their arch"
		else
			notok "the module lists three entries for that namespace" "$(cat $S/ns_sysroots | tr '\n' ' ')"
		fi
		r "$X" sysroot list
		expect "sysroot list shows the namespace's entries per arch" 0 "mnt:\[$CINO\] aarch64 /mnt/arm64" "mnt:\[$CINO\] arm /mnt/armhf"
		touch $T/go
		wait $child
		if grep -q "^hello from aarch64" $T/ns-a64 && grep -q "^hello from armv7l" $T/ns-a32; then
			ok "inside the namespace both programs run with its entries for their arch (not its entry for every arch)"
		else
			notok "namespace entries per arch" "arm64: $(head -n 2 $T/ns-a64 | tr '\n' ' '); armhf: $(head -n 2 $T/ns-a32 | tr '\n' ' ')"
		fi
		r "$X" sysroot unset --id "mnt:[$CINO]" --arch arm
		if [ "$rc" = 0 ] && [ "$(grep -c "^mnt:\[$CINO\] " $S/ns_sysroots)" = 2 ]; then ok "sysroot unset --id --arch removes that arch's entry only"; else notok "sysroot unset --id --arch" "rc=$rc $(cat $S/ns_sysroots | tr '\n' ' ')"; fi
		r "$X" sysroot unset --id "mnt:[$CINO]"
		if [ "$rc" = 0 ] && ! grep -q "^mnt:\[$CINO\] " $S/ns_sysroots; then ok "sysroot unset --id removes all of the namespace's entries"; else notok "sysroot unset --id (all)" "rc=$rc"; fi
		r "$X" sysroot set --pid $$ --arch arm /nonexistent-here
		expect "sysroot set --pid --arch checks DIR inside the namespace" 5 "does not exist inside"
	else
		skip "per-namespace per-arch sysroots" "no unshare -m"
	fi
	"$X" sysroot unset --arch aarch64 >/dev/null; "$X" sysroot unset --arch arm >/dev/null
	echo >$S/arm/emulator
else
	skip "per-arch sysroots" "needs $A32, $A64 and $G/hello-{,armhf-}dynamic (make emulator guests)"
fi

# ---- binfmt_misc beside binfmt_xarch (how qemu-user-static registers itself) ----------------
# The kernel asks its handlers in list order; both insert themselves at the head when they load. So
# the one loaded last is asked first: binfmt_xarch when modprobe loads it (its soft dependency loads
# binfmt_misc before it), binfmt_misc when it comes later. xarchctl status and doctor must say which.
MISC_KO=/xarch/binfmt_misc.ko
BM=/proc/sys/fs/binfmt_misc
marks() { cat /tmp/qemu-marks 2>/dev/null | wc -l; }
execs() { cat $S/aarch64/execs; }
if [ -n "$XARCH_KO" ] && [ -f "$XARCH_KO" ] && [ -f $MISC_KO ] && [ -x $G/hello-static ] && [ -x $QEMU ]; then
	# The competing entry's interpreter leaves a mark, then runs qemu (no flags: argv[1] is the program).
	printf '#!/bin/sh\necho ran >>/tmp/qemu-marks\nexec %s "$@"\n' $QEMU >/tmp/qemu-mark
	chmod 755 /tmp/qemu-mark
	rm -f /tmp/qemu-marks
	r insmod $MISC_KO
	expect "binfmt_misc loads after binfmt_xarch" 0
	mkdir -p $BM
	mount -t binfmt_misc binfmt_misc $BM 2>/dev/null
	printf '%s' ':qemu-aarch64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/tmp/qemu-mark:' >$BM/register
	is "qemu-aarch64 registered with binfmt_misc" $BM/qemu-aarch64 "$(printf 'enabled\ninterpreter /tmp/qemu-mark\nflags: \noffset 0\nmagic 7f454c460201010000000000000000000200b700\nmask ffffffffffffff00fffffffffffffffffeffffff')"

	# binfmt_misc loaded last: it is asked first.
	e0=$(execs); m0=$(marks)
	r $G/hello-static
	if [ "$rc" = 0 ] && [ "$(marks)" = $((m0 + 1)) ] && [ "$(execs)" = "$e0" ]; then
		ok "binfmt_misc loaded after binfmt_xarch runs aarch64 programs (its interpreter ran, xarch's counter did not move)"
	else
		notok "binfmt_misc loaded after binfmt_xarch runs aarch64 programs" "rc=$rc marks $m0 -> $(marks), execs $e0 -> $(execs)"
	fi
	r "$X" status
	expect "status names the entry and says binfmt_misc runs them, and how to change it" 0 \
		"qemu-aarch64 +enabled +matches aarch64 programs; interpreter /tmp/qemu-mark" \
		"aarch64 programs run under binfmt_misc's qemu-aarch64, not binfmt_xarch" "modprobe -r binfmt_xarch && modprobe binfmt_xarch" \
		"echo 0 > $BM/qemu-aarch64"
	r "$X" doctor $G/hello-static
	expect "doctor FILE warns that binfmt_misc's entry runs it" 0 "binfmt-misc-ahead|run by binfmt_misc's entry qemu-aarch64 \\(/tmp/qemu-mark\\), not by binfmt_xarch"
	r "$X" --json status
	if grep -q '"competing":\[{"arch":"aarch64","entry":"qemu-aarch64","interpreter":"/tmp/qemu-mark","runs_it":"binfmt_misc"}' $T/out; then
		ok "status --json: aarch64's competitor and who runs it"
	else
		notok "status --json: aarch64's competitor and who runs it"
	fi

	# binfmt_xarch loaded again, after binfmt_misc: now it is asked first.
	rmmod binfmt_xarch && insmod "$XARCH_KO"
	e0=$(execs); m0=$(marks)
	r $G/hello-static
	if [ "$rc" = 0 ] && [ "$(marks)" = "$m0" ] && [ "$(execs)" = $((e0 + 1)) ]; then
		ok "binfmt_xarch loaded after binfmt_misc runs aarch64 programs (its counter moved, the entry's interpreter did not run)"
	else
		notok "binfmt_xarch loaded after binfmt_misc runs aarch64 programs" "rc=$rc marks $m0 -> $(marks), execs $e0 -> $(execs)"
	fi
	r "$X" status
	expect "status: binfmt_xarch runs them; the entry is not used; how to hand them over" 0 \
		"aarch64 programs run under binfmt_xarch; binfmt_misc's qemu-aarch64 is not used for them" "xarchctl disable aarch64"
	r "$X" doctor $G/hello-static
	expect "doctor FILE: the entry is shadowed" 0 "also matches aarch64 programs; binfmt_xarch is asked first and runs them"
	# $TMPDIR on a noexec mount: the probe goes on to /tmp
	mkdir -p /tmp/noexec && mount -t tmpfs -o noexec tmpfs /tmp/noexec
	r env TMPDIR=/tmp/noexec "$X" status
	expect "status: the probe skips a noexec \$TMPDIR" 0 "aarch64 programs run under binfmt_xarch"
	umount /tmp/noexec

	# An arch binfmt_xarch is switched off for goes on to binfmt_misc.
	"$X" disable aarch64 >/dev/null
	m0=$(marks)
	r $G/hello-static
	if [ "$rc" = 0 ] && [ "$(marks)" = $((m0 + 1)) ]; then
		ok "with aarch64 disabled in binfmt_xarch, binfmt_misc's entry runs the program"
	else
		notok "with aarch64 disabled in binfmt_xarch, binfmt_misc's entry runs the program" "rc=$rc marks $m0 -> $(marks)"
	fi
	"$X" enable aarch64 >/dev/null
	# A disabled entry competes with nothing.
	echo 0 >$BM/qemu-aarch64
	r "$X" status
	if [ "$rc" = 0 ] && grep -q "qemu-aarch64 .*disabled" $T/out && ! grep -q "programs run under" $T/out; then
		ok "status: a disabled binfmt_misc entry is listed, not called a competitor"
	else
		notok "status: a disabled binfmt_misc entry is listed, not called a competitor"
	fi
	echo -1 >$BM/qemu-aarch64
	umount $BM
	rmmod binfmt_misc 2>/dev/null
else
	skip "binfmt_misc beside binfmt_xarch" "needs XARCH_KO, /xarch/binfmt_misc.ko (tools/deps), $G/hello-static and qemu"
fi

# restore
[ -n "$old_emu" ] && echo "$old_emu" >$S/aarch64/emulator
echo "$old_root" >$S/default_sysroot
echo >$S/aarch64/sysroot; echo >$S/arm/sysroot
echo 1 >$S/enabled
echo 1 >$S/aarch64/enabled
echo "1..$n"
echo "# $((n - fails)) passed, $fails failed"
[ "$fails" = 0 ]
