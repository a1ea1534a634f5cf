# SPDX-License-Identifier: GPL-2.0-only
# Python in one process (compared with qemu-aarch64): threads, asyncio over loopback TCP, ctypes,
# sqlite3, zlib/hashlib/json. Each section prints "== NAME" and deterministic results.
import sys, os

def section(name):
    print("==", name, flush=True)

section("threads")
import threading, queue, concurrent.futures
def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
with concurrent.futures.ThreadPoolExecutor(max_workers=6) as ex:
    r = list(ex.map(collatz, range(1, 1001)))
print("pool map", len(r), sum(r), max(r))
lock, total = threading.Lock(), [0]
def add(n):
    for _ in range(n):
        with lock:
            total[0] += 1
ts = [threading.Thread(target=add, args=(5000,)) for _ in range(8)]
[t.start() for t in ts]; [t.join() for t in ts]
print("locked counter", total[0])
q, out = queue.Queue(maxsize=8), queue.Queue()
def producer(k):
    for i in range(500):
        q.put(k * 1000 + i)
def consumer():
    s = 0
    while (v := q.get()) is not None:
        s += v
    out.put(s)
ps = [threading.Thread(target=producer, args=(k,)) for k in range(4)]
cs = [threading.Thread(target=consumer) for _ in range(3)]
[t.start() for t in ps + cs]; [t.join() for t in ps]
for _ in cs:
    q.put(None)
[t.join() for t in cs]
print("queue sum", sum(out.get() for _ in cs))
cond, ready, seen = threading.Condition(), [], []
def waiter(i):
    with cond:
        cond.wait_for(lambda: ready)
        seen.append(i)
ws = [threading.Thread(target=waiter, args=(i,)) for i in range(5)]
[t.start() for t in ws]
with cond:
    ready.append(1)
    cond.notify_all()
[t.join() for t in ws]
print("condition woke", sorted(seen))
bar, local, names = threading.Barrier(4), threading.local(), []
def b(i):
    local.v = i * i
    bar.wait()
    names.append(local.v)
bs = [threading.Thread(target=b, args=(i,)) for i in range(4)]
[t.start() for t in bs]; [t.join() for t in bs]
print("barrier + thread-local", sorted(names))
ev = threading.Event()
tm = threading.Timer(0.05, ev.set); tm.start()
print("timer event", ev.wait(30))

section("asyncio")
import asyncio
async def handle(reader, writer):
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
async def client(port, i):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    got = []
    for j in range(20):
        writer.write(f"client {i} line {j}\n".encode())
        await writer.drain()
        got.append(await reader.readline())
    writer.close()
    await writer.wait_closed()
    return b"".join(got)
async def amain():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    res = await asyncio.gather(*(client(port, i) for i in range(10)))
    server.close()
    await server.wait_closed()
    print("echo", len(res), sum(len(x) for x in res), res[3].splitlines()[7])
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.05)
    except asyncio.TimeoutError:
        print("wait_for timed out")
    q = asyncio.Queue()
    async def prod():
        for i in range(100):
            await q.put(i)
        await q.put(None)
    async def cons():
        s = 0
        while (v := await q.get()) is not None:
            s += v
        return s
    print("queue", (await asyncio.gather(prod(), cons()))[1])
    loop = asyncio.get_running_loop()
    print("to_thread", await asyncio.to_thread(sum, range(1000)), await loop.run_in_executor(None, collatz, 27))
asyncio.run(amain())

section("ctypes")
import ctypes
libc = ctypes.CDLL("libc.so.6", use_errno=True)
libm = ctypes.CDLL("libm.so.6")
libm.cos.restype = ctypes.c_double
libm.cos.argtypes = [ctypes.c_double]
print("strlen", libc.strlen(b"hello, world"), "cos %.12f" % libm.cos(1.0))
buf = ctypes.create_string_buffer(64)
libc.snprintf(buf, 64, b"%d-%s-%.3f", 42, b"str", ctypes.c_double(2.5))
print("snprintf", buf.value)
CMP = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int))
calls = [0]
def cmp(a, b):
    calls[0] += 1
    return a[0] - b[0]
arr = (ctypes.c_int * 10)(5, 3, 9, 1, 7, 2, 8, 0, 6, 4)
libc.qsort(arr, 10, ctypes.sizeof(ctypes.c_int), CMP(cmp))
print("qsort callback", list(arr), calls[0] > 0)
class Pt(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int16), ("y", ctypes.c_double), ("name", ctypes.c_char * 5)]
p = Pt(3, 1.5, b"abc")
print("struct", ctypes.sizeof(Pt), Pt.y.offset, p.x, p.y, p.name, bytes(p)[:2])
r = libc.open(b"/nonexistent/file", 0)
print("errno", r, os.strerror(ctypes.get_errno()))
print("sizes", ctypes.sizeof(ctypes.c_long), ctypes.sizeof(ctypes.c_void_p), ctypes.sizeof(ctypes.c_longdouble))

section("sqlite3")
import sqlite3, tempfile
d = tempfile.mkdtemp()
db = sqlite3.connect(os.path.join(d, "t.db"))
print("journal", db.execute("pragma journal_mode=wal").fetchone()[0])
db.execute("create table t(id integer primary key, name text, v real, b blob)")
db.executemany("insert into t(name, v, b) values (?, ?, ?)",
               ((f"n{i % 37}", i * 0.5, bytes([i % 256]) * (i % 7)) for i in range(2000)))
db.commit()
db.create_function("rev", 1, lambda s: s[::-1])
print("agg", db.execute("select count(*), sum(v), count(distinct name), sum(length(b)) from t").fetchone())
print("udf", db.execute("select rev(name), count(*) from t group by name order by name limit 3").fetchall())
try:
    with db:
        db.execute("delete from t")
        raise RuntimeError
except RuntimeError:
    pass
print("rolled back", db.execute("select count(*) from t").fetchone()[0])
db2 = sqlite3.connect(os.path.join(d, "t.db"))
print("second connection", db2.execute("select max(id) from t").fetchone()[0])
db2.close(); db.close()
import shutil; shutil.rmtree(d)

section("zlib hashlib json")
import zlib, hashlib, json, hmac, base64, struct, bz2, lzma
data = b"".join(struct.pack("<Id", i, i / 7) for i in range(40000)) + b"text " * 20000
for lvl in (1, 6, 9):
    c = zlib.compress(data, lvl)
    print("zlib", lvl, len(c), zlib.decompress(c) == data)
print("crc32", zlib.crc32(data), "adler32", zlib.adler32(data))
co = zlib.compressobj(wbits=-15); s = co.compress(data) + co.flush()
print("raw deflate", len(s), zlib.decompress(s, -15) == data)
for h in ("md5", "sha1", "sha256", "sha512", "sha3_256", "blake2b"):
    print(h, hashlib.new(h, data).hexdigest()[:32])
print("hmac", hmac.new(b"key", data, "sha256").hexdigest()[:32])
print("bz2", len(bz2.compress(data[:100000])), "lzma", lzma.decompress(lzma.compress(data[:100000])) == data[:100000])
obj = {"a": [1, 2.5, None, True], "b": {"c": "é\u4e2d", "d": list(range(20))}, "e": 1e300}
js = json.dumps(obj, sort_keys=True, ensure_ascii=False)
print("json", js, json.loads(js) == obj)
print("base64", base64.b64encode(hashlib.sha256(js.encode()).digest()).decode())
