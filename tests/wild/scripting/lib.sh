# SPDX-License-Identifier: GPL-2.0-only
# Sourced by tests/wild/t-python and t-perl: result lines, and the comparison of a script's
# output section by section (each section starts with a line "== NAME").

ok() { echo "ok - $1"; }
notok() { echo "not ok - $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | head -n 30 | sed 's/^/#   /'; return 0; }
skip() { echo "ok - $1 # SKIP $2"; }
emu() { timeout 600 "$EMU" "$@"; }

# section NAME TEXT: the lines of section NAME ("rc=N", the last line, belongs to every section)
section() {
	awk -v s="== $1" '$0 == s { on = 1; next } /^== / { on = 0 } on' <<<"$2"
	tail -n 1 <<<"$2"
}

# compare_sections PROG REFNAME WANT GOT: one result per section of WANT
compare_sections() {
	local prog=$1 ref=$2 want=$3 got=$4 s
	local names
	names=$(sed -n 's/^== //p' <<<"$want")
	if [ -z "$names" ]; then
		notok "$prog: $ref run printed no section" "$(tail -n 20 <<<"$want")"
		return
	fi
	while IFS= read -r s; do
		local w g
		w=$(section "$s" "$want")
		g=$(section "$s" "$got")
		if [ "$w" == "$g" ]; then
			ok "$prog $s: equals $ref"
		else
			notok "$prog $s: equals $ref" "$(diff <(printf '%s\n' "$w") <(printf '%s\n' "$g"))"
		fi
	done <<<"$names"
}
