/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * loader.h — maps a guest ELF program (and its PT_INTERP loader) into the guest address space
 * and builds the initial stack and auxv as Linux does for the guest (its ELF machine and class,
 * AT_PLATFORM, HWCAP: guest.h), ELFCLASS64 or ELFCLASS32.
 */
#ifndef XARCH_LOADER_H
#define XARCH_LOADER_H

#include <stdint.h>

struct load_result {
	uint64_t entry;		/* where the first guest instruction is (interp entry if any) */
	uint64_t sp;		/* initial stack pointer (points at argc) */
};

/*
 * Load the program from fd (already open; path is what the guest calls it, used for
 * AT_EXECFN and /proc/self/exe). argv[0..argc) and envp are the guest's. On error prints a
 * message naming the file and exits 126/127 like a shell would.
 */
void loader_load(int fd, const char *path, int argc, char **argv, char **envp,
		 struct load_result *res);

/* The guest stack's reservation (RLIMIT_STACK, capped, plus the guard gap): mmap_init(). */
uint64_t loader_stack_reserve(void);

/* Non-zero when the first bytes (n of them) are an ELF header for a program of this guest. */
int loader_is_guest_elf(const unsigned char *buf, long n);

#endif /* XARCH_LOADER_H */
