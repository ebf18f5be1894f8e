//! The one source of randomness for everything that must replay.
//!
//! ChaCha8 is a fixed algorithm, so the stream for a seed is the same on every
//! machine. The helpers below (`below`, `shuffle`, `pick`) are built on
//! `next_u64` alone, so an upgrade of `rand` cannot change how a seed plays.

use rand::rngs::ChaCha8Rng;
use rand::{Rng as _, SeedableRng};

/// A seeded, portable random number generator.
#[derive(Debug)]
pub struct GameRng(ChaCha8Rng);

impl GameRng {
    /// The generator for `seed`.
    pub fn from_seed(seed: u64) -> Self {
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&seed.to_le_bytes());
        GameRng(ChaCha8Rng::from_seed(key))
    }

    /// The generator for the 50:50 on question `round` (0-based) of the
    /// game for `seed`: a stream of its own, so using the lifeline never
    /// changes anything else the seed decides.
    pub fn for_lifeline(seed: u64, round: usize) -> Self {
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&seed.to_le_bytes());
        key[8..16].copy_from_slice(&(round as u64).to_le_bytes());
        key[16] = b'5';
        GameRng(ChaCha8Rng::from_seed(key))
    }

    /// The next raw 64-bit value.
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A uniform index in `0..n`. `n` must not be zero.
    pub fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "below(0) has no values to choose from");
        let n = n as u64;
        // Reject the top sliver of the range so every index is equally likely.
        let zone = u64::MAX - (u64::MAX % n);
        loop {
            let v = self.next_u64();
            if v < zone {
                return (v % n) as usize;
            }
        }
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// One element of `items`, or `None` when it is empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            Some(&items[self.below(items.len())])
        }
    }

    /// Up to `k` elements of `items`, distinct by position, in random order.
    pub fn sample<T: Clone>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut pool = items.to_vec();
        let k = k.min(pool.len());
        for i in 0..k {
            let j = i + self.below(pool.len() - i);
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool
    }
}

/// A seed short enough to read out and type (six to nine digits), made
/// from any number: `app` gives it a draw from the operating system for a
/// game started without `--seed`. Any u64 is still a valid seed for
/// `--seed`.
pub fn short_seed(raw: u64) -> u64 {
    100_000 + raw % (1_000_000_000 - 100_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_seeds_have_six_to_nine_digits() {
        let mut rng = GameRng::from_seed(3);
        for raw in [0, 1, 99_999, 999_999_999, u64::MAX]
            .into_iter()
            .chain((0..1000).map(|_| rng.next_u64()))
        {
            let digits = short_seed(raw).to_string().len();
            assert!((6..=9).contains(&digits), "{digits}");
        }
    }

    #[test]
    fn same_seed_same_stream_and_different_seed_differs() {
        let a: Vec<u64> = {
            let mut r = GameRng::from_seed(7);
            (0..4).map(|_| r.next_u64()).collect()
        };
        let b: Vec<u64> = {
            let mut r = GameRng::from_seed(7);
            (0..4).map(|_| r.next_u64()).collect()
        };
        let c: Vec<u64> = {
            let mut r = GameRng::from_seed(8);
            (0..4).map(|_| r.next_u64()).collect()
        };
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn below_stays_in_range_and_reaches_every_value() {
        let mut r = GameRng::from_seed(1);
        let mut seen = [false; 5];
        for _ in 0..200 {
            let v = r.below(5);
            seen[v] = true;
        }
        assert!(seen.iter().all(|&s| s));
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut r = GameRng::from_seed(3);
        let mut v: Vec<u32> = (0..20).collect();
        r.shuffle(&mut v);
        let mut sorted = v.clone();
        sorted.sort();
        assert_eq!(sorted, (0..20).collect::<Vec<_>>());
        assert_ne!(v, sorted, "20 items should not shuffle to the identity");
    }

    #[test]
    fn sample_is_distinct_and_bounded() {
        let mut r = GameRng::from_seed(9);
        let s = r.sample(&[1, 2, 3, 4, 5], 3);
        assert_eq!(s.len(), 3);
        let mut d = s.clone();
        d.dedup();
        assert_eq!(d.len(), 3);
        assert_eq!(r.sample(&[1, 2], 5).len(), 2);
    }
}
