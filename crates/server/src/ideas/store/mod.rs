//! The ideas board in the database: the board customers read and vote on ([`board`]), votes
//! and "vote for this instead" ([`votes`]), what voters have yet to learn ([`news`]), the
//! moderation queue ([`queue`]) and each tenant's settings ([`settings`]).

pub mod board;
pub mod news;
pub mod numbers;
pub mod queue;
pub mod seed;
pub mod settings;
pub mod votes;

use panelcare_model::ideas::{IdeaStatus, IdeaVisibility};

use crate::db::Row;

/// A column's text as one of `parse`'s values, or a decode error naming the column.
fn parsed<T>(r: &Row, col: &str, parse: fn(&str) -> Option<T>) -> Result<T, sqlx::Error> {
    use sqlx::Row as _;
    let v: String = r.try_get(col)?;
    parse(&v).ok_or_else(|| sqlx::Error::ColumnDecode {
        index: col.into(),
        source: format!("unexpected value {v:?}").into(),
    })
}

fn status(r: &Row) -> Result<IdeaStatus, sqlx::Error> {
    parsed(r, "status", IdeaStatus::parse)
}

fn visibility(r: &Row) -> Result<IdeaVisibility, sqlx::Error> {
    parsed(r, "visibility", IdeaVisibility::parse)
}
