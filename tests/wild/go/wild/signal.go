// SPDX-License-Identifier: GPL-2.0-only

package main

import (
	"os"
	"os/signal"
	"syscall"
	"time"
)

// signals: os/signal: Notify, kill of itself and of one thread, Ignore, Stop, Reset, and a
// signal that arrives while goroutines run on several threads.
func signals([]string) {
	ch := make(chan os.Signal, 4)
	signal.Notify(ch, syscall.SIGUSR1, syscall.SIGHUP)
	syscall.Kill(os.Getpid(), syscall.SIGUSR1)
	check("SIGUSR1 from kill(getpid())", recv(ch) == syscall.SIGUSR1, "")
	syscall.Kill(os.Getpid(), syscall.SIGHUP)
	check("SIGHUP from kill(getpid())", recv(ch) == syscall.SIGHUP, "")
	syscall.Tgkill(os.Getpid(), syscall.Gettid(), syscall.SIGUSR1)
	check("SIGUSR1 from tgkill to this thread", recv(ch) == syscall.SIGUSR1, "")

	signal.Ignore(syscall.SIGUSR2)
	syscall.Kill(os.Getpid(), syscall.SIGUSR2)
	time.Sleep(10 * time.Millisecond)
	check("an ignored SIGUSR2 does nothing", true, "")

	// while 4 goroutines spin (on other threads), signals still get through
	stop := make(chan bool)
	for i := 0; i < 4; i++ {
		go func() {
			x := 0
			for {
				select {
				case <-stop:
					return
				default:
					x++
				}
			}
		}()
	}
	n := 0
	for i := 0; i < 20; i++ {
		syscall.Kill(os.Getpid(), syscall.SIGUSR1)
		if recv(ch) == syscall.SIGUSR1 {
			n++
		}
	}
	close(stop)
	check("20 SIGUSR1 beside busy goroutines", n == 20, "%d", n)

	signal.Stop(ch)
	ch2 := make(chan os.Signal, 1)
	signal.Notify(ch2, syscall.SIGWINCH)
	syscall.Kill(os.Getpid(), syscall.SIGWINCH)
	check("SIGWINCH (default ignore) delivered to Notify", recv(ch2) == syscall.SIGWINCH, "")
	signal.Reset()
	done()
}

func recv(ch chan os.Signal) os.Signal {
	select {
	case s := <-ch:
		return s
	case <-time.After(10 * time.Second):
		return nil
	}
}
