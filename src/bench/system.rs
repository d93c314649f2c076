//! What the system says: the process's resident memory from `/proc/self/status` (VmRSS now,
//! VmHWM the peak) and the machine's load average from `/proc/loadavg`, so that a table
//! measured on a busy machine says so. Linux only; other systems report none ("n/a").

use serde::Serialize;

/// Resident memory of this process.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MemoryUse {
    /// Resident now (VmRSS), MB.
    pub current_mb: f64,
    /// Peak resident since the start or the last [`reset_peak`] (VmHWM), MB.
    pub peak_mb: f64,
}

impl MemoryUse {
    /// The reading now; `None` where the system does not give one.
    pub fn now() -> Option<MemoryUse> {
        read_status()
    }
}

#[cfg(target_os = "linux")]
fn read_status() -> Option<MemoryUse> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_status(&status)
}

#[cfg(not(target_os = "linux"))]
fn read_status() -> Option<MemoryUse> {
    None
}

/// Reads `VmRSS:  1234 kB` and `VmHWM:  2345 kB`.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn parse_status(status: &str) -> Option<MemoryUse> {
    let kib = |key: &str| -> Option<f64> {
        let line = status.lines().find(|l| l.starts_with(key))?;
        line[key.len()..]
            .split_whitespace()
            .next()?
            .parse::<f64>()
            .ok()
    };
    Some(MemoryUse {
        current_mb: kib("VmRSS:")? / 1024.0,
        peak_mb: kib("VmHWM:")? / 1024.0,
    })
}

/// The 1-minute load average (runnable processes, averaged), where the system gives it.
pub fn load_average() -> Option<f64> {
    #[cfg(target_os = "linux")]
    {
        let text = std::fs::read_to_string("/proc/loadavg").ok()?;
        text.split_whitespace().next()?.parse().ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

/// Starts a new peak (Linux: `5` into `/proc/self/clear_refs`), so that a later reading's peak
/// belongs to what ran since. Elsewhere, and where the kernel refuses, nothing happens.
pub fn reset_peak() {
    #[cfg(target_os = "linux")]
    {
        let _ = std::fs::write("/proc/self/clear_refs", "5");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_lines_give_current_and_peak_memory() {
        let status = "Name:\thotto\nVmHWM:\t  204800 kB\nVmRSS:\t   51200 kB\n";
        assert_eq!(
            parse_status(status),
            Some(MemoryUse {
                current_mb: 50.0,
                peak_mb: 200.0
            })
        );
        assert_eq!(parse_status("Name:\thotto\n"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_has_a_resident_size() {
        let m = MemoryUse::now().unwrap();
        assert!(m.current_mb > 0.0 && m.peak_mb >= m.current_mb);
    }
}
