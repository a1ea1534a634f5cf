#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""bench/test_run.py — tests of bench/run's logic that can fail without a timing showing it: the
build workloads' own times (bench/build's "+T:" lines), that a side whose output differs from
qemu's gets no ratio, and bench/build's refusals. python3 bench/test_run.py (seconds, no emulator)."""
import importlib.machinery
import importlib.util
import os
import subprocess
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
loader = importlib.machinery.SourceFileLoader("bench_run", os.path.join(HERE, "run"))
spec = importlib.util.spec_from_loader("bench_run", loader)
bench = importlib.util.module_from_spec(spec)
loader.exec_module(bench)


class SelfTime(unittest.TestCase):
    def test_parsed(self):
        t, rest, extra = bench.self_time(b"+T:12.5\n+W:30.25\n+U:10\n+S:2.5\nabc  onelua.o\n")
        self.assertEqual(t, 12.5)
        self.assertEqual(extra, {"W": 30.25, "U": 10.0, "S": 2.5})
        # only the digest is compared between the sides, never the times
        self.assertEqual(rest, b"abc  onelua.o\n")

    def test_same_digest_same_output_whatever_the_times(self):
        a = bench.self_time(b"+T:1\n+W:2\nd1  x.o\n")[1]
        b = bench.self_time(b"+T:9\n+W:20\nd1  x.o\n")[1]
        self.assertEqual(a, b)

    def test_no_time(self):
        self.assertIsNone(bench.self_time(b"d1  x.o\n")[0])

    def test_bad_time(self):
        self.assertIsNone(bench.self_time(b"+T:soon\nd1  x.o\n")[0])
        self.assertIsNone(bench.self_time(b"+T:-1\nd1  x.o\n")[0])


class Outputs(unittest.TestCase):
    def test_wrong_output_gets_no_ratio(self):
        outs = {"qemu": b"d1  onelua.o\n", "xarch": b"d2  onelua.o\n", "old": b"d1  onelua.o\n"}
        state = {"qemu": "ok", "xarch": "ok", "old": "ok"}
        bench.check_outputs(outs, state, ["xarch", "old"])
        self.assertTrue(state["xarch"].startswith("WRONG OUTPUT"))
        self.assertEqual(state["old"], "ok")

    def test_no_qemu_no_judgement(self):
        state = {"xarch": "ok"}
        bench.check_outputs({"xarch": b"x"}, state, ["xarch"])
        self.assertEqual(state["xarch"], "ok")


class Runners(unittest.TestCase):
    def test_each_side_through_bench_build(self):
        r = bench.build_runners({"build": "zlib-make"}, "/e/xarch-aarch64", [("old", "/e/old")])
        self.assertEqual(r["xarch"], [bench.BUILD, "run", "xarch=/e/xarch-aarch64", "zlib-make"])
        self.assertEqual(r["old"], [bench.BUILD, "run", "xarch=/e/old", "zlib-make"])
        self.assertEqual(r["qemu"], [bench.BUILD, "run", "qemu", "zlib-make"])
        self.assertEqual(r["native"], [bench.BUILD, "run", "native", "zlib-make"])


class BuildScript(unittest.TestCase):
    def run_build(self, *args):
        return subprocess.run([bench.BUILD] + list(args), capture_output=True, text=True)

    def test_list(self):
        p = self.run_build("list")
        self.assertEqual(p.returncode, 0)
        self.assertEqual(p.stdout.split(), ["configure-hello", "zlib-make", "zlib-check", "cc1-lua", "exec-true-200"])

    def test_refuses_unknown(self):
        self.assertEqual(self.run_build("run", "native", "no-such-build").returncode, 2)
        self.assertEqual(self.run_build("run", "box64", "cc1-lua").returncode, 2)

    def test_refuses_missing_emulator(self):
        p = self.run_build("run", "xarch=/nonexistent/xarch-aarch64", "cc1-lua")
        self.assertEqual(p.returncode, 2)


if __name__ == "__main__":
    unittest.main()
