//! The one way deliveries reach the outside: a reqwest client that connects only to addresses
//! the [`guard`](super::guard) allows (checked on each address a name resolves to, when it is
//! connected to, so DNS rebinding finds no gap), follows no redirect and uses no proxy from
//! the environment (a proxy would resolve and connect where the guard cannot look). Hosts the
//! server's operator lists in `--outbound-allow` skip the guard: a provider whose helpdesk
//! runs on its own network says so in the server's configuration, never a tenant.

use std::{
    error::Error,
    net::{IpAddr, SocketAddr},
    sync::Arc,
    time::Duration,
};

use reqwest::{
    StatusCode, Url,
    dns::{Addrs, Name, Resolve, Resolving},
};

use super::{Failure, guard};

/// Hosts (with an optional port) deliveries may reach although the guard refuses them:
/// `--outbound-allow helpdesk.lan,10.0.0.5:8443,[fd00::5]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowList(Vec<(String, Option<u16>)>);

impl AllowList {
    /// A comma-separated list of `host`, `host:port`, `[ipv6]` or `[ipv6]:port`.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut entries = Vec::new();
        for item in list.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (host, port) = split_port(item)?;
            let host = match host.trim_matches(['[', ']']).parse::<IpAddr>() {
                Ok(ip) => normal_ip(ip),
                Err(_) if host.starts_with('[') => {
                    return Err(format!("{item:?}: not an IPv6 address"));
                }
                Err(_) => host.trim_end_matches('.').to_ascii_lowercase(),
            };
            if host.is_empty() || host.contains(['/', '@', ' ']) {
                return Err(format!("{item:?}: give a host, host:port or [ipv6]:port"));
            }
            entries.push((host, port));
        }
        Ok(Self(entries))
    }

    /// Whether `host` (as a URL spells it: lower case, IPv6 in brackets) on `port` is listed.
    pub fn allows(&self, host: &str, port: Option<u16>) -> bool {
        let host = match host.trim_matches(['[', ']']).parse::<IpAddr>() {
            Ok(ip) => normal_ip(ip),
            Err(_) => host.trim_end_matches('.').to_ascii_lowercase(),
        };
        self.0
            .iter()
            .any(|(h, p)| *h == host && (p.is_none() || *p == port))
    }
}

fn split_port(item: &str) -> Result<(&str, Option<u16>), String> {
    let bad_port = |_| format!("{item:?}: the port is not a number");
    if let Some(rest) = item.strip_prefix('[') {
        let (ip, after) = rest
            .split_once(']')
            .ok_or_else(|| format!("{item:?}: no closing ]"))?;
        return match after.strip_prefix(':') {
            Some(p) => Ok((ip, Some(p.parse().map_err(bad_port)?))),
            None if after.is_empty() => Ok((ip, None)),
            None => Err(format!("{item:?}: unexpected {after:?}")),
        };
    }
    match item.split_once(':') {
        // More than one colon and no brackets: a bare IPv6 address.
        Some((_, p)) if p.contains(':') => Ok((item, None)),
        Some((h, p)) => Ok((h, Some(p.parse().map_err(bad_port)?))),
        None => Ok((item, None)),
    }
}

fn normal_ip(ip: IpAddr) -> String {
    ip.to_string()
}

/// The error the guarded resolver fails with; [`Failure::of`] finds it in reqwest's error.
#[derive(Debug, thiserror::Error)]
#[error("the address is not allowed for outbound deliveries")]
pub struct NotAllowed;

/// Resolves with the system resolver, then keeps only the addresses the guard allows.
#[derive(Debug)]
struct GuardedResolver;

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            if guard::name_refused(&host) {
                return Err(Box::new(NotAllowed) as Box<dyn Error + Send + Sync>);
            }
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = found
                .iter()
                .copied()
                .filter(|a| guard::ip_allowed(a.ip()))
                .collect();
            if allowed.is_empty() && !found.is_empty() {
                return Err(Box::new(NotAllowed) as Box<dyn Error + Send + Sync>);
            }
            let addrs: Addrs = Box::new(allowed.into_iter());
            Ok(addrs)
        })
    }
}

