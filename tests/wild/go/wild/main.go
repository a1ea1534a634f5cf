// SPDX-License-Identifier: GPL-2.0-only

// wild: Go runtime workouts for tests/wild/t-go. Each subcommand prints deterministic output
// (the same on every architecture and emulator that runs it correctly) and exits 0.
package main

import (
	"fmt"
	"os"
	"sort"
)

var cmds = map[string]func([]string){
	"hello":      func([]string) { fmt.Println("hello from Go") },
	"goroutines": goroutines,
	"gc":         gc,
	"preempt":    preempt,
	"timers":     timers,
	"exec":       execs,
	"child":      child,
	"http":       httpTest,
	"signal":     signals,
	"panics":     panics,
	"files":      files,
	"setid":      setid,
	"pprof":      profile,
	"crypto":     cryptos,
}

func main() {
	if len(os.Args) < 2 || cmds[os.Args[1]] == nil {
		names := []string{}
		for k := range cmds {
			names = append(names, k)
		}
		sort.Strings(names)
		fmt.Fprintln(os.Stderr, "usage: wild", names)
		os.Exit(2)
	}
	cmds[os.Args[1]](os.Args[2:])
}

// check prints "what: ok" or "what: FAILED (detail)" and remembers a failure for the exit status.
var failed bool

func check(what string, good bool, detail string, args ...interface{}) {
	if good {
		fmt.Printf("%s: ok\n", what)
		return
	}
	failed = true
	fmt.Printf("%s: FAILED (%s)\n", what, fmt.Sprintf(detail, args...))
}

func done() {
	if failed {
		os.Exit(1)
	}
}
