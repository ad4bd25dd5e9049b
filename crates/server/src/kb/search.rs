//! Full-text search over a tenant's published articles (SQLite FTS5, ranked by BM25 with
//! titles weighing more). PostgreSQL would use a `tsvector` column and `ts_rank` the same way.

use panelcare_model::kb::ArticleHit;

use crate::db::Db;

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

pub async fn search(
    db: &Db,
    tenant_id: &str,
    lang: &str,
    typed: &str,
) -> Result<Vec<ArticleHit>, sqlx::Error> {
    let Some(query) = fts_query(typed) else {
        return Ok(Vec::new());
    };
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT a.id, a.title, snippet(kb_fts, 1, '', '', '…', 16) FROM kb_fts \
         JOIN kb_articles a ON a.rowid = kb_fts.rowid \
         WHERE kb_fts MATCH ?1 AND a.tenant_id = ?2 AND a.lang = ?3 AND a.published = 1 \
         AND a.deleted_at IS NULL ORDER BY bm25(kb_fts, 5.0, 1.0) LIMIT ?4",
    )
    .bind(query)
    .bind(tenant_id)
    .bind(lang)
    .bind(LIMIT)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, snippet)| ArticleHit { id, title, snippet })
        .collect())
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
