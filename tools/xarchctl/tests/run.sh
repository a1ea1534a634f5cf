#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Host-side tests of xarchctl: inspect/doctor on fixture ELF files built here (cross-compiled aarch64,
# synthetic headers for every arch, hostile files), the sysfs commands against a fake sysfs tree
# (XARCH_SYSFS), run with a fake emulator, and the OCI hook with a fake xarchctl (oci-hook.sh). TAP on
# stdout; exit 1 when anything failed.
#
# env: XARCHCTL (binary), MKELF (tests/mkelf.c built), TESTDIR (scratch, wiped)
set -u
X=${XARCHCTL:?}
MKELF=${MKELF:?}
T=${TESTDIR:-/tmp/xarchctl-test}
HERE=$(cd "$(dirname "$0")" && pwd)
rm -rf "$T" && mkdir -p "$T/fx" || exit 1
F=$T/fx
n=0
fails=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() {
	n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"
	[ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/# /'
	[ -f "$T/out" ] && sed 's/^/#   out: /' "$T/out" | head -n 15
	[ -f "$T/err" ] && sed 's/^/#   err: /' "$T/err" | head -n 5
	return 0
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

# r CMD...: run with the test environment, output in $T/out, $T/err, status in $rc
r() { "$@" >"$T/out" 2>"$T/err"; rc=$?; }
# expect NAME RC GREP-PATTERN-ON-OUT+ERR [more patterns...]
expect() {
	local name=$1 want=$2; shift 2
	if [ "$rc" != "$want" ]; then notok "$name" "exit status $rc, expected $want"; return; fi
	for pat in "$@"; do
		if ! cat "$T/out" "$T/err" | grep -qE -- "$pat"; then notok "$name" "no match for: $pat"; return; fi
	done
	ok "$name"
}
# one_error_line NAME: stderr is exactly one line and it names the file
one_error_line() {
	local name=$1 file=$2
	if [ "$(wc -l <"$T/err")" -ne 1 ]; then notok "$name: one error line" "stderr has $(wc -l <"$T/err") lines"; return; fi
	if ! grep -qF -- "$file" "$T/err"; then notok "$name: error names the file"; return; fi
	ok "$name: one error line naming the file"
}
have_py() { command -v python3 >/dev/null 2>&1; }
# json_check NAME PYTHON-EXPR: evaluate an assertion on the parsed JSON in $T/out (variable j)
json_check() {
	if ! have_py; then skip "$1" "no python3"; return; fi
	if python3 -c "import json,sys; j=json.load(open('$T/out')); sys.exit(0 if ($2) else 1)" 2>"$T/pyerr"; then
		ok "$1"
	else
		notok "$1" "$(cat "$T/pyerr") assertion: $2"
	fi
}

export XARCH_SYSFS=$T/no-module	# never the real /sys unless a test says so
export XARCH_EMULATOR_DIR=$T/emu-none

# ---------------------------------------------------------------- fixtures
cat >"$F/hello.c" <<'C'
#include <stdio.h>
int main(int argc, char **argv) { printf("hello %d %s\n", argc, argv[0]); return 0; }
C
gcc -o "$F/native" "$F/hello.c" || echo "# gcc failed"
HAVE_A64=0
if command -v aarch64-linux-gnu-gcc >/dev/null; then
	aarch64-linux-gnu-gcc -static -o "$F/a64-static" "$F/hello.c" &&
	aarch64-linux-gnu-gcc -no-pie -o "$F/a64-dyn" "$F/hello.c" &&
	aarch64-linux-gnu-gcc -pie -fPIE -o "$F/a64-pie" "$F/hello.c" &&
	aarch64-linux-gnu-gcc -static-pie -fPIE -o "$F/a64-static-pie" "$F/hello.c" && HAVE_A64=1
fi

# arch name:class:data:machine:interp
ARCHES="aarch64:64:lsb:183:/lib/ld-linux-aarch64.so.1
arm:32:lsb:40:/lib/ld-linux-armhf.so.3
riscv64:64:lsb:243:/lib/ld-linux-riscv64-lp64d.so.1
riscv32:32:lsb:243:/lib/ld-linux-riscv32-ilp32d.so.1
ppc64le:64:lsb:21:/lib64/ld64.so.2
ppc64:64:msb:21:/lib64/ld64.so.1
s390x:64:msb:22:/lib/ld64.so.1
mips64el:64:lsb:8:/lib64/ld.so.1
loongarch64:64:lsb:258:/lib64/ld-linux-loongarch-lp64d.so.1"
for a in $ARCHES; do
	IFS=: read -r name cls data mach interp <<<"$a"
	"$MKELF" "$F/syn-$name" --class "$cls" --data "$data" --machine "$mach" --type 3 --pie \
		--interp "$interp" --needed libc.so.6 --needed "libxarch-$name.so.1"
	"$MKELF" "$F/syn-$name-static" --class "$cls" --data "$data" --machine "$mach" --type 2
done
chmod +x "$F"/syn-*

# ---------------------------------------------------------------- inspect: real toolchain output
if [ $HAVE_A64 = 1 ]; then
	r "$X" inspect "$F/a64-static"
	expect "inspect aarch64 static" 0 "ELF64 little-endian" "arch aarch64" "type: +EXEC" "linkage: +static$" "interpreter: +\(none\)"
	r "$X" inspect "$F/a64-dyn"
	expect "inspect aarch64 dynamic (no-pie)" 0 "type: +EXEC" "linkage: +dynamic$" "interpreter: +/lib/ld-linux-aarch64.so.1" "needed: +libc.so.6"
	r "$X" inspect "$F/a64-pie"
	expect "inspect aarch64 dynamic PIE" 0 "type: +DYN" "linkage: +dynamic-pie" "needed: +libc.so.6"
	r "$X" inspect "$F/a64-static-pie"
	expect "inspect aarch64 static-pie" 0 "type: +DYN" "linkage: +static-pie" "interpreter: +\(none\)"
	r "$X" --json inspect "$F/a64-pie"
	json_check "inspect --json aarch64 PIE: schema and fields" \
		"j['schema']==1 and j['command']=='inspect' and j['files'][0]['arch']=='aarch64' and j['files'][0]['elf']['class']==64 and j['files'][0]['elf']['machine']==183 and j['files'][0]['elf']['linkage']=='dynamic-pie' and j['files'][0]['elf']['interpreter']=='/lib/ld-linux-aarch64.so.1' and j['files'][0]['elf']['needed']==['libc.so.6'] and j['module']['loaded']==False and j['files'][0]['emulator']['source']=='module-not-loaded'"
else
	for t in static dynamic pie static-pie json; do skip "inspect aarch64 $t" "no aarch64-linux-gnu-gcc"; done
fi
r "$X" inspect "$F/native"
expect "inspect native x86_64" 0 "AMD x86-64" "native: the kernel runs it directly"

# ---------------------------------------------------------------- inspect: every arch (synthetic)
for a in $ARCHES; do
	IFS=: read -r name cls data mach interp <<<"$a"
	end=little; [ "$data" = msb ] && end=big
	r "$X" inspect "$F/syn-$name"
	expect "inspect synthetic $name (ELF$cls $end-endian, PIE, $interp)" 0 \
		"ELF$cls $end-endian" "e_machine $mach\\), arch $name\$" "linkage: +dynamic-pie" \
		"interpreter: +$interp" "needed: +libc.so.6 libxarch-$name.so.1"
	r "$X" inspect "$F/syn-$name-static"
	expect "inspect synthetic $name static" 0 "arch $name\$" "linkage: +static\$"
done
"$MKELF" "$F/sparc64" --class 64 --data msb --machine 43
r "$X" inspect "$F/sparc64"
expect "inspect unsupported machine (SPARC v9)" 0 "SPARC v9" "no xarch arch handles it"
"$MKELF" "$F/mips-be" --class 64 --data msb --machine 8
r "$X" inspect "$F/mips-be"
expect "inspect mips64 big-endian is not mips64el" 0 "ELF64 big-endian" "no xarch arch handles it"
"$MKELF" "$F/i386" --class 32 --machine 3
r "$X" inspect "$F/i386"
expect "inspect i386 is native" 0 "Intel 80386" "native"
"$MKELF" "$F/lib.so" --class 64 --machine 183 --type 3 --soname libfoo.so.1 --needed libc.so.6
r "$X" inspect "$F/lib.so"
expect "inspect shared library" 0 "linkage: +shared-library" "soname: +libfoo.so.1"
r "$X" inspect "$F/syn-aarch64" "$F/syn-s390x"
expect "inspect several files" 0 "syn-aarch64:" "syn-s390x:" "arch s390x"

# ---------------------------------------------------------------- hostile and broken files
: >"$F/empty"
printf '\177EL' >"$F/magic3"
printf 'just text\n' >"$F/text"
printf '#!/bin/sh\necho hi\n' >"$F/script"
"$MKELF" "$F/ok64" --class 64 --machine 183 --interp /lib/ld-linux-aarch64.so.1 --needed libc.so.6
head -c 30 "$F/ok64" >"$F/trunc-ehdr"
head -c 100 "$F/ok64" >"$F/trunc-phdr"
"$MKELF" "$F/phoff-beyond" --class 64 --machine 183 --phoff 0x7fffffffffff
"$MKELF" "$F/phnum-huge" --class 64 --machine 183 --phnum 65535
"$MKELF" "$F/phnum-xnum" --class 64 --machine 183 --phnum 65535 --shoff 64 --shnum 0
"$MKELF" "$F/shnum-huge" --class 64 --machine 183 --shnum 65535 --shoff 0xffffffffff00
"$MKELF" "$F/shoff-beyond" --class 32 --machine 40 --shnum 3 --shoff 0x7ffffff0
"$MKELF" "$F/phentsize-bad" --class 64 --machine 183 --phentsize 12
"$MKELF" "$F/class-bad" --class 64 --machine 183 --ident-class 3
"$MKELF" "$F/data-bad" --class 64 --machine 183 --ident-data 7
"$MKELF" "$F/version-bad" --class 64 --machine 183 --version 9
"$MKELF" "$F/interp-beyond" --class 64 --machine 183 --interp /lib/ld.so --interp-off 0xfffffff0
"$MKELF" "$F/interp-huge" --class 64 --machine 183 --interp /lib/ld.so --raw-interp-size 0x100000
"$MKELF" "$F/interp-unterminated" --class 64 --machine 183 --interp /lib/ld.so --raw-interp-size 4
"$MKELF" "$F/strtab-unmapped" --class 64 --machine 183 --needed libc.so.6 --strtab 0x7fff0000
"$MKELF" "$F/needed-beyond" --class 64 --machine 183 --needed libc.so.6 --needed-off 0x7fffffff
"$MKELF" "$F/dyn-beyond" --class 64 --machine 183 --needed libc.so.6 --dyn-off 0xffffffffff
"$MKELF" "$F/dyn-huge" --class 32 --data msb --machine 21 --needed libc.so.6 --dyn-size 0xffffffff
"$MKELF" "$F/no-phdrs" --class 64 --machine 183 --no-phdrs
"$MKELF" "$F/be-trunc" --class 64 --data msb --machine 22 --interp /lib/ld64.so.1 --needed libc.so.6 --truncate 150
# fuzzer findings, kept as hex dumps with their expected exit status and error (fuzz/regress/EXPECTED)
REGRESS=$HERE/../fuzz/regress
check_bad() {	# FILE KIND-PATTERN
	local f=$1 pat=$2 b
	b=$(basename "$f")
	r "$X" inspect "$f"
	if [ "$rc" -ge 128 ]; then notok "inspect $b: no crash" "killed by signal $((rc - 128))"; return; fi
	expect "inspect $b: exit 1, '$pat'" 1 "$pat"
	one_error_line "inspect $b" "$f"
	r "$X" doctor "$f"
	expect "doctor $b: exit 1" 1 "^error: "
	r "$X" --json inspect "$f"
	json_check "inspect --json $b: ok=false with an error" "j['files'][0]['ok']==False and j['files'][0]['error_kind'] in ('not-elf','malformed','io') and len(j['files'][0]['error'])>0"
}
check_bad "$F/empty" "empty file"
check_bad "$F/magic3" "not an ELF|truncated"
check_bad "$F/text" "not an ELF file"
check_bad "$F/script" "script"
check_bad "$F/trunc-ehdr" "truncated ELF header"
check_bad "$F/trunc-phdr" "program header"
check_bad "$F/phoff-beyond" "beyond the end of the file"
check_bad "$F/phnum-huge" "program header"
check_bad "$F/phnum-xnum" "program header"
check_bad "$F/phentsize-bad" "program header entry size"
check_bad "$F/class-bad" "invalid ELF class"
check_bad "$F/data-bad" "data encoding"
check_bad "$F/version-bad" "ELF version"
check_bad "$F/interp-beyond" "interpreter"
check_bad "$F/interp-huge" "interpreter"
check_bad "$F/interp-unterminated" "NUL-terminated"
check_bad "$F/strtab-unmapped" "string table"
check_bad "$F/needed-beyond" "outside the string table"
check_bad "$F/dyn-beyond" "dynamic segment"
check_bad "$F/no-phdrs" "no program headers"
check_bad "$F/be-trunc" "beyond|truncated|dynamic|interpreter"
while IFS='|' read -r name want pat; do
	case $name in ''|'#'*) continue ;; esac
	"$MKELF" "$F/regress-$name" --from-hex "$REGRESS/$name.hex"
	r "$X" inspect "$F/regress-$name"
	if [ "$rc" -ge 128 ]; then notok "fuzz regression $name: no crash" "signal $((rc - 128))"; continue; fi
	expect "fuzz regression $name: exit $want, '$pat'" "$want" "$pat"
done <"$REGRESS/EXPECTED"
# hostile section tables are irrelevant to the inspector: still read fine
r "$X" inspect "$F/shnum-huge"
expect "inspect huge e_shnum with bogus e_shoff: header still read" 0 "arch aarch64"
r "$X" inspect "$F/shoff-beyond"
expect "inspect e_shoff beyond EOF (ELF32): header still read" 0 "arch arm"
r "$X" inspect "$T/does-not-exist"
expect "inspect missing file: exit 1" 1 "No such file"
one_error_line "inspect missing file" "$T/does-not-exist"
r "$X" inspect "$F"
expect "inspect a directory: exit 1" 1 "is a directory"
mkfifo "$T/fifo"
r timeout 10 "$X" inspect "$T/fifo"
expect "inspect a FIFO: refused at once, no hang" 1 "not a regular file"
r "$X" inspect /dev/null
expect "inspect a device: refused" 1 "not a regular file"
r "$X" inspect "$F/syn-arm" "$F/empty"
expect "inspect good+bad: exit 1, good one still shown" 1 "arch arm" "empty file"

# ---------------------------------------------------------------- doctor without the module
r "$X" doctor "$F/native"
expect "doctor native: exit 0, nothing to do" 0 "native AMD x86-64 program" "xarch is not involved"
r "$X" --json doctor "$F/native"
json_check "doctor --json native: verdict native" "j['schema']==1 and j['command']=='doctor' and j['verdict']=='native'"
r "$X" doctor "$F/syn-aarch64-static"
expect "doctor, module not loaded: says so, with the fix" 1 "module is not loaded" "modprobe binfmt_xarch"
r "$X" doctor "$F/sparc64"
expect "doctor unsupported arch" 1 "xarch has no arch for it"
r "$X" doctor "$F/script"
expect "doctor script: names its interpreter" 1 "is a script" "xarchctl doctor /bin/sh"
"$MKELF" "$F/obj.o" --class 64 --machine 183 --type 1 --no-phdrs
r "$X" doctor "$F/obj.o"
expect "doctor relocatable object: not a program" 1 "not a program"
cp "$F/syn-arm-static" "$F/noexec-bit" && chmod 0644 "$F/noexec-bit"
r "$X" doctor "$F/noexec-bit"
expect "doctor file without x bit: chmod +x" 1 "is not executable" "chmod \\+x"
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && unshare -m true 2>/dev/null; then
	mkdir -p "$T/noexecmnt"
	r unshare -m sh -c "mount -t tmpfs -o noexec none '$T/noexecmnt' && cp '$F/syn-arm-static' '$T/noexecmnt/p' && '$X' doctor '$T/noexecmnt/p'"
	if grep -q "mounted noexec" "$T/out"; then expect "doctor on a noexec mount (statvfs ST_NOEXEC)" 1 "mounted noexec" "remount"
	else skip "doctor on a noexec mount" "could not mount tmpfs here: $(head -c 200 "$T/err")"; fi
else
	skip "doctor on a noexec mount" "needs root and unshare -m"
fi
if [ $HAVE_A64 = 1 ] && [ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ] && [ ! -e /lib/ld-linux-aarch64.so.1 ]; then
	r "$X" doctor "$F/a64-dyn"
	expect "doctor dynamic, no sysroot: loader missing, suggests /usr/aarch64-linux-gnu" 1 \
		"needs the dynamic loader /lib/ld-linux-aarch64.so.1" "run -L /usr/aarch64-linux-gnu" "needs the library libc.so.6"
else
	skip "doctor dynamic, no sysroot" "needs /usr/aarch64-linux-gnu and no host /lib/ld-linux-aarch64.so.1"
fi

# ---------------------------------------------------------------- fake sysfs
S=$T/sysfs
mksysfs() {
	rm -rf "$S"; mkdir -p "$S"
	echo 1 >"$S/enabled"; : >"$S/default_sysroot"; : >"$S/ns_sysroots"
	{ echo "enabled 1"; echo "ns_sysroots 0"; } >"$S/status"
	for a in aarch64 arm riscv64 riscv32 ppc64le ppc64 s390x mips64el loongarch64; do
		mkdir "$S/$a"; : >"$S/$a/emulator"; echo 1 >"$S/$a/enabled"; echo 0 >"$S/$a/credentials"
		echo 0 >"$S/$a/execs"; echo 0 >"$S/$a/failures"; : >"$S/$a/sysroot"
		echo "$a emulator=0 enabled=1 credentials=0 execs=0 failures=0 sysroot=0" >>"$S/status"
	done
	chmod 0600 "$S/default_sysroot" "$S/ns_sysroots" "$S"/*/emulator "$S"/*/sysroot
}
mkdir -p "$T/emu"
printf '#!/bin/sh\necho "EMU $0 $*"\n' >"$T/emu/xarch-aarch64"
printf '#!/bin/sh\necho "EMU $0 $*"\n' >"$T/emu/xarch-arm"
chmod +x "$T/emu/"*
EMU=$T/emu/xarch-aarch64

r "$X" status
expect "status without the module: exit 3, how to load it" 3 "not loaded" "modprobe binfmt_xarch"
r "$X" --json status
json_check "status --json without the module" "j['schema']==1 and j['module']['loaded']==False and 'modprobe' in j['module']['load_hint']"
r "$X" set-emulator aarch64 "$EMU"
expect "set-emulator without the module: exit 3" 3 "not loaded"
one_error_line "set-emulator without the module" "$XARCH_SYSFS"
r "$X" sysroot list
expect "sysroot list without the module: exit 3" 3 "not loaded"

mksysfs
export XARCH_SYSFS=$S
r "$X" status
expect "status (fake sysfs): loaded, every arch listed" 0 "loaded, enabled" "^aarch64 " "^loongarch64 " "^s390x " "default sysroot: \(none\)"
r "$X" set-emulator aarch64 "$EMU"
if [ "$rc" = 0 ] && [ "$(cat "$S/aarch64/emulator")" = "$EMU" ]; then ok "set-emulator writes the absolute path"; else notok "set-emulator writes the absolute path" "rc=$rc content=$(cat "$S/aarch64/emulator")"; fi
(cd "$T/emu" && "$X" set-emulator arm ./xarch-arm >/dev/null 2>&1)
if [ "$(cat "$S/arm/emulator")" = "$T/emu/xarch-arm" ]; then ok "set-emulator makes a relative path absolute"; else notok "set-emulator makes a relative path absolute" "content=$(cat "$S/arm/emulator")"; fi
r "$X" set-emulator sparc "$EMU"
expect "set-emulator invalid arch: exit 5" 5 "sparc: invalid arch"
one_error_line "set-emulator invalid arch" sparc
r "$X" set-emulator aarch64 "$T/nope"
expect "set-emulator missing file: exit 5, names it" 5 "$T/nope: No such file"
echo data >"$T/plain" && chmod 0644 "$T/plain"
r "$X" set-emulator aarch64 "$T/plain"
expect "set-emulator non-executable: exit 5" 5 "not executable"
r "$X" set-emulator aarch64 "$T"
expect "set-emulator directory: exit 5" 5 "is a directory"
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
	mkdir -p "$T/noexecmnt"
	r unshare -m sh -c "mount -t tmpfs -o noexec none '$T/noexecmnt' && cp '$EMU' '$T/noexecmnt/emu' && '$X' set-emulator arm '$T/noexecmnt/emu'"
	if grep -q "mounted noexec" "$T/err"; then expect "set-emulator refuses an emulator on a noexec mount" 5 "mounted noexec"
	else skip "set-emulator on a noexec mount" "could not mount tmpfs here"; fi
else
	skip "set-emulator on a noexec mount" "needs root and unshare -m"
fi
if [ "$(cat "$S/aarch64/emulator")" = "$EMU" ]; then ok "failed set-emulator left the old setting"; else notok "failed set-emulator left the old setting"; fi
if [ $HAVE_A64 = 1 ]; then
	r "$X" set-emulator riscv64 "$F/a64-static"
	expect "set-emulator refuses a foreign emulator (would recurse)" 5 "not a native one"
fi
# no partial configuration: credentials file cannot be written -> emulator restored
rm "$S/ppc64/credentials"; mkdir "$S/ppc64/credentials"
echo /old/emu >"$S/ppc64/emulator"
r "$X" set-emulator ppc64 "$EMU" --credentials on --enable
if [ "$rc" != 0 ] && [ "$(cat "$S/ppc64/emulator")" = /old/emu ] && [ "$(cat "$S/ppc64/enabled")" = 1 ]; then
	ok "failed multi-write set-emulator rolls back (no partial configuration)"
else notok "failed multi-write set-emulator rolls back" "rc=$rc emulator=$(cat "$S/ppc64/emulator")"; fi
one_error_line "failed multi-write set-emulator" "$S/ppc64/credentials"
r "$X" set-emulator s390x "$EMU" --credentials on --enable
if [ "$rc" = 0 ] && [ "$(cat "$S/s390x/credentials")" = 1 ] && [ "$(cat "$S/s390x/enabled")" = 1 ]; then ok "set-emulator --credentials on --enable"; else notok "set-emulator --credentials on --enable"; fi
r "$X" disable aarch64
if [ "$rc" = 0 ] && [ "$(cat "$S/aarch64/enabled")" = 0 ]; then ok "disable ARCH writes 0"; else notok "disable ARCH writes 0"; fi
r "$X" enable aarch64 --credentials off
if [ "$rc" = 0 ] && [ "$(cat "$S/aarch64/enabled")" = 1 ] && [ "$(cat "$S/aarch64/credentials")" = 0 ]; then ok "enable ARCH --credentials off"; else notok "enable ARCH --credentials off"; fi
r "$X" disable
if [ "$rc" = 0 ] && [ "$(cat "$S/enabled")" = 0 ]; then ok "disable (global switch)"; else notok "disable (global switch)"; fi
r "$X" enable
if [ "$rc" = 0 ] && [ "$(cat "$S/enabled")" = 1 ]; then ok "enable (global switch)"; else notok "enable (global switch)"; fi
r "$X" credentials arm on
if [ "$rc" = 0 ] && [ "$(cat "$S/arm/credentials")" = 1 ]; then ok "credentials ARCH on"; else notok "credentials ARCH on"; fi
r "$X" credentials arm maybe
expect "credentials with a bad value: usage error" 2 "not on or off"
r "$X" enable foo
expect "enable invalid arch: exit 5" 5 "foo: invalid arch"
# sysroots
mkdir -p "$T/root1"
r "$X" sysroot set --default "$T/root1"
if [ "$rc" = 0 ] && [ "$(cat "$S/default_sysroot")" = "$T/root1" ]; then ok "sysroot set --default"; else notok "sysroot set --default"; fi
r "$X" sysroot set --default "$T/nope"
expect "sysroot set --default missing dir: exit 5" 5 "$T/nope"
if [ "$(cat "$S/default_sysroot")" = "$T/root1" ]; then ok "failed sysroot set left the old default"; else notok "failed sysroot set left the old default"; fi
r "$X" sysroot set --pid $$ /usr
if [ "$rc" = 0 ] && [ "$(cat "$S/ns_sysroots")" = "/proc/$$/ns/mnt /usr" ]; then ok "sysroot set --pid writes '<nsfile> <dir>'"; else notok "sysroot set --pid" "$(cat "$S/ns_sysroots")"; fi
r "$X" sysroot set --ns /proc/$$/ns/mnt /srv/root
if [ "$rc" = 0 ] && [ "$(cat "$S/ns_sysroots")" = "/proc/$$/ns/mnt /srv/root" ]; then ok "sysroot set --ns"; else notok "sysroot set --ns"; fi
r "$X" sysroot set --pid 999999999 /usr
expect "sysroot set --pid of no process: exit 5" 5 "no such process"
r "$X" sysroot set --pid $$ relative/dir
expect "sysroot set for a namespace needs an absolute path" 5 "absolute"
r "$X" sysroot set --pid $$ /definitely/not/here
expect "sysroot set --pid checks DIR inside the process's root" 5 "does not exist inside"
r "$X" sysroot unset --pid $$
if [ "$rc" = 0 ] && [ "$(cat "$S/ns_sysroots")" = "-/proc/$$/ns/mnt" ]; then ok "sysroot unset --pid writes '-<nsfile>'"; else notok "sysroot unset --pid"; fi
r "$X" sysroot unset --id 'mnt:[4026532000]'
if [ "$rc" = 0 ] && [ "$(cat "$S/ns_sysroots")" = "-mnt:[4026532000]" ]; then ok "sysroot unset --id"; else notok "sysroot unset --id"; fi
r "$X" sysroot unset --default
if [ "$rc" = 0 ] && [ ! -s "$S/default_sysroot" ] || [ "$(cat "$S/default_sysroot")" = "" ]; then ok "sysroot unset --default writes an empty line"; else notok "sysroot unset --default"; fi
r "$X" sysroot set --pid 1 --default /usr
expect "sysroot set with two targets: usage error" 2 "only one"
# per-arch sysroots: --arch alone is the arch's own, with a namespace that namespace's entry for it
mkdir -p "$T/armhf root"
r "$X" sysroot set --arch arm "$T/armhf root"
if [ "$rc" = 0 ] && [ "$(cat "$S/arm/sysroot")" = "$T/armhf root" ] && [ -z "$(cat "$S/default_sysroot")" ]; then
	ok "sysroot set --arch arm writes arm/sysroot only"
else
	notok "sysroot set --arch arm" "rc=$rc arm=$(cat "$S/arm/sysroot") default=$(cat "$S/default_sysroot")"
fi
r "$X" sysroot set --arch=aarch64 "$T/root1"
if [ "$rc" = 0 ] && [ "$(cat "$S/aarch64/sysroot")" = "$T/root1" ]; then ok "sysroot set --arch=aarch64"; else notok "sysroot set --arch=aarch64"; fi
r "$X" sysroot set --arch arm "$T/nope"
expect "sysroot set --arch with a missing dir: exit 5" 5 "$T/nope"
if [ "$(cat "$S/arm/sysroot")" = "$T/armhf root" ]; then ok "failed sysroot set --arch left the old value"; else notok "failed sysroot set --arch left the old value"; fi
r "$X" sysroot set --arch sparc /usr
expect "sysroot set --arch with an unknown arch: usage error naming the known ones" 2 "sparc: invalid arch" "aarch64, arm"
r "$X" sysroot set --arch arm --default /usr
expect "sysroot set --arch with --default: usage error" 2 "exclude each other"
r "$X" sysroot set --arch all /usr
expect "sysroot set --arch all without a namespace: usage error" 2 "namespace entry"
r "$X" sysroot set --arch
expect "sysroot set --arch without a value: usage error" 2 "needs a value"
mv "$S/riscv32" "$T/riscv32.away"
r "$X" sysroot set --arch riscv32 /usr
mv "$T/riscv32.away" "$S/riscv32"
expect "sysroot set --arch for an arch the module lacks: exit 5" 5 "does not provide arch riscv32"
r "$X" sysroot set --pid $$ --arch arm /usr
if [ "$rc" = 0 ] && [ "$(cat "$S/ns_sysroots")" = "/proc/$$/ns/mnt arm /usr" ]; then ok "sysroot set --pid --arch writes '<nsfile> <arch> <dir>'"; else notok "sysroot set --pid --arch" "$(cat "$S/ns_sysroots")"; fi
r "$X" sysroot set --ns /proc/$$/ns/mnt --arch all /srv/root
if [ "$rc" = 0 ] && [ "$(cat "$S/ns_sysroots")" = "/proc/$$/ns/mnt /srv/root" ]; then ok "sysroot set --ns --arch all is the entry for every arch"; else notok "sysroot set --ns --arch all" "$(cat "$S/ns_sysroots")"; fi
r "$X" sysroot unset --pid $$ --arch arm
if [ "$rc" = 0 ] && [ "$(cat "$S/ns_sysroots")" = "-/proc/$$/ns/mnt arm" ]; then ok "sysroot unset --pid --arch writes '-<nsfile> <arch>'"; else notok "sysroot unset --pid --arch" "$(cat "$S/ns_sysroots")"; fi
r "$X" sysroot unset --pid $$ --arch all
if [ "$rc" = 0 ] && [ "$(cat "$S/ns_sysroots")" = "-/proc/$$/ns/mnt *" ]; then ok "sysroot unset --arch all writes '-<nsfile> *'"; else notok "sysroot unset --arch all" "$(cat "$S/ns_sysroots")"; fi
r "$X" sysroot unset --id 'mnt:[4026532000]' --arch aarch64
if [ "$rc" = 0 ] && [ "$(cat "$S/ns_sysroots")" = "-mnt:[4026532000] aarch64" ]; then ok "sysroot unset --id --arch"; else notok "sysroot unset --id --arch" "$(cat "$S/ns_sysroots")"; fi
SELF=$(stat -L -c %i /proc/self/ns/mnt)
printf 'mnt:[%s] /usr/aarch64 linux root\nmnt:[4026532999] /srv/c1\nmnt:[%s] arm /srv/armhf root\n' "$SELF" "$SELF" >"$S/ns_sysroots"
r "$X" sysroot list
expect "sysroot list: per-arch sysroots and entries" 0 "^arm: $T/armhf root\$" "^aarch64: $T/root1\$" "mnt:\\[$SELF\\] arm /srv/armhf root +<- this namespace"
r "$X" --json sysroot list
json_check "sysroot list --json: per-arch sysroots and the arch of each entry" "j['arches']=={'aarch64':'$T/root1','arm':'$T/armhf root'} and j['namespaces'][0]['arch'] is None and j['namespaces'][2]['arch']=='arm' and j['namespaces'][2]['sysroot']=='/srv/armhf root'"
r "$X" status
expect "status shows the per-arch sysroots" 0 "^arm sysroot: $T/armhf root\$" "^aarch64 sysroot: $T/root1\$"
r "$X" --json status
json_check "status --json: per-arch sysroot" "[a for a in j['arches'] if a['arch']=='arm'][0]['sysroot']=='$T/armhf root' and [a for a in j['arches'] if a['arch']=='s390x'][0]['sysroot'] is None and j['sysroot']['arches']['arm']=='$T/armhf root'"
r "$X" sysroot unset --arch arm
if [ "$rc" = 0 ] && [ -z "$(cat "$S/arm/sysroot")" ] && [ "$(cat "$S/aarch64/sysroot")" = "$T/root1" ]; then ok "sysroot unset --arch arm clears arm's only"; else notok "sysroot unset --arch arm"; fi
: >"$S/aarch64/sysroot"
printf 'mnt:[%s] /usr/aarch64 linux root\nmnt:[4026532999] /srv/c1\n' "$SELF" >"$S/ns_sysroots"
r "$X" sysroot list
expect "sysroot list marks this namespace" 0 "mnt:\\[$SELF\\] /usr/aarch64 linux root +<- this namespace" "4026532999"
r "$X" --json sysroot list
json_check "sysroot list --json (sysroot with spaces, current flag)" "j['namespaces'][0]['mntns']==$SELF and j['namespaces'][0]['sysroot']=='/usr/aarch64 linux root' and j['namespaces'][0]['current']==True and j['namespaces'][1]['current']==False"
echo 7 >"$S/aarch64/execs"
r "$X" --json status
json_check "status --json (fake sysfs)" "j['module']['loaded'] and j['module']['enabled']==True and [a for a in j['arches'] if a['arch']=='aarch64'][0]['execs']==7 and [a for a in j['arches'] if a['arch']=='aarch64'][0]['emulator']=='$EMU' and len(j['sysroot']['namespaces'])==2"

# doctor / inspect with the fake module
mksysfs
echo "$EMU" >"$S/aarch64/emulator"
r "$X" doctor "$F/syn-aarch64-static"
expect "doctor: all good -> exit 0, 'should run'" 0 "should run: arch aarch64, emulator $EMU"
: >"$S/aarch64/emulator"
r "$X" doctor "$F/syn-aarch64-static"
expect "doctor: no emulator for the arch" 1 "no emulator for aarch64" "xarchctl set-emulator aarch64"
echo "$T/gone/xarch-aarch64" >"$S/aarch64/emulator"
r "$X" doctor "$F/syn-aarch64-static"
expect "doctor: emulator file missing" 1 "does not exist" "set-emulator aarch64"
"$MKELF" "$F/bad-ehsize" --class 64 --machine 183 --ehsize 40
chmod +x "$F/bad-ehsize"
r "$X" doctor "$F/bad-ehsize"
expect "doctor: header the module will not match (e_ehsize)" 1 "e_ehsize does not match" "Exec format error"
if [ $HAVE_A64 = 1 ]; then
	cp "$F/a64-static" "$T/emu-foreign" && chmod +x "$T/emu-foreign" && echo "$T/emu-foreign" >"$S/aarch64/emulator"
	r "$X" doctor "$F/syn-aarch64-static"
	expect "doctor: emulator is itself foreign" 1 "is itself a foreign program \\(aarch64\\)"
fi
cp "$EMU" "$T/emu-noexec" && chmod 0644 "$T/emu-noexec" && echo "$T/emu-noexec" >"$S/aarch64/emulator"
r "$X" doctor "$F/syn-aarch64-static"
expect "doctor: emulator not executable" 1 "is not an executable file"
echo "$EMU" >"$S/aarch64/emulator"; echo 0 >"$S/aarch64/enabled"
r "$X" doctor "$F/syn-aarch64-static"
expect "doctor: arch disabled" 1 "aarch64 is disabled" "xarchctl enable aarch64"
echo 1 >"$S/aarch64/enabled"; echo 0 >"$S/enabled"
r "$X" doctor "$F/syn-aarch64-static"
expect "doctor: module switched off" 1 "switched off globally" "xarchctl enable"
echo 1 >"$S/enabled"
r "$X" --json doctor "$F/syn-aarch64"
json_check "doctor --json: loader and libraries missing, with ids and fixes" "j['verdict']=='problems' and 'loader-missing' in [f['id'] for f in j['findings']] and 'library-missing' in [f['id'] for f in j['findings']] and all(f['fix'] for f in j['findings'] if f['severity']=='error')"
if [ $HAVE_A64 = 1 ] && [ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ]; then
	echo /usr/aarch64-linux-gnu >"$S/default_sysroot"
	r "$X" inspect "$F/a64-pie"
	expect "inspect: default sysroot applies, loader and libc found in it" 0 "sysroot: +/usr/aarch64-linux-gnu \(default\)" \
		"interpreter: +/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1" "libc.so.6 => /usr/aarch64-linux-gnu/lib"
	r "$X" doctor "$F/a64-pie"
	expect "doctor dynamic with the right sysroot: should run" 0 "should run"
	# the arch's own sysroot beats the default; another arch's does not matter
	echo "$T/root1" >"$S/default_sysroot"; echo /usr/aarch64-linux-gnu >"$S/aarch64/sysroot"; echo "$T/root1" >"$S/arm/sysroot"
	r "$X" inspect "$F/a64-pie"
	expect "inspect: aarch64/sysroot beats the default" 0 "sysroot: +/usr/aarch64-linux-gnu \\(arch\\)" \
		"interpreter: +/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1"
	# a namespace entry for another arch does not apply; one for this arch beats the entry for every arch
	printf 'mnt:[%s] arm %s\n' "$SELF" "$T/root1" >"$S/ns_sysroots"
	r "$X" --json inspect "$F/a64-pie"
	json_check "inspect --json: another arch's namespace entry does not apply" "j['files'][0]['sysroot']=={'source':'arch','path':'/usr/aarch64-linux-gnu'}"
	printf 'mnt:[%s] %s\nmnt:[%s] aarch64 /usr/aarch64-linux-gnu\n' "$SELF" "$T/root1" "$SELF" >"$S/ns_sysroots"
	r "$X" --json inspect "$F/a64-pie"
	json_check "inspect --json: this namespace's entry for the arch beats its entry for every arch" "j['files'][0]['sysroot']=={'source':'namespace','path':'/usr/aarch64-linux-gnu'}"
	: >"$S/aarch64/sysroot"; : >"$S/arm/sysroot"; echo /usr/aarch64-linux-gnu >"$S/default_sysroot"
	printf 'mnt:[%s] %s\n' "$SELF" "$T/root1" >"$S/ns_sysroots"
	r "$X" --json inspect "$F/a64-pie"
	json_check "inspect --json: this namespace's sysroot beats the default" "j['files'][0]['sysroot']=={'source':'namespace','path':'$T/root1'} and j['files'][0]['interpreter']['found']==False"
	r "$X" doctor "$F/a64-pie"
	expect "doctor: namespace sysroot lacks the loader, suggests the one that has it" 1 "not in the sysroot $T/root1|neither in the sysroot $T/root1" "/usr/aarch64-linux-gnu has it: xarchctl sysroot set --arch aarch64 /usr/aarch64-linux-gnu"
else
	skip "inspect/doctor with a sysroot" "no /usr/aarch64-linux-gnu"
fi
# not root
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	mksysfs
	chmod 0755 "$T" "$S" "$S"/*/ 2>/dev/null
	cp "$X" "$T/xarchctl-copy" && chmod 0755 "$T/xarchctl-copy"
	r setpriv --reuid=65534 --regid=65534 --clear-groups env XARCH_SYSFS="$S" "$T/xarchctl-copy" set-emulator aarch64 /bin/true
	if [ "$rc" = 126 ] || grep -q "Permission denied" "$T/err" && ! grep -q xarchctl: "$T/err"; then
		skip "non-root set-emulator: permission denied, not root" "scratch dir not reachable by nobody"
	else
		expect "non-root set-emulator: exit 4, 'not root'" 4 "permission denied \\(not root"
		one_error_line "non-root set-emulator" "$S/aarch64/emulator"
		[ ! -s "$S/aarch64/emulator" ] && ok "non-root write changed nothing" || notok "non-root write changed nothing"
		echo /bin/true >"$S/aarch64/emulator"
		sed -i 's/^aarch64 emulator=0/aarch64 emulator=1/' "$S/status"
		chmod 0644 "$S/status"; chmod 0755 "$F"; chmod 0755 "$F/syn-aarch64-static"
		r setpriv --reuid=65534 --regid=65534 --clear-groups env XARCH_SYSFS="$S" "$T/xarchctl-copy" inspect "$F/syn-aarch64-static"
		expect "non-root inspect: emulator set per the status file, path root-only" 0 "emulator: +set \\(the path is readable by root only\\)"
		r setpriv --reuid=65534 --regid=65534 --clear-groups env XARCH_SYSFS="$S" "$T/xarchctl-copy" doctor "$F/syn-aarch64-static"
		expect "non-root doctor: warns that the emulator was not checked, exit 0" 0 "readable by root only" "should run"
		r setpriv --reuid=65534 --regid=65534 --clear-groups env XARCH_SYSFS="$S" "$T/xarchctl-copy" status
		expect "non-root status: says some settings are root-only" 0 "readable by root only"
	fi
else
	skip "non-root set-emulator" "needs root and setpriv"
fi

# ---------------------------------------------------------------- save / apply
# The configuration file against the fake sysfs: what save writes, apply restoring it on a fresh
# module, bad lines (FILE:LINE, nothing applied), a refused write rolled back.
# dump_cfg: every configurable file of the fake sysfs, one "name=value" line each.
dump_cfg() { (cd "$S" && for f in enabled default_sysroot */emulator */enabled */credentials */sysroot; do printf '%s=%s\n' "$f" "$(cat "$f")"; done); }
export XARCH_SYSFS=$T/no-module
r "$X" save "$T/c.conf"
expect "save without the module: exit 3" 3 "not loaded"
mksysfs
export XARCH_SYSFS=$S
mkdir -p "$T/root sp"
"$X" set-emulator aarch64 "$EMU" >/dev/null && "$X" set-emulator arm "$T/emu/xarch-arm" >/dev/null &&
	"$X" credentials aarch64 on >/dev/null && "$X" disable riscv64 >/dev/null &&
	"$X" sysroot set --default "$T/root sp" >/dev/null && "$X" sysroot set --arch arm "$T/armhf root" >/dev/null &&
	"$X" sysroot set --arch aarch64 "$T/root1" >/dev/null
