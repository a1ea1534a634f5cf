// SPDX-License-Identifier: GPL-2.0-only
/* glibc's AdvSIMD string functions at every alignment and many lengths, checked against simple loops. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char buf[512], buf2[512];

static size_t ref_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int main(void)
{
	unsigned long bad = 0, checks = 0;

	for (int al = 0; al < 32; al++)
		for (int len = 0; len < 200; len++) {
			char *s = buf + al, *t = buf2 + (al * 7) % 32;

			memset(buf, 'a', sizeof(buf));
			for (int i = 0; i < len; i++)
				s[i] = (char)('A' + (i * 13 + al) % 26);
			s[len] = 0;
			checks++;
			bad += strlen(s) != ref_strlen(s);
			memcpy(t, s, (size_t)len + 1);
			checks++;
			bad += strcmp(s, t) != 0 || memcmp(s, t, (size_t)len) != 0;
			if (len > 0) {
				char c = s[len - 1];
				char *p = memchr(s, c, (size_t)len), *q = strchr(s, c), *r = strrchr(s, c);
				size_t k = 0;

				while (s[k] != c)
					k++;
				checks++;
				bad += p != s + k || q != s + k || r == NULL || *r != c;
				t[len / 2] ^= 1;
				checks++;
				bad += (strcmp(s, t) > 0) != ((unsigned char)s[len / 2] > (unsigned char)t[len / 2]);
				bad += strncmp(s, t, (size_t)len / 2) != 0;
			}
			checks++;
			bad += memchr(s, '#', (size_t)len) != NULL || strchr(s, 0) != s + len;
			memmove(buf + 40, buf + 40 + al % 5, (size_t)len);
			memset(t, al, (size_t)len);
			for (int i = 0; i < len; i++)
				bad += (unsigned char)t[i] != (unsigned char)al;
		}
	strcpy(buf, "the quick brown fox jumps over the lazy dog");
	printf("strstr=%s memmem=%s strspn=%zu strcspn=%zu\n", strstr(buf, "lazy"),
	       (char *)memmem(buf, strlen(buf), "fox", 3), strspn(buf, "eht "), strcspn(buf, "xyz"));
	printf("checks=%lu bad=%lu\n", checks, bad);
	return bad != 0;
}
