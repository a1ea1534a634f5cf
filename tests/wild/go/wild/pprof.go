// SPDX-License-Identifier: GPL-2.0-only

package main

import (
	"bytes"
	"runtime/pprof"
	"time"
)

//go:noinline
func burn(d time.Duration) uint64 {
	var x uint64 = 1
	for t0 := time.Now(); time.Since(t0) < d; {
		for i := 0; i < 10000; i++ {
			x = x*2862933555777941757 + 3037000493
		}
	}
	return x
}

// profile: a CPU profile (setitimer SIGPROF, the handler walks the interrupted goroutine's
// stack, also when the signal lands in the vDSO's clock_gettime)
func profile([]string) {
	var buf bytes.Buffer
	err := pprof.StartCPUProfile(&buf)
	check("StartCPUProfile", err == nil, "%v", err)
	burn(300 * time.Millisecond)
	pprof.StopCPUProfile()
	check("a CPU profile was written", buf.Len() > 100, "%d bytes", buf.Len())
	var hb bytes.Buffer
	err = pprof.Lookup("goroutine").WriteTo(&hb, 1)
	check("a goroutine profile names main.profile", err == nil && bytes.Contains(hb.Bytes(), []byte("main.profile")), "%v", err)
	done()
}
