# SPDX-License-Identifier: GPL-2.0-only
# Sourced by ./run: real Debian arm64 programs from the root $DR, compared with qemu's output
# (programs that start others are compared with the native x86_64 run of the same script,
# since qemu cannot follow execve without binfmt_misc).

# deb_vs_qemu NAME STDIN-FILE PROG ARGS...
deb_vs_qemu() {
	local name=$1 in=$2
	shift 2
	local eo qo er qr
	eo=$(cd "$T" && timeout 120 "$EMU" -L "$DR" "$@" <"$in" 2>&1); er=$?
	if [ $have_qemu = 1 ]; then
		# qemu shows the sysroot in paths the guest sees (sys.executable); we do not
		qo=$(cd "$T" && QEMU_LD_PREFIX=$DR timeout 120 "$QEMU" -L "$DR" "$DR$1" "${@:2}" <"$in" 2>&1 | sed "s|$DR/|/|g"); qr=${PIPESTATUS[0]}
		expect "$name: equals qemu-aarch64's" "$qo"$'\n'"rc=$qr" "$eo"$'\n'"rc=$er"
	else
		expect "$name: exits 0" 0 $er
	fi
}

cat >"$T/py.py" <<'PY'
import os, sys, re, collections, functools, itertools, struct, math
print(sys.platform, sys.byteorder, struct.calcsize("P"), os.uname().machine)
primes = [n for n in range(2, 2000) if all(n % d for d in range(2, int(n ** 0.5) + 1))]
print(len(primes), sum(primes), primes[-5:])
c = collections.Counter("the quick brown fox jumps over the lazy dog".split("o"))
print(sorted(c.items()))
print(functools.reduce(lambda a, b: a * b % 1000003, range(1, 5000)))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "alice@example bob@test"))
print("%.10f %.6e %r" % (math.pi, math.exp(10), 0.1 + 0.2))
print(list(itertools.permutations("abc"))[:4])
try:
    {}["x"]
except KeyError as e:
    print("KeyError", e)
d = {i: str(i) * 3 for i in range(10)}
print(sorted(d.items())[-2:], len(str(2 ** 10000)))
with open("pyfile.txt", "w") as f:
    f.write("line\n" * 100)
print(os.path.getsize("pyfile.txt"), sorted(x for x in os.listdir(".") if x.startswith("py")))
os.unlink("pyfile.txt")
print(sys.argv[1:], sys.executable)
PY
: >"$T/empty"
deb_vs_qemu "python3 test script" "$T/empty" /usr/bin/python3 "$T/py.py" a1 a2
deb_vs_qemu "sqlite3 queries" "$T/empty" /usr/bin/sqlite3 :memory: \
	"create table t(a integer, b text); insert into t values (1,'one'),(2,'two'),(3,'three');
	 with recursive c(x) as (select 1 union all select x+1 from c where x<1000) insert into t select x+10, hex(x*x) from c;
	 select count(*), sum(a), max(b) from t; select b from t where a < 4 order by b;
	 select group_concat(a, ',') from (select a from t order by a desc limit 5);"
deb_vs_qemu "lua5.4 script" "$T/empty" /usr/bin/lua5.4 -e \
	'local t={} for i=1,1000 do t[i]=i*i end print(#t, t[1000], string.format("%.5f", math.sqrt(2)), ("x"):rep(5))'
deb_vs_qemu "perl one-liner" "$T/empty" /usr/bin/perl -e \
	'my %h = map { $_ => $_**2 } 1..100; print join(",", map { $h{$_} } (1,50,100)), "\n"; print scalar(reverse("abc")), "\n"'

# xz and gzip round trips of 2 MB of mixed data
head -c 1000000 /dev/urandom >"$T/data"
seq 1 150000 >>"$T/data"
for z in xz gzip; do
	timeout 120 "$EMU" -L "$DR" /usr/bin/$z -c <"$T/data" >"$T/data.$z" 2>"$T/err" &&
		timeout 120 "$EMU" -L "$DR" /usr/bin/$z -dc <"$T/data.$z" >"$T/data.out" 2>>"$T/err"
	if cmp -s "$T/data" "$T/data.out"; then ok "$z round trip (2 MB)"; else notok "$z round trip (2 MB)" "$(cat "$T/err")"; fi
	if [ $have_qemu = 1 ]; then
		timeout 120 "$QEMU" -L "$DR" "$DR/usr/bin/$z" -dc <"$T/data.$z" >"$T/data.q" 2>/dev/null
		if cmp -s "$T/data" "$T/data.q"; then ok "$z: qemu decompresses our output"; else notok "$z: qemu decompresses our output"; fi
	fi
done

