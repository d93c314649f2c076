//! The timing harness: one untimed warm-up run (caches, prepared statements, the parsed font),
//! then N timed runs, summarised by their median and 95th percentile.

use std::time::Instant;

use crate::Result;

/// The times of the timed runs of one case.
#[derive(Clone, Debug, PartialEq)]
pub struct Timing {
    /// Milliseconds per run, sorted.
    sorted_ms: Vec<f64>,
}

impl Timing {
    /// A timing from measured milliseconds (any order).
    pub fn from_ms(mut ms: Vec<f64>) -> Self {
        ms.sort_by(f64::total_cmp);
        Timing { sorted_ms: ms }
    }

    /// Timed runs.
    pub fn runs(&self) -> usize {
        self.sorted_ms.len()
    }

    /// The median (mean of the two middle runs for an even count); 0 without runs.
    pub fn median_ms(&self) -> f64 {
        let n = self.sorted_ms.len();
        match n {
            0 => 0.0,
            _ if n % 2 == 1 => self.sorted_ms[n / 2],
            _ => (self.sorted_ms[n / 2 - 1] + self.sorted_ms[n / 2]) / 2.0,
        }
    }

    /// The 95th percentile by nearest rank: the smallest time that at least 95 % of the runs
    /// do not exceed (the slowest run when there are fewer than 20).
    pub fn p95_ms(&self) -> f64 {
        let n = self.sorted_ms.len();
        if n == 0 {
            return 0.0;
        }
        let rank = (0.95 * n as f64).ceil() as usize;
        self.sorted_ms[rank.clamp(1, n) - 1]
    }
}

/// Runs `case` `warmup` times untimed, then `runs` times timed. The value of each run is
/// dropped outside the timing; an error stops the measurement.
pub fn measure<T>(
    warmup: usize,
    runs: usize,
    mut case: impl FnMut() -> Result<T>,
) -> Result<Timing> {
    for _ in 0..warmup {
        drop(case()?);
    }
    let mut ms = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let value = case()?;
        ms.push(started.elapsed().as_secs_f64() * 1000.0);
        drop(value);
    }
    Ok(Timing::from_ms(ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_and_p95_come_from_the_sorted_runs() {
        let t = Timing::from_ms((1..=20).rev().map(f64::from).collect());
        assert_eq!(t.median_ms(), 10.5);
        // 95 % of 20 runs is 19: the 19th fastest.
        assert_eq!(t.p95_ms(), 19.0);
        let t = Timing::from_ms(vec![5.0, 1.0, 3.0]);
        assert_eq!((t.median_ms(), t.p95_ms()), (3.0, 5.0));
        assert_eq!(Timing::from_ms(Vec::new()).p95_ms(), 0.0);
    }

    #[test]
    fn warm_up_runs_are_not_timed() {
        let mut calls = 0;
        let t = measure(2, 5, || {
            calls += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!((calls, t.runs()), (7, 5));
    }
}
