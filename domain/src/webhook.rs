//! Webhooks' rules: where a delivery may go, and when a failed one is
//! tried again.

/// The default retry schedule: 1 min, 5 min, 30 min, 2 h.
pub const WEBHOOK_RETRY_SECS: [u32; 4] = [60, 300, 1800, 7200];

/// After the `attempts`-th failed try, the wait before the next (`None`:
/// give up, the delivery failed).
#[must_use]
pub fn webhook_retry_after(attempts: u32, schedule_secs: &[u32]) -> Option<i64> {
    let i = usize::try_from(attempts).ok()?.checked_sub(1)?;
    schedule_secs.get(i).map(|s| i64::from(*s) * 1000)
}

/// Checks a webhook's URL at creation: `https:` to a public name or
/// address; `http:` or `https:` to loopback or a private address only when
/// the deployment allows local receivers (tests, self-hosters). The
/// runtime's outbound network rule is the real guard (a Worker cannot
/// resolve names itself): this refuses the obvious cases early, clearly.
///
/// # Errors
/// Why the URL is refused, in words for the human who typed it.
pub fn check_webhook_url(url: &str, allow_local: bool) -> Result<(), String> {
    let (scheme, rest) = url.split_once("://").ok_or("must be an absolute URL (https://…)")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err("must not carry a user name or password".into());
    }
    let host = host_of(authority).ok_or("has no host")?;
    let local = is_local(&host);
    match (scheme.as_str(), local, allow_local) {
        ("https" | "http", true, true) | ("https", false, _) => Ok(()),
        (_, true, false) => {
            Err(format!("goes to a loopback or private address ({host}): this hub does not send webhooks there"))
        }
        ("http", false, _) => Err("must use https:".into()),
        _ => Err(format!("has an unsupported scheme ({scheme}:); use https:")),
    }
}

/// The host of `host[:port]` or `[v6]:port`, lowercase, without a trailing dot.
fn host_of(authority: &str) -> Option<String> {
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next()?
    } else {
        authority.rsplit_once(':').map_or(authority, |(h, _)| h)
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// Loopback, private, link-local or unspecified addresses, and names that
/// only mean this machine or network.
fn is_local(host: &str) -> bool {
    if host == "localhost" || host.ends_with(".localhost") || host.ends_with(".local") || host.ends_with(".internal") {
        return true;
    }
    if let Ok(ip) = host.parse::<std::net::Ipv4Addr>() {
        return ip.is_loopback() || ip.is_private() || ip.is_link_local() || ip.is_unspecified() || ip.octets()[0] == 0;
    }
    if let Ok(ip) = host.parse::<std::net::Ipv6Addr>() {
        let first = ip.segments()[0];
        let mapped = ip.to_ipv4_mapped().is_some_and(|v4| is_local(&v4.to_string()));
        return ip.is_loopback()
            || ip.is_unspecified()
            || (first & 0xfe00) == 0xfc00
            || (first & 0xffc0) == 0xfe80
            || mapped;
    }
    // A bare number is an IPv4 address to some parsers (http://2130706433/).
    host.chars().all(|c| c.is_ascii_digit() || c == '.' || c == 'x')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_follow_the_schedule_then_stop() {
        let s = WEBHOOK_RETRY_SECS;
        assert_eq!(webhook_retry_after(0, &s), None);
        assert_eq!(webhook_retry_after(1, &s), Some(60_000));
        assert_eq!(webhook_retry_after(4, &s), Some(7_200_000));
        assert_eq!(webhook_retry_after(5, &s), None);
    }

    #[test]
    fn only_https_to_public_hosts_unless_local_is_allowed() {
        assert!(check_webhook_url("https://hooks.slack.com/services/T/B/x", false).is_ok());
        assert!(check_webhook_url("http://hooks.slack.com/x", false).unwrap_err().contains("https"));
        for local in [
            "https://127.0.0.1/x",
            "https://localhost:8080/",
            "https://10.0.0.5/",
            "https://192.168.1.1/",
            "https://172.16.0.1/",
            "https://169.254.169.254/latest",
            "https://[::1]:99/",
            "https://[fd00::1]/",
            "https://0.0.0.0/",
            "https://2130706433/",
            "https://printer.local/",
        ] {
            assert!(check_webhook_url(local, false).unwrap_err().contains("private"), "{local}");
            assert!(check_webhook_url(local, true).is_ok(), "{local}");
        }
        assert!(check_webhook_url("http://127.0.0.1:9/hook", true).is_ok());
        assert!(check_webhook_url("ftp://example.com/", false).is_err());
        assert!(check_webhook_url("example.com/hook", false).is_err());
        assert!(check_webhook_url("https://user:pw@example.com/", false).is_err());
    }
}
