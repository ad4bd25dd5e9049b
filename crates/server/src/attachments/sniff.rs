//! What a file is, judged by its bytes alone: the name a customer gave it can lie.
//!
//! Accepted: PNG, JPEG, GIF and WebP images, PDF, and UTF-8 text (logs, configs). Refused:
//! markup (HTML, SVG, XML), which a browser could run, and archives, which could be bombs
//! and which support would have to unpack anyway.

/// An accepted kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Png,
    Jpeg,
    Gif,
    Webp,
    Pdf,
    Text,
}

impl Kind {
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Gif => "image/gif",
            Self::Webp => "image/webp",
            Self::Pdf => "application/pdf",
            Self::Text => "text/plain; charset=utf-8",
        }
    }

    pub fn is_image(self) -> bool {
        matches!(self, Self::Png | Self::Jpeg | Self::Gif | Self::Webp)
    }
}

/// Why a file is refused, in words for the person who chose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    Markup,
    Archive,
    Unknown,
}

impl Refusal {
    pub fn message(self) -> &'static str {
        match self {
            Self::Empty => "The file is empty.",
            Self::Markup => {
                "Web pages, SVG and XML files are not accepted: a browser could run what is in them. Send a screenshot or paste the text instead."
            }
            Self::Archive => {
                "Archives (zip, gzip, rar, 7z…) are not accepted. Attach the files themselves."
            }
            Self::Unknown => {
                "Only images (PNG, JPEG, GIF, WebP), PDF and plain text files are accepted."
            }
        }
    }
}

/// Sniffs `bytes`.
pub fn sniff(bytes: &[u8]) -> Result<Kind, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Ok(Kind::Png);
    }
    if starts(b"\xff\xd8\xff") {
        return Ok(Kind::Jpeg);
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Ok(Kind::Gif);
    }
    if bytes.len() >= 12 && starts(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Ok(Kind::Webp);
    }
    if starts(b"%PDF-") {
        return Ok(Kind::Pdf);
    }
    let archives: [&[u8]; 7] = [
        b"PK\x03\x04",
        b"PK\x05\x06",
        b"\x1f\x8b",
        b"Rar!",
        b"7z\xbc\xaf\x27\x1c",
        b"BZh",
        b"\xfd7zXZ\x00",
    ];
    if archives.iter().any(|m| starts(m)) {
        return Err(Refusal::Archive);
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(Refusal::Unknown);
    };
    // Text has no control characters beyond tabs, line ends, form feeds and the escapes of
    // coloured logs; binaries (programs, databases) have plenty.
    if text.chars().any(|c| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\x1b')) && c < '\u{80}'
    }) {
        return Err(Refusal::Unknown);
    }
    if is_markup(text) {
        return Err(Refusal::Markup);
    }
    Ok(Kind::Text)
}

/// Text that a browser would treat as a document: it opens with a tag of HTML, SVG or XML.
/// A log that merely contains `<script>` somewhere is still a log (and is always served as
/// plain text, as a download).
fn is_markup(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .chars()
        .take(1024)
        .flat_map(char::to_lowercase)
        .collect();
    // Comments before the first tag do not make a document harmless.
    let mut head = head.trim_start();
    while let Some(rest) = head.strip_prefix("<!--") {
        head = rest
            .split_once("-->")
            .map_or("", |(_, after)| after)
            .trim_start();
    }
    [
        "<!doctype",
        "<html",
        "<svg",
        "<?xml",
        "<script",
        "<head",
        "<body",
        "<iframe",
        "<meta",
    ]
    .iter()
    .any(|tag| head.starts_with(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_pdf_and_text_by_content() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Ok(Kind::Png));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0"), Ok(Kind::Jpeg));
        assert_eq!(sniff(b"GIF89a.."), Ok(Kind::Gif));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Ok(Kind::Webp));
        assert_eq!(sniff(b"%PDF-1.7\n"), Ok(Kind::Pdf));
        assert_eq!(
            sniff("[error] 2026-11-22 AH01071: PHP Fatal error\n".as_bytes()),
            Ok(Kind::Text)
        );
        assert_eq!(
            sniff(b"GET /?q=<script>alert(1)</script> 200\n"),
            Ok(Kind::Text),
            "a log mentioning a tag is a log"
        );
    }

    #[test]
    fn markup_archives_and_binaries_are_refused() {
        for markup in [
            "<!DOCTYPE html><p>hi",
            "  <html><script>alert(1)</script>",
            "\u{feff}<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
            "<?xml version='1.0'?><svg/>",
            "<!-- x --><SCRIPT>alert(1)</SCRIPT>",
        ] {
            assert_eq!(sniff(markup.as_bytes()), Err(Refusal::Markup), "{markup}");
        }
        assert_eq!(sniff(b"PK\x03\x04bomb"), Err(Refusal::Archive));
        assert_eq!(sniff(b"\x1f\x8b\x08\x00"), Err(Refusal::Archive));
        assert_eq!(
            sniff(b"MZ\x90\x00\x03"),
            Err(Refusal::Unknown),
            "a Windows program"
        );
        assert_eq!(sniff(b"\x7fELF\x02\x01"), Err(Refusal::Unknown));
        assert_eq!(sniff(b"text\0with nul"), Err(Refusal::Unknown));
        assert_eq!(sniff(b""), Err(Refusal::Empty));
    }
}
