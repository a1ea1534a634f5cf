// SPDX-License-Identifier: GPL-2.0-only
/* processes: fork/exec/wait, posix_spawn, vfork; cacheflush after writing code; an unknown
 * system call; /proc/cpuinfo */
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include "common.h"

extern char **environ;

static int run_code(uint32_t *code)
{
	int (*fn)(void) = (int (*)(void))code;
	return fn();
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "child")) {
		printf("self: child argv %s %s\n", argc > 2 ? argv[2] : "-", getenv("XARCH_CHILD") ? getenv("XARCH_CHILD") : "-");
		return 9;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		setenv("XARCH_CHILD", "from-exec", 1);
		execl("/proc/self/exe", argv[0], "child", "one", (char *)NULL);
		_exit(100);
	}
	int st;
	/* qemu-arm can exec a guest program only through binfmt_misc, which this host may lack;
	 * qemu's vfork is a fork */
	SELF("fork + exec + waitpid", waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 9);
	char *cargv[] = { argv[0], "child", "spawned", NULL };
	SELF("posix_spawn", posix_spawn(&pid, argv[0], NULL, NULL, cargv, environ) == 0 && waitpid(pid, &st, 0) == pid &&
	      WEXITSTATUS(st) == 9);
	volatile int shared = 0;
	pid = vfork();
	if (pid == 0) {
		shared = 1;
		_exit(4);
	}
	SELF("vfork shares memory", waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 4 && shared == 1);
	pid = fork();
	if (pid == 0) {
		raise(SIGKILL);
		_exit(0);
	}
	CHECK("killed child", waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	/* code written at run time: mov r0, #N; bx lr, then changed and flushed */
	uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	code[0] = 0xe3a0002a;	/* mov r0, #42 */
	code[1] = 0xe12fff1e;	/* bx lr */
	__builtin___clear_cache((char *)code, (char *)(code + 2));
	int a = run_code(code);
	code[0] = 0xe3a00007;	/* mov r0, #7 */
	long cf = rawsc(0x0f0002, (long)code, (long)(code + 2), 0, 0, 0, 0);	/* cacheflush */
	int b = run_code(code);
	printf("code returned %d then %d\n", a, b);
	CHECK("cacheflush after rewriting code", cf == 0 && a == 42 && b == 7);
	CHECK("set_tls/get_tls", rawsc(0x0f0006, 0, 0, 0, 0, 0, 0) == (long)__builtin_thread_pointer());

	/* an unknown system call: ENOSYS (and one line on stderr) */
	errno = 0;
	long r = syscall(4000);
	CHECK("unknown syscall: ENOSYS", r == -1 && errno == ENOSYS);
	CHECK("unknown ARM-private call: ENOSYS", rawsc(0x0f0009, 0, 0, 0, 0, 0, 0) == -ENOSYS);

	/* System V messages (a 4-byte mtype) and semaphores */
	int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	struct { long type; char text[16]; } m = { 7, "hello" }, m2;
	struct msqid_ds qs;
	CHECK("msgsnd", msgsnd(q, &m, 6, 0) == 0);
	CHECK("msgctl IPC_STAT", msgctl(q, IPC_STAT, &qs) == 0 && qs.msg_qnum == 1 && qs.msg_lspid == getpid());
	CHECK("msgrcv", msgrcv(q, &m2, sizeof(m2.text), -10, 0) == 6 && m2.type == 7 && !strcmp(m2.text, "hello"));
	CHECK("msgctl IPC_RMID", msgctl(q, IPC_RMID, NULL) == 0);
	int sem = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	struct semid_ds sds;
	CHECK("semctl SETVAL/GETVAL", semctl(sem, 1, SETVAL, 3) == 0 && semctl(sem, 1, GETVAL) == 3);
	CHECK("semctl IPC_STAT", semctl(sem, 0, IPC_STAT, &sds) == 0 && sds.sem_nsems == 2);
	CHECK("semctl IPC_RMID", semctl(sem, 0, IPC_RMID) == 0);

	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[512];
	int proc = 0, arch7 = 0, feat = 0;
	while (f && fgets(line, sizeof(line), f)) {
		proc += !strncmp(line, "processor", 9);
		arch7 += !strncmp(line, "CPU architecture: 7", 19);
		feat += !strncmp(line, "Features", 8) && strstr(line, " thumb ") && strstr(line, "tls");
	}
	SELF("/proc/cpuinfo: an ARMv7 CPU", proc > 0 && arch7 == proc && feat == proc);
	return 0;
}
