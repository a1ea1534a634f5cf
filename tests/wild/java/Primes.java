// SPDX-License-Identifier: GPL-2.0-only
// Trial-division prime counting, split over a pool; the partial counts meet in an AtomicLong.
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

final class Primes {
	static boolean isPrime(int n) {
		if (n < 2)
			return false;
		if (n % 2 == 0)
			return n == 2;
		for (int d = 3; (long) d * d <= n; d += 2)
			if (n % d == 0)
				return false;
		return true;
	}

	static String parallelCount(ExecutorService pool, int limit, int parts) throws Exception {
		AtomicLong total = new AtomicLong();
		AtomicLong sum = new AtomicLong();
		List<Future<?>> fs = new ArrayList<>();
		int step = limit / parts;
		for (int p = 0; p < parts; p++) {
			final int lo = p * step, hi = p == parts - 1 ? limit : lo + step;
			fs.add(pool.submit(() -> {
				long c = 0, s = 0;
				for (int n = lo; n < hi; n++)
					if (isPrime(n)) {
						c++;
						s += n;
					}
				total.addAndGet(c);
				sum.addAndGet(s);
			}));
		}
		for (Future<?> f : fs)
			f.get();
		return total.get() + " " + sum.get();
	}
}
