// SPDX-License-Identifier: GPL-2.0-only
/* t_cat — prints files (the sysroot chokepoint tests).
 *   t_cat PATH...          print each file or "PATH: missing"
 *   t_cat -wait PATH       report a miss, then poll until PATH appears (misses are not cached)
 *   t_cat -create PATH     create PATH with "created" in it
 *   t_cat -cwd DIR         chdir(DIR) and print getcwd() */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int cat(const char *p)
{
	char b[4096];
	int fd = open(p, O_RDONLY);
	if (fd < 0) {
		printf("%s: missing\n", p);
		return 1;
	}
	ssize_t n;
	while ((n = read(fd, b, sizeof(b))) > 0)
		fwrite(b, 1, (size_t)n, stdout);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "-wait")) {
		cat(argv[2]);
		fflush(stdout);
		for (int i = 0; i < 200; i++) {
			if (access(argv[2], F_OK) == 0)
				return cat(argv[2]);
			usleep(20000);
		}
		return 1;
	}
	if (argc == 3 && !strcmp(argv[1], "-cwd")) {
		char b[4096];
		if (chdir(argv[2]) || !getcwd(b, sizeof(b)))
			return 1;
		printf("%s\n", b);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "-create")) {
		int fd = open(argv[2], O_CREAT | O_WRONLY | O_TRUNC, 0644);
		if (fd < 0 || write(fd, "created\n", 8) != 8)
			return 1;
		close(fd);
		return 0;
	}
	int r = 0;
	for (int i = 1; i < argc; i++)
		r |= cat(argv[i]);
	return r;
}
