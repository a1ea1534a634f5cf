// SPDX-License-Identifier: GPL-2.0-only
//! Collatz chains, counted on threads.
use std::sync::mpsc;
use std::thread;

pub fn collatz(mut n: u64) -> u32 {
    let mut k = 0;
    while n != 1 {
        n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
        k += 1;
    }
    k
}

/// The longest chain below `limit`, searched on `threads` threads.
pub fn longest(limit: u64, threads: u64) -> (u32, u64) {
    let (tx, rx) = mpsc::channel();
    for t in 0..threads {
        let tx = tx.clone();
        thread::spawn(move || {
            let best = (1..limit).filter(|n| n % threads == t).map(|n| (collatz(n), n)).max().unwrap_or((0, 0));
            tx.send(best).unwrap();
        });
    }
    drop(tx);
    rx.iter().max().unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn chain_of_27() {
        assert_eq!(collatz(27), 111);
    }
    #[test]
    fn threads_agree() {
        assert_eq!(longest(10000, 1), longest(10000, 4));
    }
    #[test]
    #[should_panic(expected = "attempt to")]
    fn overflow_panics_in_debug() {
        let x: u8 = "255".parse().unwrap();
        let _ = x + 1;
    }
}
