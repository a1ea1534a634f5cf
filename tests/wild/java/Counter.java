// SPDX-License-Identifier: GPL-2.0-only
// Threads contending for one monitor (synchronized) and for an AtomicLong; wait/notify hand-off.
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

final class Counter {
	private long value;
	private long mixed;

	synchronized void add(long v) {
		value += v;
		mixed = mixed * 31 + v;
	}

	synchronized long value() {
		return value;
	}

	// A one-slot mailbox: producer and consumer alternate through wait/notifyAll.
	static final class Box {
		private long item = -1;

		synchronized void put(long v) throws InterruptedException {
			while (item != -1)
				wait();
			item = v;
			notifyAll();
		}

		synchronized long take() throws InterruptedException {
			while (item == -1)
				wait();
			long v = item;
			item = -1;
			notifyAll();
			return v;
		}
	}

	static String run(ExecutorService pool, int threads, int iters) throws Exception {
		Counter c = new Counter();
		AtomicLong atomic = new AtomicLong();
		List<Future<?>> fs = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			final int id = t + 1;
			fs.add(pool.submit(() -> {
				for (int i = 0; i < iters; i++) {
					c.add(id);
					atomic.incrementAndGet();
				}
			}));
		}
		for (Future<?> f : fs)
			f.get();
		Box box = new Box();
		int n = iters / 10;
		Thread producer = new Thread(() -> {
			try {
				for (int i = 0; i < n; i++)
					box.put(i);
			} catch (InterruptedException e) {
				throw new RuntimeException(e);
			}
		});
		producer.start();
		long got = 0;
		for (int i = 0; i < n; i++)
			got += box.take();
		producer.join();
		return c.value() + " " + atomic.get() + " " + got;
	}
}
