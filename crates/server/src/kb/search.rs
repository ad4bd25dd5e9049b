//! What a customer types, shaped into a full-text query the store can run safely (the
//! query itself, FTS5 ranked by BM25, is `store::search`).

/// Most suggestions at once.
pub const LIMIT: i64 = 5;

/// An FTS5 query for what a customer typed: each word of two or more letters as a quoted
/// prefix, any of them matching. Quoting makes every word a plain term, so nothing typed can
/// become FTS syntax.
pub fn fts_query(typed: &str) -> Option<String> {
    let words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .take(8)
        .map(|w| format!("\"{}\"*", w.to_lowercase()))
        .collect();
    (!words.is_empty()).then(|| words.join(" OR "))
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn typed_text_becomes_plain_prefix_terms() {
        assert_eq!(
            fts_query("Site down!").as_deref(),
            Some("\"site\"* OR \"down\"*")
        );
        assert_eq!(
            fts_query("\"x\" OR NEAR(a b) * ^col:").as_deref(),
            Some("\"or\"* OR \"near\"* OR \"col\"*")
        );
        assert_eq!(fts_query("a ! ?"), None);
        assert_eq!(
            fts_query("šifra за").as_deref(),
            Some("\"šifra\"* OR \"за\"*")
        );
    }
}
