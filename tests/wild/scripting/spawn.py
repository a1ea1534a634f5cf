# SPDX-License-Identifier: GPL-2.0-only
# Python starting processes (compared with the native x86_64 run): multiprocessing with the fork
# and spawn start methods, pipes and queues between processes, subprocess.
import sys, os, subprocess, multiprocessing as mp

def square(x):
    return x * x

def child(conn, q):
    conn.send(("pipe", os.getpid() != os.getppid()))
    q.put(sum(range(1000)))
    conn.close()

def section(name):
    print("==", name, flush=True)

if __name__ == "__main__":
    for method in ("fork", "spawn"):
        section("multiprocessing " + method)
        ctx = mp.get_context(method)
        with ctx.Pool(2) as pool:
            print("pool map", sum(pool.map(square, range(200))), pool.apply(square, (12,)))
        a, b = ctx.Pipe()
        q = ctx.Queue()
        p = ctx.Process(target=child, args=(b, q))
        p.start()
        print("pipe", a.recv(), "queue", q.get())
        p.join()
        print("exitcode", p.exitcode)

    section("subprocess")
    r = subprocess.run([sys.executable, "-S", "-c", "import sys; print(sys.argv[1:]); sys.exit(3)", "x", "y z"],
                       capture_output=True, text=True)
    print("run", r.stdout.strip(), r.returncode)
    p = subprocess.Popen([sys.executable, "-S", "-c", "import sys; sys.stdout.write(sys.stdin.read().upper())"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    out, _ = p.communicate(b"through a pipe\n" * 1000)
    print("communicate", len(out), out[:14], p.returncode)
    try:
        subprocess.run(["/nonexistent/program"])
    except FileNotFoundError as e:
        print("missing", e.errno)
    r = subprocess.run([sys.executable, "-S", "-c", "import os; os.kill(os.getpid(), 15)"])
    print("killed", r.returncode)
    try:
        subprocess.run([sys.executable, "-S", "-c", "import time; time.sleep(30)"], timeout=1)
    except subprocess.TimeoutExpired:
        print("timeout expired")
