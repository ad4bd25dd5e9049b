//! Small PNG previews of images, decoded and re-encoded from pixels, so nothing of the
//! original file (metadata, trailing data, a polyglot's second meaning) reaches the thread.

use std::io::Cursor;

use image::{ImageFormat, ImageReader, Limits};

use super::sniff::Kind;

/// Longest side of a thumbnail, in pixels.
pub const SIDE: u32 = 320;
/// Largest image we decode: 40 megapixels (a decompression bomb claims far more).
const MAX_PIXELS: u64 = 40_000_000;

/// The thumbnail of an image, or `None` if it cannot be decoded within the limits (the
/// upload is then refused: a file that says it is an image must be one).
pub fn make(kind: Kind, bytes: &[u8]) -> Option<Vec<u8>> {
    let format = match kind {
        Kind::Png => ImageFormat::Png,
        Kind::Jpeg => ImageFormat::Jpeg,
        Kind::Gif => ImageFormat::Gif,
        Kind::Webp => ImageFormat::WebP,
        Kind::Pdf | Kind::Text => return None,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    let (w, h) = reader.into_dimensions().ok()?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS || w == 0 || h == 0 {
        return None;
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    let image = reader.decode().ok()?;
    let thumb = image.thumbnail(SIDE, SIDE);
    let mut out = Cursor::new(Vec::new());
    thumb.write_to(&mut out, ImageFormat::Png).ok()?;
    Some(out.into_inner())
}
