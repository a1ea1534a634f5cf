// SPDX-License-Identifier: GPL-2.0-only
// The JVM's use of the operating system, each part printing a deterministic line: a thread blocked
// in accept() woken when another closes the channel, one blocked in a read interrupted (the JDK
// signals the blocked thread), a Selector (epoll) over sockets, a memory-mapped file,
// StackOverflowError from guard pages, and a child JVM started with ProcessBuilder
// (jdk.lang.Process.launchMechanism picks vfork, fork or posix_spawn through jspawnhelper).
import java.io.*;
import java.net.*;
import java.nio.*;
import java.nio.channels.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;

public class Probe {
	public static void main(String[] a) throws Exception {
		// 1. A thread blocked in accept() is woken by another closing the channel.
		ServerSocketChannel ssc = ServerSocketChannel.open();
		ssc.bind(new InetSocketAddress("127.0.0.1", 0));
		CompletableFuture<String> r = new CompletableFuture<>();
		Thread t = new Thread(() -> {
			try { ssc.accept(); r.complete("accepted?"); }
			catch (AsynchronousCloseException e) { r.complete("closed " + e.getClass().getSimpleName()); }
			catch (Exception e) { r.complete("other " + e); }
		});
		t.start();
		Thread.sleep(500);
		ssc.close();
		System.out.println("accept-close " + r.get(20, TimeUnit.SECONDS));
		// 2. Interrupt a thread blocked in a channel read.
		Pipe p = Pipe.open();
		CompletableFuture<String> r2 = new CompletableFuture<>();
		Thread t2 = new Thread(() -> {
			try { p.source().read(ByteBuffer.allocate(10)); r2.complete("read?"); }
			catch (ClosedByInterruptException e) { r2.complete("interrupted"); }
			catch (Exception e) { r2.complete("other " + e); }
		});
		t2.start();
		Thread.sleep(500);
		t2.interrupt();
		System.out.println("read-interrupt " + r2.get(20, TimeUnit.SECONDS));
		// 3. Selector + sockets.
		ServerSocketChannel s2 = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
		SocketChannel c = SocketChannel.open(s2.getLocalAddress());
		SocketChannel acc = s2.accept();
		acc.configureBlocking(false);
		Selector sel = Selector.open();
		acc.register(sel, SelectionKey.OP_READ);
		c.write(ByteBuffer.wrap("hello selector".getBytes()));
		int n = sel.select(5000);
		ByteBuffer bb = ByteBuffer.allocate(100);
		acc.read(bb);
		System.out.println("selector " + n + " " + new String(bb.array(), 0, bb.position()));
		// 4. Memory-mapped file.
		Path f = Files.createTempFile("probe", ".bin");
		try (FileChannel fc = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			MappedByteBuffer m = fc.map(FileChannel.MapMode.READ_WRITE, 0, 1 << 20);
			for (int i = 0; i < (1 << 18); i++) m.putInt(i * 4, i * 7);
			m.force();
		}
		long sum = 0;
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
			for (int i = 0; i < (1 << 18); i++) sum += in.readInt();
		}
		Files.delete(f);
		System.out.println("mmap " + sum);
		// 5. StackOverflowError from the stack guard pages (memory faults the JVM turns into
		// exceptions), on the main thread and on threads with 1 MiB stacks.
		int caught = 0;
		for (int i = 0; i < 20; i++) {
			try { recurse(0); } catch (StackOverflowError e) { caught++; }
		}
		int[] perThread = new int[4];
		Thread[] ts = new Thread[4];
		for (int k = 0; k < 4; k++) {
			final int id = k;
			ts[k] = new Thread(null, () -> {
				for (int i = 0; i < 10; i++)
					try { recurse(0); } catch (StackOverflowError e) { perThread[id]++; }
			}, "deep" + k, 1 << 20);
			ts[k].start();
		}
		for (Thread th : ts) th.join();
		System.out.println("stack-overflow " + caught + " " + Arrays.toString(perThread));
		// 6. Child processes, each launch mechanism.
		String java = ProcessHandle.current().info().command().orElse("?");
		System.out.println("self " + (java.endsWith("/java") ? "java" : java));
		ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "Probe$Child", "x y");
		pb.redirectErrorStream(true);
		Process pr = pb.start();
		String out = new String(pr.getInputStream().readAllBytes()).trim();
		System.out.println("child " + out + " exit=" + pr.waitFor());
	}
	static long recurse(long x) {
		return recurse(x + 1) + 1;
	}

	// The child JVM: echoes its argument and exits with status 5.
	public static class Child { public static void main(String[] a) { System.out.println("hi " + a[0]); System.exit(5); } }
}
