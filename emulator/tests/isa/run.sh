#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# run.sh EMU DIR TEST... — run each test under xarch and qemu-aarch64-static, TAP on stdout.
# A test passes when it exits 0 under xarch (its own checks against the architecture hold) and
# its output equals qemu's, lines starting with '!' excepted, and the emulator's own reports of
# unimplemented instructions (traps executes an unallocated one, logimm every reserved logical
# immediate; tests/abi checks those lines).
emu=$1 dir=$2
shift 2
n=0 fail=0
echo "TAP version 13"
echo "1..$#"
for t in "$@"; do
	n=$((n + 1))
	case $t in
	excl | threads) cpu=max,pauth=off,sve=off ;;
	*) cpu=cortex-a72 ;;
	esac
	"$emu" "$dir/$t" >"$dir/$t.xraw" 2>&1
	rx=$?
	grep -v -e '^xarch-aarch64: unimplemented instruction ' -e '^xarch-aarch64: too many unimplemented items' \
		"$dir/$t.xraw" >"$dir/$t.xarch"
	qemu-aarch64-static -cpu "$cpu" "$dir/$t" >"$dir/$t.qemu" 2>&1
	rq=$?
	if [ $rx -eq 0 ] && grep -v '^!' "$dir/$t.xarch" | cmp -s - "$dir/$t.qemu"; then
		echo "ok $n - $t ($(grep -c . "$dir/$t.xarch") lines)"
	else
		fail=$((fail + 1))
		echo "not ok $n - $t (xarch exit $rx, qemu exit $rq)"
		grep -v '^!' "$dir/$t.xarch" | diff "$dir/$t.qemu" - | head -20 | sed 's/^/# /'
		grep FAIL "$dir/$t.xarch" | head -10 | sed 's/^/# xarch: /'
	fi
done
[ $fail -eq 0 ]
