# SPDX-License-Identifier: GPL-2.0-only
# debroot-prog.py — run by the root's python3 and by the host's python3 (both 3.11); both must print
# the same: threads that each start subprocesses (a shell, python itself), a lock, a queue,
# and a process pool (fork).
import concurrent.futures
import hashlib
import multiprocessing
import queue
import subprocess
import sys
import threading

lock = threading.Lock()
results = {}
q = queue.Queue()


def work(i):
    sh = subprocess.run(["/bin/sh", "-c", f"echo child {i}; expr {i} '*' {i}"],
                        capture_output=True, text=True).stdout.split()
    py = subprocess.run([sys.executable, "-c", f"print(sum(range({i} * 1000)))"],
                        capture_output=True, text=True, check=True).stdout.strip()
    rc = subprocess.call(["/bin/sh", "-c", f"exit {i % 5}"])
    h = hashlib.sha256(str(i).encode() * 10000).hexdigest()[:16]
    with lock:
        results[i] = (sh, py, rc, h)
    q.put(i)


def square(n):
    return n * n + sum(range(n))


def main():
    ts = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("queue:", sorted(q.get() for _ in range(8)))
    for i in sorted(results):
        print(i, results[i])
    with concurrent.futures.ThreadPoolExecutor(4) as ex:
        print("threadpool:", sum(ex.map(lambda n: len(hashlib.md5(bytes(n)).hexdigest()) * n, range(200))))
    with multiprocessing.get_context("fork").Pool(3) as pool:
        print("processpool:", pool.map(square, range(12)))
    p = subprocess.Popen(["/bin/cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    out, _ = p.communicate(b"through a pipe\n" * 1000)
    print("pipe:", len(out), p.returncode)


if __name__ == "__main__":
    main()
