// SPDX-License-Identifier: GPL-2.0-only

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

type bigStruct struct {
	pad [8192]byte
	x   int
}

//go:noinline
func deref(p *int) int { return *p }

//go:noinline
func derefFar(p *bigStruct) int { return p.x }

//go:noinline
func index(s []int, i int) int { return s[i] }

//go:noinline
func div(a, b int) int { return a / b }

func catch(f func()) (msg string) {
	defer func() {
		r := recover()
		if e, ok := r.(runtime.Error); ok {
			msg = "runtime error: " + strings.TrimPrefix(e.Error(), "runtime error: ")
		} else {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return "no panic"
}

//go:noinline
func recurse(n int) int {
	var buf [64]byte
	buf[n%64] = byte(n)
	if n == 0 {
		return int(buf[0])
	}
	return recurse(n-1) + int(buf[n%64])
}

// panics: faults that Go turns into panics through its SIGSEGV handler (nil and near-nil
// dereferences), bounds and divide checks, deep recursion (stack copying), and a crash in a
// child: exit status 2 and a goroutine traceback.
func panics(args []string) {
	if len(args) > 0 && args[0] == "crash" {
		var p *int
		fmt.Println(deref(p))
		return
	}
	fmt.Println(catch(func() { deref(nil) }))
	fmt.Println(catch(func() { derefFar(nil) }))
	fmt.Println(catch(func() { index([]int{1, 2, 3}, 5) }))
	fmt.Println(catch(func() { div(1, 0) }))
	fmt.Println(catch(func() { panic("custom") }))
	fmt.Println(catch(func() { panic(errors.New("an error value")) }))
	var m map[string]int
	fmt.Println(catch(func() { m["x"] = 1 }))
	fmt.Println("recursion 100000 deep:", recurse(100000))

	self, _ := os.Executable()
	var stderr strings.Builder
	cmd := exec.Command(self, "panics", "crash")
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	check("an unrecovered nil dereference exits with status 2", errors.As(err, &ee) && ee.ExitCode() == 2, "%v", err)
	s := stderr.String()
	check("with Go's message and traceback",
		strings.HasPrefix(s, "panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=") &&
			strings.Contains(s, "goroutine 1 [running]:\nmain.deref("), "%q", s)
	done()
}
