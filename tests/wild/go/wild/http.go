// SPDX-License-Identifier: GPL-2.0-only

package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
)

// httpTest: a net/http server and client on 127.0.0.1 (an ephemeral port): GETs from many
// goroutines with keep-alive, POST bodies echoed back, a streamed chunked response.
func httpTest([]string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check("listen on 127.0.0.1", err == nil, "%v", err)
	if err != nil {
		done()
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/sq", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.URL.Query().Get("n"), &n)
		fmt.Fprintf(w, "%d", n*n)
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Len", fmt.Sprint(len(b)))
		w.Write([]byte(strings.ToUpper(string(b))))
	})
	mux.HandleFunc("/stream", func(w http.ResponseWriter, r *http.Request) {
		f := w.(http.Flusher)
		for i := 0; i < 100; i++ {
			fmt.Fprintf(w, "line %d\n", i)
			f.Flush()
		}
	})
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}

	var wg sync.WaitGroup
	sums := make([]int, 8)
	errs := make([]error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				n := g*25 + i
				resp, err := client.Get(fmt.Sprintf("%s/sq?n=%d", base, n))
				if err != nil {
					errs[g] = err
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				var v int
				fmt.Sscan(string(b), &v)
				sums[g] += v
			}
		}(g)
	}
	wg.Wait()
	total := 0
	for g := range sums {
		total += sums[g]
		check(fmt.Sprintf("client goroutine %d", g), errs[g] == nil, "%v", errs[g])
	}
	check("200 GETs from 8 goroutines", total == 199*200*399/6, "%d", total)

	body := strings.Repeat("payload-", 10000)
	resp, err := client.Post(base+"/echo", "text/plain", strings.NewReader(body))
	if err == nil {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		check("an 80000-byte POST echoed", string(b) == strings.ToUpper(body) && resp.Header.Get("X-Len") == "80000",
			"%d bytes", len(b))
	} else {
		check("an 80000-byte POST echoed", false, "%v", err)
	}
	resp, err = client.Get(base + "/stream")
	if err == nil {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		check("a chunked stream of 100 lines", len(lines) == 100 && lines[99] == "line 99" &&
			len(resp.TransferEncoding) == 1 && resp.TransferEncoding[0] == "chunked", "%d lines %v", len(lines), resp.TransferEncoding)
	} else {
		check("a chunked stream of 100 lines", false, "%v", err)
	}
	resp, err = client.Get(base + "/missing")
	check("404 for an unknown path", err == nil && resp.StatusCode == 404, "%v", err)
	srv.Close()
	_, err = client.Get(base + "/sq?n=1")
	check("a closed server refuses", err != nil, "no error")
	done()
}
