// SPDX-License-Identifier: GPL-2.0-only
// The t-java workload: several classes, a thread pool, locks, atomics, a concurrent map, exceptions
// from hot compiled code and garbage under a small heap. Every line it prints is computed
// deterministically, so runs on different JVMs and CPUs compare equal.
// usage: java Main SCALE THREADS (work grows linearly with SCALE) | java Main wait
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public class Main {
	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("wait")) { // a JVM for jcmd to attach to
			System.out.println("ready");
			Thread.sleep(120_000);
			return;
		}
		int scale = args.length > 0 ? Integer.parseInt(args[0]) : 4;
		int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			System.out.println("primes " + Primes.parallelCount(pool, 50_000 * scale, 16));
			System.out.println("counter " + Counter.run(pool, threads, 12_500 * scale));
			System.out.println("words " + Words.run(pool, threads, 5_000 * scale));
			System.out.println("exceptions " + Faults.run(5_000 * scale));
			System.out.println("garbage " + Garbage.run(pool, threads, 15_000 * scale));
			List<Future<String>> hashes = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				final int seed = i;
				hashes.add(pool.submit(() -> Text.digest(seed, 500 * scale)));
			}
			StringBuilder sb = new StringBuilder();
			for (Future<String> f : hashes)
				sb.append(f.get()).append(' ');
			System.out.println("text " + sb.toString().trim());
			System.out.println("math " + Text.math(25_000 * scale));
		} finally {
			pool.shutdown();
		}
	}
}
