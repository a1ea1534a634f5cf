// SPDX-License-Identifier: GPL-2.0-only

package main

import (
	"context"
	"sync"
	"time"
)

// timers: Sleep, tickers, timers reset and stopped, AfterFunc, context deadlines, and many
// goroutines sleeping at once; durations are checked as lower bounds with generous upper ones.
func timers([]string) {
	t0 := time.Now()
	time.Sleep(30 * time.Millisecond)
	el := time.Since(t0)
	check("Sleep(30ms) sleeps at least 30ms", el >= 30*time.Millisecond && el < 10*time.Second, "%v", el)

	t0 = time.Now()
	tk := time.NewTicker(10 * time.Millisecond)
	for i := 0; i < 10; i++ {
		<-tk.C
	}
	tk.Stop()
	el = time.Since(t0)
	check("10 ticks of 10ms take at least 100ms", el >= 100*time.Millisecond && el < 20*time.Second, "%v", el)

	tm := time.NewTimer(time.Hour)
	check("Stop of a pending timer reports it was pending", tm.Stop(), "false")
	tm.Reset(5 * time.Millisecond)
	<-tm.C
	check("a reset timer fires", true, "")

	fired := make(chan time.Duration, 1)
	t0 = time.Now()
	time.AfterFunc(15*time.Millisecond, func() { fired <- time.Since(t0) })
	d := <-fired
	check("AfterFunc(15ms) runs after 15ms", d >= 15*time.Millisecond, "%v", d)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	select {
	case <-ctx.Done():
		check("context deadline exceeded", ctx.Err() == context.DeadlineExceeded, "%v", ctx.Err())
	case <-time.After(30 * time.Second):
		check("context deadline exceeded", false, "no deadline after 30s")
	}

	// 1000 goroutines sleep different short times; they wake in order of their deadlines
	// (10ms apart, far more than the scheduling noise)
	var mu sync.Mutex
	var order []int
	var wg sync.WaitGroup
	for i := 0; i < 1000; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			time.Sleep(time.Duration(i%5) * 10 * time.Millisecond)
			if i < 5 {
				mu.Lock()
				order = append(order, i)
				mu.Unlock()
			}
		}(i)
	}
	wg.Wait()
	check("1000 sleeping goroutines all woke", true, "")
	sorted := len(order) == 5
	for i := 1; i < len(order); i++ {
		sorted = sorted && order[i-1] < order[i]
	}
	check("sleepers of 0, 10, 20, 30, 40ms woke in that order", sorted, "%v", order)

	m0 := time.Now()
	time.Sleep(time.Millisecond)
	check("the monotonic clock advances across a sleep", time.Since(m0) > 0, "")
	check("the wall clock is after 2024", time.Now().Year() >= 2024, "%d", time.Now().Year())
	done()
}
