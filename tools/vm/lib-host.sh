# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2154 # (top, cache, B and me are set by the script that sources it)
#
# tools/vm/lib-host.sh — sourced by the installed-Debian VM scenarios (tools/vm/installed-host,
# tools/vm/podman, tools/vm/docker): the Debian 12 or 13 root, the disk image and one systemd boot under
# qemu-system-x86_64 (TCG) whose test unit prints TAP on the second serial port.
#
# The caller sets top, cache, B and me (its name, for messages) before sourcing it.

die() { printf '%s: error: %s\n' "$me" "$*" >&2; exit 2; }
say() { printf '%s: %s\n' "$me" "$*" >&2; }

# host_debs: x and k, the two .debs of `make deb` (build/deb).
host_debs() {
	x=$(ls "$B"/deb/xarch_*_amd64.deb 2>/dev/null | head -n 1)
	k=$(ls "$B"/deb/xarch-dkms_*_all.deb 2>/dev/null | head -n 1)
	[ -n "$x" ] && [ -n "$k" ] || die "no .debs in build/deb: run make deb-build"
}

# host_root [RELEASE]: rel (bookworm, the default, or trixie), kabi (the kernel the VM boots) and root,
# a root of that release made with debootstrap (.cache/vmroot/RELEASE: systemd, dkms, gcc, a kernel
# and its headers, qemu's binfmt_misc entries; mirror from tools/debian-mirror, whose bookworm archive
# serves trixie too, as tools/deps takes sid and trixie-backports from it).
#   bookworm: the first kernel of the matrix (bookworm-security), qemu-user-static with binfmt-support.
#   trixie:   trixie's own kernel (linux-image-amd64 and its headers from the trixie root, 6.12), libelf1t64
#             (libelf1 was renamed in the 64-bit time_t transition) and qemu-user with qemu-user-binfmt
#             (qemu-user-static is only a transitional package there; systemd-binfmt registers the entries).
# .xarch-complete holds the version of the release's package list: a root made from an older one is made again.
host_root() {
	rel=${1:-bookworm}
	root=$cache/vmroot/$rel
	local rootver pkgs common='systemd-sysv,udev,kmod,dkms,make,gcc,libc6-dev,procps,initramfs-tools,linux-base'
	case $rel in
	bookworm) rootver=2; pkgs=$common,libelf1,qemu-user-static,binfmt-support
		kabi=$(head -n 1 "$cache/kernels/matrix") ;;
	trixie) rootver=1; pkgs=$common,libelf1t64,linux-image-amd64,linux-headers-amd64,qemu-user,qemu-user-binfmt ;;
	*) die "unknown release $rel (bookworm or trixie)" ;;
	esac
	if [ ! -x "$root/lib/systemd/systemd" ] || [ "$(cat "$root/.xarch-complete" 2>/dev/null)" != $rootver ]; then
		local uri log=$cache/vmroot/debootstrap-$rel.log
		uri=$("$top/tools/debian-mirror") || die "no Debian bookworm entry in /etc/apt to take the mirror from"
		say "making a Debian $rel root with debootstrap (systemd, dkms, gcc, a kernel)"
		rm -rf "$root.tmp" && mkdir -p "$(dirname "$root")"
		debootstrap --variant=minbase --include="$pkgs" "$rel" "$root.tmp" "$uri" >"$log" 2>&1 ||
			die "debootstrap failed: see $log"
		if [ "$rel" = bookworm ]; then
			# The kernel of the matrix comes from bookworm-security, which debootstrap does not read: its
			# packages are downloaded here (the host's apt knows that suite) and installed with apt in the root.
			mkdir -p "$root.tmp/tmp/kdebs"
			local kcommon kbuild compiler
			kcommon=$(apt-cache depends "linux-headers-$kabi" | sed -n 's/^ *Depends: \(linux-headers-.*-common\)$/\1/p' | head -n 1)
			kbuild=$(apt-cache depends "linux-headers-$kabi" | sed -n 's/^ *Depends: \(linux-kbuild-[^ ]*\)$/\1/p' | head -n 1)
			compiler=$(apt-cache depends "linux-headers-$kabi" | sed -n 's/^ *Depends: \(linux-compiler-[^ ]*\)$/\1/p' | head -n 1)
			(cd "$root.tmp/tmp/kdebs" && apt-get download -qq "linux-image-$kabi" "linux-headers-$kabi" "$kcommon" "$kbuild" \
				${compiler:+"$compiler"}) 2>&1 | grep -v unsandboxed || true
			"$top/tools/buildroot" "$root.tmp" -- sh -c 'apt-get install -y -qq /tmp/kdebs/*.deb' \
				>>"$log" 2>&1 || die "installing the kernel in the root failed: see $log"
			rm -rf "$root.tmp/tmp/kdebs"
		else
			# The machine's own apt policy on stale Release files (a snapshot mirror has them) applies inside too.
			local valid
			valid=$(apt-config dump Acquire::Check-Valid-Until | sed -n 's/^Acquire::Check-Valid-Until "\(.*\)";$/\1/p')
			[ -z "$valid" ] || printf 'Acquire::Check-Valid-Until "%s";\n' "$valid" >"$root.tmp/etc/apt/apt.conf.d/90xarch"
			# dpkg may have configured the kernel before initramfs-tools: make its initramfs if it has none.
			local k
			for k in "$root.tmp"/boot/vmlinuz-*; do
				k=${k##*/vmlinuz-}
				[ -f "$root.tmp/boot/initrd.img-$k" ] ||
					"$top/tools/buildroot" "$root.tmp" -- update-initramfs -c -k "$k" >>"$log" 2>&1 ||
					die "update-initramfs for $k in the root failed: see $log"
			done
		fi
		echo $rootver >"$root.tmp/.xarch-complete"
		rm -rf "$root" && mv "$root.tmp" "$root"
	fi
	if [ "$rel" != bookworm ]; then
		kabi=$(cd "$root/boot" && ls vmlinuz-* 2>/dev/null | sed 's/^vmlinuz-//' | sort -V | tail -n 1)
		[ -n "$kabi" ] || die "no kernel in $root/boot"
	fi
}

