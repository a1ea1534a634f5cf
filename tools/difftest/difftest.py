#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Differential instruction tester: xarch-aarch64 against qemu-aarch64-static.

For every encoding in emulator/guest/aarch64/a64.def (and a64_simd.def) it generates random instruction words
inside the entry's mask/match (with per-class operand constraints so addresses stay in a scratch
buffer and no CONSTRAINED UNPREDICTABLE form is produced), random register/flag/FP state with edge
values, and wraps each test in a static AArch64 harness program: load the state, execute, dump all
general registers, SP, NZCV, FPSR, FPCR, V0-V31, the signal taken (if any) and, for memory classes,
the scratch buffer. The program runs under both emulators; the dumps are compared test by test.

TAP on stdout: one line per encoding class entry. Exit status 1 on any mismatch.
  difftest.py --emu build/emulator/xarch-aarch64 --seed 1 --per-class 300
  difftest.py --count 1000000          # long run: repeat with new seeds until N tests ran
"""
import argparse
import concurrent.futures
import functools
import os
import random
import re
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
EMU_DIR = os.path.join(ROOT, 'emulator', 'guest', 'aarch64')

# The reference CPU: a Cortex-A72 (Armv8.0, what we report) except for the LSE classes, which need
# Armv8.1 and run on qemu's "max" without pointer authentication and SVE (as we advertise).
QEMU = 'qemu-aarch64-static'
QEMU_CPU_DEFAULT = 'cortex-a72'
QEMU_CPU_LSE = 'max,pauth=off,sve=off'
CC = 'aarch64-linux-gnu-gcc'
OBJDUMP = 'aarch64-linux-gnu-objdump'

SCRATCH = 16384
DUMP = 800
SIGNAMES = {0: 'none', 4: 'SIGILL', 5: 'SIGTRAP', 7: 'SIGBUS', 8: 'SIGFPE', 11: 'SIGSEGV'}


def parse_def():
    ents = []
    for fn in ('a64.def', 'a64_simd.def'):
        for line in open(os.path.join(EMU_DIR, fn)):
            m = re.match(r'\s*INSN\(\s*(\w+)\s*,\s*(\w+)\s*,\s*(0x[0-9a-fA-F]+)\s*,\s*(0x[0-9a-fA-F]+)\s*,\s*(\w+)\s*\)', line)
            if m:
                ents.append((m.group(1), m.group(2), int(m.group(3), 16), int(m.group(4), 16), m.group(5)))
    return ents


# ---------------------------------------------------------------- random state
EDGE64 = [0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
          0x100000000, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff, 0xfffffffffffffffe,
          63, 64, 31, 32]
F32 = [0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000,
       0x7f800001, 0x7fa00000, 0xff812345, 0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff, 0x4f000000,
       0xcf000000, 0x5f000000, 0x3f000000, 0x40490fdb, 0x4b000000, 0x3fc00000, 0x40200000, 0xc0200000]
F64 = [0x0, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000, 0x7ff0000000000000,
       0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000001, 0x7ff4000000000000,
       0xfff0000012345678, 0x0000000000000001, 0x800fffffffffffff, 0x0010000000000000, 0x7fefffffffffffff,
       0x43e0000000000000, 0xc3e0000000000000, 0x41e0000000000000, 0x3fe0000000000000, 0x400921fb54442d18,
       0x4330000000000000, 0x3ff8000000000000, 0x4004000000000000, 0xc004000000000000]


def rand_x(r):
    k = r.random()
    if k < 0.35:
        return r.choice(EDGE64)
    if k < 0.5:
        return r.randrange(0, 256)
    if k < 0.6:
        return (-r.randrange(1, 256)) & (2**64 - 1)
    if k < 0.7:
        return r.getrandbits(32)
    return r.getrandbits(64)


def rand_v(r):
    k = r.random()
    if k < 0.3:
        return r.getrandbits(128)
    if k < 0.6:
        v = 0
        for i in range(4):
            f = r.choice(F32) if r.random() < 0.6 else (r.getrandbits(32) & 0x87ffffff | 0x38000000)
            v |= f << (32 * i)
        return v
    if k < 0.9:
        v = 0
        for i in range(2):
            f = r.choice(F64) if r.random() < 0.6 else (r.getrandbits(64) & 0x83ffffffffffffff | 0x3c00000000000000)
            v |= f << (64 * i)
        return v
    v = 0
    for i in range(16):
        v |= r.choice([0, 1, 0x7f, 0x80, 0xff, 0x55]) << (8 * i)
    return v


class State:
    def __init__(self, r, scratch_mid):
        self.x = [rand_x(r) for _ in range(31)]
        self.sp = scratch_mid - 512
        self.nzcv = r.getrandbits(4) << 28
        self.fpsr = 0 if r.random() < 0.7 else (r.getrandbits(5) | (r.getrandbits(1) << 27))
        rm = r.getrandbits(2) if r.random() < 0.5 else 0
        dn = 1 if r.random() < 0.2 else 0
        fz = 1 if r.random() < 0.1 else 0
        ahp = 1 if r.random() < 0.1 else 0
        self.fpcr = (rm << 22) | (dn << 25) | (fz << 24) | (ahp << 26)
        self.v = [rand_v(r) for _ in range(32)]

    def pack(self):
        q = [0] + self.x + [self.sp, self.nzcv, self.fpsr, self.fpcr]
        for v in self.v:
            q += [v & (2**64 - 1), v >> 64]
        return q


# ---------------------------------------------------------------- generation
def bits(w, hi, lo):
    return (w >> lo) & ((1 << (hi - lo + 1)) - 1)


def setf(w, hi, lo, v):
    m = ((1 << (hi - lo + 1)) - 1) << lo
    return (w & ~m) | ((v << lo) & m)


MEM_CLASSES = {'ldst', 'ldst_pair', 'ldst_excl', 'atomic', 'fp_ldst', 'simd_ldst'}
WRITEBACK = {'LDP_STP_POST', 'LDP_STP_PRE', 'LDST_POST', 'LDST_PRE', 'FLDP_STP_POST', 'FLDP_STP_PRE',
             'FLDST_POST', 'FLDST_PRE', 'LDST_MULT_P', 'LDST_SINGLE_P'}

SKIP_MNEM = re.compile(r'^(sdot|udot|usdot|sudot|fmlal|fmlsl|sqrdml|bfcvt|bfdot|bfmlal|bfmmla|smmla|ummla|usmmla|frint32|frint64|fjcvtzs|'
                       r'fcmla|fcadd|sha512|sm3|sm4|eor3|rax1|xar|bcax|ldapr|ldapur|stlur|rmif|setf|cfinv|xaflag|'
                       r'axflag|ldg|stg|st2g|stzg|irg|gmi|subp|addg|subg|cpy|set|ld64b|st64b|autia|autib|pac|xpac|'
                       r'bti|retaa|retab|braa|brab|blraa|blrab|eretaa|ldraa|ldrab|wfet|wfit|dgh|clrbhb|ldaprb|ldaprh)')
FP16_OK = re.compile(r'^(fcvt|fcvtl|fcvtl2|fcvtn|fcvtn2|ld|st|ldr|str|ldp|stp|ldur|stur|mov|ins|dup|umov|smov|'
                     r'ext|tbl|tbx|zip|uzp|trn|rev|xtn|shrn|rshrn|sqxtn|uqxtn|sqxtun|ushll|sshll|uxtl|sxtl|shll|'
                     r'not|mvn|and|orr|eor|bic|bsl|bit|bif|orn|movi|mvni|add|sub|mul|mla|mls|cm|s|u|abs|neg|'
                     r'cls|clz|cnt|pmul|raddhn|rsubhn|addhn|subhn|addp|addv|sq|uq|sr|ur|shl|sli|sri)')


def disasm(words):
    """objdump each word: returns list of (mnemonic, operands) or None for undefined."""
    with tempfile.NamedTemporaryFile(suffix='.bin', delete=False) as f:
        f.write(b''.join(struct.pack('<I', w) for w in words))
        name = f.name
    try:
        out = subprocess.run([OBJDUMP, '-D', '-b', 'binary', '-m', 'aarch64', name],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(name)
    res = {}
    for line in out.splitlines():
        m = re.match(r'\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+(.*)$', line)
        if m:
            res[int(m.group(1), 16) // 4] = m.group(3)
    return [res.get(i, '') for i in range(len(words))]


def unadvertised(text):
    t = text.strip()
    if not t or t.startswith('.inst') or 'undefined' in t:
        return False
    mn = t.split()[0]
    if SKIP_MNEM.match(mn):
        return True
    ops = t[len(mn):]
    if re.search(r'\bh\d+\b|\.\d*h\b', ops) and mn.startswith('f') and not re.match(r'^fcvt[ln]?2?$', mn):
        return True
    if re.search(r'\bh\d+\b|\.\d*h\b', ops) and mn in ('scvtf', 'ucvtf', 'fmov'):
        return True
    return False


class Gen:
    """Builds one test: a list of (kind, value) pieces of assembly plus its input state."""

    def __init__(self, r, scratch_mid):
        self.r = r
        self.mid = scratch_mid

    def mem_base(self, st, rn, align=1):
        if self.r.random() < 0.03:
            # an unmapped address: both must raise SIGSEGV with no register (base included) changed
            a = self.r.choice([0x10, 0xff0, 0xdead0000])
            if rn == 31:
                st.sp = a
            else:
                st.x[rn] = a
            return
        off = self.r.randrange(-256, 256)
        if self.r.random() < 0.8 or align < 0:
            off &= ~(abs(align) - 1)
        a = self.mid + off
        if rn == 31:
            st.sp = a
        else:
            st.x[rn] = a

    def make(self, ent):
        name, cls, mask, match, handler = ent
        r = self.r
        pair = handler in ('exec_ldst_pair', 'exec_exclp')
        st = State(r, self.mid)
        w = match | (r.getrandbits(32) & ~mask & 0xffffffff)
        pre, post = [], []  # extra instructions around the tested word
        rt, rn, rm, rt2 = bits(w, 4, 0), bits(w, 9, 5), bits(w, 20, 16), bits(w, 14, 10)
        if cls in MEM_CLASSES:
            if name in ('LDR_LIT', 'FLDR_LIT'):
                w = setf(w, 23, 5, r.randrange(-64, 64) & 0x7ffff)
            else:
                rn = r.choice([r.randrange(0, 29), 31]) if r.random() < 0.85 else 31
                w = setf(w, 9, 5, rn)
                if name in WRITEBACK or cls in ('ldst_excl', 'atomic'):
                    while rt == rn or (pair and rt2 == rn):
                        rt = r.randrange(0, 31)
                        rt2 = r.randrange(0, 31)
                    w = setf(w, 4, 0, rt)
                    if pair:
                        w = setf(w, 14, 10, rt2)
                if pair and bits(w, 22, 22):
                    while rt2 == rt or rt2 == rn:
                        rt2 = r.randrange(0, 31)
                    w = setf(w, 14, 10, rt2)
                if name in ('LDST_UIMM', 'FLDST_UIMM'):
                    w = setf(w, 21, 10, r.randrange(0, 64))
                if handler in ('exec_excl', 'exec_exclp'):
                    while rm in (rt, rn, rt2):
                        rm = r.randrange(0, 31)
                    w = setf(w, 20, 16, rm)
                if handler in ('exec_cas', 'exec_atomic'):
                    while rm == rn:
                        rm = r.randrange(0, 31)
                    w = setf(w, 20, 16, rm)
                size = bits(w, 31, 30)
                align = 1 << size if cls != 'simd_ldst' else 1
                if handler in ('exec_exclp', 'exec_casp'):
                    align = 8 << bits(w, 30, 30)
                if cls == 'ldst_excl':
                    # qemu skips the alignment check of a store-exclusive whose monitor fails;
                    # the architecture (and we) fault first: keep exclusives aligned
                    align = -align
                self.mem_base(st, rn, align)
                if handler == 'exec_ldst_reg' or name in ('LDST_MULT_P', 'LDST_SINGLE_P'):
                    while rm == rn:
                        rm = r.randrange(0, 31)
                    w = setf(w, 20, 16, rm)
                    if rm != 31:
                        opt = bits(w, 15, 13)
                        v = r.randrange(0, 256)
                        if opt in (6, 7) and r.random() < 0.4 and handler == 'exec_ldst_reg':
                            v = (-v) & (2**64 - 1)
                        st.x[rm] = v
                if handler in ('exec_excl', 'exec_exclp') and not bits(w, 22, 22) and r.random() < 0.7:
                    # store-exclusive: usually precede with the matching load-exclusive
                    ld = w | (1 << 22)
                    ld = setf(ld, 20, 16, 31)
                    t2 = r.randrange(0, 31)
                    while t2 in (rn, rm):
                        t2 = r.randrange(0, 31)
                    ld = setf(ld, 4, 0, t2)
                    if handler == 'exec_exclp':
                        t3 = r.randrange(0, 31)
                        while t3 in (rn, rm, t2):
                            t3 = r.randrange(0, 31)
                        ld = setf(ld, 14, 10, t3)
                    else:
                        ld = setf(ld, 14, 10, 31)
                    pre.append(ld)
                    if r.random() < 0.2:
                        pre.append(0xd503305f)  # CLREX: the store must fail
        elif cls == 'system':
            if name == 'SYS':
                k = r.random()
                rt = r.randrange(0, 31)
                if k < 0.6:
                    w = 0xd50b7420 | rt          # DC ZVA
                elif k < 0.8:
                    w = 0xd50b7520 | rt          # IC IVAU
                else:
                    w = r.choice([0xd50b7b20, 0xd50b7e20, 0xd50b7a20]) | rt
                st.x[rt] = self.mid + r.randrange(-512, 512)
            elif name in ('MRS', 'MSR_REG'):
                reg = r.choice([(3, 3, 4, 2, 0), (3, 3, 4, 4, 0), (3, 3, 4, 4, 1), (3, 3, 13, 0, 2)])
                op0, op1, crn, crm, op2 = reg
                w = (w & 0xfff0001f) | ((op0 - 2) << 19) | (op1 << 16) | (crn << 12) | (crm << 8) | (op2 << 5)
                rt = bits(w, 4, 0)
                if name == 'MSR_REG' and rt != 31:
                    if reg == (3, 3, 4, 4, 0):
                        st.x[rt] &= 0x07f70000 if r.random() < 0.5 else 0xffffffffffffffff
                    elif reg == (3, 3, 4, 4, 1):
                        st.x[rt] &= 0x0800009f
        elif cls == 'branch':
            if name in ('B', 'BL'):
                w = (w & 0xfc000000) | r.choice([1, 2])
            elif name in ('B_COND', 'CBZ', 'CBNZ'):
                w = setf(w, 23, 5, r.choice([1, 2]))
            elif name in ('TBZ', 'TBNZ'):
                w = setf(w, 18, 5, r.choice([1, 2]))
            else:  # BR, BLR, RET: jump over one filler instruction
                rn = bits(w, 9, 5)
                if rn == 31:
                    rn = r.randrange(0, 31)
                    w = setf(w, 9, 5, rn)
                pre.append(('adr', rn))
            post.append(0xd2800000 | (0xbeef << 5) | 17)  # movz x17, #0xbeef (skipped when taken)
        elif cls == 'exception':
            if name == 'SVC':
                return None
        return st, pre, w, post


# ---------------------------------------------------------------- harness
def emit_program(tests, scratch_bytes, path):
    """tests: list of (state, pre, word, post, memdump)."""
    L = []
    a = L.append
    a('.data\n.balign 4096\nscratch:')
    for i in range(0, len(scratch_bytes), 16):
        a('.byte ' + ','.join(str(b) for b in scratch_bytes[i:i + 16]))
    a('.balign 16\noutbuf: .skip 1024\nsigflag: .quad 0\nrecover_slot: .quad 0\n.balign 16\naltstack: .skip 65536')
    a('.section .rodata\n.balign 16')
    for i, t in enumerate(tests):
        a('state_%d: .quad %s' % (i, ','.join('0x%x' % q for q in t[0].pack())))
    a('.text\n.global _start\n_start:')
    # sigaltstack
    a('adrp x0, altstack\nadd x0, x0, :lo12:altstack\nsub sp, sp, #64\nstr x0, [sp]\nstr xzr, [sp, #8]\n'
      'mov x1, #65536\nstr x1, [sp, #16]\nmov x0, sp\nmov x1, #0\nmov x8, #132\nsvc #0')
    for sig in (4, 5, 7, 8, 11):
        a('adr x1, handler\nstr x1, [sp]\nmov x1, #4\nmovk x1, #0x0c00, lsl #16\nstr x1, [sp, #8]\nadr x1, restorer\nstr x1, [sp, #16]\n'
          'str xzr, [sp, #24]\nmov x0, #%d\nmov x1, sp\nmov x2, #0\nmov x3, #8\nmov x8, #134\nsvc #0' % sig)
    for i, t in enumerate(tests):
        st, pre, w, post, mem = t
        a('adrp x0, recover_slot\nadd x0, x0, :lo12:recover_slot\nadr x1, .Lrec_%d\nstr x1, [x0]' % i)
        a('adrp x0, state_%d\nadd x0, x0, :lo12:state_%d\nadr x30, 1f\nb load_state\n1: ldr x30, [x0, #248]\nldr x0, [x0, #8]' % (i, i))
        for p in pre:
            if isinstance(p, tuple):
                a('adr x%d, .Ltgt_%d' % (p[1], i))
            else:
                a('.inst 0x%08x' % p)
        a('.Ltest_%d: .inst 0x%08x' % (i, w))
        for p in post:
            a('.inst 0x%08x' % p)
        a('.Ltgt_%d:\n.Lrec_%d:\nmsr tpidr_el0, x0\nadrp x0, outbuf\nadd x0, x0, :lo12:outbuf\nstr x30, [x0, #248]\n'
          'adr x30, 2f\nb dump\n2:' % (i, i))
        if mem:
            a('adr x30, 3f\nb dump_mem\n3:')
    a('mov x0, #0\nmov x8, #94\nsvc #0')
    a('load_state:\nldr x1, [x0, #256]\nmov sp, x1\nldr x1, [x0, #264]\nmsr nzcv, x1\nldr x1, [x0, #272]\nmsr fpsr, x1\n'
      'ldr x1, [x0, #280]\nmsr fpcr, x1\nadd x1, x0, #288')
    for k in range(0, 32, 2):
        a('ldp q%d, q%d, [x1], #32' % (k, k + 1))
    for k in range(1, 29, 2):
        a('ldp x%d, x%d, [x0, #%d]' % (k, k + 1, 8 * (k + 1)))
    a('ldr x29, [x0, #240]\nbr x30')
    a('dump:')
    for k in range(1, 29, 2):
        a('stp x%d, x%d, [x0, #%d]' % (k, k + 1, 8 * (k + 1)))
    a('str x29, [x0, #240]\nmrs x1, tpidr_el0\nstr x1, [x0, #8]\nmov x1, sp\nstr x1, [x0, #256]\nmrs x1, nzcv\n'
      'str x1, [x0, #264]\nmrs x1, fpsr\nstr x1, [x0, #272]\nmrs x1, fpcr\nstr x1, [x0, #280]\nadd x1, x0, #288')
    for k in range(0, 32, 2):
        a('stp q%d, q%d, [x1], #32' % (k, k + 1))
    a('adrp x1, sigflag\nadd x1, x1, :lo12:sigflag\nldr x2, [x1]\nstr x2, [x0]\nstr xzr, [x1]\n'
      'mov x1, x0\nmov x0, #1\nmov x2, #%d\nmov x8, #64\nsvc #0\nbr x30' % DUMP)
    a('dump_mem:\nadrp x1, scratch\nadd x1, x1, :lo12:scratch\nmov x0, #1\nmov x2, #%d\nmov x8, #64\nsvc #0\nbr x30' % SCRATCH)
    a('handler:\nadrp x3, sigflag\nadd x3, x3, :lo12:sigflag\nstr x0, [x3]\nadrp x3, recover_slot\n'
      'add x3, x3, :lo12:recover_slot\nldr x4, [x3]\nstr x4, [x2, #440]\nret')
    a('restorer:\nmov x8, #139\nsvc #0')
    with open(path, 'w') as f:
        f.write('\n'.join(L) + '\n')


def run(cmd, timeout=120):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return 'timeout', e.stdout or b'', b''


def describe(buf, off, mem):
    q = struct.unpack_from('<36Q', buf, off)
    v = struct.unpack_from('<64Q', buf, off + 288)
    d = {'signal': SIGNAMES.get(q[0], str(q[0]))}
    for i in range(31):
        d['x%d' % i] = q[1 + i]
    d['sp'] = q[32]
    d['nzcv'] = q[33]
    d['fpsr'] = q[34]
    d['fpcr'] = q[35]
    for i in range(32):
        d['v%d' % i] = v[2 * i] | (v[2 * i + 1] << 64)
    return d


def compare_batch(ent, tests, out_a, out_b, rc_a, rc_b, dis):
    """Returns (n_ok, list of mismatch texts)."""
    off = 0
    bad = []
    ok = 0
    nosig = 0
    for i, t in enumerate(tests):
        size = DUMP + (SCRATCH if t[4] else 0)
        a = out_a[off:off + size]
        b = out_b[off:off + size]
        if len(a) < size or len(b) < size or a != b:
            lines = ['  test %d: %s  word %08x' % (i, dis[i], t[2])]
            if t[1]:
                lines.append('  preceded by: %s' % ', '.join(('adr x%d, target' % p[1]) if isinstance(p, tuple) else '%08x' % p for p in t[1]))
            if len(a) < size or len(b) < size:
                lines.append('  output truncated: xarch %d bytes (rc %s), qemu %d bytes (rc %s)' % (len(a), rc_a, len(b), rc_b))
            else:
                da, db = describe(a, 0, t[4]), describe(b, 0, t[4])
                st = t[0]
                for k in da:
                    if da[k] != db[k]:
                        inp = ''
                        if k.startswith('x') and k[1:].isdigit():
                            inp = ' (in %#x)' % st.x[int(k[1:])]
                        elif k.startswith('v') and k[1:].isdigit():
                            inp = ' (in %#034x)' % st.v[int(k[1:])]
                        elif k in ('nzcv', 'fpsr', 'fpcr', 'sp'):
                            inp = ' (in %#x)' % getattr(st, k)
                        fa = da[k] if isinstance(da[k], str) else '%#x' % da[k]
                        fb = db[k] if isinstance(db[k], str) else '%#x' % db[k]
                        lines.append('  %s: xarch %s qemu %s%s' % (k, fa, fb, inp))
                if a[DUMP:] != b[DUMP:]:
                    for j in range(DUMP, size, 8):
                        if a[j:j + 8] != b[j:j + 8]:
                            lines.append('  mem scratch+%#x: xarch %016x qemu %016x' % (
                                j - DUMP, struct.unpack_from('<Q', a, j)[0], struct.unpack_from('<Q', b, j)[0]))
                            break
                lines.append('  inputs: nzcv=%#x fpcr=%#x fpsr=%#x' % (st.nzcv, st.fpcr, st.fpsr))
                seen = set()
                for kind, num in re.findall(r'\b([xwvqdshb])(\d+)\b', dis[i]):
                    key = ('x' if kind in 'xw' else 'v') + num
                    if key in seen or int(num) > 31 or (key[0] == 'x' and int(num) > 30):
                        continue
                    seen.add(key)
                    val = st.x[int(num)] if key[0] == 'x' else st.v[int(num)]
                    lines.append('  input %s = %#x' % (key, val))
            bad.append('\n'.join(lines))
            if len(a) < size or len(b) < size:
                break
        else:
            ok += 1
            if struct.unpack_from('<Q', a, 0)[0] == 0:
                nosig += 1
        off += size
    return ok, bad, nosig


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emu', default=os.path.join(ROOT, 'build', 'emulator', 'xarch-aarch64'))
    ap.add_argument('--out', default=os.path.join(ROOT, 'build', 'difftest'))
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--per-class', type=int, default=300)
    ap.add_argument('--count', type=int, default=0, help='run until this many tests ran (new seed per round)')
    ap.add_argument('--only', default='', help='regex on encoding names')
    ap.add_argument('--max-report', type=int, default=5)
    ap.add_argument('--jobs', '-j', type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    sys.exit(Runner(args).go())


class Runner:
    def __init__(self, args):
        self.args = args
        os.makedirs(args.out, exist_ok=True)
        self.ents = [e for e in parse_def() if not args.only or re.search(args.only, e[0])]

    def one_class(self, ent, n, seed):
        r = random.Random('%d/%s' % (seed, ent[0]))
        base = self.scratch_base(ent)
        gen = Gen(r, base + SCRATCH // 2)
        cand = []
        for _ in range(n * 6):
            t = gen.make(ent)
            if t is None:
                return 0, 0, [], 'no testable form (not generated)', 0
            cand.append(t)
        dis = disasm([t[2] for t in cand])
        tests, tdis = [], []
        for t, d in zip(cand, dis):
            if unadvertised(d):
                continue
            if (not d or '.inst' in d or 'undefined' in d) and r.random() < 0.85:
                continue  # mostly test allocated encodings; keep some unallocated ones (both must SIGILL)
            tests.append(t)
            tdis.append(d)
            if len(tests) == n:
                break
        if not tests:
            return 0, 0, [], 'only unadvertised-feature forms', 0
        mem = ent[1] in MEM_CLASSES or ent[0] == 'SYS'
        full = [(st, pre, w, post, mem) for (st, pre, w, post) in tests]
        scratch = bytes(r.getrandbits(8) for _ in range(SCRATCH))
        src = os.path.join(self.args.out, ent[0] + '.S')
        exe = os.path.join(self.args.out, ent[0])
        emit_program(full, scratch, src)
        p = subprocess.run([CC, '-static', '-nostdlib', '-Wl,-Ttext-segment=0x400000', '-Wl,-Tdata=0x10000000', '-o', exe, src],
                           capture_output=True, text=True)
        if p.returncode:
            return 0, len(tests), ['  build failed: ' + p.stderr[:3000]], None, 0
        rc_a, out_a, err_a = run([self.args.emu, exe])
        # LSE and LOR (LDLAR/STLLR: Armv8.1, executed like LDAR/STLR) need qemu's Armv8.1+ CPU
        cpu = QEMU_CPU_LSE if ent[1] == 'atomic' or ent[0] in ('LDLAR', 'STLLR') else QEMU_CPU_DEFAULT
        rc_b, out_b, err_b = run([QEMU, '-cpu', cpu, exe])
        ok, bad, nosig = compare_batch(ent, full, out_a, out_b, rc_a, rc_b, tdis)
        if bad and err_a:
            bad.append('  xarch stderr: ' + err_a.decode(errors='replace')[:500])
        return ok, len(tests), bad, None, nosig

    def one_mix(self, n, seed, length=6):
        """Sequences of `length` random register-only instructions from every non-memory class."""
        r = random.Random('%d/MIX' % seed)
        pool = [e for e in parse_def() if e[1] not in MEM_CLASSES and e[1] not in ('branch', 'exception', 'system')]
        gen = Gen(r, self.scratch_base(None) + SCRATCH // 2)
        tests, tdis = [], []
        while len(tests) < n:
            words = []
            st = None
            while len(words) < length:
                ent = r.choice(pool)
                t = gen.make(ent)
                if t is None:
                    continue
                words.append(t[2])
                st = st or t[0]
            dis = disasm(words)
            if any(unadvertised(d) for d in dis):
                continue
            tests.append((st, words[:-1], words[-1], [], False))
            tdis.append(' ; '.join(dis))
        return self.run_seq('MIX', n, tests, tdis)

    @staticmethod
    def aes_pairs(r):
        """AES rounds as programs write them: AESE then AESMC of its result (AESD, AESIMC), which
        the JIT translates as one host instruction; also pairs that must not be fused (the
        second reads another register) and runs of rounds on one register (kept in a host
        register), ending with a lone AESE (AESD) or not."""
        words = []
        dec = r.random() < 0.5
        d = r.randrange(32)
        for _ in range(r.choice((1, 1, 2, 3, 5, 9))):
            if r.random() < 0.3:
                dec, d = r.random() < 0.5, r.randrange(32)	# else: more rounds on the same state
            k = r.randrange(32) if r.random() < 0.95 else d
            d2 = d if r.random() < 0.8 else r.randrange(32)
            src = d if r.random() < 0.9 else r.randrange(32)
            words.append((0x4e285800 if dec else 0x4e284800) | k << 5 | d)
            words.append((0x4e287800 if dec else 0x4e286800) | src << 5 | d2)
        if r.random() < 0.5:	# the last round: AESE (AESD) alone
            words.append((0x4e285800 if dec else 0x4e284800) | r.randrange(32) << 5 | d)
        return words

    @staticmethod
    def sha256_pairs(r):
        """SHA256 rounds as programs write them: MOV Vx, Vd; SHA256H Qd, Qn, Vm; SHA256H2 Qn,
        Qx, Vm, which the JIT computes once for both when Vx still holds abcd (checked at run
        time); also without the copy and with registers that overlap, and chains of rounds."""
        words = []
        for _ in range(r.choice((1, 1, 2, 3))):
            d, nn, m, x = r.sample(range(32), 4)
            if r.random() < 0.15:
                d2, m2, x = r.choice((nn, d)), r.choice((m, d)), r.choice((x, d, nn, m))
            else:
                d2, m2 = nn, m
            if r.random() < 0.8:
                words.append(0x4ea01c00 | d << 16 | d << 5 | x)	# mov vx.16b, vd.16b
            words.append(0x5e004000 | m << 16 | nn << 5 | d)
            words.append(0x5e005000 | m2 << 16 | x << 5 | d2)
        return words

    def one_pairs(self, name, maker, n, seed):
        r = random.Random('%d/%s' % (seed, name))
        gen = Gen(r, self.scratch_base(None) + SCRATCH // 2)
        ent = next(e for e in parse_def() if e[0] == 'AESE')	# any register-only crypto entry: state only
        tests, tdis = [], []
        while len(tests) < n:
            st = gen.make(ent)[0]
            words = maker(r)
            tests.append((st, words[:-1], words[-1], [], False))
        dis = disasm([w for t in tests for w in t[1] + [t[2]]])
        for t in tests:
            k = len(t[1]) + 1
            tdis.append(' ; '.join(dis[:k]))
            dis = dis[k:]
        return self.run_seq(name, n, tests, tdis)

    def run_seq(self, name, n, tests, tdis):
        src = os.path.join(self.args.out, name + '.S')
        exe = os.path.join(self.args.out, name)
        emit_program(tests, bytes(SCRATCH), src)
        p = subprocess.run([CC, '-static', '-nostdlib', '-Wl,-Ttext-segment=0x400000', '-Wl,-Tdata=0x10000000', '-o', exe, src],
                           capture_output=True, text=True)
        if p.returncode:
            return 0, n, ['  build failed: ' + p.stderr[:3000]], None, 0
        rc_a, out_a, err_a = run([self.args.emu, exe])
        rc_b, out_b, err_b = run([QEMU, '-cpu', QEMU_CPU_DEFAULT, exe])
        ok, bad, nosig = compare_batch((name, 'mix', 0, 0, ''), tests, out_a, out_b, rc_a, rc_b, tdis)
        return ok, n, bad, None, nosig

    def scratch_base(self, ent):
        # .data is linked at 0x10000000 and scratch is its first (4096-aligned) object
        return 0x10000000

    def go(self):
        a = self.args
        total_ok = total = 0
        failed = 0
        rounds = 0
        seed = a.seed
        print('TAP version 13')
        pairs = [(name, fn) for name, fn in (('AES_PAIRS', self.aes_pairs), ('SHA256_PAIRS', self.sha256_pairs))
                 if not a.only or re.search(a.only, name)]
        nplan = len(self.ents) + (0 if a.only else 1) + len(pairs)
        if not a.count:
            print('1..%d' % nplan)
        k = 0
        while True:
            jobs = [(ent, functools.partial(self.one_class, ent, a.per_class, seed)) for ent in self.ents]
            if not a.only:
                jobs.append((('SEQUENCES', 'mix'), functools.partial(self.one_mix, a.per_class, seed)))
            for name, fn in pairs:
                jobs.append(((name, 'crypto'), functools.partial(self.one_pairs, name, fn, a.per_class, seed)))
            with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as ex:
                futs = [(ent, ex.submit(fn)) for ent, fn in jobs]
                for ent, fut in futs:
                    ok, n, bad, skip, nosig = fut.result()
                    total_ok += ok
                    total += n
                    k += 1
                    label = '%s/%s' % (ent[1], ent[0])
                    if skip:
                        print('ok %d - %s # SKIP %s' % (k, label, skip))
                    elif bad:
                        failed += 1
                        print('not ok %d - %s (%d of %d tests mismatch, seed %d)' % (k, label, n - ok, n, seed))
                        for b in bad[:a.max_report]:
                            print('#' + b.replace('\n', '\n#'))
                    else:
                        print('ok %d - %s (%d tests, %d without a signal)' % (k, label, n, nosig))
                    sys.stdout.flush()
            rounds += 1
            if not a.count or total >= a.count:
                break
            seed += 1
        if a.count:
            print('1..%d' % k)
        print('# %d tests (one instruction each, plus set-up), %d mismatching, %d classes failed' % (total, total - total_ok, failed))
        return 1 if failed else 0


if __name__ == '__main__':
    main()
