// SPDX-License-Identifier: GPL-2.0-only

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// child: what exec runs of itself.
func child(args []string) {
	switch {
	case len(args) > 0 && args[0] == "exit":
		os.Exit(3)
	case len(args) > 0 && args[0] == "sleep":
		fmt.Println("sleeping")
		time.Sleep(time.Minute)
	case len(args) > 0 && args[0] == "cat":
		b, _ := io.ReadAll(os.Stdin)
		fmt.Printf("child read %d bytes: %s\n", len(b), strings.ToUpper(string(b)))
	default:
		fmt.Printf("child args=%q env=%s\n", args, os.Getenv("WILD_CHILD"))
	}
}

// execs: os/exec of this program (os.Executable) and of another one (argument: an arm64
// program to run as "PROG echo ...", e.g. busybox; "-" to skip).
func execs(args []string) {
	self, err := os.Executable()
	check("os.Executable", err == nil, "%v", err)

	cmd := exec.Command(self, "child", "a b", "c")
	cmd.Env = append(os.Environ(), "WILD_CHILD=yes")
	out, err := cmd.Output()
	check("exec of itself with arguments and environment", err == nil && string(out) == "child args=[\"a b\" \"c\"] env=yes\n",
		"%v %q", err, out)

	cmd = exec.Command(self, "child", "cat")
	cmd.Stdin = strings.NewReader("through a pipe")
	out, err = cmd.CombinedOutput()
	check("exec of itself with stdin from a pipe", err == nil && string(out) == "child read 14 bytes: THROUGH A PIPE\n",
		"%v %q", err, out)

	err = exec.Command(self, "child", "exit").Run()
	var ee *exec.ExitError
	check("the exit status of a child", errors.As(err, &ee) && ee.ExitCode() == 3, "%v", err)

	// ten children at once, each with its own pipes
	outs := make([]bytes.Buffer, 10)
	cmds := make([]*exec.Cmd, 10)
	for i := range cmds {
		cmds[i] = exec.Command(self, "child", fmt.Sprint(i))
		cmds[i].Stdout = &outs[i]
		err = cmds[i].Start()
		check(fmt.Sprintf("start of child %d", i), err == nil, "%v", err)
	}
	good := true
	for i, c := range cmds {
		err = c.Wait()
		good = good && err == nil && outs[i].String() == fmt.Sprintf("child args=[\"%d\"] env=\n", i)
	}
	check("ten concurrent children", good, "wrong output")

	if len(args) > 0 && args[0] != "-" {
		out, err = exec.Command(args[0], "echo", "from", "another", "program").Output()
		check("exec of another arm64 program", err == nil && string(out) == "from another program\n", "%v %q", err, out)
		err = exec.Command(args[0], "false").Run()
		check("its failure status", errors.As(err, &ee) && ee.ExitCode() == 1, "%v", err)
	}
	// children killed by signals: the status says which one
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGKILL, syscall.SIGINT} {
		cmd = exec.Command(self, "child", "sleep")
		pr, _ := cmd.StdoutPipe()
		cmd.Start()
		line := make([]byte, 9)
		io.ReadFull(pr, line)
		cmd.Process.Signal(sig)
		err = cmd.Wait()
		ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
		check(fmt.Sprintf("a child killed by %v", sig), string(line) == "sleeping\n" && ws.Signaled() && ws.Signal() == sig,
			"%q %v", line, err)
	}
	// a child that aborts (GOTRACEBACK=crash: the runtime raises SIGABRT on itself)
	cmd = exec.Command(self, "panics", "crash")
	cmd.Env = append(os.Environ(), "GOTRACEBACK=crash")
	cmd.Stderr = io.Discard
	err = cmd.Run()
	ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	check("a child that dies of its own SIGABRT", ws.Signaled() && ws.Signal() == syscall.SIGABRT, "%v", err)

	_, err = exec.Command("/nonexistent/program").Output()
	check("exec of a missing program fails", err != nil, "no error")
	done()
}
