// SPDX-License-Identifier: GPL-2.0-only
/*
 * xarchctl: streaming JSON writer. Strings are emitted as valid UTF-8: control characters are escaped and
 * bytes that are not valid UTF-8 (file names can hold any byte) become U+FFFD.
 */
#include <stdio.h>
#include <string.h>

#include "json.h"

#define MAX_DEPTH 32

static bool need_comma[MAX_DEPTH];
static int depth;

static void put_escaped(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	putchar('"');
	while (*p) {
		unsigned char c = *p;
		int n = 0;

		if (c == '"' || c == '\\') {
			printf("\\%c", c);
			p++;
			continue;
		}
		if (c < 0x20) {
			switch (c) {
			case '\n': fputs("\\n", stdout); break;
			case '\t': fputs("\\t", stdout); break;
			case '\r': fputs("\\r", stdout); break;
			default: printf("\\u%04x", c); break;
			}
			p++;
			continue;
		}
		if (c < 0x80) {
			putchar(c);
			p++;
			continue;
		}
		/* validate one UTF-8 sequence */
		if (c >= 0xc2 && c <= 0xdf)
			n = 1;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3;
		for (int i = 1; n && i <= n; i++)
			if ((p[i] & 0xc0) != 0x80)
				n = 0;
		if (n == 2 && ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0)))
			n = 0;
		if (n == 3 && ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90)))
			n = 0;
		if (!n) {
			fputs("\\ufffd", stdout);
			p++;
			continue;
		}
		fwrite(p, 1, (size_t)n + 1, stdout);
		p += n + 1;
	}
	putchar('"');
}

static void prefix(const char *key)
{
	if (depth > 0 && need_comma[depth])
		putchar(',');
	if (depth > 0)
		need_comma[depth] = true;
	if (key) {
		put_escaped(key);
		putchar(':');
	}
}

void json_obj_begin(const char *key)
{
	prefix(key);
	putchar('{');
	if (depth < MAX_DEPTH - 1)
		depth++;
	need_comma[depth] = false;
}

void json_obj_end(void)
{
	putchar('}');
	if (depth > 0)
		depth--;
}

void json_arr_begin(const char *key)
{
	prefix(key);
	putchar('[');
	if (depth < MAX_DEPTH - 1)
		depth++;
	need_comma[depth] = false;
}

void json_arr_end(void)
{
	putchar(']');
	if (depth > 0)
		depth--;
}

void json_str(const char *key, const char *val)
{
	prefix(key);
	if (val)
		put_escaped(val);
	else
		fputs("null", stdout);
}

void json_int(const char *key, long long val)
{
	prefix(key);
	printf("%lld", val);
}

void json_bool(const char *key, bool val)
{
	prefix(key);
	fputs(val ? "true" : "false", stdout);
}

void json_null(const char *key)
{
	prefix(key);
	fputs("null", stdout);
}

void json_done(void)
{
	putchar('\n');
	fflush(stdout);
	depth = 0;
}
