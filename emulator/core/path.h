/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * path.h — THE sysroot chokepoint. Every guest path handed to a host syscall goes through
 * path_host(): an absolute guest path is looked up under the sysroot first and falls back to
 * the host path; /proc, /sys and /dev are never redirected; relative paths are untouched (they
 * resolve against the cwd or the dirfd, which are host objects already) except that path_at()
 * makes those under /proc absolute for the /proc fakes. Nothing is cached, so
 * files that appear later (ldconfig, dpkg) are found.
 */
#ifndef XARCH_PATH_H
#define XARCH_PATH_H

#include <stddef.h>

#define PATH_HOST_MAX 4096

/* Returns either gpath itself or buf (which holds sysroot + gpath). Never NULL. */
const char *path_host(const char *gpath, char *buf, size_t len);

/* For syscalls that follow the final symlink: absolute link targets inside the sysroot are
 * looked up in the sysroot again (see path.c). */
const char *path_host_follow(const char *gpath, char *buf, size_t len);

/* Like path_host but for a path that will be created: picks the sysroot when the parent
 * directory exists there. */
const char *path_host_create(const char *gpath, char *buf, size_t len);

/* A relative path against dirfd (or the cwd: AT_FDCWD) that lies in /proc, as an absolute
 * path in buf, so the /proc fakes apply to it; otherwise gpath itself. */
const char *path_at(int dirfd, const char *gpath, char *buf, size_t len);

/* If hpath lies inside the sysroot, strip the sysroot prefix in place (guest view). */
void path_to_guest(char *hpath);

/* Set the sysroot (absolute, normalised); NULL or "" for none. Returns 0 or -errno. */
int path_set_sysroot(const char *sysroot);

#endif /* XARCH_PATH_H */
