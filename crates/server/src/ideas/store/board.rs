//! The board as customers read it: published ideas of their own tenant only, and the idea a
//! shared suggestion becomes. Every read binds the tenant as `$1` and the caller's account
//! as `$2` (for "voted" and "mine").

use panelcare_model::ideas::{
    AuthorDisplay, Idea, IdeaSettings, IdeaView, IdeaVisibility, title_of,
};
use sqlx::Row as _;

use super::status;
use crate::{
    auth::Customer,
    db::{Conn, Db, Engine, Row},
    kb::search::Terms,
    time,
};

/// Most ideas one board list shows.
pub const LIST_LIMIT: i64 = 100;
/// Most similar ideas suggested while a customer writes.
pub const SIMILAR_LIMIT: i64 = 5;

const SELECT: &str = "SELECT i.id, i.title, i.body, i.status, i.answer, i.votes, i.account_id, \
     i.author_name, i.author_shown, i.created_at, i.status_at, \
     (SELECT COUNT(*) FROM idea_votes v WHERE v.idea_id = i.id AND v.account_id = $2) AS voted \
     FROM ideas i";

fn idea(r: &Row, account_id: &str, authors: AuthorDisplay) -> Result<Idea, sqlx::Error> {
    let author: String = r.try_get("account_id")?;
    Ok(Idea {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        body: r.try_get("body")?,
        status: status(r)?,
        answer: r.try_get("answer")?,
        votes: r.try_get("votes")?,
        voted: r.try_get::<i64, _>("voted")? > 0,
        mine: author == account_id,
        author: if r.try_get::<i64, _>("author_shown")? != 0 {
            authors.show(r.try_get::<Option<String>, _>("author_name")?.as_deref())
        } else {
            None
        },
        created_at: time::rfc3339(r.try_get("created_at")?),
        status_at: r.try_get::<Option<i64>, _>("status_at")?.map(time::rfc3339),
    })
}

/// Stores the idea a suggestion shared as one becomes, inside the suggestion's own
/// transaction, with its author's vote. `published` when the tenant does not moderate.
pub async fn create_from_feedback(
    conn: &mut Conn,
    who: &Customer,
    feedback_id: &str,
    message: &str,
    settings: &IdeaSettings,
) -> Result<String, sqlx::Error> {
    let published = !settings.moderated;
    let id = uuid::Uuid::new_v4().to_string();
    let now = time::now_ms();
    let visibility = if published {
        IdeaVisibility::Published
    } else {
        IdeaVisibility::Pending
    };
    sqlx::query(
        "INSERT INTO ideas (id, tenant_id, feedback_id, account_id, author_name, author_shown, \
         title, body, visibility, votes, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $10, $6, $7, $8, 1, $9, $9)",
    )
    .bind(&id)
    .bind(&who.tenant_id)
    .bind(feedback_id)
    .bind(&who.account_id)
    .bind(&who.name)
    .bind(title_of(message))
    .bind(message)
    .bind(visibility.as_str())
    .bind(now)
    .bind(i64::from(settings.authors == AuthorDisplay::FirstName))
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO idea_votes (idea_id, tenant_id, account_id, plan, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(&who.tenant_id)
    .bind(&who.account_id)
    .bind(&who.plan)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// One board list.
pub async fn list(
    db: &Db,
    who: &Customer,
    view: IdeaView,
    authors: AuthorDisplay,
) -> Result<Vec<Idea>, sqlx::Error> {
    let (filter, order) = match view {
        IdeaView::Top => (
            "i.status NOT IN ('shipped', 'declined')",
            "i.votes DESC, i.created_at DESC",
        ),
        IdeaView::New => (
            "i.status NOT IN ('shipped', 'declined')",
            "i.created_at DESC",
        ),
        IdeaView::Planned => (
            "i.status IN ('planned', 'in_progress')",
            "i.votes DESC, i.created_at DESC",
        ),
        IdeaView::Shipped => ("i.status = 'shipped'", "i.status_at DESC"),
        IdeaView::Mine => (
            "EXISTS (SELECT 1 FROM idea_votes m WHERE m.idea_id = i.id AND m.account_id = $2)",
            "i.votes DESC, i.created_at DESC",
        ),
    };
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE i.tenant_id = $1 AND i.visibility = 'published' AND {filter} \
         ORDER BY {order}, i.id LIMIT $3"
    ))
    .bind(&who.tenant_id)
    .bind(&who.account_id)
    .bind(LIST_LIMIT)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| idea(r, &who.account_id, authors))
        .collect()
}

/// One published idea of the caller's tenant.
pub async fn get(
    db: &Db,
    who: &Customer,
    id: &str,
    authors: AuthorDisplay,
) -> Result<Option<Idea>, sqlx::Error> {
    sqlx::query(&format!(
        "{SELECT} WHERE i.tenant_id = $1 AND i.visibility = 'published' AND i.id = $3"
    ))
    .bind(&who.tenant_id)
    .bind(&who.account_id)
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .as_ref()
    .map(|r| idea(r, &who.account_id, authors))
    .transpose()
}

/// Published, undecided or planned ideas like what the customer is typing, best first
/// (shipped and declined ideas are not worth a vote instead).
pub async fn similar(
    db: &Db,
    who: &Customer,
    terms: &Terms,
    authors: AuthorDisplay,
) -> Result<Vec<Idea>, sqlx::Error> {
    let open = "i.tenant_id = $1 AND i.visibility = 'published' \
                AND i.status NOT IN ('shipped', 'declined')";
    let (sql, query) = match db.engine() {
        Engine::Sqlite => (
            format!(
                "{SELECT} JOIN ideas_fts ON ideas_fts.rowid = i.rowid \
                 WHERE ideas_fts MATCH $3 AND {open} \
                 ORDER BY bm25(ideas_fts, 5.0, 1.0), i.votes DESC LIMIT $4"
            ),
            terms.fts5(),
        ),
        // As the knowledge base's search: the typed words without diacritics and without
        // anything `unaccent` may turn into query syntax, each a prefix of a word as written.
        Engine::Postgres => (
            format!(
                "WITH typed AS ( \
                     SELECT regexp_replace(unaccent(w), '[&|!():*<>''\\\\[:space:]]+', '', 'g') \
                     AS w FROM regexp_split_to_table($3, ' ') AS w), \
                 q AS (SELECT to_tsquery('simple', string_agg(w || ':*', ' | ')) AS prefix \
                     FROM typed WHERE w <> '') \
                 {SELECT}, q WHERE i.words @@ q.prefix AND {open} \
                 ORDER BY ts_rank(i.words, q.prefix) DESC, i.votes DESC, i.id LIMIT $4"
            ),
            terms.words(),
        ),
    };
    let rows = sqlx::query(&sql)
        .bind(&who.tenant_id)
        .bind(&who.account_id)
        .bind(query)
        .bind(SIMILAR_LIMIT)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| idea(r, &who.account_id, authors))
        .collect()
}
