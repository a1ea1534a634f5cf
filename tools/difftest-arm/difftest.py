#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Differential instruction tester for the 32-bit ARM CPU: against qemu-arm-static (-cpu cortex-a15).

For every encoding of emulator/guest/arm/{a32,t16,t32,vfp}.def (read from `minirun-arm --list-insns`)
it generates random instruction words inside the entry's mask/match, with per-class operand
constraints so that addresses stay in a scratch buffer and no UNPREDICTABLE form is produced, plus
random register, APSR and FPSCR state with edge values, and IT blocks of random Thumb instructions.
Each batch is a static armhf program (harness.c + generated tests.S/cases.h; -marm for A32,
-mthumb for T16/T32/IT) run under both emulators; the output states are compared case by case.
A case that kills the program (a signal) is reported and the program restarted after it.

TAP on stdout: one line per encoding class entry. Exit status 1 on any mismatch.
  difftest.py --emu build/difftest-arm/minirun-arm --seed 1 --per-class 100
  difftest.py --emu build/emulator/xarch-arm --count 1000000    # long run, new seed per round
"""
import argparse
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
QEMU = ['qemu-arm-static', '-cpu', 'cortex-a15']
CC = 'arm-linux-gnueabihf-gcc'
SCR_MID = 1024          # pointers start in the middle of the 2 KiB scratch buffer

# ---------------------------------------------------------------- the encoding table
def load_table(runner):
    out = subprocess.run([runner, '--list-insns'], capture_output=True, text=True, check=True).stdout
    ents = []
    for line in out.splitlines():
        m = re.match(r'(\S+)\s+(\S+)\s+mask=([0-9a-f]+)\s+match=([0-9a-f]+)', line)
        if m:
            ents.append((m.group(1), m.group(2), int(m.group(3), 16), int(m.group(4), 16)))
    return ents

# Classes whose instructions leave the straight line or stop the program: not generated as
# single words (branches get their own templates below).
SKIP = re.compile(r'^(A32_(BX|BLX_REG|BLX_IMM|B|BL|SVC|BKPT|UDF)|T16_(BX|BLX_REG|CBZ|BKPT|UDF|SVC|B_COND|B|IT)|'
                  r'T32_(TBB|UDF|B_COND|B|BLX_IMM|BL))$')

EDGE = [0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0x80000001,
        0xffffffff, 0xfffffffe, 31, 32, 33, 0xff00ff00, 0x00ff00ff, 0x7f7f7f7f, 0x80808080]
F32 = [0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000,
       0x7f800001, 0x7fa00000, 0xff812345, 0x00000001, 0x807fffff, 0x00800000, 0x80800000, 0x7f7fffff,
       0x4f000000, 0xcf000000, 0x4f800000, 0x3f000000, 0x40490fdb, 0x4b000000, 0x3fc00000, 0x40200000,
       0xc0200000, 0x477fe000, 0x477ff000, 0x387fc000, 0x33800000, 0x00400000, 0x3f7fffff]
F64 = [0, 1 << 63, 0x3ff0000000000000, 0xbff0000000000000, 0x7ff0000000000000, 0xfff0000000000000,
       0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000001, 0x7ff4000000000000, 0x0000000000000001,
       0x800fffffffffffff, 0x0010000000000000, 0x7fefffffffffffff, 0x41e0000000000000, 0xc1e0000000000000,
       0x41f0000000000000, 0x3fe0000000000000, 0x400921fb54442d18, 0x4330000000000000, 0x3ff8000000000000,
       0x36a0000000000000, 0x3810000000000000, 0x380fffffffffffff, 0x47efffffe0000000, 0x3fefffffffffffff]


class Case:
    def __init__(self, rnd, name, isa):
        self.name, self.isa = name, isa
        self.r = [self.rv(rnd) for _ in range(15)]
        self.ptr = 0
        self.r[13] = SCR_MID
        self.ptr |= 1 << 13
        self.apsr = rnd.getrandbits(32) & 0xf80f0000
        f = rnd.getrandbits(32) & 0xf800009f
        f |= rnd.randrange(4) << 22
        for bit in (24, 25, 26):
            if rnd.random() < 0.25:
                f |= 1 << bit
        self.fpscr = f
        self.d = []
        for _ in range(32):
            k = rnd.random()
            if k < 0.4:
                self.d.append(rnd.choice(F64) if rnd.random() < 0.8 else rnd.getrandbits(64))
            elif k < 0.8:
                self.d.append(rnd.choice(F32) | rnd.choice(F32) << 32)
            else:
                self.d.append(rnd.getrandbits(64))
        self.body = []          # (kind, value): kind 'w' A32/T32 word, 'n' T16 halfword, 's' asm text
        self.insn = 0

    @staticmethod
    def rv(rnd):
        return rnd.choice(EDGE) if rnd.random() < 0.4 else rnd.getrandbits(32)

    def point(self, rnd, reg, align=4, spread=64):
        """register reg holds a pointer into scratch (aligned)"""
        self.r[reg] = SCR_MID + (rnd.randrange(-spread, spread) & ~(align - 1))
        self.ptr |= 1 << reg

    def small(self, rnd, reg, top=64, align=1):
        self.r[reg] = rnd.randrange(top) & ~(align - 1)
        self.ptr &= ~(1 << reg)


def nib(w, lo):
    return (w >> lo) & 15


def setnib(w, lo, v):
    return (w & ~(15 << lo)) | (v << lo)


def pick_regs(rnd, n, avoid=(13, 15)):
    pool = [r for r in range(15) if r not in avoid]
    rnd.shuffle(pool)
    return pool[:n]


def fix_nibbles(rnd, w, los, allow=()):
    """register nibbles: never SP/PC (unless allowed)"""
    for lo in los:
        if nib(w, lo) in (13, 15) and nib(w, lo) not in allow:
            w = setnib(w, lo, rnd.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14]))
    return w


def distinct(rnd, w, los, even=None):
    regs = pick_regs(rnd, len(los))
    for lo, r in zip(los, regs):
        w = setnib(w, lo, r)
    return w


# ---------------------------------------------------------------- per-class constraints
def gen_a32(rnd, name, cls, mask, match, c):
    w = match | (rnd.getrandbits(32) & ~mask)
    if (mask >> 28) == 0:
        w = (w & 0x0fffffff) | (rnd.randrange(15) << 28)     # any condition but 1111
    base = name[4:]
    if cls in ('dp_imm', 'dp_reg', 'dp_rsr', 'mul', 'div', 'sat', 'media', 'parallel', 'bitfield', 'misc'):
        w = fix_nibbles(rnd, w, (16, 12, 8, 0))
    if cls in ('dp_imm', 'dp_reg', 'dp_rsr') and 8 <= ((w >> 21) & 15) <= 11:
        w = setnib(w | 1 << 20, 12, 0)     # TST TEQ CMP CMN: S set, Rd (SBZ) 0
    if cls in ('dp_imm', 'dp_reg', 'dp_rsr') and ((w >> 21) & 15) in (13, 15):
        w = setnib(w, 16, 0)               # MOV MVN: Rn (SBZ) 0
    if base in ('UMULL', 'UMLAL', 'SMULL', 'SMLAL', 'UMAAL', 'SMLALXY', 'SMLALD', 'SMLSLD'):
        a, b = pick_regs(rnd, 2)
        w = setnib(setnib(w, 16, a), 12, b)
    if base == 'PARADD':
        w = (w & ~(7 << 5)) | (rnd.choice([0, 1, 2, 3, 4, 7]) << 5)
        if not (w >> 20) & 3:
            w |= rnd.randrange(1, 4) << 20
    if base == 'XTEND':
        w = (w & ~(7 << 20)) | (rnd.choice([0, 2, 3, 4, 6, 7]) << 20)
        if rnd.random() < 0.3:
            w = setnib(w, 16, 15)
    if base == 'BFI':
        lsb, msb = sorted(rnd.sample(range(32), 2)) if rnd.random() < 0.9 else [5, 5]
        w = (w & ~(0x1f << 7) & ~(0x1f << 16)) | lsb << 7 | msb << 16
        if rnd.random() < 0.2:
            w = setnib(w, 0, 15)
    if base in ('SBFX', 'UBFX'):
        lsb = rnd.randrange(32)
        wid = rnd.randrange(32 - lsb)
        w = (w & ~(0x1f << 7) & ~(0x1f << 16)) | lsb << 7 | wid << 16
    if base in ('MSR_REG', 'MSR_IMM') and not (w >> 18) & 3:
        w |= rnd.randrange(1, 4) << 18
    if base == 'HINT':
        w = (w & ~0xff) | rnd.randrange(2)
    if base.startswith(('STREX', 'LDREX')):
        regs = pick_regs(rnd, 4)
        rt = rnd.choice([0, 2, 4, 6, 8, 10])
        others = [r for r in regs if r not in (rt, rt + 1)][:2]
        rn, rs = others
        w = setnib(w, 16, rn)
        if base.startswith('LDREX'):
            w = setnib(w, 12, rt)
        else:
            w = setnib(setnib(w, 12, rs), 0, rt)
        c.point(rnd, rn, 8)
    if cls == 'ldst_x':
        rn, rt, rm = pick_regs(rnd, 3)
        if base in ('LDRD', 'STRD'):
            rt = rnd.choice([r for r in (0, 2, 4, 6, 8, 10) if r not in (rn, rn - 1)])
            rm = rnd.choice([r for r in range(13) if r not in (rn, rt, rt + 1)])
        w = setnib(setnib(setnib(w, 16, rn), 12, rt), 0, rm)
        c.point(rnd, rn, 4 if base in ('LDRD', 'STRD') else 1)
        c.small(rnd, rm, 64, 4 if base in ('LDRD', 'STRD') else 1)
        if not (w >> 22) & 1:
            w &= ~0xf00                    # register offset: bits 11..8 SBZ
        if base in ('LDRD', 'STRD'):
            w &= ~(3 << 0) if (w >> 22) & 1 else ~0
    if cls == 'ldst':
        rn, rt, rm = pick_regs(rnd, 3)
        w = setnib(setnib(w, 16, rn), 12, rt)
        c.point(rnd, rn, 1)
        if (w >> 25) & 1:
            w = setnib(w, 0, rm)
            c.small(rnd, rm, 64)
            w = (w & ~(0x1f << 7) & ~(3 << 5)) | rnd.randrange(3) << 7 | (rnd.choice([0, 0, 1, 2]) << 5 if rnd.random() < 0.3 else 0)
            if (w >> 5) & 3:
                w |= 1 << 7       # LSR/ASR #0 means 32: keep it small
        else:
            w &= ~0xf00
    if cls == 'ldst_m':
        rn = rnd.randrange(13)
        lst = rnd.getrandbits(16) & ~(1 << 15) & ~(1 << 13) & ~(1 << rn)
        if not lst:
            lst = 1 << (rn + 1) % 13 if rn != 12 else 1
        w = (w & ~0xffff & ~(1 << 22)) | lst
        w = setnib(w, 16, rn)
        c.point(rnd, rn, 4, 16)
    if base in ('MRC15', 'MCR15'):
        rt = rnd.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14])
        w = (w & 0xf0100000) | 0x0e000f10 | 13 << 16 | rt << 12 | 2 << 5
    return (w & ~mask) | match


def gen_vfp(rnd, name, cls, w, c):
    """constraints shared by the A32 and T32 forms of vfp.def (w has the A32 layout in its low 28 bits)"""
    base = name.split('VFP_', 1)[1]
    if base in ('VMOV_RS', 'VMSR'):
        w = fix_nibbles(rnd, w, (12,))
    if base == 'VMRS':
        w = fix_nibbles(rnd, w, (12,), allow=(15,))
    if base == 'VDUP_CORE':
        w = fix_nibbles(rnd, w, (12,))
        if (w >> 21) & 1:
            w &= ~(1 << 16)
    if base in ('VMOV_DX_R', 'VMOV_R_DX'):
        w = fix_nibbles(rnd, w, (12,))
        opc1, opc2 = (w >> 21) & 3, (w >> 5) & 3
        if not (opc1 & 2) and not (opc2 & 1) and (opc2 & 2):
            w &= ~(2 << 5)
        if base == 'VMOV_DX_R':
            w &= ~(1 << 23)
        elif not (opc1 & 2) and not (opc2 & 1):
            w &= ~(1 << 23)
    if base in ('VMOV_RRSS', 'VMOV_RRD'):
        a, b = pick_regs(rnd, 2)
        w = setnib(setnib(w, 12, a), 16, b)
        if base == 'VMOV_RRSS' and (w & 15) == 15 and (w >> 5) & 1:
            w &= ~(1 << 5)
    if base in ('VLDR', 'VSTR'):
        rn = rnd.randrange(13)
        w = setnib(w, 16, rn) & ~0xc0
        c.point(rnd, rn, 4)
    if base in ('VLDM', 'VSTM'):
        rn = rnd.randrange(13)
        w = setnib(w, 16, rn)
        c.point(rnd, rn, 4, 16)
        mode = rnd.choice(['ia', 'iaw', 'dbw'])
        w &= ~((1 << 24) | (1 << 23) | (1 << 21))
        w |= {'ia': 1 << 23, 'iaw': (1 << 23) | (1 << 21), 'dbw': (1 << 24) | (1 << 21)}[mode]
        dp = (w >> 8) & 1
        d = ((w >> 12) & 15) << 1 | ((w >> 22) & 1) if not dp else ((w >> 22) & 1) << 4 | ((w >> 12) & 15)
        n = rnd.randrange(1, min(16, 32 - d) + 1)
        w = (w & ~0xff) | (2 * n if dp else n)
    if base == 'VCVT_FIX' and not (w >> 7) & 1:
        imm = (w & 15) << 1 | (w >> 5) & 1
        if imm > 16:
            w &= ~0xf
    if base == 'VCMP' and (w >> 16) & 1:
        w &= ~0x2f
    return w


def gen_neon(rnd, name, cls, w, c):
    """Advanced SIMD constraints; the low 24 bits have the same layout in A32 and T32"""
    base = name.split('NEON_', 1)[1]
    if cls == 'neon_ldst':
        rn = rnd.randrange(13)
        rm = rnd.choice([13, 15, 15, rnd.choice([r for r in range(13) if r != rn])])
        w = setnib(setnib(w, 16, rn), 0, rm)
        c.point(rnd, rn, 32, 64)
        if rm < 13:
            c.small(rnd, rm, 64, 1 if rnd.random() < 0.5 else 8)
        w &= ~(1 << 22)                    # D = 0: D0..D15, room for four registers
        return w
    if (w >> 6) & 1:
        w &= ~((1 << 12) | (1 << 16) | 1)  # Q: even register numbers
    if cls == 'neon_shift' and not (w >> 7) & 1 and not (w >> 19) & 7:
        w |= 1 << rnd.choice([19, 20, 21])
    if base == 'VCVT_FIXED':
        w = (w | 1 << 21) & ~(1 << 7)
    if base == 'VCVT_HALF':
        w = (w & ~(3 << 18)) | 1 << 18
    if base in ('VSWP', 'VTRN', 'VUZP', 'VZIP') and ((w >> 12) & 15) == (w & 15) and ((w >> 22) & 1) == ((w >> 5) & 1):
        w ^= 2                             # d != m (both registers are written)
    if base in ('V3DIFF', 'V2SCALAR'):
        w &= ~((1 << 12) | (1 << 16) | 1)
        w = (w & ~(3 << 20)) | (rnd.choice([0, 1, 2]) if base == 'V3DIFF' else rnd.choice([1, 2])) << 20
    if base in ('VCVT_FI', 'VFCMP_ZERO', 'VFCMP_ZERO2', 'VFABS_VFNEG', 'VRECPE_VRSQRTE'):
        w = (w & ~(3 << 18)) | 2 << 18
    if base == 'VTBL_VTBX':
        w &= ~(1 << 7)
    if base == 'VEXT' and not (w >> 6) & 1:
        w &= ~(1 << 11)
    return w


def gen_t32(rnd, name, cls, mask, match, c):
    w = match | (rnd.getrandbits(32) & ~mask)
    base = name[4:]
    if base.startswith('NEON_'):
        return (gen_neon(rnd, name, cls, w, c) & ~mask) | match
    if base.startswith('VFP_'):
        return (gen_vfp(rnd, name, cls, w, c) & ~mask) | match
    if cls in ('t_dp_reg', 't_dp_imm', 't_sat', 't_bitf', 't_media', 't_par', 't_misc'):
        w = fix_nibbles(rnd, w, (16, 8, 0))
    if cls in ('t_mul', 't_div'):
        w = fix_nibbles(rnd, w, (16, 8, 0))
        w = fix_nibbles(rnd, w, (12,), allow=(15,))
    if base in ('SMULL', 'UMULL', 'SMLAL', 'UMLAL', 'UMAAL', 'SMLALXY', 'SMLALD', 'SMLSLD'):
        a, b = pick_regs(rnd, 2)
        w = setnib(setnib(w, 12, a), 8, b)
    if base in ('DP_SREG', 'DP_MODIMM'):
        w = (w & ~(15 << 21)) | (rnd.choice([0, 1, 2, 3, 4, 8, 10, 11, 13, 14]) << 21)
        if rnd.random() < 0.15 and ((w >> 21) & 15) in (2, 3):
            w = setnib(w, 16, 15)          # MOV / MVN
    if base in ('ADDW', 'SUBW') and rnd.random() < 0.2:
        w = setnib(w, 16, 15)              # ADR
    if base == 'BFI':
        lsb, msb = sorted(rnd.sample(range(32), 2))
        w = (w & ~0x70c0 & ~0x1f) | (lsb >> 2) << 12 | (lsb & 3) << 6 | msb
        if rnd.random() < 0.2:
            w = setnib(w, 16, 15)
    if base in ('SBFX', 'UBFX'):
        lsb = rnd.randrange(32)
        wid = rnd.randrange(32 - lsb)
        w = (w & ~0x70c0 & ~0x1f) | (lsb >> 2) << 12 | (lsb & 3) << 6 | wid
    if base in ('SSAT', 'USAT') and (w >> 21) & 1 and rnd.random() < 0.5:
        w &= ~0x70c0                       # SSAT16 / USAT16
    if base in ('SSAT', 'USAT') and (w >> 21) & 1 and not w & 0x70c0:
        w &= ~0x30                         # SSAT16 / USAT16: bits 5..4 (0)
    if base == 'XTEND':
        w = (w & ~(7 << 20)) | rnd.randrange(6) << 20
        if rnd.random() < 0.3:
            w = setnib(w, 16, 15)
    if base == 'PARADD':
        w = (w & ~(7 << 20) & ~0x30) | rnd.choice([0, 1, 2, 4, 5, 6]) << 20 | rnd.randrange(3) << 4
    if base == 'MISC':
        op1 = (w >> 20) & 3
        if op1 >= 2:
            w &= ~0x30
        if op1 == 1:
            w = setnib(w, 16, w & 15)
    if base == 'MSR' and not (w >> 10) & 3:
        w |= 1 << 11
    if base == 'HINT':
        w = (w & ~0xff) | rnd.randrange(2)
    if base.startswith(('STREX', 'LDREX')):
        rn, rt, rt2, rd = pick_regs(rnd, 4)
        w = setnib(setnib(w, 16, rn), 12, rt)
        if base == 'STREX':
            w = setnib(w, 8, rd) & ~0xfc
        elif base == 'LDREX':
            w &= ~0xfc
        elif base in ('STREXB', 'STREXH'):
            w = setnib(w, 0, rd)
        elif base == 'STREXD':
            w = setnib(setnib(w, 8, rt2), 0, rd)
        elif base == 'LDREXD':
            w = setnib(w, 8, rt2)
        c.point(rnd, rn, 8)
    if base in ('LDRD', 'STRD'):
        rn, rt, rt2 = pick_regs(rnd, 3)
        w = setnib(setnib(setnib(w, 16, rn), 12, rt), 8, rt2) & ~0xc0
        if not (w >> 24) & 1 and not (w >> 21) & 1:
            w |= 1 << 24
        c.point(rnd, rn, 4)
    if cls == 't_ldstm':
        rn = rnd.randrange(13)
        lst = rnd.getrandbits(15) & ~(1 << 13) & ~(1 << rn)
        while bin(lst).count('1') < 2:
            lst |= 1 << rnd.choice([r for r in range(13) if r != rn])
        w = setnib((w & ~0xffff) | lst, 16, rn)
        c.point(rnd, rn, 4, 16)
    if cls == 't_ldst':
        rn, rt, rm = pick_regs(rnd, 3)
        if base != 'LD_LIT':
            w = setnib(w, 16, rn)
            c.point(rnd, rn, 1)
        w = setnib(w, 12, rt)
        sz, sgn = (w >> 21) & 3, (w >> 24) & 1
        if sz == 3:
            w &= ~(1 << 22)
        if sgn and ((w >> 21) & 3) == 2:
            w &= ~(1 << 24)
        if base.endswith('IMM12') or base == 'LD_LIT':
            w &= ~0xf00
        if base.endswith('IMM8') and not (w >> 10) & 1 and not (w >> 8) & 1:
            w |= 1 << 10
        if base.endswith('REG'):
            w = setnib(w, 0, rm)
            c.small(rnd, rm, 64)
    if base in ('MRC15', 'MCR15'):
        rt = rnd.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14])
        w = (w & 0xfff00000 & ~0x00e00000) | 0xee000f10 | (w & (1 << 20)) | 13 << 16 | rt << 12 | 2 << 5
    return (w & ~mask) | match


def gen_t16(rnd, name, cls, mask, match, c):
    w = match | (rnd.getrandbits(16) & ~mask & 0xffff)
    base = name[4:]
    if base in ('ADD_HI', 'MOV_HI', 'CMP_HI'):
        rd = rnd.choice([r for r in range(15) if r != 13])
        rm = rnd.choice([r for r in range(15) if r != 13])
        if base == 'CMP_HI' and rd < 8 and rm < 8:
            rm = rnd.choice([8, 9, 10, 11, 12, 14])
        w = (w & 0xff00) | (rd >> 3) << 7 | rm << 3 | (rd & 7)
    if base == 'LDST_REG':
        rn, rt, rm = rnd.sample(range(8), 3)
        w = (w & 0xfe00) | rm << 6 | rn << 3 | rt
        c.point(rnd, rn, 1)
        c.small(rnd, rm, 64)
    if base in ('STR_IMM', 'LDR_IMM', 'STRB_IMM', 'LDRB_IMM', 'STRH_IMM', 'LDRH_IMM'):
        rn, rt = rnd.sample(range(8), 2)
        w = (w & 0xffc0) | rn << 3 | rt
        c.point(rnd, rn, 4)
    if base in ('STM', 'LDM'):
        rn = rnd.randrange(8)
        lst = rnd.getrandbits(8) or 1 << rnd.randrange(8)
        if base == 'STM':
            lst &= ~(1 << rn)
            lst = lst or 1 << (rn + 1) % 8
        w = (w & 0xf800) | rn << 8 | lst
        c.point(rnd, rn, 4, 16)
    if base == 'POP':
        w &= ~(1 << 8)
        w = w if w & 0xff else w | 1
    if base == 'PUSH' and not w & 0x1ff:
        w |= 1
    if base == 'HINT':
        w = 0xbf00 | rnd.randrange(2) << 4
    return (w & ~mask) | match


# ---------------------------------------------------------------- IT blocks and branches
IT_CLASSES = ('t_shift', 't_add', 't_imm8', 't_dp')


def gen_it(rnd, t16ents, c):
    cond = rnd.randrange(14)
    n = rnd.randrange(1, 5)
    it = 0xbf00 | cond << 4
    # mask bit for each further instruction: cond's bit 0 for 'then', its inverse for 'else'
    mm = 0
    for k in range(1, n):
        then = rnd.randrange(2)
        mm |= ((cond & 1) if then else (cond & 1) ^ 1) << (4 - k)
    mm |= 1 << (4 - n)
    c.body.append(('n', it | mm))
    ents = [e for e in t16ents if e[1] in IT_CLASSES]
    for _ in range(n):
        e = rnd.choice(ents)
        c.body.append(('n', gen_t16(rnd, e[0], e[1], e[2], e[3], c)))
    c.insn = it | mm


def gen_branch(rnd, isa, c):
    """control flow: conditional and linking branches, BX/BLX across the instruction sets, loads
    and ALU writes to PC, POP {pc}, and in T32 CBZ/CBNZ and TBB/TBH"""
    kinds = ['bcond', 'bl', 'bx', 'blx', 'pop_pc', 'ldr_pc', 'mov_pc']
    kinds += ['cbz', 'tbb', 'tbh'] if isa == 'thumb' else ['add_pc']
    kind = rnd.choice(kinds)
    cond = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', ''][rnd.randrange(15)]
    thumb_bit = 'orr r1, r1, #1\n\t' if isa == 'thumb' else ''
    if kind == 'bcond':
        body = f'b{cond} 1f\n\tadd r0, r0, #1\n\tadd r1, r1, #2\n1:\n\tadd r2, r2, #3'
    elif kind == 'bl':
        it = f'it {cond}\n\t' if isa == 'thumb' and cond else ''
        body = f'{it}bl{cond} 1f\n\tadd r0, r0, #1\n1:\n\tsub r14, r14, #0'
    elif kind == 'bx':
        other = '.thumb' if isa == 'arm' else '.arm'
        back = '.arm' if isa == 'arm' else '.thumb'
        body = ('adr r1, 2f\n\t' + ('orr r1, r1, #1\n\t' if isa == 'arm' else '') +
                f'bx r1\n\t.align 2\n\t{other}\n2:\n\tadd r0, r0, #7\n\tadr r1, 3f\n\t' +
                ('orr r1, r1, #1\n\t' if isa == 'thumb' else '') +
                f'bx r1\n\t.align 2\n\t{back}\n3:\n\tadd r0, r0, #1')
    elif kind == 'blx':
        body = ('blx 2f\n\tb 3f\n\t.align 2\n\t' + ('.thumb' if isa == 'arm' else '.arm') +
                '\n2:\n\tadd r0, r0, #5\n\tbx lr\n\t.align 2\n\t' + ('.arm' if isa == 'arm' else '.thumb') +
                '\n3:\n\tadd r2, r2, #1')
    elif kind == 'pop_pc':
        body = f'adr r1, 1f\n\t{thumb_bit}push {{r1, r2}}\n\tpop {{r3, pc}}\n\tadd r0, r0, #1\n\t.align 2\n1:\n\tadd r2, r2, #1'
    elif kind == 'ldr_pc':
        body = f'adr r1, 1f\n\t{thumb_bit}str r1, [sp, #-4]!\n\tldr pc, [sp], #4\n\tadd r0, r0, #1\n\t.align 2\n1:\n\tadd r2, r2, #1'
    elif kind == 'mov_pc':
        body = 'adr r1, 1f\n\tmov pc, r1\n\tadd r0, r0, #1\n\t.align 2\n1:\n\tadd r2, r2, #1'
    elif kind == 'add_pc':
        body = f'add{cond} pc, pc, #4\n\tadd r0, r0, #1\n\tadd r1, r1, #1\n\tadd r2, r2, #1\n\tadd r3, r3, #1'
    elif kind == 'cbz':
        op = rnd.choice(['cbz', 'cbnz'])
        body = f'ands r1, r1, #{rnd.choice([1, 3, 0x80])}\n\t{op} r1, 1f\n\tadd r0, r0, #1\n1:\n\tadd r2, r2, #1'
    else:
        k = rnd.randrange(3)
        if kind == 'tbb':
            body = (f'mov r1, #{k}\n\ttbb [pc, r1]\n2:\n\t.byte (3f-2b)/2, (4f-2b)/2, (5f-2b)/2\n\t.align 1\n'
                    '3:\n\tadd r0, r0, #1\n4:\n\tadd r0, r0, #2\n5:\n\tadd r0, r0, #4')
        else:
            body = (f'mov r1, #{k}\n\ttbh [pc, r1, lsl #1]\n2:\n\t.hword (3f-2b)/2, (4f-2b)/2, (5f-2b)/2\n'
                    '3:\n\tadd r0, r0, #1\n4:\n\tadd r0, r0, #2\n5:\n\tadd r0, r0, #4')
    c.body.append(('s', body))
    c.insn = 0


# ---------------------------------------------------------------- the harness
PROLOGUE = '''
	push {r4-r11, lr}
	vpush {d8-d15}
	ldr r0, =saved_sp
	str sp, [r0]
	ldr r0, =io_in
	add r1, r0, #72
	vldmia r1!, {d0-d15}
	vldmia r1, {d16-d31}
	ldr r1, [r0, #64]
	vmsr fpscr, r1
	ldr r1, [r0, #60]
	msr APSR_nzcvqg, r1
	ldr sp, [r0, #52]
	ldr lr, [r0, #56]
	ldm r0, {r0-r12}
'''
EPILOGUE = '''
	mcr p15, 0, r0, c13, c0, 2
	ldr r0, =io_out
	add r0, r0, #4
	stm r0, {r1-r12}
	str sp, [r0, #48]
	str lr, [r0, #52]
	sub r0, r0, #4
	mrs r1, APSR
	str r1, [r0, #60]
	mrc p15, 0, r1, c13, c0, 2
	str r1, [r0]
	vmrs r1, fpscr
	str r1, [r0, #64]
	add r1, r0, #72
	vstmia r1!, {d0-d15}
	vstmia r1, {d16-d31}
	mov r1, #0
	vmsr fpscr, r1
	ldr r0, =saved_sp
	ldr sp, [r0]
	vpop {d8-d15}
	pop {r4-r11, pc}
	.ltorg
'''


def write_batch(d, isa, cases):
    with open(os.path.join(d, 'tests.S'), 'w') as f:
        f.write('\t.syntax unified\n\t.fpu vfpv4\n\t.data\n\t.align 2\nsaved_sp: .word 0\n\t.text\n')
        for k, c in enumerate(cases):
            f.write(f'\t.align 2\n\t.{"arm" if isa == "arm" else "thumb"}\n\t.global t_{k}\n')
            if isa != 'arm':
                f.write('\t.thumb_func\n')
            f.write(f'\t.type t_{k}, %function\nt_{k}:{PROLOGUE}')
            for kind, v in c.body:
                if kind == 'w':
                    f.write(f'\t.inst{".w" if isa != "arm" else ""} 0x{v:08x}\n')
                elif kind == 'n':
                    f.write(f'\t.inst.n 0x{v:04x}\n')
                else:
                    f.write(f'\t{v}\n')
            f.write(EPILOGUE)
    with open(os.path.join(d, 'cases.h'), 'w') as f:
        for k in range(len(cases)):
            f.write(f'void t_{k}(void);\n')
        f.write('static const struct tcase cases[] = {\n')
        for k, c in enumerate(cases):
            regs = ', '.join(f'0x{(v & 0xffffffff):x}' for v in c.r)
            ds = ', '.join(f'0x{v:x}ull' for v in c.d)
            f.write(f'{{ {{ {regs} }}, 0x{c.ptr:x}, 0x{c.apsr:x}, 0x{c.fpscr:x}, {{ {ds} }}, t_{k}, "{c.name}", 0x{c.insn:x} }},\n')
        f.write('};\n')
    exe = os.path.join(d, 'harness')
    subprocess.run([CC, "-Wl,-z,noexecstack", '-static', '-O1', '-march=armv7-a', '-mfpu=vfpv4', '-mfloat-abi=hard',
                    '-marm' if isa == 'arm' else '-mthumb', '-I', d, '-I', HERE, '-o', exe,
                    os.path.join(HERE, 'harness.c'), os.path.join(d, 'tests.S')], check=True)
    return exe


def sig(rc):
    """the signal a run died of: qemu's -N, minirun-arm's 128 + N"""
    if not isinstance(rc, int):
        return None
    return -rc if rc < 0 else rc - 128 if rc > 128 else None


def run_all(cmd, exe, n, timeout, cases):
    """run exe from case 0; after a crash, restart after the last case printed (a runner without
    signal delivery, minirun-arm, dies where the harness under qemu prints the signal: the
    crash is recorded as that line)"""
    lines, start, crashes = {}, 0, {}
    while start < n:
        try:
            p = subprocess.run(cmd + [exe, str(start)], capture_output=True, text=True, timeout=timeout)
            out, rc = p.stdout, p.returncode
        except subprocess.TimeoutExpired as e:
            out, rc = (e.stdout or b'').decode() if isinstance(e.stdout, bytes) else (e.stdout or ''), 'timeout'
        last = start - 1
        for line in out.splitlines():
            k = int(line.split(' ', 1)[0])
            lines[k] = line
            last = k
        if last + 1 >= n and rc == 0:
            break
        crashes[last + 1] = rc
        if last + 1 < n and sig(rc):
            c = cases[last + 1]
            lines[last + 1] = f'{last + 1} {c.name} {c.insn:08x}: SIG {sig(rc)}'
        start = last + 2
    return lines, crashes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emu', default=os.path.join(ROOT, 'build', 'difftest-arm', 'minirun-arm'))
    ap.add_argument('--runner', default=None, help='minirun-arm for the encoding table (default: --emu)')
    ap.add_argument('--out', default=os.path.join(ROOT, 'build', 'difftest-arm'))
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--per-class', type=int, default=100)
    ap.add_argument('--count', type=int, default=0, help='long run: rounds with new seeds until N cases ran')
    ap.add_argument('--only', default=None, help='regex of the classes to run')
    ap.add_argument('-v', action='store_true')
    a = ap.parse_args()
    runner = a.runner or (a.emu if a.emu.endswith('minirun-arm') else
                          os.path.join(ROOT, 'build', 'difftest-arm', 'minirun-arm'))
    ents = load_table(runner)
    emu_cmd = [a.emu] if a.emu.endswith('minirun-arm') else [a.emu]
    total, failed_total, seed, rounds = 0, 0, a.seed, 0
    while True:
        res = run_round(a, ents, emu_cmd, seed, rounds == 0 or a.v)
        total += res[0]
        failed_total += res[1]
        rounds += 1
        seed += 1
        if not a.count or total >= a.count:
            break
        print(f'# round {rounds}: {total} cases, {failed_total} mismatches', flush=True)
    print(f'# {total} cases, {failed_total} mismatches (seed {a.seed}..{seed - 1})')
    return 1 if failed_total else 0


def run_round(a, ents, emu_cmd, seed, tap):
    rnd = random.Random(seed)
    groups = {'arm': [], 'thumb': []}
    t16ents = [e for e in ents if e[0].startswith('T16_')]
    names = []
    for name, cls, mask, match in ents:
        if SKIP.match(name) or (a.only and not re.search(a.only, name)):
            continue
        names.append(name)
        isa = 'arm' if name.startswith('A32_') else 'thumb'
        for _ in range(a.per_class):
            c = Case(rnd, name, isa)
            if name.startswith('A32_'):
                w = gen_a32(rnd, name, cls, mask, match, c)
                if name.startswith('A32_NEON_'):
                    w = (gen_neon(rnd, name, cls, w, c) & ~mask) | match
                if name.startswith('A32_VFP_'):
                    w = (gen_vfp(rnd, name, cls, w, c) & ~mask) | match
                c.body.append(('w', w))
            elif name.startswith('T16_'):
                w = gen_t16(rnd, name, cls, mask, match, c)
                c.body.append(('n', w))
            else:
                w = gen_t32(rnd, name, cls, mask, match, c)
                c.body.append(('w', w))
            c.insn = w
            groups[isa].append(c)
    for isa, cname in (('thumb', 'IT_BLOCK'), ('arm', 'A32_BRANCHES'), ('thumb', 'T32_BRANCHES')):
        if a.only and not re.search(a.only, cname):
            continue
        names.append(cname)
        for _ in range(a.per_class):
            c = Case(rnd, cname, isa)
            if cname == 'IT_BLOCK':
                gen_it(rnd, t16ents, c)
            else:
                gen_branch(rnd, isa, c)
            groups[isa].append(c)
    bad = {}
    ncases = 0
    for isa, cases in groups.items():
        if not cases:
            continue
        d = os.path.join(a.out, f'{isa}-{seed}')
        os.makedirs(d, exist_ok=True)
        exe = write_batch(d, isa, cases)
        ref, rcrash = run_all(QEMU, exe, len(cases), 600, cases)
        got, gcrash = run_all(emu_cmd, exe, len(cases), 1200, cases)
        ncases += len(cases)
        for k, c in enumerate(cases):
            r, g = ref.get(k), got.get(k)
            if r == g and r is not None:
                continue
            why = 'crash' if r is None or g is None else 'state'
            if r is not None and g is not None and 'SIG' in r + g:
                why = f'qemu: {r.split(": ", 1)[1][:40]}, ours: {g.split(": ", 1)[1][:40]}'
            elif r is not None and g is not None:
                rf, gf = r.split(': ', 1)[1].split(), g.split(': ', 1)[1].split()
                diff = [f'{x} vs {y}' for x, y in zip(rf, gf) if x != y]
                why = 'qemu/ours: ' + ', '.join(diff[:6])
            else:
                why = f'qemu {"ok" if r else "crash " + str(rcrash.get(k))}, ours {"ok" if g else "crash " + str(gcrash.get(k))}'
            bad.setdefault(c.name, []).append(f'case {k} insn {c.insn:08x}: {why}')
    failed = 0
    for n, name in enumerate(names, 1):
        if name in bad:
            failed += len(bad[name])
            if tap:
                print(f'not ok {n} - {name} ({len(bad[name])}/{a.per_class} differ)')
                for line in bad[name][:3]:
                    print(f'#   {line}')
        elif tap:
            print(f'ok {n} - {name}')
    sys.stdout.flush()
    return ncases, failed


if __name__ == '__main__':
    sys.exit(main())
