/* SPDX-License-Identifier: GPL-2.0-only */
/* xarchctl: a tiny streaming JSON writer (stdout). */
#ifndef XARCHCTL_JSON_H
#define XARCHCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>

/* key is NULL inside arrays and for the top-level value. */
void json_obj_begin(const char *key);
void json_obj_end(void);
void json_arr_begin(const char *key);
void json_arr_end(void);
void json_str(const char *key, const char *val);	/* val NULL -> null */
void json_int(const char *key, long long val);
void json_bool(const char *key, bool val);
void json_null(const char *key);
void json_done(void);	/* newline after the top-level value */

#endif
