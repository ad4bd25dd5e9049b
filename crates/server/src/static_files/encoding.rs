//! Which copy of a file to send: the browser's `Accept-Encoding` against the copies the build
//! wrote beside it (brotli `.br`, gzip `.gz`).

use axum::http::{HeaderMap, header};

/// A content coding we may have a precompressed copy in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// Best first, when the browser likes them equally: brotli is the smallest.
    const PREFERENCE: [Encoding; 3] = [Encoding::Brotli, Encoding::Gzip, Encoding::Identity];

    /// The `Content-Encoding` value; `None` for the file as it is.
    pub fn header(self) -> Option<&'static str> {
        match self {
            Encoding::Brotli => Some("br"),
            Encoding::Gzip => Some("gzip"),
            Encoding::Identity => None,
        }
    }

    /// The suffix of the copy on disk.
    pub fn suffix(self) -> &'static str {
        match self {
            Encoding::Brotli => ".br",
            Encoding::Gzip => ".gz",
            Encoding::Identity => "",
        }
    }

    fn token(self) -> &'static str {
        self.header().unwrap_or("identity")
    }
}

/// The codings `headers` accept, most wanted first (ties broken by [`Encoding::PREFERENCE`]).
/// The file as it is always comes last: a server may send it whatever the header says.
pub fn acceptable(headers: &HeaderMap) -> Vec<Encoding> {
    let offered: Vec<(String, f32)> = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(parse)
        .collect();
    let weight = |e: Encoding| -> f32 {
        let exact = offered.iter().find(|(t, _)| t == e.token());
        let any = offered.iter().find(|(t, _)| t == "*");
        exact.or(any).map_or(0.0, |(_, q)| *q)
    };
    let mut chosen: Vec<(Encoding, f32)> = Encoding::PREFERENCE[..2]
        .iter()
        .map(|&e| (e, weight(e)))
        .filter(|(_, q)| *q > 0.0)
        .collect();
    // Stable: equal weights keep the preference order.
    chosen.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut out: Vec<Encoding> = chosen.into_iter().map(|(e, _)| e).collect();
    out.push(Encoding::Identity);
    out
}

/// One `coding;q=…` item, lower-cased; `None` when it is malformed.
fn parse(item: &str) -> Option<(String, f32)> {
    let mut parts = item.split(';');
    let token = parts.next()?.trim().to_ascii_lowercase();
    if token.is_empty() {
        return None;
    }
    let mut q = 1.0;
    for param in parts {
        let (k, v) = param.split_once('=')?;
        if k.trim().eq_ignore_ascii_case("q") {
            q = v
                .trim()
                .parse::<f32>()
                .ok()
                .filter(|q| (0.0..=1.0).contains(q))?;
        }
    }
    Some((token, q))
}

#[cfg(test)]
mod tests {
    use super::{Encoding::*, *};
    use axum::http::HeaderValue;

    fn accept(v: &str) -> Vec<Encoding> {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(v).expect("ascii"),
        );
        acceptable(&h)
    }

    #[test]
    fn browsers_get_brotli_then_gzip() {
        assert_eq!(accept("gzip, deflate, br, zstd"), [Brotli, Gzip, Identity]);
        assert_eq!(accept("gzip"), [Gzip, Identity]);
        assert_eq!(acceptable(&HeaderMap::new()), [Identity]);
    }

    #[test]
    fn weights_and_refusals_are_honoured() {
        assert_eq!(accept("br;q=0.5, gzip;q=0.9"), [Gzip, Brotli, Identity]);
        assert_eq!(accept("br;q=0, gzip"), [Gzip, Identity]);
        assert_eq!(accept("*"), [Brotli, Gzip, Identity]);
        assert_eq!(accept("*;q=0.1, br;q=0"), [Gzip, Identity]);
        assert_eq!(accept("BR"), [Brotli, Identity]);
    }

    #[test]
    fn malformed_items_are_ignored() {
        assert_eq!(accept("br;q=lots, gzip;q=2, ;q=1, gzip"), [Gzip, Identity]);
    }
}
