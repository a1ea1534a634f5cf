#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# external.sh EMU OUT — CPU checks from suites nobody here wrote, when .cache/src has them
# (tools/deps fetches them): QEMU's tests/tcg float and hash programs (output compared with
# qemu-aarch64-static on the same binary, and with the hardware reference where QEMU ships one
# that does not depend on compiler scheduling), and GCC's advsimd-intrinsics run tests (each
# aborts on a wrong lane), and GCC's gcc.c-torture/execute at -O2 (a test passes when it exits 0,
# or fails under qemu-aarch64-static as well). Tests needing features we do not advertise (FP16 arithmetic, BF16,
# I8MM, RDM, complex, dot product, big-endian) are skipped. TAP on stdout.
emu=$1 out=$2
src=$(cd "$(dirname "$0")/../../.." && pwd)/.cache/src
cc=${GCC_A64:-aarch64-linux-gnu-gcc}
mkdir -p "$out/ext"
n=0 bad=0
tap() { n=$((n + 1)); if [ "$1" = ok ]; then echo "ok $n - $2"; else bad=$((bad + 1)); echo "not ok $n - $2"; fi; }
echo "TAP version 13"
if [ -d "$src/qemu-tcg" ]; then
	for t in fcvt float_convs float_convd float_madds sha1 sha512; do
		f=$src/qemu-tcg/arm/$t.c
		[ -f "$f" ] || f=$src/qemu-tcg/multiarch/$t.c
		extra=
		case $t in float_*) extra="$src/qemu-tcg/multiarch/libs/float_helpers.c -I$src/qemu-tcg/multiarch" ;; esac
		if ! $cc -static -O2 -w -o "$out/ext/$t" "$f" $extra -lm 2>"$out/ext/$t.cc"; then
			tap "not ok" "qemu-tcg/$t (build failed)"
			continue
		fi
		"$emu" "$out/ext/$t" >"$out/ext/$t.x" 2>&1
		rx=$?
		qemu-aarch64-static -cpu cortex-a72 "$out/ext/$t" >"$out/ext/$t.q" 2>&1
		ref=
		[ $t = float_madds ] && ref=$src/qemu-tcg/aarch64/$t.ref
		if [ $rx -eq 0 ] && cmp -s "$out/ext/$t.x" "$out/ext/$t.q" && { [ -z "$ref" ] || cmp -s "$out/ext/$t.x" "$ref"; }; then
			tap ok "qemu-tcg/$t ($(wc -l <"$out/ext/$t.x") lines equal${ref:+, equal to the hardware reference})"
		else
			tap "not ok" "qemu-tcg/$t (exit $rx)"
			diff "$out/ext/$t.q" "$out/ext/$t.x" | head -5 | sed 's/^/# /'
		fi
	done
else
	n=$((n + 1)); echo "ok $n - qemu-tcg # SKIP $src/qemu-tcg not fetched"
fi
d=$src/gcc-testsuite/gcc.target/aarch64/advsimd-intrinsics
if [ -d "$d" ]; then
	pass=0 fail=0 skip=0 failed=
	for f in "$d"/*.c; do
		t=$(basename "$f" .c)
		if grep -qE 'dg-require-effective-target (arm_v8_2a_fp16|arm_v8_2a_bf16|arm_v8_2a_i8mm|arm_v8_1a_neon|arm_v8_3a_complex|arm_v8_2a_dotprod|stdint_types_mbig_endian|aarch64_asm_bf16)|dg-do compile' "$f"; then
			skip=$((skip + 1))
			continue
		fi
		if ! $cc -static -O2 -w -march=armv8-a+crypto -I"$d" -o "$out/ext/$t" "$f" -lm 2>/dev/null; then
			skip=$((skip + 1))
			continue
		fi
		if timeout 30 "$emu" "$out/ext/$t" >/dev/null 2>&1; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			failed="$failed $t"
		fi
	done
	if [ $fail -eq 0 ]; then
		tap ok "gcc advsimd-intrinsics: $pass passed, $skip skipped (compile-only or unadvertised features)"
	else
		tap "not ok" "gcc advsimd-intrinsics: $pass passed, $fail failed:$failed"
	fi
else
	n=$((n + 1)); echo "ok $n - gcc advsimd-intrinsics # SKIP not fetched"
fi
d=$src/gcc-testsuite/gcc.c-torture/execute
if [ -d "$d" ]; then
	pass=0 fail=0 both=0 skip=0 failed=
	for f in "$d"/*.c; do
		t=$(basename "$f" .c)
		if ! $cc -static -O2 -w -fno-strict-aliasing -o "$out/ext/t-$t" "$f" -lm 2>/dev/null; then
			skip=$((skip + 1))
			continue
		fi
		if timeout 30 "$emu" "$out/ext/t-$t" >/dev/null 2>&1; then
			pass=$((pass + 1))
		elif ! timeout 30 qemu-aarch64-static "$out/ext/t-$t" >/dev/null 2>&1; then
			both=$((both + 1))	# fails under the reference too (needs -fwrapv, profiling, ...)
		else
			fail=$((fail + 1))
			failed="$failed $t"
		fi
		rm -f "$out/ext/t-$t"
	done
	if [ $fail -eq 0 ]; then
		tap ok "gcc.c-torture/execute -O2: $pass passed, $both fail under qemu too, $skip do not build"
	else
		tap "not ok" "gcc.c-torture/execute -O2: $pass passed, $fail failed:$failed"
	fi
else
	n=$((n + 1)); echo "ok $n - gcc.c-torture # SKIP not fetched"
fi
echo "1..$n"
[ $bad -eq 0 ]
