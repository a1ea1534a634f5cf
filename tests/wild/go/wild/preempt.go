// SPDX-License-Identifier: GPL-2.0-only

package main

import (
	"runtime"
	"sync/atomic"
	"time"
)

var spinSink uint64

//go:noinline
func spin(stop *uint32, out *uint64) {
	// no function calls and no stack checks in the loop: only asynchronous preemption
	// (SIGURG) can take this goroutine off its thread
	var x uint64 = 1
	for atomic.LoadUint32(stop) == 0 {
		x = x*6364136223846793005 + 1442695040888963407
	}
	*out = x
}

// preempt: goroutines spinning in loops without calls must not stop the rest: sleeping
// goroutines, the collector's stop-the-world, and a ticker all keep running.
func preempt([]string) {
	runtime.GOMAXPROCS(1)
	var stop uint32
	go spin(&stop, &spinSink)
	runtime.Gosched()
	t0 := time.Now()
	time.Sleep(20 * time.Millisecond)
	check("main goroutine woke on GOMAXPROCS=1 beside a spinning one", true, "")
	runtime.GC()
	check("stop-the-world GC with a spinning goroutine", true, "")
	tk := time.NewTicker(5 * time.Millisecond)
	for i := 0; i < 5; i++ {
		<-tk.C
	}
	tk.Stop()
	check("5 ticks beside a spinning goroutine", time.Since(t0) >= 40*time.Millisecond, "%v", time.Since(t0))

	runtime.GOMAXPROCS(2)
	var stop2 uint32
	var sinks [2]uint64
	for i := 0; i < 2; i++ {
		go spin(&stop2, &sinks[i])
	}
	for i := 0; i < 3; i++ {
		runtime.GC()
		time.Sleep(2 * time.Millisecond)
	}
	check("3 GCs with 2 spinners on GOMAXPROCS=2", true, "")
	atomic.StoreUint32(&stop, 1)
	atomic.StoreUint32(&stop2, 1)
	done()
}
