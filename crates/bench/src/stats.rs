//! Throughput and latency percentiles of one run.

use std::time::Duration;

#[derive(Debug)]
pub struct Run {
    pub elapsed: Duration,
    /// Each operation's latency, sorted.
    pub latencies: Vec<Duration>,
}

impl Run {
    pub fn new(elapsed: Duration, mut latencies: Vec<Duration>) -> Self {
        latencies.sort_unstable();
        Self { elapsed, latencies }
    }

    pub fn rate(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    /// Nearest-rank percentile, in milliseconds.
    pub fn percentile(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        let rank = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        self.latencies[rank.clamp(1, self.latencies.len()) - 1].as_secs_f64() * 1000.0
    }

    pub fn print(&self, label: &str) {
        println!(
            "{label:<34} {:>10.0} {:>9.2} {:>9.2} {:>9.2}",
            self.rate(),
            self.percentile(50.0),
            self.percentile(99.0),
            self.percentile(100.0)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let ms = |n| Duration::from_millis(n);
        let run = Run::new(Duration::from_secs(2), (1..=100).rev().map(ms).collect());
        assert_eq!(run.percentile(50.0), 50.0);
        assert_eq!(run.percentile(99.0), 99.0);
        assert_eq!(run.percentile(100.0), 100.0);
        assert_eq!(run.rate(), 50.0);
    }
}
