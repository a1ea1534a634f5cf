#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""proto.py — the remote protocol spoken directly to `xarch-aarch64 -g SOCKET g_spin x`, for what
GDB's batch mode cannot drive: an interrupt (^C) of a program busy in a loop, and the stub's
answers to bad input (a bad checksum, unknown registers and threads, unreadable memory,
watchpoints it does not offer). Prints TAP lines from number N (argv[2]); exits 1 on a failure.
usage: proto.py SOCKET FIRST_TEST_NUMBER"""
import socket
import sys
import time

sock_path, n = sys.argv[1], int(sys.argv[2]) - 1
failed = 0


def check(cond, name, detail=""):
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} - {name}")
    else:
        failed += 1
        print(f"not ok {n} - {name}")
        if detail:
            print("#   " + str(detail)[:300])


s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
for _ in range(100):
    try:
        s.connect(sock_path)
        break
    except OSError:
        time.sleep(0.05)
s.settimeout(20)
buf = b""
noack = False


def read_byte():
    global buf
    if not buf:
        buf = s.recv(65536)
        if not buf:
            raise EOFError
    b, buf = buf[:1], buf[1:]
    return b


def frame(data):
    return b"$" + data + b"#" + b"%02x" % (sum(data) & 0xff)


def reply():
    """the next packet; acks it"""
    while read_byte() != b"$":
        pass
    data = b""
    while (c := read_byte()) != b"#":
        data += c
    read_byte(), read_byte()
    if not noack:
        s.sendall(b"+")
    return data


def ack():
    c = read_byte()
    while c not in (b"+", b"-"):
        c = read_byte()
    return c


def cmd(data):
    s.sendall(frame(data))
    if not noack:
        a = ack()
        assert a == b"+", a
    return reply()


# a packet with a bad checksum is refused ('-'), then the same packet sent right is answered
s.sendall(b"$?#00")
check(ack() == b"-", "a packet with a bad checksum: '-'")
r = cmd(b"qSupported:multiprocess+;swbreak+;hwbreak+;vContSupported+")
feats = r.split(b";")
check(all(f in feats for f in [b"qXfer:features:read+", b"qXfer:auxv:read+", b"qXfer:threads:read+",
                               b"qXfer:exec-file:read+", b"vContSupported+", b"swbreak+",
                               b"QStartNoAckMode+", b"multiprocess+"]) and r.startswith(b"PacketSize="),
      "qSupported: the features GDB needs", r)
stop = cmd(b"?")
check(stop.startswith(b"T05thread:p"), "?: stopped before the first instruction (T05 with the thread)", stop)
pid, tid = stop.split(b":p")[1].rstrip(b";").split(b".")
regs = cmd(b"g")
check(len(regs) == 2 * (33 * 8 + 4 + 32 * 16 + 4 + 4 + 8), "g: x0-x30 sp pc cpsr v0-v31 fpsr fpcr tpidr",
      len(regs))
pc = cmd(b"p20")
check(len(pc) == 16 and pc == regs[32 * 16:33 * 16] and pc != b"0" * 16, "p20 (pc): the pc of the g packet", pc)
r = cmd(b"P0=efbeaddeefbeadde")
check(r == b"OK" and cmd(b"p0") == b"efbeaddeefbeadde", "P0 then p0: x0 written", r)
check(cmd(b"p45") == b"E01", "p45 (no such register): E01")
check(cmd(b"P45=00") == b"E01", "P45 (no such register): E01")
check(cmd(b"m0,4") == b"E14", "m at address 0 (unmapped): E14")
check(cmd(b"M0,4:00000000") == b"E14", "M at address 0 (unmapped): E14")
check(cmd(b"M400000,4:0000") == b"E01", "M whose data is shorter than its length: E01")
check(cmd(b"mzz") == b"E01", "m malformed: E01")
check(cmd(b"Z2,400000,4") == b"", "Z2 (write watchpoint): unsupported (empty)")
check(cmd(b"Hgp%s.7fffffff" % pid) == b"E01", "Hg of a thread that does not exist: E01")
check(cmd(b"Tp%s.7fffffff" % pid) == b"E01", "T of a thread that does not exist: E01")
check(cmd(b"Tp%s.%s" % (pid, tid)) == b"OK", "T of the thread: OK")
check(cmd(b"qC") == b"QCp%s.%s" % (pid, tid), "qC: the current thread")
check(cmd(b"qXfer:features:read:nosuch.xml:0,100") == b"E00", "qXfer:features of an unknown annex: E00")
xml = cmd(b"qXfer:features:read:target.xml:0,1000")
check(xml.startswith(b"l") and b"<architecture>aarch64</architecture>" in xml, "target.xml: aarch64", xml[:80])
check(cmd(b"vMustReplyEmpty") == b"", "an unknown packet: empty reply")
check(cmd(b"QStartNoAckMode") == b"OK", "QStartNoAckMode: OK")
noack = True                         # no acks from here on, either way
r = cmd(b"vCont?")
check(r == b"vCont;c;C;s;S", "vCont?: c C s S", r)
# interrupt: the program spins (no system calls); ^C stops it with SIGINT
s.sendall(frame(b"vCont;c"))
time.sleep(1.0)
s.sendall(b"\x03")
try:
    r = reply()
except (socket.timeout, EOFError) as e:
    r = repr(e).encode()
check(r.startswith(b"T02thread:p"), "^C while running: stop reply with SIGINT (T02)", r)
threads = cmd(b"qfThreadInfo")
check(threads.startswith(b"m") and threads.count(b",") == 1, "qfThreadInfo: main and the spinner", threads)
s.sendall(frame(b"k"))
s.close()
print(f"# proto: {n}", file=sys.stderr)
sys.exit(1 if failed else 0)
