//! Which addresses a delivery may connect to. A tenant chooses where its webhooks and its
//! ticket bridge go; without this rule that choice reaches the server's own machine, its
//! private network and the cloud's metadata service (issue 17). The rule is applied to the
//! address actually connected to, after name resolution, so a name that resolves somewhere
//! private (or changes what it resolves to between a check and the connection) gets nowhere.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Names refused whatever they resolve to: cloud metadata services answer under these on
/// their own resolvers, which may not be the one this check sees.
const REFUSED_NAMES: &[&str] = &["metadata.google.internal", "metadata.goog", "metadata"];

/// Whether a delivery may connect to `ip`: only globally routed unicast addresses.
pub fn ip_allowed(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4_allowed(v4),
        IpAddr::V6(v6) => v6_allowed(v6),
    }
}

/// Whether the name `host` is refused whatever it resolves to (cloud metadata names).
pub fn name_refused(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    REFUSED_NAMES.contains(&host.as_str())
}

/// Whether the name `host` means this machine (RFC 6761). Deliveries judge it by what it
/// resolves to like any name; saving it is refused at once, as it can never work.
pub fn name_is_local(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "localhost" || host.ends_with(".localhost")
}

fn v4_allowed(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let refused = a == 0 // "this network", 0.0.0.0 included
        || a == 10
        || (a == 100 && (64..128).contains(&b)) // CGNAT 100.64/10 (Alibaba's metadata too)
        || a == 127
        || (a == 169 && b == 254) // link-local, 169.254.169.254 metadata included
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // documentation
        || (a == 192 && b == 168)
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || (a == 198 && b == 51 && c == 100) // documentation
        || (a == 203 && b == 0 && c == 113) // documentation
        || a >= 224; // multicast, reserved, 255.255.255.255 broadcast
    !refused
}

fn v6_allowed(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    // Forms that carry an IPv4 address are judged by that address.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return v4_allowed(v4);
    }
    if s[0] == 0x0064 && s[1] == 0xff9b && s[2..6] == [0; 4] {
        // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last 32 bits.
        return v4_allowed(embedded_v4(s[6], s[7]));
    }
    if s[0] == 0x2002 {
        // 6to4 (2002::/16) carries its IPv4 address in bits 16..48.
        return v4_allowed(embedded_v4(s[1], s[2]));
    }
    let refused = s[..6] == [0; 6] // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
        || (s[0] & 0xfe00) == 0xfc00 // unique-local fc00::/7, fd00:ec2::254 metadata included
        || (s[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
        || (s[0] & 0xffc0) == 0xfec0 // deprecated site-local fec0::/10
        || (s[0] & 0xff00) == 0xff00 // multicast
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || (s[0] == 0x2001 && s[1] == 0) // Teredo: tunnels to an address it hides
        || (s[0] == 0x0100 && s[1..4] == [0; 3]); // discard-only 100::/64
    !refused
}

fn embedded_v4(hi: u16, lo: u16) -> Ipv4Addr {
    let [a, b] = hi.to_be_bytes();
    let [c, d] = lo.to_be_bytes();
    Ipv4Addr::new(a, b, c, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_unicast_addresses_are_allowed() {
        let table = [
            ("93.184.216.34", true),
            ("1.1.1.1", true),
            ("2606:2800:220:1:248:1893:25c8:1946", true),
            ("::ffff:93.184.216.34", true),
            ("127.0.0.1", false),
            ("127.1.2.3", false),
            ("0.0.0.0", false),
            ("10.1.2.3", false),
            ("172.16.0.1", false),
            ("172.31.255.255", false),
            ("172.32.0.1", true),
            ("192.168.1.1", false),
            ("100.64.0.1", false),
            ("100.127.255.254", false),
            ("100.128.0.1", true),
            ("169.254.169.254", false),
            ("192.0.2.10", false),
            ("198.51.100.7", false),
            ("203.0.113.9", false),
            ("198.18.0.1", false),
            ("224.0.0.1", false),
            ("239.255.255.250", false),
            ("255.255.255.255", false),
            ("240.0.0.1", false),
            ("::", false),
            ("::1", false),
            ("::127.0.0.1", false),
            ("::ffff:127.0.0.1", false),
            ("::ffff:10.0.0.1", false),
            ("::ffff:169.254.169.254", false),
            ("::ffff:0.0.0.0", false),
            ("64:ff9b::7f00:1", false),
            ("64:ff9b::5db8:d822", true),
            ("2002:7f00:1::", false),
            ("fe80::1", false),
            ("fc00::1", false),
            ("fd00:ec2::254", false),
            ("fec0::1", false),
            ("ff02::1", false),
            ("2001:db8::1", false),
            ("2001:0:4136:e378:8000:63bf:3fff:fdd2", false),
            ("100::1", false),
        ];
        for (ip, allowed) in table {
            let parsed: IpAddr = ip.parse().expect(ip);
            assert_eq!(ip_allowed(parsed), allowed, "{ip}");
        }
    }

    #[test]
    fn metadata_names_are_refused_and_local_ones_known() {
        for name in ["metadata.google.internal", "METADATA.google.internal."] {
            assert!(name_refused(name), "{name}");
        }
        assert!(!name_refused("hooks.example.com"));
        for name in ["localhost", "LOCALHOST.", "a.localhost"] {
            assert!(name_is_local(name), "{name}");
        }
        assert!(!name_is_local("localhost.example.com"));
    }
}
