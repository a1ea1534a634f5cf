// SPDX-License-Identifier: GPL-2.0-only

package main

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// goroutines: many goroutines on GOMAXPROCS=4 threads: channels, a mutex, atomics, and
// goroutines locked to their own OS threads.
func goroutines([]string) {
	runtime.GOMAXPROCS(4)
	check("GOMAXPROCS is 4", runtime.GOMAXPROCS(0) == 4, "%d", runtime.GOMAXPROCS(0))

	// a pipeline: producers -> squarers -> one summer
	const n = 20000
	in := make(chan int, 64)
	out := make(chan int, 64)
	var wg sync.WaitGroup
	for p := 0; p < 4; p++ {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			for i := p; i < n; i += 4 {
				in <- i
			}
		}(p)
	}
	var sq sync.WaitGroup
	for w := 0; w < 16; w++ {
		sq.Add(1)
		go func() {
			defer sq.Done()
			for v := range in {
				out <- v * v
			}
		}()
	}
	go func() { wg.Wait(); close(in); sq.Wait(); close(out) }()
	sum := 0
	for v := range out {
		sum += v
	}
	want := (n - 1) * n * (2*n - 1) / 6
	check("channel pipeline sum of squares", sum == want, "%d != %d", sum, want)

	// a mutex and an atomic under contention from 64 goroutines
	var mu sync.Mutex
	var counter int
	var acounter int64
	var all sync.WaitGroup
	for g := 0; g < 64; g++ {
		all.Add(1)
		go func() {
			defer all.Done()
			for i := 0; i < 2000; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
				atomic.AddInt64(&acounter, 1)
				if i%256 == 0 {
					runtime.Gosched()
				}
			}
		}()
	}
	all.Wait()
	check("mutex counter", counter == 64*2000, "%d", counter)
	check("atomic counter", acounter == 64*2000, "%d", acounter)

	// goroutines locked to OS threads: the process really has several threads at once
	var ready, release sync.WaitGroup
	release.Add(1)
	for g := 0; g < 8; g++ {
		ready.Add(1)
		go func() {
			runtime.LockOSThread()
			ready.Done()
			release.Wait()
		}()
	}
	ready.Wait()
	threads := 0
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "Threads:") {
				threads, _ = strconv.Atoi(strings.TrimSpace(l[8:]))
			}
		}
	}
	check("at least 9 OS threads while 8 goroutines are locked to theirs", threads >= 9, "%d threads", threads)
	release.Done()

	// select over many channels with a result per goroutine
	res := make([]chan int, 100)
	for i := range res {
		res[i] = make(chan int, 1)
		go func(i int) { res[i] <- i * 3 }(i)
	}
	total := 0
	for _, c := range res {
		select {
		case v := <-c:
			total += v
		}
	}
	check("100 goroutines answer", total == 3*99*100/2, "%d", total)
	done()
}

// runtime4 makes sure there are several threads: 4 goroutines locked to threads that stay.
func runtime4() {
	var ready sync.WaitGroup
	for g := 0; g < 4; g++ {
		ready.Add(1)
		go func() {
			runtime.LockOSThread()
			ready.Done()
			select {}
		}()
	}
	ready.Wait()
}
