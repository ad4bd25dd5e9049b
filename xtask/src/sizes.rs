//! What a panel downloads, raw and compressed, against the size budgets.

use std::{
    fs,
    path::{Path, PathBuf},
};

use crate::util::Result;

/// The loader with the host page's API (`panelcare.js` and the `api` module it loads when a
/// page uses the API), brotli: the loader is on every panel page, before anyone opens a
/// widget.
pub const LOADER_BUDGET: usize = 4096;
/// The launcher (its button and drawer), brotli: loaded when a page or the tenant's branding
/// wants it.
pub const LAUNCHER_BUDGET: usize = 4096;
/// The iframe fallback, brotli: what a page that forbids WebAssembly loads besides.
pub const FRAME_BUDGET: usize = 1024;
/// The widget (wasm + JS glue + CSS) with feedback, tickets and offers: the budget issue 5
/// sets for all three panels.
pub const WIDGET_BUDGET: usize = 150 * 1024;
/// What `cargo xtask test` enforces for the widget while it is still over its budget: the
/// measured size plus a little headroom, so an accidental jump fails the run while the size
/// only goes down (README, "Notes and known gaps"). Raised from 120 KB when tickets, articles
/// and notices joined the bundle (+45 KB), and to 176 KB for ticket drafts, keyboard focus
/// handling and a live thread (+4 KB), and to 190 KB for the offer card and the premium
/// support upsell (+16 KB); lower it as the widget shrinks.
pub const WIDGET_CEILING: usize = 190 * 1024;
/// The ideas board's view (`views/ideas.js`), loaded only when a page shows it: its own
/// budget, brotli, as issue 20 sets it.
pub const IDEAS_BUDGET: usize = 20 * 1024;

/// One file under dist/.
#[derive(Debug)]
pub struct FileSize {
    /// Relative to dist/, with `/` separators.
    pub path: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

#[derive(Debug)]
pub struct Sizes {
    pub files: Vec<FileSize>,
    /// `panelcare.js`, gzip.
    pub loader_gzip: usize,
    /// `panelcare.js`, brotli.
    pub loader_brotli: usize,
    /// The lazily loaded modules (`build::LAZY`: api, launcher, frame), brotli.
    pub api_brotli: usize,
    pub launcher_brotli: usize,
    pub frame_brotli: usize,
    /// The manifest's js + wasm + css, gzip.
    pub widget_gzip: usize,
    /// The same, brotli.
    pub widget_brotli: usize,
    /// `views/ideas.js`, brotli (`None` when dist/ has no ideas view).
    pub ideas_brotli: Option<usize>,
}

/// Measures every file under `dist`; `widget` names the widget's files and `lazy` the
/// loader's modules (api, launcher, frame) relative to `dist`.
pub fn measure(dist: &Path, widget: &[&str], lazy: &[&str; 3]) -> Result<Sizes> {
    let mut files = Vec::new();
    walk(dist, dist, &mut files)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let find = |name: &str| {
        files
            .iter()
            .find(|f| f.path == name)
            .ok_or_else(|| format!("dist/{name} is missing"))
    };
    let loader = find("panelcare.js")?;
    let (loader_gzip, loader_brotli) = (loader.gzip, loader.brotli);
    let [api_brotli, launcher_brotli, frame_brotli] = [
        find(lazy[0])?.brotli,
        find(lazy[1])?.brotli,
        find(lazy[2])?.brotli,
    ];
    let (mut widget_gzip, mut widget_brotli) = (0, 0);
    for name in widget {
        let f = find(name)?;
        widget_gzip += f.gzip;
        widget_brotli += f.brotli;
    }
    let ideas_brotli = find("views/ideas.js").ok().map(|f| f.brotli);
    Ok(Sizes {
        files,
        ideas_brotli,
        loader_gzip,
        loader_brotli,
        api_brotli,
        launcher_brotli,
        frame_brotli,
        widget_gzip,
        widget_brotli,
    })
}

fn walk(base: &Path, dir: &Path, out: &mut Vec<FileSize>) -> Result {
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry?.path();
        let name = path.to_string_lossy();
        if path.is_dir() {
            walk(base, &path, out)?;
        } else if !name.ends_with(".br") && !name.ends_with(".gz") {
            let raw = fs::metadata(&path)?.len() as usize;
            let rel = path.strip_prefix(base)?.components();
            let rel: Vec<_> = rel.map(|c| c.as_os_str().to_string_lossy()).collect();
            // What the server sends: the copy the build wrote beside the file, or the file
            // itself where compressing did not make it smaller (no copy then).
            let copy = |suffix: &str| {
                let beside = PathBuf::from(format!("{}.{suffix}", path.display()));
                fs::metadata(&beside).map_or(raw, |m| m.len() as usize)
            };
            out.push(FileSize {
                path: rel.join("/"),
                raw,
                gzip: copy("gz"),
                brotli: copy("br"),
            });
        }
    }
    Ok(())
}

