//! Compressed copies beside the built files (`x.wasm.br`, `x.wasm.gz`), which the server sends
//! to browsers that accept them: compressed once at build time at the strongest settings,
//! instead of on every request.

use std::{fs, io::Write as _, path::Path};

use crate::util::{Result, read};

/// Kinds of files worth compressing; images and fonts are compressed already.
const COMPRESSIBLE: [&str; 8] = ["js", "mjs", "wasm", "css", "html", "json", "svg", "txt"];

/// gzip, level 9.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes)?;
    Ok(enc.finish()?)
}

/// brotli, quality 11 (what a CDN serves pre-compressed assets with).
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

/// Writes `.br` and `.gz` beside every compressible file under `dir`, where the copy is
/// smaller; stale copies are removed first, so a copy always matches its file.
pub fn run(dir: &Path) -> Result {
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            run(&path)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !COMPRESSIBLE.contains(&ext) {
            continue;
        }
        let bytes = read(&path)?;
        for (suffix, packed) in [("br", brotli(&bytes)?), ("gz", gzip(&bytes)?)] {
            let copy = path.with_extension(format!("{ext}.{suffix}"));
            if copy.exists() {
                fs::remove_file(&copy)?;
            }
            if packed.len() < bytes.len() {
                fs::write(&copy, packed)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_shrinks_repetitive_text() {
        let text = "panelcare ".repeat(1000);
        let (gz, br) = (
            gzip(text.as_bytes()).unwrap(),
            brotli(text.as_bytes()).unwrap(),
        );
        assert!(!gz.is_empty() && gz.len() < 200, "gzip {}", gz.len());
        assert!(!br.is_empty() && br.len() < 200, "brotli {}", br.len());
    }

    #[test]
    fn copies_go_beside_compressible_files_only_when_smaller() {
        let tmp = std::env::temp_dir().join(format!("pc-precompress-{}", std::process::id()));
        fs::create_dir_all(tmp.join("assets")).unwrap();
        fs::write(tmp.join("assets/app.js"), "let x = 1;\n".repeat(200)).unwrap();
        fs::write(tmp.join("tiny.css"), "a{}").unwrap();
        fs::write(tmp.join("logo.png"), vec![7u8; 4000]).unwrap();
        fs::write(tmp.join("tiny.css.br"), "stale").unwrap();
        run(&tmp).unwrap();
        let js = fs::read(tmp.join("assets/app.js.br")).unwrap();
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut js.as_slice(), &mut out).unwrap();
        assert_eq!(out, "let x = 1;\n".repeat(200).as_bytes());
        assert!(tmp.join("assets/app.js.gz").exists());
        assert!(
            !tmp.join("tiny.css.br").exists(),
            "no bigger copy, and no stale one"
        );
        assert!(!tmp.join("logo.png.br").exists());
        fs::remove_dir_all(&tmp).unwrap();
    }
}