before=$(dump_cfg)
r "$X" save "$T/c.conf"
if [ "$rc" = 0 ] && grep -qxF "aarch64 emulator $EMU" "$T/c.conf" && grep -qx 'aarch64 credentials on' "$T/c.conf" &&
	grep -qx 'riscv64 enabled off' "$T/c.conf" && grep -qxF "default-sysroot $T/root sp" "$T/c.conf" &&
	grep -qx 's390x emulator none' "$T/c.conf" && grep -qx 'enabled on' "$T/c.conf" &&
	grep -qxF "arm sysroot $T/armhf root" "$T/c.conf" && grep -qxF "aarch64 sysroot $T/root1" "$T/c.conf" &&
	grep -qx 's390x sysroot none' "$T/c.conf" &&
	[ "$(grep -c ' emulator ' "$T/c.conf")" = 9 ] && [ "$(grep -c ' sysroot ' "$T/c.conf")" = 9 ]; then
	ok "save writes every setting (emulators, per-arch switches, credentials, per-arch sysroots, a sysroot with a space)"
else
	notok "save writes every setting" "rc=$rc; file: $(cat "$T/c.conf" 2>&1)"
fi
if [ "$(stat -c %a "$T/c.conf")" = 644 ] && [ -z "$(ls "$T" | grep 'c.conf.tmp')" ]; then
	ok "save: mode 0644, no temporary file left"
