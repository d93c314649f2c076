//! The demo's own small PRNG (SplitMix64): the same seed gives the same center on every machine
//! and every version of the `rand` crate, and it is fast enough for millions of rows in a debug
//! build. Also the deterministic, time-ordered row keys built from it.

use chrono::{Days, NaiveDate, NaiveTime};

/// SplitMix64 (Steele, Lea, Flood 2014): one 64-bit state, good statistical quality for a demo.
#[derive(Clone, Debug)]
pub(super) struct Rng {
    state: u64,
}

impl Rng {
    /// A generator for `seed`, with `stream` keeping unrelated parts of the demo independent
    /// (adding a meeting does not change every client's history).
    pub(super) fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng {
            state: seed ^ stream.wrapping_mul(0xD6E8_FEB8_6659_FD93),
        };
        rng.next_u64();
        rng
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `low..=high`.
    pub(super) fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        low + self.below((high - low) as u64 + 1) as i64
    }

    /// A float in `[0, 1)`.
    pub(super) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// An exponentially distributed number of days with the given mean.
    pub(super) fn exp_days(&mut self, mean: f64) -> u64 {
        let u = 1.0 - self.unit();
        (-u.ln() * mean) as u64
    }

    /// How many events happen in a period with `rate` expected events (Poisson, small rates).
    pub(super) fn poisson(&mut self, rate: f64) -> u32 {
        let limit = (-rate).exp();
        let mut product = self.unit();
        let mut n = 0;
        while product > limit && n < 64 {
            product *= self.unit();
            n += 1;
        }
        n
    }

    /// One element of a non-empty slice.
    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// One value by weight.
    pub(super) fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut ticket = self.below(total);
        for &(item, weight) in items {
            if ticket < u64::from(weight) {
                return item;
            }
            ticket -= u64::from(weight);
        }
        items[items.len() - 1].0
    }

    /// A day in `from..=to` (`from` when the span is empty).
    pub(super) fn day_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days();
        if span <= 0 {
            return from;
        }
        plus_days(from, self.below(span as u64 + 1))
    }

    /// A UUIDv7 text whose time is `date` during office hours (JST): keys sort by when the row
    /// was written, as they would have, and the same seed gives the same keys.
    pub(super) fn id_on(&mut self, date: NaiveDate) -> String {
        let base = date
            .and_time(NaiveTime::MIN)
            .and_utc()
            .timestamp_millis()
            .max(0) as u64;
        // 10:00–19:00 JST is 01:00–10:00 UTC.
        let millis = base + 3_600_000 + self.below(9 * 3_600_000);
        let mut bytes = [0u8; 10];
        bytes[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_le_bytes()[..2]);
        uuid::Builder::from_unix_timestamp_millis(millis, &bytes)
            .into_uuid()
            .to_string()
    }
}

/// `date` plus `days` (saturating at chrono's end, which the demo never reaches).
pub(super) fn plus_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

/// `date` minus `days`.
pub(super) fn minus_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days)).unwrap_or(date)
}

/// `updated_at` for a row written on `date`: during office hours, UTC, RFC 3339 with milliseconds.
pub(super) fn written_at(date: NaiveDate) -> String {
    format!("{}T08:30:00.000Z", date.format("%Y-%m-%d"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers_and_another_seed_others() {
        let a: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::new(7, 1);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::new(7, 1);
                move |_| r.next_u64()
            })
            .collect();
        let c: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::new(8, 1);
                move |_| r.next_u64()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn ranges_stay_within_their_bounds() {
        let mut r = Rng::new(1, 2);
        for _ in 0..10_000 {
            assert!(r.below(7) < 7);
            let x = r.between(-3, 3);
            assert!((-3..=3).contains(&x));
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
        }
    }

    #[test]
    fn ids_are_uuid_v7_in_the_order_of_their_days() {
        let mut r = Rng::new(1, 3);
        let d1 = NaiveDate::from_ymd_opt(2010, 5, 6).unwrap();
        let a = r.id_on(d1);
        let b = r.id_on(plus_days(d1, 1));
        assert!(crate::ids::is_id(&a));
        assert!(a < b);
        assert_eq!(uuid::Uuid::parse_str(&a).unwrap().get_version_num(), 7);
    }
}
