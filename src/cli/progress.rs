//! The one progress line on stderr for work that takes more than a second (demo,
//! backup): stage, bar, count, elapsed and estimated time left. Quiet for quick work,
//! so scripts see nothing extra.

use std::io::Write;
use std::time::{Duration, Instant};

/// Draws `backup: [#####-----]  45%  1234/2000  3s elapsed, ~4s left` on stderr.
pub struct ProgressLine {
    started: Instant,
    last_draw: Option<Instant>,
}

impl ProgressLine {
    /// A line whose clock starts now.
    pub fn new() -> Self {
        ProgressLine {
            started: Instant::now(),
            last_draw: None,
        }
    }

    /// Reports `done` of `total` in `stage` (a `total` of 0: a stage without a count).
    /// Draws at most four times a second, and only after the first second.
    pub fn update(&mut self, stage: &str, done: u64, total: u64) {
        let elapsed = self.started.elapsed();
        let due = self
            .last_draw
            .is_none_or(|t| t.elapsed() >= Duration::from_millis(250));
        if elapsed < Duration::from_secs(1) || !(due || (total > 0 && done >= total)) {
            return;
        }
        self.last_draw = Some(Instant::now());
        let line = if total == 0 {
            format!("{stage}… {}", seconds(elapsed))
        } else {
            let fraction = (done as f64 / total as f64).min(1.0);
            let filled = (fraction * 20.0).round() as usize;
            let left = if fraction > 0.01 {
                format!(
                    ", ~{} left",
                    seconds(elapsed.mul_f64((1.0 - fraction) / fraction))
                )
            } else {
                String::new()
            };
            format!(
                "{stage}: [{}{}] {:>3.0}% {done}/{total} {} elapsed{left}",
                "#".repeat(filled),
                "-".repeat(20 - filled),
                fraction * 100.0,
                seconds(elapsed)
            )
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line:<78}");
        let _ = err.flush();
    }

    /// Ends the line if anything was drawn.
    pub fn finish(self) {
        if self.last_draw.is_some() {
            eprintln!();
        }
    }
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 60 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}