/// A client for one delivery to `url`, giving up after `total`; [`Failure::NotAllowed`] when
/// `url` names a refused address outright. reqwest never asks the resolver about an IP
/// literal, so those are judged here; names are judged as they resolve.
pub fn client_for(
    allow: &AllowList,
    url: &str,
    total: Duration,
) -> Result<reqwest::Client, Failure> {
    let parsed = Url::parse(url).map_err(|_| Failure::Connect)?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Failure::Connect);
    }
    let host = parsed.host_str().ok_or(Failure::Connect)?;
    let builder = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10).min(total))
        .timeout(total)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy();
    let builder = if allow.allows(host, parsed.port_or_known_default()) {
        builder
    } else {
        match host.trim_matches(['[', ']']).parse::<IpAddr>() {
            Ok(ip) if !guard::ip_allowed(ip) => return Err(Failure::NotAllowed),
            Ok(_) => builder,
            // Names, `localhost` included, are judged by what they resolve to when connected to.
            Err(_) => builder.dns_resolver(Arc::new(GuardedResolver)),
        }
    };
    builder.build().map_err(|_| Failure::Other)
}

/// Whether `url` may be saved as a delivery address: its host is not an IP literal the guard
/// refuses, nor `localhost` or a metadata name, unless the operator allowed it. Names are
/// judged when they are connected to; this only spares an admin a setting that cannot work.
pub fn savable(allow: &AllowList, url: &str) -> bool {
    let Ok(parsed) = Url::parse(url.trim()) else {
        return true; // the model's own rule answers for malformed addresses
    };
    let Some(host) = parsed.host_str() else {
        return true;
    };
    if allow.allows(host, parsed.port_or_known_default()) {
        return true;
    }
    match host.trim_matches(['[', ']']).parse::<IpAddr>() {
        Ok(ip) => guard::ip_allowed(ip),
        Err(_) => !guard::name_refused(host) && !guard::name_is_local(host),
    }
}

/// A delivery's answer status as success or its failure class: a redirect is a failure.
pub fn judge(status: StatusCode) -> Result<(), Failure> {
    if status.is_success() {
        Ok(())
    } else if status.is_redirection() {
        Err(Failure::Redirect)
    } else {
        Err(Failure::Status(status.as_u16()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allow_list_matches_host_and_port() {
        let allow =
            AllowList::parse("helpdesk.lan, 10.0.0.5:8443,[fd00::5],127.0.0.1").expect("parses");
        assert!(allow.allows("helpdesk.lan", Some(443)));
        assert!(allow.allows("HELPDESK.LAN.", Some(80)));
        assert!(allow.allows("10.0.0.5", Some(8443)));
        assert!(!allow.allows("10.0.0.5", Some(443)));
        assert!(allow.allows("[fd00::5]", Some(80)));
        assert!(allow.allows("127.0.0.1", Some(9)));
        assert!(!allow.allows("localhost", Some(80)));
        assert!(AllowList::parse("a:b").is_err());
        assert!(AllowList::parse("[::1").is_err());
        assert_eq!(AllowList::parse("").expect("empty"), AllowList::default());
    }

    #[test]
    fn refused_literals_and_names_fail_before_any_connection() {
        let none = AllowList::default();
        let second = Duration::from_secs(1);
        for url in [
            "http://127.0.0.1:6379/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://2130706433/",
            "http://0.0.0.0/",
            "https://169.254.169.254/latest/meta-data/",
            "https://10.0.0.1/",
        ] {
            assert_eq!(
                client_for(&none, url, second).err(),
                Some(Failure::NotAllowed),
                "{url}"
            );
            assert!(!savable(&none, url), "{url}");
        }
        assert!(client_for(&none, "https://93.184.216.34/", second).is_ok());
        assert!(client_for(&none, "https://hooks.example.com/", second).is_ok());
        let allow = AllowList::parse("127.0.0.1:6379").expect("parses");
        assert!(client_for(&allow, "http://127.0.0.1:6379/", second).is_ok());
        assert!(savable(&allow, "http://127.0.0.1:6379/"));
    }

    #[tokio::test]
    async fn names_are_judged_by_what_they_resolve_to() {
        let none = AllowList::default();
        for url in ["http://localhost:9/", "http://metadata.google.internal/"] {
            assert!(!savable(&none, url), "{url}");
            let client = client_for(&none, url, Duration::from_secs(5)).expect("a client");
            let err = client.get(url).send().await.expect_err("refused");
            assert_eq!(Failure::of(&err), Failure::NotAllowed, "{url}: {err:?}");
        }
    }

    #[test]
    fn redirects_fail() {
        assert_eq!(judge(StatusCode::FOUND), Err(Failure::Redirect));
        assert_eq!(judge(StatusCode::NO_CONTENT), Ok(()));
        assert_eq!(judge(StatusCode::BAD_GATEWAY), Err(Failure::Status(502)));
    }
}
