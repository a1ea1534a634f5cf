# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2154 # (T, HERE, rc and the helpers are run.sh's)
#
# Sourced by run.sh: the OCI hook (tools/oci/xarch-oci-hook) on the host, no container runtime and
# no module. A copy of the hook has its four fixed paths pointed into $T/oci (each replaced line
# checked, nothing else changed): XARCHCTL a fake xarchctl that logs its arguments, S a fake
# /sys/kernel/binfmt_xarch with the arches aarch64 and arm, RUN the records, and PATH with a fake
# logger in front (or that directory alone: no jq). The container is a process in a mount namespace
# of its own (unshare -m); the OCI state on stdin is written here.
HOOK_SRC=$HERE/../../oci/xarch-oci-hook
O=$T/oci
rm -rf "$O" && mkdir -p "$O/bin" "$O/sys/aarch64" "$O/sys/arm" "$O/run"
: >"$O/sys/ns_sysroots"
printf '#!/bin/sh\nfor a; do printf "<%%s>" "$a"; done >>%s/calls\necho >>%s/calls\n' "$O" "$O" >"$O/xarchctl"
printf '#!/bin/sh\nprintf "%%s\\n" "$*" >>%s/log\n' "$O" >"$O/bin/logger"
chmod +x "$O/xarchctl" "$O/bin/logger"

# hook_copy FILE PATH-VALUE
hook_copy() {
	sed -e "s|^XARCHCTL=/usr/bin/xarchctl\$|XARCHCTL=$O/xarchctl|" -e "s|^S=/sys/kernel/binfmt_xarch\$|S=$O/sys|" \
		-e "s|^RUN=/run/xarch/oci\$|RUN=$O/run|" -e "s|^PATH=/usr/sbin:/usr/bin:/sbin:/bin\$|PATH=$2|" "$HOOK_SRC" >"$1"
	chmod +x "$1"
	[ "$(diff "$HOOK_SRC" "$1" | grep -c '^>')" = 4 ]
}
if hook_copy "$O/hook" "$O/bin:/usr/sbin:/usr/bin:/sbin:/bin" && hook_copy "$O/hook-nojq" "$O/bin"; then
	ok "oci-hook: a copy with XARCHCTL, S, RUN and PATH pointed into the test directory (4 lines changed)"
else
	notok "oci-hook: the copy's XARCHCTL, S, RUN and PATH lines" "$(diff "$HOOK_SRC" "$O/hook")"
fi

