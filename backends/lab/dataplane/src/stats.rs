//! HDR histograms in microseconds with a window that resets and a cumulative total that does
//! not (as `stats/window-histogram.ts` did), and a process's own CPU time and RSS.
use hdrhistogram::Histogram;
use serde::Serialize;

/// Values at these percentiles make the cumulative distribution curve (telemetry.ts).
pub const DISTRIBUTION_PERCENTILES: [f64; 6] = [50.0, 75.0, 90.0, 95.0, 99.0, 99.9];

#[derive(Clone, Debug, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub count: u64,
    pub p50_us: u64,
    pub p90_us: u64,
    pub p99_us: u64,
    pub max_us: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distribution_us: Option<Vec<u64>>,
}

fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 120_000_000, 3).expect("valid histogram bounds")
}

pub fn summarize(h: &Histogram<u64>, distribution: bool) -> Summary {
    if h.is_empty() {
        return Summary::default();
    }
    Summary {
        count: h.len(),
        p50_us: h.value_at_percentile(50.0),
        p90_us: h.value_at_percentile(90.0),
        p99_us: h.value_at_percentile(99.0),
        max_us: h.max(),
        distribution_us: distribution.then(|| DISTRIBUTION_PERCENTILES.iter().map(|p| h.value_at_percentile(*p)).collect()),
    }
}

pub struct WindowHistogram {
    window: Histogram<u64>,
    total: Histogram<u64>,
}

impl Default for WindowHistogram {
    fn default() -> Self {
        WindowHistogram {
            window: histogram(),
            total: histogram(),
        }
    }
}

impl WindowHistogram {
    pub fn record(&mut self, us: f64) {
        let v = us.round().max(1.0) as u64;
        self.window.saturating_record(v);
        self.total.saturating_record(v);
    }

    pub fn record_window_only(&mut self, us: f64) {
        self.window.saturating_record(us.round().max(1.0) as u64);
    }

    /// Summary of the window since the last call, which then starts a new window.
    pub fn take_window(&mut self) -> Summary {
        let s = summarize(&self.window, false);
        self.window.reset();
        s
    }

    pub fn total(&self) -> Summary {
        summarize(&self.total, true)
    }

    pub fn reset_all(&mut self) {
        self.window.reset();
        self.total.reset();
    }
}

/// CPU time (user + system, all threads) and RSS of this process since the last sample.
pub struct ProcessUsage {
    last_cpu_us: u64,
    last_at: std::time::Instant,
}

impl Default for ProcessUsage {
    fn default() -> Self {
        ProcessUsage {
            last_cpu_us: cpu_time_us(),
            last_at: std::time::Instant::now(),
        }
    }
}

impl ProcessUsage {
    pub fn sample(&mut self) -> (f64, f64) {
        let cpu = cpu_time_us();
        let now = std::time::Instant::now();
        let wall_us = now.duration_since(self.last_at).as_micros() as f64;
        let used = cpu.saturating_sub(self.last_cpu_us) as f64;
        self.last_cpu_us = cpu;
        self.last_at = now;
        (if wall_us > 0.0 { 100.0 * used / wall_us } else { 0.0 }, rss_mb())
    }
}

fn cpu_time_us() -> u64 {
    // SAFETY: getrusage only writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let us = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    us(usage.ru_utime) + us(usage.ru_stime)
}

/// Resident set size from /proc/self/statm (pages), as Node's `process.memoryUsage.rss()` reads it.
fn rss_mb() -> f64 {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|v| v.parse::<u64>().ok()))
        .unwrap_or(0);
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(4096) as u64;
    (pages * page) as f64 / (1024.0 * 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_resets_and_the_total_keeps_counting() {
        let mut h = WindowHistogram::default();
        for us in [100.0, 200.0, 300.0, 400.0] {
            h.record(us);
        }
        h.record_window_only(10_000.0);
        let w = h.take_window();
        assert_eq!(w.count, 5);
        assert!((10_000..=10_010).contains(&w.max_us), "max {}", w.max_us);
        assert_eq!(h.take_window().count, 0);
        let total = h.total();
        assert_eq!(total.count, 4);
        assert_eq!(total.p50_us, 200);
        assert_eq!(total.distribution_us.as_ref().map(|d| d.len()), Some(6));
        h.reset_all();
        assert_eq!(h.total(), Summary::default());
    }

    #[test]
    fn an_empty_histogram_summarizes_to_zero_count() {
        assert_eq!(summarize(&histogram(), true).count, 0);
    }

    #[test]
    fn usage_reports_this_process() {
        let mut u = ProcessUsage::default();
        let mut x = 0u64;
        for i in 0..5_000_000u64 {
            x = x.wrapping_mul(31).wrapping_add(i);
        }
        std::hint::black_box(x);
        let (cpu, rss) = u.sample();
        assert!(cpu > 0.0, "cpu {cpu}");
        assert!(rss > 0.5, "rss {rss}");
    }
}
