#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run every binfmt_xarch selftest; TAP on stdout; non-zero exit if any failed.
cd "$(dirname "$0")" || exit 1
rc=0
for t in @TESTS@; do
	if [ ! -x "./$t" ]; then
		echo "not ok 1 - $t is missing"
		rc=1
		continue
	fi
	"./$t"
	st=$?
	if [ $st -ne 0 ]; then
		echo "# $t exited with status $st"
		rc=1
	fi
done
exit $rc