else
	notok "save: mode 0644, no temporary file left" "$(ls -l "$T" | grep c.conf)"
fi
r "$X" save -
if [ "$rc" = 0 ] && diff -q "$T/out" "$T/c.conf" >/dev/null; then ok "save - prints the same file"; else notok "save - prints the same file"; fi
r "$X" save "$T/no-such-dir/c.conf"
expect "save into a missing directory: an error naming it" 6 "$T/no-such-dir/c.conf"
r "$X" apply --check "$T/c.conf"
expect "apply --check: a saved file has 38 settings and no error" 0 "38 settings, no error"
mksysfs
fresh=$(dump_cfg)
r "$X" apply "$T/c.conf"
after=$(dump_cfg)
if [ "$rc" = 0 ] && [ "$after" = "$before" ] && [ "$fresh" != "$before" ]; then
	ok "apply on a fresh module gives back the saved configuration"
else
	notok "apply on a fresh module gives back the saved configuration" "rc=$rc; $(diff <(echo "$before") <(echo "$after"))"
fi
mksysfs
r "$X" apply - <"$T/c.conf"
if [ "$rc" = 0 ] && [ "$(dump_cfg)" = "$before" ]; then ok "apply - reads standard input"; else notok "apply - reads standard input" "rc=$rc"; fi
printf '\n  # indented comment\r\n\tenabled   off  \r\narm emulator none\n' >"$T/c2.conf"
r "$X" apply "$T/c2.conf"
if [ "$rc" = 0 ] && [ "$(cat "$S/enabled")" = 0 ] && [ -z "$(cat "$S/arm/emulator")" ] &&
	[ "$(cat "$S/aarch64/emulator")" = "$EMU" ]; then
	ok "apply: blanks, comments, CRLF; none clears an emulator; unnamed settings are kept"
