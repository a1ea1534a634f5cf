// SPDX-License-Identifier: GPL-2.0-only
// std::process::Command running this program again (current_exe): qemu cannot follow the exec, so
// the output is compared with the same source built for the host.
use std::io::Write;
use std::process::{Command, Stdio};
use std::thread;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() > 1 {
        match args[1].as_str() {
            "exit" => std::process::exit(args[2].parse().unwrap()),
            "echo" => println!("child says {}", args[2..].join(" ")),
            "upper" => {
                let mut s = String::new();
                std::io::stdin().read_line(&mut s).unwrap();
                print!("{}", s.to_uppercase());
            }
            "panic" => panic!("child panics"),
            "pwd" => println!("pwd {} env {:?} {:?}", std::env::current_dir().unwrap().display(), std::env::var("XV"), std::env::var("HOME")),
            _ => {}
        }
        return;
    }
    let me = std::env::current_exe().unwrap();
    let st = Command::new(&me).args(["exit", "7"]).status().unwrap();
    println!("exit status {:?}", st.code());
    let o = Command::new(&me).args(["echo", "a", "b c"]).output().unwrap();
    print!("output {}", String::from_utf8_lossy(&o.stdout));
    let mut c = Command::new(&me).arg("upper").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    c.stdin.take().unwrap().write_all(b"through stdin\n").unwrap();
    print!("piped {}", String::from_utf8_lossy(&c.wait_with_output().unwrap().stdout));
    let o = Command::new(&me).arg("panic").env("RUST_BACKTRACE", "0").output().unwrap();
    println!("child panic status {:?} stderr has message {}", o.status.code(), String::from_utf8_lossy(&o.stderr).contains("child panics"));
    let o = Command::new(&me).arg("pwd").env_clear().env("XV", "env-ok").current_dir("/").output().unwrap();
    print!("{}", String::from_utf8_lossy(&o.stdout));
    // glibc's posix_spawn reports a failed exec as an error (qemu-aarch64, which runs its
    // CLONE_VFORK child as a fork, cannot: it sees exit status 127)
    println!("missing program {:?}", Command::new("/nonexistent/prog").status().map_err(|e| e.kind()));
    let hs: Vec<_> = (0..4).map(|i| {
        let me = me.clone();
        thread::spawn(move || Command::new(me).args(["exit", &(20 + i).to_string()]).status().unwrap().code())
    }).collect();
    println!("from threads {:?}", hs.into_iter().map(|h| h.join().unwrap()).collect::<Vec<_>>());
}
