//! Tenant rows and their place in the provider–reseller tree, and the SQL form of a
//! [`Scope`] every scoped query of the other stores uses.

use panelcare_model::console::TenantInfo;

use super::Scope;
use crate::{
    db::{Conn, Db},
    time::now_ms,
};

/// A SQL condition on `column` that holds for the tenants of `scope`; the statement binds
/// `scope.tenant_id` as `$1`.
pub fn condition(scope: &Scope, column: &str) -> String {
    if scope.with_resellers {
        format!("{column} IN (SELECT id FROM tenants WHERE id = $1 OR parent_id = $1)")
    } else {
        format!("{column} = $1")
    }
}

/// Creates the tenant if it does not exist; returns whether it was created. A tenant with a
/// `parent` is a reseller of that provider.
pub async fn create(
    db: &Db,
    id: &str,
    name: &str,
    parent: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO tenants (id, name, parent_id, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(name)
    .bind(parent)
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether tenant `id` exists.
pub async fn exists(db: &Db, id: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM tenants WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}

/// Every tenant's id, in order.
pub async fn ids(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM tenants ORDER BY id")
        .fetch_all(&db.pool)
        .await
}

/// The tenant's name, if it exists.
pub async fn name(db: &Db, id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM tenants WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// [`name`] on `conn`, a caller's transaction.
pub async fn name_in(conn: &mut Conn, id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM tenants WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// The provider a reseller sells for; `None` for a provider (or an unknown tenant).
pub async fn parent_of(db: &Db, tenant_id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar::<_, Option<String>>("SELECT parent_id FROM tenants WHERE id = $1")
        .bind(tenant_id)
        .fetch_optional(&db.pool)
        .await
        .map(Option::flatten)
}

/// The tenants of `scope`: the provider first, then its resellers by name.
pub async fn in_scope(db: &Db, scope: &Scope) -> Result<Vec<TenantInfo>, sqlx::Error> {
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT id, name, parent_id FROM tenants t WHERE {} ORDER BY parent_id IS NOT NULL, name",
        condition(scope, "t.id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, parent_id)| TenantInfo {
            id,
            name,
            parent_id,
        })
        .collect())
}

/// Whether `tenant_id` is one of the tenants of `scope`.
pub async fn is_in_scope(db: &Db, scope: &Scope, tenant_id: &str) -> Result<bool, sqlx::Error> {
    let found: Option<String> = sqlx::query_scalar(&format!(
        "SELECT id FROM tenants t WHERE {} AND t.id = $2",
        condition(scope, "t.id")
    ))
    .bind(&scope.tenant_id)
    .bind(tenant_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}
