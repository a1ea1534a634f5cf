// SPDX-License-Identifier: GPL-2.0-only
// Pseudo-random words counted by several threads in one ConcurrentHashMap (merge, computeIfAbsent).
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

final class Words {
	static String word(long x) {
		StringBuilder sb = new StringBuilder();
		int len = 1 + (int) (x % 3);
		for (int i = 0; i < len; i++) {
			sb.append((char) ('a' + (x >>> (8 + 5 * i)) % 6));
		}
		return sb.toString();
	}

	static String run(ExecutorService pool, int threads, int perThread) throws Exception {
		ConcurrentHashMap<String, Long> counts = new ConcurrentHashMap<>();
		ConcurrentHashMap<Integer, LongAdder> byLen = new ConcurrentHashMap<>();
		List<Future<?>> fs = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			final long seed = 12345 + t;
			fs.add(pool.submit(() -> {
				long x = seed;
				for (int i = 0; i < perThread; i++) {
					x = x * 6364136223846793005L + 1442695040888963407L;
					String w = word(x >>> 20);
					counts.merge(w, 1L, Long::sum);
					byLen.computeIfAbsent(w.length(), k -> new LongAdder()).increment();
				}
			}));
		}
		for (Future<?> f : fs)
			f.get();
		long h = 0;
		for (var e : new TreeMap<>(counts).entrySet())
			h = h * 1000003 + e.getKey().hashCode() * 31L + e.getValue();
		StringBuilder sb = new StringBuilder();
		sb.append(counts.size()).append(' ').append(Long.toHexString(h));
		for (var e : new TreeMap<>(byLen).entrySet())
			sb.append(' ').append(e.getKey()).append(':').append(e.getValue().sum());
		return sb.toString();
	}
}
