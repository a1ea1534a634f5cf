// SPDX-License-Identifier: GPL-2.0-only
// std::sync and std::thread: Mutex, RwLock, Condvar, Barrier, atomics, mpsc channels (unbounded and
// bounded), scoped threads, thread-locals, park/unpark, Once. Every count is exact.
use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Barrier, Condvar, Mutex, Once, RwLock};
use std::thread;
use std::time::Duration;

thread_local!(static TL: Cell<u64> = Cell::new(0));
static INIT: Once = Once::new();
static INITS: AtomicUsize = AtomicUsize::new(0);

fn main() {
    let m = Arc::new(Mutex::new(0u64));
    let hs: Vec<_> = (0..8)
        .map(|i| {
            let m = m.clone();
            thread::spawn(move || {
                for _ in 0..20000 {
                    *m.lock().unwrap() += i;
                }
            })
        })
        .collect();
    hs.into_iter().for_each(|h| h.join().unwrap());
    println!("mutex {}", *m.lock().unwrap());

    let a = Arc::new(AtomicU64::new(0));
    thread::scope(|s| {
        for i in 0..6u64 {
            let a = &a;
            s.spawn(move || {
                for k in 0..50000 {
                    a.fetch_add(i * k % 7, Ordering::Relaxed);
                }
            });
        }
    });
    println!("atomics {}", a.load(Ordering::SeqCst));

    let (tx, rx) = mpsc::channel::<(usize, u64)>();
    for p in 0..4 {
        let tx = tx.clone();
        thread::spawn(move || {
            for k in 1..=10000u64 {
                tx.send((p, k * (p as u64 + 1))).unwrap();
            }
        });
    }
    drop(tx);
    let mut per: BTreeMap<usize, u64> = BTreeMap::new();
    for (p, v) in rx {
        *per.entry(p).or_default() += v;
    }
    println!("channel {:?}", per);

    let (stx, srx) = mpsc::sync_channel::<u32>(3);
    let prod = thread::spawn(move || {
        for i in 0..1000 {
            stx.send(i).unwrap();
        }
    });
    let got: Vec<u32> = srx.iter().collect();
    prod.join().unwrap();
    println!("sync_channel {} in order {}", got.len(), got.windows(2).all(|w| w[0] + 1 == w[1]));
    let (_t, r) = mpsc::channel::<u8>();
    println!("recv_timeout {:?}", r.recv_timeout(Duration::from_millis(20)));

    let pair = Arc::new((Mutex::new((0u32, false)), Condvar::new()));
    let ws: Vec<_> = (0..5)
        .map(|_| {
            let pair = pair.clone();
            thread::spawn(move || {
                let (l, c) = &*pair;
                let mut g = l.lock().unwrap();
                g.0 += 1;
                c.notify_all();
                while !g.1 {
                    g = c.wait(g).unwrap();
                }
                g.0
            })
        })
        .collect();
    {
        let (l, c) = &*pair;
        let mut g = c.wait_while(l.lock().unwrap(), |g| g.0 < 5).unwrap();
        g.1 = true;
        c.notify_all();
    }
    let woke: Vec<u32> = ws.into_iter().map(|h| h.join().unwrap()).collect();
    println!("condvar woke {} all saw 5: {}", woke.len(), woke.iter().all(|&x| x == 5));

    let rw = Arc::new(RwLock::new(vec![0u64; 16]));
    let hs: Vec<_> = (0..6)
        .map(|i| {
            let rw = rw.clone();
            thread::spawn(move || {
                let mut seen = 0u64;
                for k in 0..3000 {
                    if k % 10 == i {
                        rw.write().unwrap()[k % 16] += 1;
                    } else {
                        seen += rw.read().unwrap().iter().sum::<u64>().min(1);
                    }
                }
                seen > 0
            })
        })
        .collect();
    let any: Vec<bool> = hs.into_iter().map(|h| h.join().unwrap()).collect();
    println!("rwlock writes {} readers saw writes {}", rw.read().unwrap().iter().sum::<u64>(), any.iter().filter(|&&b| b).count() > 0);

    let b = Arc::new(Barrier::new(6));
    let leaders = Arc::new(AtomicUsize::new(0));
    let hs: Vec<_> = (0..6)
        .map(|i| {
            let (b, leaders) = (b.clone(), leaders.clone());
            thread::spawn(move || {
                for _ in 0..50 {
                    if b.wait().is_leader() {
                        leaders.fetch_add(1, Ordering::SeqCst);
                    }
                }
                INIT.call_once(|| {
                    INITS.fetch_add(1, Ordering::SeqCst);
                });
                TL.with(|t| t.set(i * 100));
                TL.with(|t| t.get())
            })
        })
        .collect();
    let tls: Vec<u64> = hs.into_iter().map(|h| h.join().unwrap()).collect();
    println!("barrier leaders {} once {} tls {:?} main tls {}", leaders.load(Ordering::SeqCst), INITS.load(Ordering::SeqCst), tls, TL.with(|t| t.get()));

    let flag = Arc::new(AtomicBool::new(false));
    let f2 = flag.clone();
    let parked = thread::spawn(move || {
        while !f2.load(Ordering::Acquire) {
            thread::park();
        }
        "unparked"
    });
    thread::sleep(Duration::from_millis(10));
    flag.store(true, Ordering::Release);
    parked.thread().unpark();
    println!("park {}", parked.join().unwrap());
    let named = thread::Builder::new().name("worker-7".into()).stack_size(256 * 1024).spawn(|| thread::current().name().unwrap().to_string()).unwrap();
    println!("named {}", named.join().unwrap());
    let many: u64 = (0..200).map(|i| thread::spawn(move || i * i)).collect::<Vec<_>>().into_iter().map(|h| h.join().unwrap()).sum();
    println!("200 threads {}", many);
}