impl Sizes {
    /// The table of every file, then the two budget lines.
    pub fn print(&self) {
        println!("{:<44} {:>9} {:>9} {:>9}", "dist/", "raw", "gzip", "brotli");
        for f in &self.files {
            println!("{:<44} {:>9} {:>9} {:>9}", f.path, f.raw, f.gzip, f.brotli);
        }
        self.print_budgets();
    }

    /// `loader with the API (…): N B brotli (budget 4096): ok`, the same for the launcher,
    /// the iframe fallback and the widget.
    pub fn print_budgets(&self) {
        println!(
            "loader with the API (panelcare.js {} + api {}): {} B brotli (budget {LOADER_BUDGET}): {}; loader alone {} B gzip",
            self.loader_brotli,
            self.api_brotli,
            self.loader_with_api(),
            verdict(self.loader_with_api(), LOADER_BUDGET),
            self.loader_gzip,
        );
        println!(
            "launcher: {} B brotli (budget {LAUNCHER_BUDGET}): {}",
            self.launcher_brotli,
            verdict(self.launcher_brotli, LAUNCHER_BUDGET)
        );
        println!(
            "iframe fallback: {} B brotli (budget {FRAME_BUDGET}): {}",
            self.frame_brotli,
            verdict(self.frame_brotli, FRAME_BUDGET)
        );
        println!(
            "widget (js+wasm+css): {} B gzip (budget {WIDGET_BUDGET}): {}; {} B brotli",
            self.widget_gzip,
            verdict(self.widget_gzip, WIDGET_BUDGET),
            self.widget_brotli
        );
        if let Some(ideas) = self.ideas_brotli {
            println!(
                "ideas view (views/ideas.js, loaded when shown): {ideas} B brotli (budget \
                 {IDEAS_BUDGET}): {}",
                verdict(ideas, IDEAS_BUDGET)
            );
        }
    }

    /// The loader and the API module together, brotli.
    pub fn loader_with_api(&self) -> usize {
        self.loader_brotli + self.api_brotli
    }

    /// The size gate of `cargo xtask test`: the budgets of the loader with the API, the
    /// launcher and the iframe fallback; the widget's ceiling.
    pub fn check(&self) -> Result {
        self.print_budgets();
        for (what, size, budget) in [
            (
                "the loader with the API",
                self.loader_with_api(),
                LOADER_BUDGET,
            ),
            ("the launcher", self.launcher_brotli, LAUNCHER_BUDGET),
            ("the iframe fallback", self.frame_brotli, FRAME_BUDGET),
        ] {
            if size > budget {
                return Err(
                    format!("{what} is {size} B brotli, over its {budget} B budget").into(),
                );
            }
        }
        match self.ideas_brotli {
            None => return Err("dist/views/ideas.js is missing".into()),
            Some(ideas) if ideas > IDEAS_BUDGET => {
                return Err(format!(
                    "the ideas view is {ideas} B brotli, over its {IDEAS_BUDGET} B budget"
                )
                .into());
            }
            Some(_) => {}
        }
        if self.widget_gzip > WIDGET_CEILING {
            return Err(format!(
                "the widget is {} B gzip, over the {WIDGET_CEILING} B ceiling",
                self.widget_gzip
            )
            .into());
        }
        if self.widget_gzip > WIDGET_BUDGET {
            println!(
                "warning: the widget is over its {WIDGET_BUDGET} B budget; the gate is the \
                 {WIDGET_CEILING} B ceiling until it gets there"
            );
        }
        Ok(())
    }
}

fn verdict(size: usize, budget: usize) -> String {
    if size <= budget {
        "ok".into()
    } else {
        format!("OVER by {} B", size - budget)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_says_by_how_much() {
        assert_eq!(verdict(4096, 4096), "ok");
        assert_eq!(verdict(4100, 4096), "OVER by 4 B");
    }
}
