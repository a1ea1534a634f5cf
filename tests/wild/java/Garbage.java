// SPDX-License-Identifier: GPL-2.0-only
// Allocation under pressure: short-lived arrays and strings, and a bounded live set that is
// replaced as it goes, so that a small heap needs many collections (and safepoints).
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

final class Garbage {
	static long churn(int seed, int iters) {
		Map<Integer, long[]> live = new HashMap<>();
		long acc = seed;
		for (int i = 0; i < iters; i++) {
			long[] a = new long[16 + (i % 64)];
			for (int j = 0; j < a.length; j++)
				a[j] = acc + j;
			acc = acc * 31 + (a[a.length - 1] ^ (acc >>> 17)) + String.valueOf(i).length();
			live.put(i % 4096, a); // the live set stays ~4096 arrays
			if (i % 1000 == 0)
				acc ^= live.size();
		}
		long s = 0;
		for (long[] a : live.values())
			s += a[0] + a.length;
		return acc ^ s;
	}

	static String run(ExecutorService pool, int threads, int iters) throws Exception {
		List<Future<Long>> fs = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			final int seed = t;
			fs.add(pool.submit(() -> churn(seed, iters)));
		}
		StringBuilder sb = new StringBuilder();
		for (Future<Long> f : fs)
			sb.append(Long.toHexString(f.get())).append(' ');
		return sb.toString().trim();
	}
}
