/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * secure.h — what a set-uid (AT_SECURE) guest may load as code.
 *
 * Under AT_SECURE the guest runs with more privileges than its caller. Code may then come only
 * from files that nobody but root (or the guest's own effective user) can change: the file and
 * every directory above it are owned by uid 0 or the euid, and writable by group or others only
 * where that cannot be used to swap an entry (a sticky directory, or a group of gid 0).
 * Like sudo's and sshd's checks on their configuration files. Both functions are no-ops (return 0)
 * when the process is not secure.
 */
#ifndef XARCH_SECURE_H
#define XARCH_SECURE_H

#include <stddef.h>

/* Check a directory (the sysroot) and its ancestors. 0, or -EACCES with a reason in why. */
int secure_check_dir(const char *hpath, char *why, size_t len);

/* Check the file open on fd, about to be loaded or mapped as code, and the directories above it.
 * 0, or -EACCES after printing one line naming the file and the reason (what is the guest's
 * name for it, for the message). */
int secure_check_code_fd(int fd, const char *what);

#endif /* XARCH_SECURE_H */
