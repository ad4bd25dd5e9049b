//! Facts about the host-signed identity token that both sides need to know.

/// The `aud` every identity token must carry.
pub const AUDIENCE: &str = "panelcare";

/// Longest lifetime (`exp - iat`) the server accepts; hosts mint short-lived tokens.
pub const MAX_TOKEN_LIFETIME_SECS: i64 = 15 * 60;