# bash: pipes, subshells, command substitution, coreutils started by execve (followed)
cat >"$T/sh.sh" <<'SH'
set -e
x=$(echo hello | tr a-z A-Z)
echo "upper: $x"
seq 1 200 | sort -rn | head -n 3 | tr '\n' ' '; echo
( cd /tmp && echo "subshell in $(pwd)" )
n=0; for i in $(seq 1 50); do n=$((n + i)); done; echo "sum=$n"
printf '%s\n' b a c | sort | wc -l
echo "status: $(false || echo $?)"
f() { local v=$1; echo "func $v $(( v * 2 ))"; }; f 21
echo abc | { read -r l; echo "read $l"; }
cat <<EOT | sed 's/x/y/g'
xxx here-doc
EOT
echo "${BASH_VERSINFO[0]}" | grep -c 5
basename /a/b/c.txt .txt; dirname /a/b/c.txt; expr 6 \* 7
SH
eo=$(cd "$T" && timeout 120 "$EMU" -L "$DR" /usr/bin/bash "$T/sh.sh" 2>&1); er=$?
no=$(cd "$T" && bash "$T/sh.sh" 2>&1); nr=$?
expect "bash script with pipes, subshells, substitutions and coreutils equals the native run" \
	"$no"$'\n'"rc=$nr" "$eo"$'\n'"rc=$er"
eo=$(timeout 60 "$EMU" -L "$DR" /usr/bin/bash -c 'ls -la /usr/bin/python3 | wc -l; readlink /proc/self/exe; echo $0' 2>&1)
expect "bash -c: coreutils in the sysroot, /proc/self/exe, \$0" "1"$'\n'"/usr/bin/readlink"$'\n'"/usr/bin/bash" "$eo"

# busybox: the applet comes from argv[0] (-0, a symlink name), and its shell re-executes
# /proc/self/exe for applets and pipelines
out=$(timeout 60 "$EMU" -0 echo "$DR/bin/busybox" hello applet 2>&1)
expect "busybox: -0 picks the applet" "hello applet" "$out"
ln -sf "$DR/bin/busybox" "$T/wc"
out=$(printf 'a\nb\nc\n' | timeout 60 "$EMU" "$T/wc" -l 2>&1)
expect "busybox: a symlink name picks the applet (argv[0] kept)" "3" "$out"
out=$(timeout 60 "$EMU" -L "$DR" /bin/busybox sh -c 'echo $(echo sub | tr a-z A-Z); seq 1 10 | busybox tail -n 2 | wc -l; readlink /proc/self/exe' 2>&1)
expect "busybox sh: substitution, pipeline of applets, /proc/self/exe" "SUB"$'\n'"2"$'\n'"/usr/bin/busybox" "$out"

# python3: subprocess (vfork/exec followed), threads, signals
cat >"$T/py2.py" <<'PY'
import subprocess, os, threading, signal, time
print(subprocess.run(["/usr/bin/echo", "x"], capture_output=True).stdout)
try:
    subprocess.run(["/nonexistent"])
except FileNotFoundError:
    print("fnf")
r = subprocess.run("echo $((6*7)) | cat", shell=True, capture_output=True, text=True)
print(r.stdout.strip(), r.returncode)
def w(n, out): out.append(sum(range(n)))
out = []
ts = [threading.Thread(target=w, args=(100000, out)) for _ in range(4)]
[t.start() for t in ts]; [t.join() for t in ts]
print(out)
got = []
signal.signal(signal.SIGALRM, lambda s, f: got.append(s))
signal.setitimer(signal.ITIMER_REAL, 0.05)
time.sleep(0.3)
print(got, os.uname().machine)
PY
out=$(cd "$T" && timeout 120 "$EMU" -L "$DR" /usr/bin/python3 "$T/py2.py" 2>&1)
expect "python3: subprocess, threads, signals" \
	"b'x\\n'"$'\n'"fnf"$'\n'"42 0"$'\n'"[4999950000, 4999950000, 4999950000, 4999950000]"$'\n'"[14] aarch64" "$out"

# a chroot without /proc: the emulator inside it follows execve (falls back to AT_EXECFN)
if [ "$(id -u)" = 0 ]; then
	cp "$EMU" "$DR/.xarch-aarch64-test"
	out=$(chroot "$DR" /.xarch-aarch64-test /bin/bash -c 'echo hi | tr a-z A-Z; readlink /proc/self/exe' 2>&1)
	rm -f "$DR/.xarch-aarch64-test"
	expect "chroot without /proc: execve followed, /proc/self/exe still the guest" "HI"$'\n'"/usr/bin/readlink" "$out"
else
	skip "chroot without /proc" "needs root"
fi
