// SPDX-License-Identifier: GPL-2.0-only
// Exceptions thrown from hot code: a compiled JVM turns null dereferences into memory faults
// (implicit null checks) and array bounds, casts and division by zero into explicit checks.
final class Faults {
	static final class Node {
		int v;
		Node next;

		Node(int v, Node next) {
			this.v = v;
			this.next = next;
		}
	}

	static int walk(Node n) {
		return n.v + n.next.v; // n.next is null at the end: NullPointerException
	}

	static int index(int[] a, int i) {
		return a[i];
	}

	static int divide(int a, int b) {
		return a / b;
	}

	static String cast(Object o) {
		return (String) o;
	}

	static String run(int iters) {
		Node tail = new Node(7, null);
		Node head = new Node(5, tail);
		int[] arr = new int[16];
		for (int i = 0; i < arr.length; i++)
			arr[i] = i * i;
		long sum = 0, npe = 0, aioobe = 0, arith = 0, cce = 0;
		Object[] objs = { "s", Integer.valueOf(3) };
		for (int i = 0; i < iters; i++) {
			try {
				sum += walk((i & 7) == 0 ? tail : head);
			} catch (NullPointerException e) {
				npe++;
			}
			try {
				sum += index(arr, i % 17);
			} catch (ArrayIndexOutOfBoundsException e) {
				aioobe++;
			}
			try {
				sum += divide(i, i % 5);
			} catch (ArithmeticException e) {
				arith++;
			}
			try {
				sum += cast(objs[i & 1]).length();
			} catch (ClassCastException e) {
				cce++;
			}
		}
		return sum + " " + npe + " " + aioobe + " " + arith + " " + cce;
	}
}
