//! Knowledge-base rows: articles (kept after deletion, see migration 0011, so the "this solved
//! it" answers they earned still count), the full-text index over them, and the solved answers.
//! Every query for agents or customers reads live articles only.

use panelcare_model::kb::{AgentArticle, Article, ArticleHit};
use sqlx::Row as _;

use super::search::Terms;
use crate::{
    db::{Db, Engine, Row, flag},
    tenants::{Scope, store::condition},
    time,
};

const COLUMNS: &str = "id, tenant_id, lang, title, body, published, views, solved, updated_at";

/// What an agent (or the demo) writes of an article: the markdown and its rendered forms.
#[derive(Debug, Clone, Copy)]
pub struct Content<'a> {
    pub lang: &'a str,
    pub title: &'a str,
    /// Markdown, as written.
    pub body: &'a str,
    /// The cleaned HTML customers read.
    pub html: &'a str,
    /// Plain text, for search and snippets.
    pub plain: &'a str,
}

fn article(row: &Row) -> Result<AgentArticle, sqlx::Error> {
    Ok(AgentArticle {
        id: row.try_get("id")?,
        tenant_id: row.try_get("tenant_id")?,
        lang: row.try_get("lang")?,
        title: row.try_get("title")?,
        body: row.try_get("body")?,
        published: flag(row, "published")?,
        views: row.try_get("views")?,
        solved: row.try_get("solved")?,
        updated_at: time::rfc3339(row.try_get("updated_at")?),
    })
}

/// The live articles of the tenants of `scope`, by tenant, language and title.
pub async fn list(db: &Db, scope: &Scope) -> Result<Vec<AgentArticle>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM kb_articles k WHERE {} AND k.deleted_at IS NULL \
         ORDER BY tenant_id, lang, title",
        condition(scope, "k.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(article).collect()
}

/// Live article `id`, if it belongs to a tenant of `scope`.
pub async fn get(db: &Db, scope: &Scope, id: &str) -> Result<Option<AgentArticle>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM kb_articles k WHERE {} AND k.id = $2 AND k.deleted_at IS NULL",
        condition(scope, "k.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .as_ref()
    .map(article)
    .transpose()
}

/// Stores a new article of `tenant_id` written by agent `created_by`.
pub async fn create(
    db: &Db,
    id: &str,
    tenant_id: &str,
    content: &Content<'_>,
    published: bool,
    created_by: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO kb_articles (id, tenant_id, lang, title, body, html, plain, published, \
         created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(id)
    .bind(tenant_id)
    .bind(content.lang)
    .bind(content.title)
    .bind(content.body)
    .bind(content.html)
    .bind(content.plain)
    .bind(i64::from(published))
    .bind(created_by)
    .bind(now_ms)
    .bind(now_ms)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Rewrites live article `id`; a deleted one stays as it was.
pub async fn update(
    db: &Db,
    id: &str,
    content: &Content<'_>,
    published: bool,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE kb_articles SET lang = $1, title = $2, body = $3, html = $4, plain = $5, published = $6, \
         updated_at = $7 WHERE id = $8 AND deleted_at IS NULL",
    )
    .bind(content.lang)
    .bind(content.title)
    .bind(content.body)
    .bind(content.html)
    .bind(content.plain)
    .bind(i64::from(published))
    .bind(now_ms)
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Marks article `id` deleted by agent `deleted_by`; the row stays for the numbers.
pub async fn remove(db: &Db, id: &str, deleted_by: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE kb_articles SET deleted_at = $1, deleted_by = $2, updated_at = $3 \
         WHERE id = $4 AND deleted_at IS NULL",
    )
    .bind(now_ms)
    .bind(deleted_by)
    .bind(now_ms)
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Up to `limit` published articles of the tenant in `lang` matching `terms`, best first,
/// titles weighing more than text: BM25 over the FTS5 table on SQLite, `ts_rank` over the
/// article's `tsvector` (title weight A, text B) on PostgreSQL.
pub async fn search(
    db: &Db,
    tenant_id: &str,
    lang: &str,
    terms: &Terms,
    limit: i64,
) -> Result<Vec<ArticleHit>, sqlx::Error> {
    let (sql, query) = match db.engine() {
        Engine::Sqlite => (
            "SELECT a.id, a.title, snippet(kb_fts, 1, '', '', '…', 16) FROM kb_fts \
             JOIN kb_articles a ON a.rowid = kb_fts.rowid \
             WHERE kb_fts MATCH $1 AND a.tenant_id = $2 AND a.lang = $3 AND a.published = 1 \
             AND a.deleted_at IS NULL ORDER BY bm25(kb_fts, 5.0, 1.0) LIMIT $4",
            terms.fts5(),
        ),
        // The typed words, diacritics removed by the same `unaccent` as the articles', then
        // stripped of what `unaccent` may turn into query syntax (it maps a few letters to
        // ':', '(' or a quote); each matches as a prefix of a word as written (`words`), or
        // stemmed as a whole word in the article's language (`search`).
        Engine::Postgres => (
            "WITH typed AS ( \
                 SELECT regexp_replace(unaccent(w), '[&|!():*<>''\\\\[:space:]]+', '', 'g') AS w \
                 FROM regexp_split_to_table($1, ' ') AS w), \
             q AS ( \
                 SELECT to_tsquery('simple', string_agg(w || ':*', ' | ')) AS prefix, \
                 to_tsquery(kb_config($3), string_agg(w, ' | ')) AS stemmed \
                 FROM typed WHERE w <> '') \
             SELECT a.id, a.title, COALESCE(ts_headline(kb_config(a.lang), a.plain, q.stemmed, \
             'MaxWords=16, MinWords=8, StartSel=\"\", StopSel=\"\"'), '') \
             FROM kb_articles a, q \
             WHERE (a.words @@ q.prefix OR a.search @@ q.stemmed) \
             AND a.tenant_id = $2 AND a.lang = $3 AND a.published = 1 AND a.deleted_at IS NULL \
             ORDER BY ts_rank(a.search, q.stemmed) + ts_rank(a.words, q.prefix) DESC, a.id \
             LIMIT $4",
            terms.words(),
        ),
    };
    let rows: Vec<(String, String, String)> = sqlx::query_as(sql)
        .bind(query)
        .bind(tenant_id)
        .bind(lang)
        .bind(limit)
        .fetch_all(&db.pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, snippet)| ArticleHit { id, title, snippet })
        .collect())
}