# host_stage ROOT W TEST: a copy of ROOT in W/root (stage) with the two .debs in /root/debs, the
# hostname, fstab, no gettys, and TEST installed as /usr/local/sbin/xarch-host-test, run by
# xarch-host-test.service after multi-user.target on every boot (TAP on ttyS1). The caller adds
# what else it needs to the stage, then calls host_disk.
host_stage() {
	w=$2
	rm -rf "$w" && mkdir -p "$w"
	say "making the disk image"
	stage=$w/root
	cp -a "$1" "$stage"
	rm -f "$stage/.xarch-complete"
	mkdir -p "$stage/root/debs" "$stage/var/lib/xarch-test"
	cp "$x" "$k" "$stage/root/debs/"
	echo xarch-host >"$stage/etc/hostname"
	printf '/dev/vda / ext4 defaults 0 1\n' >"$stage/etc/fstab"
	ln -sf /dev/null "$stage/etc/systemd/system/getty@tty1.service"
	ln -sf /dev/null "$stage/etc/systemd/system/serial-getty@ttyS0.service"
	ln -sf /dev/null "$stage/etc/systemd/system/serial-getty@ttyS1.service"
	install -m 0755 "$3" "$stage/usr/local/sbin/xarch-host-test"
	cat >"$stage/etc/systemd/system/xarch-host-test.service" <<-'EOT'
	[Unit]
	Description=xarch installed-host scenario
	After=multi-user.target xarch.service
	[Service]
	Type=oneshot
	ExecStart=/usr/local/sbin/xarch-host-test
	StandardOutput=file:/dev/ttyS1
	StandardError=journal+console
	[Install]
	WantedBy=multi-user.target
	EOT
	mkdir -p "$stage/etc/systemd/system/multi-user.target.wants"
	ln -sf ../xarch-host-test.service "$stage/etc/systemd/system/multi-user.target.wants/xarch-host-test.service"
}

# host_disk SIZE: the stage's kernel and initramfs next to it, and the stage as an ext4 image of SIZE
# (W/disk.img); the stage is removed.
host_disk() {
	cp "$stage/boot/vmlinuz-$kabi" "$w/vmlinuz"
	cp "$stage/boot/initrd.img-$kabi" "$w/initrd.img"
	truncate -s "$1" "$w/disk.img"
	mkfs.ext4 -q -F -L xarch-host -d "$stage" "$w/disk.img"
	rm -rf "$stage"
}

# host_boot TIMEOUT WHAT: boot the disk (TCG) until the VM powers off or TIMEOUT seconds pass; print
# the TAP lines of ttyS1 and "not ok" when the VM did not finish or gave no result line
# (XARCH-HOST-RESULT fails=N). Returns non-zero unless N is 0.
host_boot() {
	say "booting (TCG; $2)"
	local t0 qrc res
	t0=$(date +%s)
	set +e
	timeout -k 5 "$1" qemu-system-x86_64 -accel tcg,thread=single -cpu max -smp 2 -m 2048 -display none \
		-kernel "$w/vmlinuz" -initrd "$w/initrd.img" \
		-append "root=/dev/vda rw console=ttyS0 panic=-1 net.ifnames=0 systemd.show_status=0" \
		-drive "file=$w/disk.img,if=virtio,format=raw" -nic none \
		-serial "file:$w/console.log" -serial "file:$w/tap.log" </dev/null
	qrc=$?
	set -e
	say "qemu exited with $qrc after $(($(date +%s) - t0))s; console log: $w/console.log"
	tr -d '\r' <"$w/tap.log" | grep -aE '^(not )?ok |^# |^1\.\.' || true
	if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
		echo "not ok - the VM did not finish within ${1}s"
		tail -n 30 "$w/console.log" | sed 's/^/#   /'
		return 1
	fi
	res=$(tr -d '\r' <"$w/tap.log" | sed -n 's/^XARCH-HOST-RESULT fails=//p' | tail -n 1)
	[ -n "$res" ] || { echo "not ok - no result from the VM"; tail -n 30 "$w/console.log" | sed 's/^/#   /'; return 1; }
	[ "$res" = 0 ]
}
