//! A tenant's board settings: whether it has a board, whether new ideas wait for an agent,
//! how authors are named.

use panelcare_model::ideas::{AuthorDisplay, IdeaSettings};

use crate::{db::Db, time};

/// The tenant's settings; a tenant that never saved any has no board.
pub async fn of_tenant(db: &Db, tenant_id: &str) -> Result<IdeaSettings, sqlx::Error> {
    let row: Option<(i64, i64, String)> =
        sqlx::query_as("SELECT board, moderated, authors FROM idea_settings WHERE tenant_id = $1")
            .bind(tenant_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(match row {
        Some((board, moderated, authors)) => IdeaSettings {
            board: board != 0,
            moderated: moderated != 0,
            authors: AuthorDisplay::parse(&authors).unwrap_or_default(),
        },
        None => IdeaSettings {
            board: false,
            moderated: true,
            authors: AuthorDisplay::FirstName,
        },
    })
}

pub async fn save(db: &Db, tenant_id: &str, s: &IdeaSettings) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO idea_settings (tenant_id, board, moderated, authors, updated_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id) DO UPDATE SET board = $2, \
         moderated = $3, authors = $4, updated_at = $5",
    )
    .bind(tenant_id)
    .bind(i64::from(s.board))
    .bind(i64::from(s.moderated))
    .bind(s.authors.as_str())
    .bind(time::now_ms())
    .execute(&db.pool)
    .await?;
    Ok(())
}
