//! A progress line on stderr for work that takes more than a second: bar, count,
//! and estimated time left. Quiet for quick work, so scripts see nothing extra.

use std::io::Write;
use std::time::{Duration, Instant};

/// Draws `[#####-----]  45%  1,234/2,000 pages  残り 3 s` on stderr.
pub struct ProgressLine {
    what: &'static str,
    started: Instant,
    last_draw: Option<Instant>,
}

impl ProgressLine {
    /// A line for counting `what` (e.g. "pages", "rows").
    pub fn new(what: &'static str) -> Self {
        ProgressLine {
            what,
            started: Instant::now(),
            last_draw: None,
        }
    }

    /// Reports `done` of `total`; draws at most ten times a second, after the first second.
    pub fn update(&mut self, done: u64, total: u64) {
        let elapsed = self.started.elapsed();
        if elapsed < Duration::from_secs(1) {
            return;
        }
        if self
            .last_draw
            .is_some_and(|t| t.elapsed() < Duration::from_millis(100))
            && done < total
        {
            return;
        }
        self.last_draw = Some(Instant::now());
        let ratio = if total == 0 {
            1.0
        } else {
            done as f64 / total as f64
        };
        let filled = (ratio * 30.0).round() as usize;
        let left = if done == 0 {
            String::from("?")
        } else {
            let secs = elapsed.as_secs_f64() * (total.saturating_sub(done)) as f64 / done as f64;
            format!("{secs:.0} s")
        };
        eprint!(
            "\r[{}{}] {:>3.0}%  {done}/{total} {}  time left {left}   ",
            "#".repeat(filled.min(30)),
            "-".repeat(30 - filled.min(30)),
            ratio * 100.0,
            self.what
        );
        let _ = std::io::stderr().flush();
    }

    /// Ends the line if anything was drawn.
    pub fn finish(self) {
        if self.last_draw.is_some() {
            eprintln!();
        }
    }
}