else
	notok "apply: blanks, comments, CRLF, none, unnamed settings kept" "rc=$rc $(dump_cfg | head -n 3)"
fi
mksysfs
"$X" apply "$T/c.conf" >/dev/null 2>&1
before=$(dump_cfg)
# bad_conf NAME CONTENT PATTERN: exit 5, FILE:LINE and the pattern in the error, nothing changed
bad_conf() {
	printf '%b' "$2" >"$T/bad.conf"
	r "$X" apply "$T/bad.conf"
	if [ "$rc" = 5 ] && grep -qE -- "$T/bad.conf:$3" "$T/err" && grep -q 'nothing applied' "$T/err" &&
		[ "$(dump_cfg)" = "$before" ]; then
		ok "apply rejects $1 (FILE:LINE, exit 5, nothing applied)"
	else
		notok "apply rejects $1" "rc=$rc; wanted $T/bad.conf:$3"
	fi
}
bad_conf "an unknown setting" 'enabled on\nfrobnicate 1\n' "2: 'frobnicate': not a setting"
bad_conf "an unknown arch setting" 'arm emulator none\naarch64 root /x\n' "2: 'aarch64 root': an arch setting is"
bad_conf "a relative arch sysroot" 'arm sysroot usr/arm-linux-gnueabihf\n' "1: 'usr/arm-linux-gnueabihf': not an absolute path"
bad_conf "an arch sysroot given twice" 'arm sysroot none\narm sysroot /x\n' "2: arm sysroot is already set on line 1"
bad_conf "a relative path" '# c\narm emulator bin/qemu\n' "2: 'bin/qemu': not an absolute path"
bad_conf "a bad boolean" 'aarch64 credentials maybe\n' "1: 'maybe': not on or off"
bad_conf "a setting given twice" 'enabled on\n\nenabled off\n' "3: enabled is already set on line 1"
bad_conf "a setting without a value" 'arm emulator none\ndefault-sysroot\n' "2: default-sysroot: no value"
bad_conf "a control character in a path" 'default-sysroot /a\033b\n' "1: the path contains a control character"
bad_conf "a bad line after good ones (the good ones are not applied)" 'arm emulator none\nenabled off\ns390x enabled perhaps\n' "3: 'perhaps'"
printf 'frob\narm emulator x\n' >"$T/bad.conf"
r "$X" apply "$T/bad.conf"
if [ "$rc" = 5 ] && grep -q "bad.conf:1:" "$T/err" && grep -q "bad.conf:2:" "$T/err" && grep -q '2 bad lines' "$T/err"; then
	ok "apply reports every bad line, not only the first"
