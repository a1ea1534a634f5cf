// SPDX-License-Identifier: GPL-2.0-only
/* t_enosys — unknown syscall numbers return ENOSYS and the program carries on. */
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	errno = 0;
	long r = syscall(999);
	printf("r=%ld enosys=%d\n", r, errno == ENOSYS);
	errno = 0;
	r = syscall(999, 1, 2, 3);
	r = syscall(1999, 1, 2, 3);
	printf("r=%ld enosys=%d\n", r, errno == ENOSYS);
	printf("still_running=1\n");
	return 0;
}
