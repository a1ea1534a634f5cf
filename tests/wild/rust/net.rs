// SPDX-License-Identifier: GPL-2.0-only
// std::net on loopback: a threaded TCP echo server with several clients, shutdown and EOF, timeouts,
// nonblocking accept, UDP datagrams, and std::process::Command starting the host's /bin/sh (a native
// program: the emulator and qemu hand it to the kernel).
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream, UdpSocket};
use std::process::{Command, Stdio};
use std::thread;
use std::time::Duration;

fn main() {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let srv = thread::spawn(move || {
        let mut hs = Vec::new();
        for _ in 0..4 {
            let (s, _) = l.accept().unwrap();
            hs.push(thread::spawn(move || {
                let mut w = s.try_clone().unwrap();
                let mut n = 0;
                for line in BufReader::new(s).lines() {
                    let line = line.unwrap();
                    w.write_all(format!("{}\n", line.to_uppercase()).as_bytes()).unwrap();
                    n += 1;
                }
                n
            }));
        }
        hs.into_iter().map(|h| h.join().unwrap()).sum::<usize>()
    });
    let cs: Vec<_> = (0..4)
        .map(|c| {
            thread::spawn(move || {
                let s = TcpStream::connect(addr).unwrap();
                s.set_nodelay(true).unwrap();
                let mut r = BufReader::new(s.try_clone().unwrap());
                let mut w = s;
                let mut last = String::new();
                for i in 0..100 {
                    w.write_all(format!("client {} line {}\n", c, i).as_bytes()).unwrap();
                    last.clear();
                    r.read_line(&mut last).unwrap();
                }
                w.shutdown(Shutdown::Write).unwrap();
                let mut rest = String::new();
                r.read_to_string(&mut rest).unwrap();
                format!("{} eof:{}", last.trim(), rest.is_empty())
            })
        })
        .collect();
    for c in cs {
        println!("{}", c.join().unwrap());
    }
    println!("server lines {}", srv.join().unwrap());

    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.set_nonblocking(true).unwrap();
    println!("nonblocking accept {:?}", l.accept().map(|_| ()).map_err(|e| e.kind()));
    let s = TcpStream::connect(l.local_addr().unwrap()).unwrap();
    s.set_read_timeout(Some(Duration::from_millis(30))).unwrap();
    let mut b = [0u8; 4];
    let e = (&s).read(&mut b).unwrap_err().kind();
    println!("read timeout {}", e == ErrorKind::WouldBlock || e == ErrorKind::TimedOut);
    let big = vec![7u8; 4 << 20];
    let (peer, _) = loop {
        match l.accept() {
            Ok(p) => break p,
            Err(_) => thread::sleep(Duration::from_millis(1)),
        }
    };
    peer.set_nonblocking(false).unwrap();
    let wt = thread::spawn(move || {
        let mut p = peer;
        p.write_all(&big).unwrap();
    });
    s.set_read_timeout(None).unwrap();
    let mut got = Vec::new();
    (&s).read_to_end(&mut got).unwrap();
    wt.join().unwrap();
    println!("4 MiB over TCP {} sum {}", got.len(), got.iter().map(|&x| x as u64).sum::<u64>());

    let u1 = UdpSocket::bind("127.0.0.1:0").unwrap();
    let u2 = UdpSocket::bind("127.0.0.1:0").unwrap();
    for i in 0..5 {
        u1.send_to(format!("dgram {}", i).as_bytes(), u2.local_addr().unwrap()).unwrap();
    }
    let mut buf = [0u8; 64];
    let mut v = Vec::new();
    for _ in 0..5 {
        let (n, from) = u2.recv_from(&mut buf).unwrap();
        assert_eq!(from, u1.local_addr().unwrap());
        v.push(String::from_utf8_lossy(&buf[..n]).to_string());
    }
    println!("udp {:?}", v);

    let o = Command::new("/bin/sh").args(["-c", "echo out $0 $1; echo err >&2; exit 3", "zero", "one"]).output().unwrap();
    println!("command {:?} {:?} {:?}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr), o.status.code());
    let mut c = Command::new("/bin/sh").args(["-c", "tr a-z A-Z"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    c.stdin.take().unwrap().write_all(b"piped through a child\n").unwrap();
    let o = c.wait_with_output().unwrap();
    println!("piped {:?} {}", String::from_utf8_lossy(&o.stdout), o.status.success());
    let st = Command::new("/bin/sh").args(["-c", "kill -TERM $$"]).status().unwrap();
    println!("signaled {:?} {}", st.code(), std::os::unix::process::ExitStatusExt::signal(&st).unwrap_or(0));
    let o = Command::new("/bin/sh").args(["-c", "echo $XV ${HOME:-nohome}"]).env_clear().env("XV", "env-ok").output().unwrap();
    println!("env {:?}", String::from_utf8_lossy(&o.stdout));
}
