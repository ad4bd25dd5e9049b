//! What a customer types, shaped into search terms the store can run safely on either engine
//! (the query itself is `store::search`: FTS5 ranked by BM25 on SQLite, a `tsvector` ranked
//! by `ts_rank` on PostgreSQL).
//!
//! Both engines match each word as a prefix of a word as written, any word matching,
//! ignoring case and diacritics. What differs: PostgreSQL also matches whole words stemmed in
//! English and Russian ("restarting" finds "Restart"; on SQLite only prefixes match), and the
//! two rank and cut snippets their own way.

/// Most suggestions at once.
pub const LIMIT: i64 = 5;

/// The words of what a customer typed: each of two or more letters or digits, lower-cased,
/// at most eight. Only letters and digits get through, so nothing typed can become query
/// syntax on either engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms(Vec<String>);

/// The terms of `typed`; `None` when nothing searchable was typed yet.
pub fn terms(typed: &str) -> Option<Terms> {
    let words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .take(8)
        .map(str::to_lowercase)
        .collect();
    (!words.is_empty()).then_some(Terms(words))
}

impl Terms {
    /// An FTS5 query: each word as a quoted prefix, any of them matching.
    pub fn fts5(&self) -> String {
        let words: Vec<String> = self.0.iter().map(|w| format!("\"{w}\"*")).collect();
        words.join(" OR ")
    }

    /// The words, separated by spaces, for PostgreSQL: the store removes their diacritics
    /// as it does the articles' and makes each a prefix query.
    pub fn words(&self) -> String {
        self.0.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::terms;

    #[test]
    fn typed_text_becomes_plain_prefix_terms() {
        let t = terms("Site down!").expect("terms");
        assert_eq!(t.fts5(), "\"site\"* OR \"down\"*");
        assert_eq!(t.words(), "site down");
        assert_eq!(
            terms("\"x\" OR NEAR(a b) * ^col: & !x | y:*")
                .expect("terms")
                .fts5(),
            "\"or\"* OR \"near\"* OR \"col\"*"
        );
        assert_eq!(terms("a ! ?"), None);
        let cyrillic = terms("šifra за").expect("terms");
        assert_eq!(cyrillic.fts5(), "\"šifra\"* OR \"за\"*");
        assert_eq!(cyrillic.words(), "šifra за");
    }
}
