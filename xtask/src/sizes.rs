//! Sizes of what a panel downloads, raw and compressed, against the budgets.

use std::{fs, io::Write as _, path::Path};

use crate::util::Result;

/// The loader: on every panel page, before anyone opens a widget.
pub const LOADER_BUDGET: usize = 4 * 1024;
/// The widget (wasm + JS glue + CSS), the target of the first slice.
pub const WIDGET_TARGET: usize = 90 * 1024;
/// What `cargo xtask test` enforces for the widget: the measured size plus headroom, so an
/// accidental jump fails the build while the work towards the target goes on (see README).
pub const WIDGET_CEILING: usize = 120 * 1024;

#[derive(Debug)]
pub struct Sizes {
    pub files: Vec<(String, usize, usize, usize)>,
    pub loader_gzip: usize,
    pub widget_gzip: usize,
    pub widget_brotli: usize,
}

pub fn gzip(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(bytes);
    enc.finish().map(|v| v.len()).unwrap_or(0)
}

pub fn brotli(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out.len()
}

/// Measures every file under `dist`; `widget` lists the widget's files (relative paths).
pub fn measure(dist: &Path, widget: &[&str]) -> Result<Sizes> {
    let mut files = Vec::new();
    walk(dist, dist, &mut files)?;
    files.sort();
    let find = |name: &str| files.iter().find(|f| f.0 == name);
    let loader_gzip = find("panelcare.js").map_or(0, |f| f.2);
    let widget_gzip = widget.iter().filter_map(|w| find(w)).map(|f| f.2).sum();
    let widget_brotli = widget.iter().filter_map(|w| find(w)).map(|f| f.3).sum();
    Ok(Sizes {
        files,
        loader_gzip,
        widget_gzip,
        widget_brotli,
    })
}

fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, usize, usize, usize)>) -> Result {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(base, &path, out)?;
        } else {
            let bytes = fs::read(&path)?;
            let name = path.strip_prefix(base)?.to_string_lossy().into_owned();
            out.push((name, bytes.len(), gzip(&bytes), brotli(&bytes)));
        }
    }
    Ok(())
}

impl Sizes {
    pub fn print(&self) {
        println!("{:<44} {:>9} {:>9} {:>9}", "dist/", "raw", "gzip", "brotli");
        for (name, raw, gz, br) in &self.files {
            println!("{name:<44} {raw:>9} {gz:>9} {br:>9}");
        }
        println!(
            "loader (panelcare.js): {} B gzip (budget {LOADER_BUDGET}: {})",
            self.loader_gzip,
            verdict(self.loader_gzip, LOADER_BUDGET)
        );
        println!(
            "widget (js+wasm+css): {} B gzip, {} B brotli (target {WIDGET_TARGET}: {})",
            self.widget_gzip,
            self.widget_brotli,
            verdict(self.widget_gzip, WIDGET_TARGET)
        );
    }

    /// The size gate of `cargo xtask test`.
    pub fn check(&self) -> Result {
        if self.loader_gzip > LOADER_BUDGET {
            return Err(format!(
                "loader is {} B gzip, over its {LOADER_BUDGET} B budget",
                self.loader_gzip
            )
            .into());
        }
        if self.widget_gzip > WIDGET_CEILING {
            return Err(format!(
                "widget is {} B gzip, over the {WIDGET_CEILING} B ceiling",
                self.widget_gzip
            )
            .into());
        }
        Ok(())
    }
}

fn verdict(size: usize, budget: usize) -> String {
    if size <= budget {
        "met".into()
    } else {
        format!("over by {} B", size - budget)
    }
}
