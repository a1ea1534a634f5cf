// SPDX-License-Identifier: GPL-2.0-only
// system() and popen() through /bin/sh (in an Alpine-style root: busybox ash, itself a musl
// program started by execve), their exit statuses, and a pipeline fed through popen "w".
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	int st = system("printf '%s\\n' pear apple fig | sort | tr a-z A-Z");
	printf("system: exited=%d code=%d\n", WIFEXITED(st), WEXITSTATUS(st));
	st = system("exit 5");
	printf("system exit 5: code=%d\n", WEXITSTATUS(st));
	st = system("kill -TERM $$");
	printf("system killed: signaled=%d sig=%d\n", WIFSIGNALED(st), WTERMSIG(st));

	FILE *p = popen("i=0; while [ $i -lt 5 ]; do echo line $i; i=$((i + 1)); done", "r");
	char buf[128];
	int n = 0;
	while (fgets(buf, sizeof buf, p))
		n++;
	st = pclose(p);
	printf("popen r: %d lines, last '%.*s' status=%d\n", n, (int)strcspn(buf, "\n"), buf, WEXITSTATUS(st));
	p = popen("sed 's/o/0/g' | sort -r", "w");
	fputs("foo\nbar\nboo\n", p);
	st = pclose(p);
	printf("popen w: status=%d\n", WEXITSTATUS(st));
	return 0;
}
