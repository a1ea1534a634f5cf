// SPDX-License-Identifier: GPL-2.0-only

package main

import (
	"runtime"
	"runtime/debug"
	"sync"
)

type node struct{ l, r *node }

func tree(d int) *node {
	if d == 0 {
		return &node{}
	}
	return &node{tree(d - 1), tree(d - 1)}
}

func (n *node) count() int {
	if n.l == nil {
		return 1
	}
	return 1 + n.l.count() + n.r.count()
}

// gc: the collector under pressure: binary trees on 4 threads with a low GC percent, maps and
// slices that grow and die, finalizers, and a long-lived structure that must survive.
func gc([]string) {
	runtime.GOMAXPROCS(4)
	debug.SetGCPercent(20)
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	long := tree(14)
	var wg sync.WaitGroup
	counts := make([]int, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				counts[g] += tree(10 + i%4).count()
			}
		}(g)
	}
	m := map[int][]byte{}
	for i := 0; i < 100000; i++ {
		m[i%5000] = make([]byte, 64+i%512)
		if i%20000 == 0 {
			runtime.GC()
		}
	}
	wg.Wait()
	total := 0
	for _, c := range counts {
		total += c
	}
	// each goroutine: 10 trees of each depth 10..13: 10 * (2^11-1 + 2^12-1 + 2^13-1 + 2^14-1)
	check("trees built on 8 goroutines", total == 8*10*(2047+4095+8191+16383), "%d", total)
	check("map of 5000 slices", len(m) == 5000 && len(m[4999]) == 64+99999%512, "%d", len(m))

	fin := make(chan bool, 100)
	for i := 0; i < 100; i++ {
		p := new([1024]byte)
		runtime.SetFinalizer(p, func(*[1024]byte) { fin <- true })
	}
	for i := 0; i < 10; i++ {
		runtime.GC()
	}
	nfin := 0
	for i := 0; i < 100; i++ {
		select {
		case <-fin:
			nfin++
		default:
		}
		if nfin == 100 {
			break
		}
		runtime.Gosched()
	}
	check("finalizers ran", nfin > 0, "none of 100")

	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	check("the collector ran at least 20 times", after.NumGC-before.NumGC >= 20, "%d", after.NumGC-before.NumGC)
	check("the long-lived tree survived intact", long.count() == 32767, "%d", long.count())
	done()
}
