//! CORS: the hub's own origin needs none, and no other origin is allowed
//! unless `HUB_CORS_ORIGINS` names it. Agents are not browsers, so this
//! only narrows what web pages on other sites can make a visitor's browser
//! do. Cookies are never allowed cross-origin.

use worker::Env;

const METHODS: &str = "GET, POST, PUT, DELETE, PATCH, OPTIONS";
const HEADERS: &str = "Authorization, Content-Type, X-Agent-Id, X-Resource-Path, X-Hub-Team";

/// The CORS answer for one request: the origin to allow, if any.
pub struct Cors {
    allowed: Option<String>,
}

impl Cors {
    pub fn for_request<B>(req: &http::Request<B>, env: &Env) -> Self {
        let allowed = req
            .headers()
            .get(http::header::ORIGIN)
            .and_then(|origin| origin.to_str().ok())
            .filter(|origin| {
                crate::config::cors_origins(env).iter().any(|o| o == "*" || o.eq_ignore_ascii_case(origin))
            })
            .map(str::to_owned);
        Self { allowed }
    }

    /// The request's `Origin` when it is another site's: not the hub's own
    /// host, not loopback calling loopback, not allowed by
    /// `HUB_CORS_ORIGINS`. `/mcp` refuses those (a web page must not
    /// reach a local hub through DNS rebinding).
    pub fn foreign_origin<B>(req: &http::Request<B>, env: &Env) -> Option<String> {
        let origin = req.headers().get(http::header::ORIGIN)?.to_str().ok()?;
        if Self::for_request(req, env).allowed.is_some() {
            return None;
        }
        let ours = req.uri().authority().map(|a| a.as_str().to_owned()).unwrap_or_default();
        let same = same_site(origin, &ours);
        (!same).then(|| origin.to_owned())
    }

    /// # Errors
    /// Only when the runtime cannot build a response.
    pub fn preflight(&self) -> worker::Result<worker::Response> {
        let status = if self.allowed.is_some() { 204 } else { 403 };
        Ok(worker::Response::empty()?.with_status(status))
    }

    /// Whether the request came from another origin this hub allows.
    pub fn allows(&self) -> bool {
        self.allowed.is_some()
    }

    /// An object's answer, as it is unless an allowed origin needs the
    /// CORS headers on it (then on a copy: the runtime's headers of a
    /// fetched answer are immutable). A WebSocket handshake (101) passes
    /// untouched.
    ///
    /// # Errors
    /// When the runtime refuses a header.
    pub fn pass_on(&self, res: worker::web_sys::Response) -> worker::Result<worker::web_sys::Response> {
        if !self.allows() || res.status() == 101 {
            return Ok(res);
        }
        let res = worker::Response::from(res);
        let headers = res.headers().clone();
        self.apply(&headers)?;
        Ok(res.with_headers(headers).into())
    }

    /// Adds the CORS headers for an allowed origin to a response's
    /// (mutable) headers. Not for a WebSocket handshake (101), which must
    /// pass untouched.
    ///
    /// # Errors
    /// When the runtime refuses a header.
    pub fn apply(&self, headers: &worker::Headers) -> worker::Result<()> {
        if let Some(origin) = &self.allowed {
            headers.set("access-control-allow-origin", origin)?;
            headers.set("access-control-allow-methods", METHODS)?;
            headers.set("access-control-allow-headers", HEADERS)?;
            headers.set("access-control-expose-headers", "Retry-After")?;
        }
        Ok(())
    }
}

/// Whether `origin` (`scheme://host[:port]`) is the host `authority` names,
/// or both are loopback (a local client of a local hub). An origin without
/// a host (`null`) names no other site: the token decides, as for any call.
fn same_site(origin: &str, authority: &str) -> bool {
    let Some(theirs) = origin.split("://").nth(1).map(|r| r.split('/').next().unwrap_or(r).to_ascii_lowercase()) else {
        return true;
    };
    let ours = authority.to_ascii_lowercase();
    let name = |h: &str| match h.rsplit_once(':') {
        Some((n, p)) if p.chars().all(|c| c.is_ascii_digit()) => n.to_owned(),
        _ => h.to_owned(),
    };
    let loopback = |h: &str| matches!(name(h).as_str(), "localhost" | "127.0.0.1" | "[::1]");
    theirs == ours || (loopback(&theirs) && loopback(&ours))
}

#[cfg(test)]
mod tests {
    use super::same_site;

    #[test]
    fn only_the_hub_itself_or_loopback_to_loopback_is_the_same_site() {
        assert!(same_site("https://hub.example.com", "hub.example.com"));
        assert!(same_site("http://localhost:8812", "127.0.0.1:8811"));
        assert!(same_site("http://[::1]:3000", "localhost:8787"));
        assert!(!same_site("http://evil.example", "127.0.0.1:8811"));
        assert!(!same_site("http://localhost:8812", "hub.example.com"));
        assert!(same_site("null", "127.0.0.1:8811"), "no host, no other site");
    }
}
