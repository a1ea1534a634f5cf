// SPDX-License-Identifier: GPL-2.0-only

// cgo: a dynamically linked Go program that calls C and is called back from C, also from a
// thread that C created (the runtime then adopts a foreign thread), for tests/wild/t-go.
package main

/*
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

extern long goSquare(long);

static long c_sum_squares(long n)
{
	long s = 0;
	for (long i = 0; i < n; i++)
		s += goSquare(i);	// C -> Go
	return s;
}

static void *thread_main(void *arg)
{
	long *r = arg;
	*r = c_sum_squares(100);	// Go code on a thread the Go runtime did not create
	return NULL;
}

static long from_c_thread(void)
{
	pthread_t t;
	long r = -1;
	if (pthread_create(&t, NULL, thread_main, &r))
		return -2;
	pthread_join(t, NULL);
	return r;
}

static int set_errno(int e) { errno = e; return -1; }

static char *upper(const char *s)
{
	char *d = strdup(s);
	for (char *p = d; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p -= 32;
	return d;
}
*/
import "C"

import (
	"fmt"
	"os"
	"sync"
	"syscall"
	"unsafe"
)

//export goSquare
func goSquare(x C.long) C.long { return x * x }

func main() {
	fmt.Println("C calling Go 1000 times:", C.c_sum_squares(1000))
	fmt.Println("Go called from a C thread:", C.from_c_thread())

	cs := C.CString("hello, cgo")
	u := C.upper(cs)
	fmt.Println("C string round trip:", C.GoString(u))
	C.free(unsafe.Pointer(cs))
	C.free(unsafe.Pointer(u))

	_, err := C.set_errno(C.int(syscall.ENOENT))
	fmt.Println("errno from C:", err == syscall.ENOENT)

	var wg sync.WaitGroup
	res := make([]C.long, 16)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				res[g] += C.c_sum_squares(C.long(g + i))
			}
		}(g)
	}
	wg.Wait()
	var total C.long
	for _, r := range res {
		total += r
	}
	fmt.Println("16 goroutines in C and back:", total)
	var threads int
	for g := 0; g < 4; g++ {
		threads += int(C.from_c_thread())
	}
	fmt.Println("4 more C threads:", threads)

	os.Setenv("WILD_CGO", "set from Go")
	ce := C.CString("WILD_CGO")
	fmt.Println("getenv in C:", C.GoString(C.getenv(ce)))
	C.free(unsafe.Pointer(ce))
}
