// SPDX-License-Identifier: GPL-2.0-only
use std::collections::BTreeMap;

fn main() {
    let best = wild::longest(300_000, 4);
    let mut m: BTreeMap<u32, u32> = BTreeMap::new();
    for n in 1..10_000u64 {
        *m.entry(wild::collatz(n) % 10).or_default() += 1;
    }
    println!("longest chain below 300000: {:?}", best);
    println!("chain lengths mod 10: {:?}", m);
}