else
	notok "apply reports every bad line" "rc=$rc"
fi
r "$X" apply "$T/missing.conf"
expect "apply of a missing file: exit 5, names it and how to write one" 5 "$T/missing.conf: No such file" "xarchctl save"
r "$X" apply --check "$T/c.conf" extra
expect "apply with two files: usage error" 2 "one FILE at most"
r "$X" apply --frob "$T/c.conf"
expect "apply with an unknown option: usage error" 2 "unknown option --frob"
# A write the module refuses (here: a file that cannot be opened for writing) rolls back the earlier ones.
printf 'aarch64 emulator %s\narm emulator %s\ns390x credentials on\n' "$T/emu/xarch-arm" "$EMU" >"$T/c3.conf"
rm "$S/s390x/credentials" && mkdir "$S/s390x/credentials"
r "$X" apply "$T/c3.conf"
rmdir "$S/s390x/credentials" && echo 0 >"$S/s390x/credentials"
if [ "$rc" != 0 ] && grep -q 'c3.conf:3: this setting was refused: nothing applied' "$T/err" &&
	[ "$(dump_cfg)" = "$before" ]; then
	ok "apply: a refused write undoes the settings already written (emulators back as they were)"
else
	notok "apply: a refused write undoes the settings already written" "rc=$rc; $(diff <(echo "$before") <(dump_cfg))"
