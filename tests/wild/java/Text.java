// SPDX-License-Identifier: GPL-2.0-only
// Strings, formatting, regular expressions, a message digest and StrictMath (exact everywhere).
import java.security.MessageDigest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

final class Text {
	static String digest(int seed, int lines) throws Exception {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < lines; i++)
			sb.append(String.format("%05d:%s:%x;", i, Integer.toString(i * seed + 7, 36), i ^ seed));
		String s = sb.toString();
		Matcher m = Pattern.compile("(\\d+):([a-z]+)[0-9]*:([0-9a-f]+);").matcher(s);
		long groups = 0;
		while (m.find())
			groups += m.group(2).length() + m.group(3).length();
		MessageDigest md = MessageDigest.getInstance("SHA-256");
		byte[] d = md.digest(s.toUpperCase().replace("A", "@").getBytes("UTF-8"));
		return groups + "/" + String.format("%02x%02x%02x%02x", d[0], d[1], d[2], d[3]);
	}

	static String math(int iters) {
		double acc = 0;
		for (int i = 1; i <= iters; i++)
			acc += StrictMath.sin(i * 0.001) * StrictMath.sqrt(i) / (1.0 + StrictMath.log(i));
		long bits = Double.doubleToLongBits(acc);
		return Long.toHexString(bits) + " " + String.format("%.6e", acc);
	}
}