# The container: a process in a mount namespace of its own.
cpid=
if command -v unshare >/dev/null 2>&1 && command -v jq >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then unshare -m sleep 600 & else unshare -rm sleep 600 & fi
	cpid=$!
	i=0
	while [ "$(readlink /proc/$cpid/ns/mnt 2>/dev/null)" = "$(readlink /proc/self/ns/mnt)" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	cns=$(readlink /proc/$cpid/ns/mnt 2>/dev/null)
	if [ -z "$cns" ] || [ "$cns" = "$(readlink /proc/self/ns/mnt)" ]; then
		kill "$cpid" 2>/dev/null
		cpid=
	fi
fi

# state ID PID ANNOTATIONS-JSON: the OCI state in $O/state
state() { jq -n --arg id "$1" --argjson pid "$2" --argjson ann "$3" \
	'{ociVersion: "1.0.2", id: $id, status: "created", pid: $pid, bundle: "/nonexistent", annotations: $ann}' >"$O/state"; }
# hook_run STAGE [HOOK]: the hook with $O/state on stdin; calls and log emptied first
hook_run() {
	local h=$O/hook
	[ $# = 2 ] && { h=$2; set -- "$1"; }
	rm -f "$O/calls" "$O/log"
	[ "$1" = stop ] || rm -f "$O/run/"*	# what an earlier case left would refuse this one
	r "$h" "$1" <"$O/state"
}
calls() { cat "$O/calls" 2>/dev/null; }
# refused NAME MESSAGE [CALLS]: exit status 1, MESSAGE on stderr (one line) and in the log, xarchctl
# called exactly with CALLS (nothing by default), and no record left
refused() {
	local name=$1 msg=$2 want=${3:-}
	if [ "$rc" != 1 ]; then notok "$name" "exit status $rc, expected 1"; return; fi
	if [ "$(wc -l <"$T/err")" != 1 ] || ! grep -q '^xarch-oci-hook: error: ' "$T/err" || ! grep -qF -- "$msg" "$T/err"; then
		notok "$name" "stderr is not one line: xarch-oci-hook: error: ...$msg"; return
	fi
	if ! grep -qF -- "-t xarch-oci-hook -p user.err -- error: " "$O/log" 2>/dev/null || ! grep -qF -- "$msg" "$O/log"; then
		notok "$name" "not in the system log (logger): $(cat "$O/log" 2>/dev/null)"; return
	fi
	if [ "$(calls)" != "$want" ]; then notok "$name" "xarchctl calls: $(calls); wanted: ${want:-none}"; return; fi
	if [ -n "$(ls -A "$O/run")" ]; then notok "$name" "records left: $(ls "$O/run")"; return; fi
	ok "$name"
}

if [ -z "$cpid" ]; then
	for t in accepted control-characters relative-path arch no-jq host-namespace user-namespace stop stop-no-record; do
		skip "oci-hook: $t" "no unshare, no jq or no mount namespace of its own for a process"
	done
else
	ns=/proc/$cpid/ns/mnt
	unset_call="<sysroot><unset><--id><$cns>"

	state c1 "$cpid" '{"run.xarch.sysroot": "/", "run.xarch.sysroot.arm": "/armhf-root", "other": "x"}'
	hook_run create
	want="<sysroot><set><--ns><$ns></>
<sysroot><set><--ns><$ns><--arch><arm></armhf-root>"
	if [ "$rc" = 0 ] && [ ! -s "$T/err" ] && [ ! -s "$O/log" ] && [ "$(calls)" = "$want" ] &&
		[ "$(cat "$O/run/c1" 2>/dev/null)" = "$cns" ]; then
		ok "oci-hook create: accepted, xarchctl sysroot set --ns /proc/PID/ns/mnt [--arch ARCH] DIR per annotation, record $cns"
	else
		notok "oci-hook create: accepted annotations" "rc=$rc; calls: $(calls); record: $(cat "$O/run/c1" 2>/dev/null); wanted: $want"
	fi
	echo "$cns /" >"$O/sys/ns_sysroots"
	hook_run stop
	if [ "$rc" = 0 ] && [ "$(calls)" = "$unset_call" ] && [ ! -e "$O/run/c1" ]; then
		ok "oci-hook stop: xarchctl sysroot unset --id $cns, the record removed"
	else
		notok "oci-hook stop: unset and record removed" "rc=$rc; calls: $(calls); $(ls "$O/run")"
	fi
	: >"$O/sys/ns_sysroots"
	state c1 "$cpid" '{"run.xarch.sysroot": "/"}'
	hook_run create
	hook_run stop
	if [ "$rc" = 0 ] && [ -z "$(calls)" ] && [ ! -e "$O/run/c1" ]; then
		ok "oci-hook stop: an entry no longer listed is not unset again, the record removed"
	else
		notok "oci-hook stop: an entry no longer listed" "rc=$rc; calls: $(calls)"
	fi
	# poststop after a refused createRuntime (runc runs it all the same): no record, nothing to do.
	state c1 "$cpid" '{"run.xarch.sysroot": "srv/a"}'
	hook_run create
	crc=$rc
	hook_run stop
	if [ "$crc" = 1 ] && [ "$rc" = 0 ] && [ ! -s "$T/err" ] && [ ! -s "$O/log" ] && [ -z "$(calls)" ] && [ -z "$(ls -A "$O/run")" ]; then
		ok "oci-hook stop with no record (after a refused create): status 0, nothing on stderr or in the log, no call"
	else
		notok "oci-hook stop with no record" "create rc=$crc (expected 1), stop rc=$rc; stderr: $(cat "$T/err"); log: $(cat "$O/log" 2>/dev/null); calls: $(calls)"
	fi

	# Control characters in the path: the ones @tsv passes as they are, the ones it writes as \t, \n, \r
	# (a backslash then), and NUL (@tsv writes it as \\0: a backslash again).
	cmsg="annotation run.xarch.sysroot.aarch64: the path may hold no backslash, space or control character"
	for c in 0001:'\u0001' 001b:'\u001b[31m' 007f:'\u007f' 0009:'\t' 000a:'\n' 000d:'\r' 0000:'\u0000'; do
		state c2 "$cpid" "{\"run.xarch.sysroot.aarch64\": \"/srv/a${c#*:}b\"}"
		hook_run create
		refused "oci-hook create refuses a sysroot with U+${c%%:*}: status 1, message, log, no sysroot set (only the clean-up unset), no record" \
			"$cmsg" "$unset_call"
	done
	state c2 "$cpid" '{"run.xarch.sysroot": "/ok", "run.xarch.sysroot.aarch64": "/srv/\u0001"}'
	hook_run create
	refused "oci-hook create: a control character in the second annotation undoes the first (set, then unset --id)" \
		"$cmsg" "<sysroot><set><--ns><$ns></ok>
$unset_call"
	state c2 "$cpid" '{"run.xarch.sysroot.aarch64": "/srv/a b"}'
	hook_run create
	refused "oci-hook create refuses a sysroot with a space" "$cmsg" "$unset_call"
	state c2 "$cpid" '{"run.xarch.sysroot.aarch64": "/srv\\a"}'
	hook_run create
	refused "oci-hook create refuses a sysroot with a backslash" "$cmsg" "$unset_call"

	state c3 "$cpid" '{"run.xarch.sysroot": "srv/a"}'
	hook_run create
	refused "oci-hook create refuses a relative sysroot" \
		"annotation run.xarch.sysroot: 'srv/a' is not an absolute path" "$unset_call"
	state c3 "$cpid" '{"run.xarch.sysroot.mips": "/srv/a"}'
	hook_run create
	refused "oci-hook create refuses an arch binfmt_xarch does not have" \
		"annotation run.xarch.sysroot.mips: binfmt_xarch has no arch mips" "$unset_call"
	state c3 "$cpid" '{"run.xarch.sysroot.AArch64": "/srv/a"}'
	hook_run create
	refused "oci-hook create refuses an arch that is not an arch name" \
		"annotation run.xarch.sysroot.AArch64: 'AArch64' is not an arch name" "$unset_call"
	state c3 "$cpid" '{"other": "/srv/a"}'
	hook_run create
	refused "oci-hook create refuses a container without a run.xarch.sysroot annotation" \
		"no run.xarch.sysroot annotation in the OCI state or the bundle"
	state c3 "$cpid" '{"run.xarch.sysroot": "/srv/a"}'
	hook_run create "$O/hook-nojq"
	refused "oci-hook refuses to run without jq" "jq is needed to read the OCI state"
	state c3 "$$" '{"run.xarch.sysroot": "/srv/a"}'
	hook_run create
	refused "oci-hook create refuses a container in the host's mount namespace" "shares the host's mount namespace"
	# A rootless runtime runs its hooks in the user's own user namespace: unshare -r stands for it.
	state c3 "$cpid" '{"run.xarch.sysroot": "/srv/a"}'
	if unshare -r true 2>/dev/null; then
		rm -f "$O/calls" "$O/log" "$O/run/"*
		r unshare -r "$O/hook" create <"$O/state"
		refused "oci-hook create refuses to run in a user namespace other than the host's (a rootless runtime's)" \
			"the hook runs in a user namespace other than the host's (uid_map 0 $(id -u) 1"
	else
		skip "oci-hook: user-namespace" "unshare -r cannot make a user namespace here"
	fi
	state c3/../x "$cpid" '{"run.xarch.sysroot": "/srv/a"}'
	hook_run create
	refused "oci-hook refuses a container id that is not a plain name" "container id 'c3/../x' is not a plain name"
	kill "$cpid" 2>/dev/null
	wait "$cpid" 2>/dev/null
fi
