// SPDX-License-Identifier: GPL-2.0-only
// Panics: unwinding through frames with destructors, catch_unwind, a panicking thread seen by join,
// a poisoned Mutex, a custom hook, a backtrace (RUST_BACKTRACE=1), and finally an unhandled panic
// in main (exit status 101). With "abort" as argument: a panic while panicking (SIGABRT).
use std::panic;
use std::sync::{Arc, Mutex};
use std::thread;

struct Noisy(&'static str);
impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.0);
        if self.0 == "bomb" && thread::panicking() && std::env::args().nth(1).as_deref() == Some("abort") {
            panic!("panic in a destructor while unwinding");
        }
    }
}

#[inline(never)]
fn deep(n: u32) -> u32 {
    let _g = Noisy(["a", "b", "c", "d"][n as usize % 4]);
    if n == 0 {
        let v: Vec<u32> = Vec::new();
        return v[std::env::args().count() + 2];
    }
    deep(n - 1) + 1
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("abort") {
        let _b = Noisy("bomb");
        panic!("first panic");
    }
    if std::env::args().nth(1).as_deref() == Some("backtrace") {
        let r = panic::catch_unwind(|| deep(2));
        println!("caught {}", r.is_err());
        return;
    }
    panic::set_hook(Box::new(|info| {
        let msg = info.payload().downcast_ref::<String>().cloned().or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()));
        println!("hook: {:?} at line {}", msg, info.location().map(|l| l.line()).unwrap_or(0));
    }));
    let r = panic::catch_unwind(|| deep(5));
    println!("caught {}", r.is_err());
    let r = panic::catch_unwind(|| -> i32 { panic::panic_any(42i32) });
    println!("payload {:?}", r.unwrap_err().downcast::<i32>().ok());
    let h = thread::spawn(|| {
        let _g = Noisy("thread");
        panic!("in thread {}", 7);
    });
    let e = h.join().unwrap_err();
    println!("join: {:?}", e.downcast_ref::<String>());
    let m = Arc::new(Mutex::new(5));
    let m2 = m.clone();
    let _ = thread::spawn(move || {
        let _l = m2.lock().unwrap();
        panic!("poisoner");
    })
    .join();
    println!("poisoned {} value {}", m.is_poisoned(), *m.lock().unwrap_or_else(|p| p.into_inner()));
    panic::set_hook(Box::new(|_| {}));
    let total: u32 = (0..100).map(|i| panic::catch_unwind(move || if i % 3 == 0 { panic!("x") } else { i }).unwrap_or(0)).sum();
    println!("100 catch_unwind {}", total);
    let _ = panic::take_hook();
    let _last = Noisy("main");
    let o: Option<u8> = None;
    o.expect("unhandled in main");
}
