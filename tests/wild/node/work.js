// SPDX-License-Identifier: GPL-2.0-only
// The t-node workload: V8's JITs on a compute loop, JSON and regular expressions, OpenSSL and
// zlib through node's bindings, WebAssembly with traps, worker_threads with shared memory,
// child_process running node itself, and an HTTP server and client on 127.0.0.1. It prints only what it computes (no
// versions, timings or ports), so every node from 18 on prints the same.
// usage: [WORK_NO_CHILD=1] node work.js SCALE
'use strict';
const crypto = require('crypto');
const zlib = require('zlib');
const http = require('http');
const { spawn } = require('child_process');
const { Worker } = require('worker_threads');

const scale = Number(process.argv[2] || 4);
const sha = (s) => crypto.createHash('sha256').update(s).digest('hex').slice(0, 16);

function compute(n) {
	// Integer and floating-point hot loops: optimized by V8's tiers as they warm up.
	let h = 0x811c9dc5 | 0;
	let x = 0.5;
	const sieve = new Uint8Array(n);
	let primes = 0;
	for (let i = 2; i < n; i++) {
		if (!sieve[i]) {
			primes++;
			for (let j = i * i; j < n; j += i) sieve[j] = 1;
		}
		h = Math.imul(h ^ i, 16777619);
		x = 3.9 * x * (1 - x);
	}
	const f64 = new Float64Array(1024);
	for (let r = 0; r < 50 * scale; r++)
		for (let i = 0; i < f64.length; i++) f64[i] = (f64[i] + i * 0.25) / 1.5;
	let fsum = 0;
	for (const v of f64) fsum += v;
	return `${primes} ${(h >>> 0).toString(16)} ${x.toFixed(12)} ${fsum.toFixed(6)}`;
}

function json(n) {
	const items = [];
	for (let i = 0; i < n; i++)
		items.push({ id: i, name: `item-${i.toString(36)}`, tags: [i % 3, i % 5, i % 7], ok: i % 2 === 0, v: i / 8 });
	const text = JSON.stringify({ items, meta: { n, s: 'é∑😀\n"' } });
	const back = JSON.parse(text);
	let t = 0;
	for (const it of back.items) t += it.tags.reduce((a, b) => a + b, 0) + (it.ok ? 1 : 0);
	return `${text.length} ${sha(text)} ${t} ${back.meta.s === 'é∑😀\n"'}`;
}

function regexps(n) {
	const lines = [];
	for (let i = 0; i < n; i++) lines.push(`user${i}@host${i % 17}.example key=${(i * 7919) % 1000} ts=2026-12-${(i % 28) + 1}`);
	const text = lines.join('\n');
	const mail = /(\w+)@(host\d+)\.example/g;
	let m, hosts = new Map();
	while ((m = mail.exec(text)) !== null) hosts.set(m[2], (hosts.get(m[2]) || 0) + 1);
	const keys = [...text.matchAll(/(?<=key=)(\d+)/g)].reduce((a, k) => a + Number(k[1]), 0);
	const dates = text.replace(/ts=(\d+)-(\d+)-(\d+)/g, (_, y, mo, d) => `${d.padStart(2, '0')}/${mo}/${y}`);
	const uni = 'Ünïcödé straße ΑΒΓ'.match(/\p{Lu}/gu).join('');
	return `${hosts.size} ${hosts.get('host3')} ${keys} ${sha(dates)} ${uni} ${/^(a+)+$/.test('a'.repeat(20))}`;
}

function compress(n) {
	const buf = Buffer.from('lorem ipsum dolor sit amet '.repeat(n) + crypto.createHash('sha512').update('x').digest('hex'));
	const d = zlib.deflateSync(buf, { level: 9 });
	const g = zlib.gunzipSync(zlib.gzipSync(buf));
	const b = zlib.brotliDecompressSync(zlib.brotliCompressSync(buf));
	return `${buf.length} ${zlib.inflateSync(d).equals(buf)} ${g.equals(buf)} ${b.equals(buf)} ${d.length < buf.length / 10}`;
}

function cryptoWork(n) {
	const key = crypto.pbkdf2Sync('secret', 'salt', 1000 * scale, 32, 'sha256');
	const iv = Buffer.alloc(16, 7);
	const c = crypto.createCipheriv('aes-256-cbc', key, iv);
	const enc = Buffer.concat([c.update('x'.repeat(n)), c.final()]);
	const d = crypto.createDecipheriv('aes-256-cbc', key, iv);
	const dec = Buffer.concat([d.update(enc), d.final()]).toString();
	const hmac = crypto.createHmac('sha256', key).update(enc).digest('hex').slice(0, 16);
	return `${key.toString('hex').slice(0, 16)} ${enc.length} ${hmac} ${dec.length === n}`;
}

