//! Who is on the other end: the address sign-in throttling counts by. It is the connection's
//! address, or, when the server is configured to sit behind a reverse proxy, what that proxy
//! wrote in its header. The header is never read otherwise: any client can send one.

use std::{
    convert::Infallible,
    net::{IpAddr, SocketAddr},
};

use axum::{
    extract::{ConnectInfo, FromRequestParts},
    http::request::Parts,
};

use crate::state::AppState;

/// The client's address as text (`unknown` when neither the connection nor the trusted
/// header tells it, as in tests that call the router directly).
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let name = state.config.client_address_header.trim();
        let forwarded = (!name.is_empty())
            .then(|| parts.headers.get_all(name).iter().next_back())
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(last_address);
        Ok(Self(forwarded.or(peer).map_or_else(
            || "unknown".to_owned(),
            |ip| canonical(ip).to_string(),
        )))
    }
}

/// The last address of a comma-separated list (`X-Forwarded-For`): the one the trusted
/// proxy appended; those before it are whatever the client claimed.
fn last_address(value: &str) -> Option<IpAddr> {
    let last = value.rsplit(',').next()?.trim();
    last.parse::<IpAddr>()
        .ok()
        .or_else(|| last.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// One address one way: an IPv4 client seen through an IPv6 socket is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_proxy_added_address_is_the_last() {
        assert_eq!(
            last_address("6.6.6.6, 10.0.0.1 , 203.0.113.7"),
            "203.0.113.7".parse().ok()
        );
        assert_eq!(
            last_address("[2001:db8::1]:443"),
            "2001:db8::1".parse().ok()
        );
        assert_eq!(last_address("not an address"), None);
        assert_eq!(
            canonical("::ffff:192.0.2.1".parse().unwrap_or(IpAddr::from([0; 4]))),
            IpAddr::from([192, 0, 2, 1])
        );
    }
}