/// A published article of the tenant as a customer reads it. With `count_view` the view is
/// counted in the same statement, so reading and counting cannot disagree; without it the
/// read writes nothing.
pub async fn read_published(
    db: &Db,
    tenant_id: &str,
    id: &str,
    count_view: bool,
) -> Result<Option<Article>, sqlx::Error> {
    let sql = if count_view {
        "UPDATE kb_articles SET views = views + 1 WHERE id = $1 AND tenant_id = $2 AND published = 1 \
         AND deleted_at IS NULL RETURNING lang, title, html, updated_at"
    } else {
        "SELECT lang, title, html, updated_at FROM kb_articles WHERE id = $1 AND tenant_id = $2 \
         AND published = 1 AND deleted_at IS NULL"
    };
    let row: Option<(String, String, String, i64)> = sqlx::query_as(sql)
        .bind(id)
        .bind(tenant_id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|(lang, title, html, updated)| Article {
        id: id.to_owned(),
        lang,
        title,
        html,
        updated_at: time::rfc3339(updated),
    }))
}

/// Records that article `id` solved the customer's problem, counted once per account and
/// article however often it is clicked. `false` when the tenant has no such published article.
pub async fn mark_solved(
    db: &Db,
    tenant_id: &str,
    account_id: &str,
    id: &str,
) -> Result<bool, sqlx::Error> {
    // One write transaction: the check, the answer and the article's count agree.
    let mut tx = db.write().await?;
    let exists: Option<String> = sqlx::query_scalar(
        "SELECT id FROM kb_articles WHERE id = $1 AND tenant_id = $2 AND published = 1 \
         AND deleted_at IS NULL",
    )
    .bind(id)
    .bind(tenant_id)
    .fetch_optional(&mut *tx)
    .await?;
    if exists.is_none() {
        return Ok(false);
    }
    let first = sqlx::query(
        "INSERT INTO kb_solved (article_id, tenant_id, account_id, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(tenant_id)
    .bind(account_id)
    .bind(time::now_ms())
    .execute(&mut *tx)
    .await?;
    if first.rows_affected() == 1 {
        sqlx::query("UPDATE kb_articles SET solved = solved + 1 WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// "This solved it" answers per tenant of `scope` since `since_ms`: the deflections in the
/// ticket numbers. Tenants without any are left out.
pub async fn solved_per_tenant(
    db: &Db,
    scope: &Scope,
    since_ms: i64,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT k.tenant_id, COUNT(*) FROM kb_solved k WHERE {} AND k.created_at >= $2 \
         GROUP BY k.tenant_id",
        condition(scope, "k.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(since_ms)
    .fetch_all(&db.pool)
    .await
}

/// Demo seed: a published article with a fixed id, inserted once; later edits are kept.
pub async fn seed_article(
    db: &Db,
    id: &str,
    tenant_id: &str,
    content: &Content<'_>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO kb_articles (id, tenant_id, lang, title, body, html, plain, published, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9) ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(tenant_id)
    .bind(content.lang)
    .bind(content.title)
    .bind(content.body)
    .bind(content.html)
    .bind(content.plain)
    .bind(now_ms)
    .bind(now_ms)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Demo seed: a "this solved it" answer of `account_id` at `created_at`, counted on the
/// article once. Skipped when there is no such article row, which the answer refers to.
pub async fn seed_solved(
    db: &Db,
    article_id: &str,
    tenant_id: &str,
    account_id: &str,
    created_at: i64,
) -> Result<(), sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO kb_solved (article_id, tenant_id, account_id, created_at) \
         SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM kb_articles WHERE id = $1) \
         ON CONFLICT DO NOTHING",
    )
    .bind(article_id)
    .bind(tenant_id)
    .bind(account_id)
    .bind(created_at)
    .execute(&db.pool)
    .await?;
    if done.rows_affected() == 1 {
        sqlx::query("UPDATE kb_articles SET solved = solved + 1 WHERE id = $1")
            .bind(article_id)
            .execute(&db.pool)
            .await?;
    }
    Ok(())
}
