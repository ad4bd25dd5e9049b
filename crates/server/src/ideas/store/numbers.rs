//! The board's weekly figures: ideas shared, votes cast, deflections.

use crate::{
    db::Db,
    tenants::{Scope, store::condition},
};

/// Counts per week since `since` (ms, the start of the first week): `(week index, ideas,
/// votes, deflections)`, weeks without any left out.
pub async fn weekly(
    db: &Db,
    scope: &Scope,
    tenant: Option<&str>,
    since: i64,
) -> Result<Vec<(i64, i64, i64, i64)>, sqlx::Error> {
    const WEEK_MS: i64 = 7 * 24 * 3600 * 1000;
    let mut weeks = std::collections::BTreeMap::<i64, (i64, i64, i64)>::new();
    for (n, table) in ["ideas", "idea_votes", "idea_deflections"]
        .iter()
        .enumerate()
    {
        // Integer division on both engines: the week an event fell in.
        let rows: Vec<(i64, i64)> = sqlx::query_as(&format!(
            "SELECT (x.created_at - $2) / $3 AS week, COUNT(*) FROM {table} x \
             WHERE {} AND ($4 IS NULL OR x.tenant_id = $4) AND x.created_at >= $2 \
             GROUP BY (x.created_at - $2) / $3",
            condition(scope, "x.tenant_id")
        ))
        .bind(&scope.tenant_id)
        .bind(since)
        .bind(WEEK_MS)
        .bind(tenant)
        .fetch_all(&db.pool)
        .await?;
        for (week, count) in rows {
            let e = weeks.entry(week).or_default();
            match n {
                0 => e.0 = count,
                1 => e.1 = count,
                _ => e.2 = count,
            }
        }
    }
    Ok(weeks
        .into_iter()
        .map(|(w, (i, v, d))| (w, i, v, d))
        .collect())
}