function wasm(n) {
	// A hand-assembled module: a loop storing into linear memory, and a load that traps when
	// out of bounds (V8 may catch those as memory faults of its generated code).
	const bytes = Uint8Array.from([
		0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
		0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, // type 0: (i32) -> i32
		0x03, 0x03, 0x02, 0x00, 0x00, // functions 0 and 1 of type 0
		0x05, 0x03, 0x01, 0x00, 0x01, // one memory of one page
		0x07, 0x14, 0x03, 0x03, 0x73, 0x75, 0x6d, 0x00, 0x00, // export "sum" = function 0
		0x04, 0x6c, 0x6f, 0x61, 0x64, 0x00, 0x01, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, // "load", "mem"
		0x0a, 0x41, 0x02,
		// sum(n): for (i = 0; i < n; i++) { acc = rotl(acc + i * i, 7); mem[(i & 1023) * 4] = acc } return acc
		0x37, 0x01, 0x02, 0x7f, 0x02, 0x40, 0x03, 0x40,
		0x20, 0x01, 0x20, 0x00, 0x4e, 0x0d, 0x01,
		0x20, 0x02, 0x20, 0x01, 0x20, 0x01, 0x6c, 0x6a, 0x41, 0x07, 0x77, 0x21, 0x02,
		0x20, 0x01, 0x41, 0xff, 0x07, 0x71, 0x41, 0x02, 0x74, 0x20, 0x02, 0x36, 0x02, 0x00,
		0x20, 0x01, 0x41, 0x01, 0x6a, 0x21, 0x01, 0x0c, 0x00, 0x0b, 0x0b, 0x20, 0x02, 0x0b,
		// load(a): return mem[a]
		0x07, 0x00, 0x20, 0x00, 0x28, 0x02, 0x00, 0x0b,
	]);
	const { exports: e } = new WebAssembly.Instance(new WebAssembly.Module(bytes));
	const acc = e.sum(n) >>> 0;
	let traps = 0, loaded = 0;
	for (let i = 0; i < 2000; i++) {
		try {
			loaded = (loaded + e.load(i % 4 === 0 ? 65536 + i : i * 4 % 4096)) | 0;
		} catch (err) {
			if (err instanceof WebAssembly.RuntimeError) traps++;
		}
	}
	const mem = new Uint32Array(e.mem.buffer, 0, 1024);
	return `${acc.toString(16)} ${mem.reduce((a, v) => (a * 31 + v) >>> 0, 0).toString(16)} ${traps} ${loaded >>> 0}`;
}

function workers(count, n) {
	// Each worker adds its share into a SharedArrayBuffer with Atomics and posts a checksum.
	const sab = new SharedArrayBuffer(8 * 4);
	const shared = new BigInt64Array(sab);
	const src = `
		const { parentPort, workerData } = require('worker_threads');
		const a = new BigInt64Array(workerData.sab);
		let s = 0;
		for (let i = 0; i < workerData.n; i++) {
			const v = (i * 2654435761 + workerData.id) % 1000003;
			s = (s + v) % 1000000007;
			Atomics.add(a, i & 3, 1n);
		}
		parentPort.postMessage({ id: workerData.id, s });`;
	return Promise.all(Array.from({ length: count }, (_, id) => new Promise((res, rej) => {
		const w = new Worker(src, { eval: true, workerData: { sab, n, id } });
		w.on('message', res);
		w.on('error', rej);
	}))).then((rs) => `${rs.map((r) => r.s).join(',')} ${shared.reduce((a, b) => a + b, 0n)}`);
}

function child() {
	// node runs itself: argv, stdin to stdout, exit status.
	return new Promise((res, rej) => {
		const p = spawn(process.execPath, ['-e',
			'let d="";process.stdin.on("data",c=>d+=c).on("end",()=>{console.log(process.argv.slice(1).join("+"),d.split("\\n").length,require("crypto").createHash("md5").update(d).digest("hex"));process.exit(3)})',
			'a', 'b c'], { stdio: ['pipe', 'pipe', 'inherit'] });
		let out = '';
		p.stdout.on('data', (c) => (out += c));
		p.on('error', rej);
		p.on('close', (code) => res(`${out.trim()} exit=${code}`));
		p.stdin.end('line\n'.repeat(1000));
	});
}

function httpRoundTrip(reqs) {
	return new Promise((res, rej) => {
		const server = http.createServer((req, resp) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				resp.setHeader('content-type', 'application/json');
				resp.end(JSON.stringify({ path: req.url, method: req.method, len: body.length, h: sha(body) }));
			});
		});
		server.listen(0, '127.0.0.1', async () => {
			const port = server.address().port;
			const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
			const one = (i) => new Promise((ok, bad) => {
				const body = 'payload-' + i + '-'.repeat(i * 100);
				const r = http.request({ host: '127.0.0.1', port, path: `/p/${i}`, method: 'POST', agent }, (resp) => {
					let d = '';
					resp.on('data', (c) => (d += c));
					resp.on('end', () => ok(`${resp.statusCode}:${JSON.parse(d).len}:${JSON.parse(d).h.slice(0, 4)}`));
				});
				r.on('error', bad);
				r.end(body);
			});
			try {
				const all = await Promise.all(Array.from({ length: reqs }, (_, i) => one(i)));
				agent.destroy();
				server.close(() => res(`${all.length} ${sha(all.join(','))} ${all[reqs - 1]}`));
			} catch (e) {
				rej(e);
			}
		});
	});
}

(async () => {
	console.log('compute', compute(200000 * scale));
	console.log('json', json(5000 * scale));
	console.log('regexp', regexps(3000 * scale));
	console.log('zlib', compress(2000 * scale));
	console.log('crypto', cryptoWork(10000 * scale));
	console.log('wasm', wasm(300000 * scale));
	console.log('workers', await workers(4, 50000 * scale));
	// WORK_NO_CHILD: for qemu-user, which does not follow an execve of an arm64 program.
	if (!process.env.WORK_NO_CHILD) console.log('child', await child());
	console.log('http', await httpRoundTrip(20 * scale));
})().catch((e) => {
	console.error(e);
	process.exit(1);
});
