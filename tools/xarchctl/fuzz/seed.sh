#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Seed corpus for fuzz_inspect: synthetic ELF files for every arch (tests/mkelf.c) and the crasher corpus.
# usage: seed.sh MKELF OUTDIR
set -e
M=$1 O=$2
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$O"
"$M" "$O/a64" --class 64 --machine 183 --type 3 --pie --interp /lib/ld-linux-aarch64.so.1 --needed libc.so.6 --soname x
"$M" "$O/arm" --class 32 --machine 40 --interp /lib/ld-linux-armhf.so.3 --needed libc.so.6 --needed libm.so.6
"$M" "$O/ppc64" --class 64 --data msb --machine 21 --interp /lib64/ld64.so.1 --needed libc.so.6
"$M" "$O/s390x" --class 64 --data msb --machine 22
"$M" "$O/rv32" --class 32 --machine 243 --needed libc.so.6 --pie --type 3
for h in "$HERE"/regress/*.hex; do
	[ -e "$h" ] || continue
	"$M" "$O/regress-$(basename "$h" .hex)" --from-hex "$h"
done