fi
# An arch the loaded module does not have: refused before anything is written.
mv "$S/loongarch64" "$T/loongarch64.away"
printf 'enabled off\nloongarch64 enabled off\n' >"$T/c4.conf"
r "$X" apply "$T/c4.conf"
mv "$T/loongarch64.away" "$S/loongarch64"
if [ "$rc" = 5 ] && grep -q 'c4.conf:2: the loaded module does not provide arch loongarch64' "$T/err" && [ "$(cat "$S/enabled")" = 1 ]; then
	ok "apply: an arch the module lacks is refused before anything is written"
else
	notok "apply: an arch the module lacks is refused before anything is written" "rc=$rc"
fi
# A module older than per-arch sysroots: save leaves them out, apply of an arch sysroot is refused and rolled back.
mksysfs
rm -f "$S"/*/sysroot
r "$X" save "$T/old.conf"
if [ "$rc" = 0 ] && ! grep -q ' sysroot ' "$T/old.conf" && [ "$(grep -c ' emulator ' "$T/old.conf")" = 9 ]; then
	ok "save with a module without per-arch sysroots: no sysroot lines"
else
	notok "save with a module without per-arch sysroots" "rc=$rc; $(grep sysroot "$T/old.conf")"
fi
printf 'enabled off\narm sysroot /usr\n' >"$T/c5.conf"
r "$X" apply "$T/c5.conf"
if [ "$rc" = 5 ] && grep -q 'c5.conf:2: this setting was refused' "$T/err" && grep -q 'does not have it' "$T/err" &&
	[ "$(cat "$S/enabled")" = 1 ]; then
	ok "apply of an arch sysroot to a module without them: refused, nothing applied"
else
	notok "apply of an arch sysroot to a module without them" "rc=$rc enabled=$(cat "$S/enabled")"
fi
mksysfs
export XARCH_SYSFS=$T/no-module
r "$X" apply "$T/c.conf"
expect "apply without the module: exit 3" 3 "not loaded"
r "$X" apply --check "$T/c.conf"
expect "apply --check needs no module" 0 "38 settings, no error"

# ---------------------------------------------------------------- run
export XARCH_SYSFS=$T/no-module
export XARCH_EMULATOR_DIR=$T/emu
r "$X" run "$F/syn-aarch64-static" a "b c"
expect "run: execs xarch-ARCH from XARCH_EMULATOR_DIR with FILE and args" 0 "^EMU $T/emu/xarch-aarch64 $F/syn-aarch64-static a b c\$"
r "$X" run -L /some/root -0 myname "$F/syn-arm-static" --help
expect "run -L DIR -0 ARGV0: passed to the emulator; FILE's --help is FILE's" 0 "^EMU $T/emu/xarch-arm -L /some/root -0 myname $F/syn-arm-static --help\$"
r "$X" run "$F/native"
expect "run a native program: refused, exit 5" 5 "native"
r "$X" run "$F/text"
expect "run a non-ELF: exit 5" 5 "not an ELF"
if [ ! -e /usr/lib/xarch/xarch-s390x ]; then
	r "$X" run "$F/syn-s390x-static"
	expect "run with no emulator for the arch: exit 127" 127 "no emulator for"
	one_error_line "run with no emulator" "syn-s390x-static"
else skip "run with no emulator" "/usr/lib/xarch/xarch-s390x exists"; fi
r "$X" run -E "$T/emu-noexec" "$F/syn-aarch64-static"
expect "run with a non-executable emulator: exit 126" 126 "cannot execute"
QEMU=$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)
if [ -n "$QEMU" ] && [ $HAVE_A64 = 1 ]; then
	r "$X" run -E "$QEMU" "$F/a64-static" x y
	expect "run a real aarch64 program through qemu" 0 "^hello 3 "
	r "$X" run -E "$QEMU" -L /usr/aarch64-linux-gnu "$F/a64-pie" x
	expect "run a dynamic aarch64 program with -L" 0 "^hello 2 "
else
	skip "run a real aarch64 program" "no qemu-aarch64"
fi

# ---------------------------------------------------------------- command line
for c in status inspect doctor run set-emulator enable disable credentials sysroot; do
	r "$X" "$c" --help
	expect "$c --help" 0 "^usage: xarchctl"
done
r "$X" help doctor
expect "help COMMAND" 0 "usage: xarchctl \\[--json\\] doctor"
r "$X" --help
expect "--help lists every command" 0 "status" "inspect" "doctor" "run" "set-emulator" "sysroot"
r "$X" frobnicate
expect "unknown command: exit 2" 2 "unknown command frobnicate"
r "$X"
expect "no command: exit 2 with usage" 2 "usage:"
r "$X" inspect
expect "inspect without FILE: exit 2" 2 "no FILE"
r "$X" inspect "$F/syn-ppc64" --json
json_check "--json accepted after the command; big-endian ppc64 needed libs" "j['files'][0]['arch']=='ppc64' and j['files'][0]['elf']['endianness']=='big' and j['files'][0]['elf']['needed']==['libc.so.6','libxarch-ppc64.so.1']"
printf '\177ELF\002\001\001' >"$F/$(printf 'we\001ird\377name')"
r "$X" --json inspect "$F/$(printf 'we\001ird\377name')"
json_check "--json escapes control bytes and invalid UTF-8 in file names" "j['files'][0]['file'].endswith('we\\u0001ird\\ufffdname')"
if command -v bash >/dev/null; then
	r bash -c "source '$HERE/../xarchctl.bash-completion' && COMP_WORDS=(xarchctl sys) COMP_CWORD=1 && _xarchctl && printf '%s\n' \"\${COMPREPLY[@]}\""
	expect "bash completion completes commands" 0 "^sysroot$"
	r bash -c "source '$HERE/../xarchctl.bash-completion' && COMP_WORDS=(xarchctl set-emulator s) COMP_CWORD=2 && _xarchctl && printf '%s\n' \"\${COMPREPLY[@]}\""
	expect "bash completion completes arches" 0 "^s390x$"
	r bash -c "source '$HERE/../xarchctl.bash-completion' && COMP_WORDS=(xarchctl sysroot set --ar) COMP_CWORD=3 && _xarchctl && printf '%s\n' \"\${COMPREPLY[@]}\""
	expect "bash completion completes sysroot --arch" 0 "^--arch$"
	r bash -c "source '$HERE/../xarchctl.bash-completion' && COMP_WORDS=(xarchctl sysroot set --arch a) COMP_CWORD=4 && _xarchctl && printf '%s\n' \"\${COMPREPLY[@]}\""
	expect "bash completion completes the arch after --arch, and all" 0 "^arm$" "^aarch64$" "^all$"
fi
if command -v man >/dev/null && [ -f "$HERE/../xarchctl.1" ]; then
	r env MANWIDTH=100 man -l "$HERE/../xarchctl.1"
	expect "man page renders, documents the JSON schema and exit codes" 0 "JSON" "EXIT STATUS" "XARCH_SYSFS"
elif [ -f "$HERE/../xarchctl.1" ]; then
	grep -q '^\.SH "\?EXIT STATUS' "$HERE/../xarchctl.1" && ok "man page has EXIT STATUS" || notok "man page has EXIT STATUS"
fi

# ---------------------------------------------------------------- binfmt_misc entries (a fake mount)
M=$T/binfmt_misc
mkdir -p "$M"
echo enabled >"$M/status"
: >"$M/register"
# qemu-user-static's entries as the kernel shows them: e_type masked to ET_EXEC/ET_DYN
printf 'enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: POCF\noffset 0\nmagic 7f454c460201010000000000000000000200b700\nmask ffffffffffffff00fffffffffffffffffeffffff\n' >"$M/qemu-aarch64"
printf 'disabled\ninterpreter /usr/libexec/qemu-binfmt/arm-binfmt-P\nflags: POCF\noffset 0\nmagic 7f454c4601010100000000000000000002002800\nmask ffffffffffffff00fffffffffffffffffeffffff\n' >"$M/qemu-arm"
printf 'enabled\ninterpreter /usr/libexec/qemu-binfmt/s390x-binfmt-P\nflags: POCF\noffset 0\nmagic 7f454c4602020100000000000000000000020016\nmask ffffffffffffff00fffffffffffffffffffeffff\n' >"$M/qemu-s390x"
printf 'enabled\ninterpreter /usr/bin/wine\nflags: \nextension .exe\n' >"$M/wine"
printf 'garbage\n' >"$M/broken"
r env XARCH_BINFMT_MISC="$M" "$X" status
expect "status without the module names binfmt_misc's entry for aarch64 and who runs them" 3 \
	"binfmt_misc: 4 entries" "qemu-aarch64 +enabled +matches aarch64 programs; interpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P \(flags POCF\)" \
	"aarch64 programs run under binfmt_misc's qemu-aarch64 \(binfmt_xarch is not loaded\)" \
	"qemu-arm +disabled +matches arm programs" "qemu-s390x +enabled +matches s390x programs" "1 entry could not be read"
if grep -q "wine\|qemu-s390x .*matches [^s]\|ppc64 programs" "$T/out"; then notok "an extension entry matches nothing; a big-endian magic only its own arch"; else ok "an extension entry matches nothing; a big-endian magic only its own arch"; fi
if grep -q "arm programs run under" "$T/out"; then notok "a disabled entry does not compete"; else ok "a disabled entry does not compete"; fi
r env XARCH_BINFMT_MISC="$M" "$X" --json status
json_check "status --json: binfmt_misc competitors" "j['binfmt_misc']['mounted'] and [c['arch'] for c in j['binfmt_misc']['competing']]==['aarch64','s390x'] and j['binfmt_misc']['competing'][0]['entry']=='qemu-aarch64' and j['binfmt_misc']['unreadable']==1"
rm "$M/register"
r env XARCH_BINFMT_MISC="$M" "$X" status
expect "status: binfmt_misc not mounted" 3 "binfmt_misc: not mounted at $M"

# The OCI hook, which calls xarchctl (tools/oci/xarch-oci-hook): its refusals and what it calls.
. "$HERE/oci-hook.sh"

echo "1..$n"
echo "# $((n - fails)) passed, $fails failed"
[ "$fails" = 0 ]
