// SPDX-License-Identifier: GPL-2.0-only

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"
)

// files: the netpoller (epoll) on pipes with deadlines, files from many goroutines, ReadDir,
// rename, mmap.
func files([]string) {
	dir, err := os.MkdirTemp(".", "gofiles")
	check("MkdirTemp", err == nil, "%v", err)
	defer os.RemoveAll(dir)

	r, w, _ := os.Pipe()
	r.SetReadDeadline(time.Now().Add(30 * time.Millisecond))
	buf := make([]byte, 16)
	_, err = r.Read(buf)
	check("a read deadline on an empty pipe", errors.Is(err, os.ErrDeadlineExceeded), "%v", err)
	r.SetReadDeadline(time.Time{})
	go func() {
		time.Sleep(10 * time.Millisecond)
		w.Write([]byte("late data"))
		w.Close()
	}()
	b, err := io.ReadAll(r)
	check("a blocking pipe read woken by the poller", err == nil && string(b) == "late data", "%v %q", err, b)

	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			name := filepath.Join(dir, fmt.Sprintf("f%02d", i))
			os.WriteFile(name, bytes.Repeat([]byte{byte('a' + i)}, 1000*(i+1)), 0o644)
			os.Rename(name, name+".txt")
		}(i)
	}
	wg.Wait()
	ents, err := os.ReadDir(dir)
	names := []string{}
	total := int64(0)
	for _, e := range ents {
		names = append(names, e.Name())
		if fi, err := e.Info(); err == nil {
			total += fi.Size()
		}
	}
	sort.Strings(names)
	check("16 files written, renamed and listed", err == nil && len(names) == 16 && names[15] == "f15.txt" &&
		total == 1000*16*17/2, "%v %v %d", err, names, total)

	f, _ := os.Open(filepath.Join(dir, "f03.txt"))
	data, err := syscall.Mmap(int(f.Fd()), 0, 4000, syscall.PROT_READ, syscall.MAP_SHARED)
	check("mmap of a file", err == nil && len(data) == 4000 && data[3999] == 'd', "%v", err)
	if err == nil {
		syscall.Munmap(data)
	}
	f.Close()

	done()
}

// setid: Setgid/Setuid to the current ids with several threads. Without cgo, Go's runtime
// makes the syscall on every thread itself: it signals each one (signal 33, glibc's SIGSETXID
// number) and checks that all of them got the same result.
func setid([]string) {
	runtime4()
	err := syscall.Setgid(syscall.Getgid())
	check("Setgid on all threads", err == nil, "%v", err)
	err = syscall.Setuid(syscall.Getuid())
	check("Setuid on all threads", err == nil, "%v", err)
	err = syscall.Setgroups([]int{syscall.Getgid()})
	check("Setgroups on all threads", err == nil, "%v", err)
	done()
}
