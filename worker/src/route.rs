//! The Worker's router: which of health, an object, or the portal answers a
//! request. Object routes keep the original paths:
//! `/coordinator[/*]`, `/agent/{id}[/*]`, `/lock/{urlencoded path}[/*]`.

use hub_protocol::{object_for_path, Caller, Health, ObjectAddress, TeamId};
use worker::{web_sys, Env};

use crate::api_error::ApiError;
use crate::config::DEFAULT_TEAM;

pub enum Route {
    Preflight,
    Health,
    /// `/mcp`: the Model Context Protocol for agents (streamable HTTP).
    Mcp,
    /// `/hooks/claude-code`: Claude Code's hook protocol over HTTP.
    Hook,
    /// `GET /` from an API client (no HTML wanted): the endpoint catalogue.
    Catalogue,
    /// `GET /whoami`: who the credential is.
    WhoAmI,
    Object(ObjectTarget),
    /// `GET /login` (the form) and `POST /login` (the human token in).
    Login,
    /// `POST /logout`.
    Logout,
    Portal,
    /// A static file of the portal (`/pkg/*`, the favicon).
    Asset,
    /// `/charts/*`: the portal's charts, as SVG images.
    Chart,
    /// `/approvals/answer?...`: a webhook's signed answer link.
    AnswerLink,
}

/// A Durable Object and the name of its instance.
pub struct ObjectTarget {
    binding: &'static str,
    name: String,
    pub team: TeamId,
    /// Reachable without a credential (only `POST /coordinator/join`).
    pub public: bool,
}

impl Route {
    /// # Errors
    /// 400 for an invalid team, agent id or resource path; 404 for a path
    /// that is neither API nor portal.
    pub fn parse<B>(req: &http::Request<B>) -> Result<Self, ApiError> {
        if req.method() == http::Method::OPTIONS {
            return Ok(Route::Preflight);
        }
        let path = req.uri().path();
        let mut segments = path.trim_start_matches('/').split('/');
        let first = segments.next().unwrap_or("");
        match first {
            "health" if path == "/health" => Ok(Route::Health),
            "coordinator" | "agent" | "lock" | "registry" => {
                let team = team(req)?;
                let Some(address) = object_for_path(&team, path) else { return Err(ApiError::route_not_found(path)) };
                let ObjectAddress { binding, name } =
                    address.map_err(|bad| ApiError::bad_field(bad.field, bad.message))?;
                // With or without a trailing slash: both reach the join.
                let public = path.trim_end_matches('/') == "/coordinator/join" && req.method() == http::Method::POST;
                Ok(Route::Object(ObjectTarget { binding, name, team, public }))
            }
            "" if path == "/" && req.method() == http::Method::GET && !wants_html(req) => Ok(Route::Catalogue),
            "mcp" if path == "/mcp" => Ok(Route::Mcp),
            "whoami" if path == "/whoami" && req.method() == http::Method::GET => Ok(Route::WhoAmI),
            "hooks" if path == "/hooks/claude-code" && req.method() == http::Method::POST => Ok(Route::Hook),
            "charts" if req.method() == http::Method::GET => Ok(Route::Chart),
            "approvals" if path == crate::answer_link::PATH => Ok(Route::AnswerLink),
            "login" if path == "/login" => Ok(Route::Login),
            "logout" if path == "/logout" => Ok(Route::Logout),
            _ if crate::assets::is_asset(path) => Ok(Route::Asset),
            "" | "api" | "pkg" => Ok(Route::Portal),
            _ if wants_html(req) => Ok(Route::Portal),
            _ => Err(ApiError::route_not_found(path)),
        }
    }
}

impl ObjectTarget {
    /// The hop to the object, for the entry to make (see [`crate::hop`]):
    /// `None` for a socket handshake or a body of undeclared length, which
    /// [`Self::forward`] carries.
    ///
    /// # Errors
    /// 413 for a body declared above the limit.
    pub fn hop(
        &self,
        req: &web_sys::Request,
        head: &http::Request<()>,
        credential: &crate::auth::Credential,
    ) -> Result<Option<crate::hop::Hop>, ApiError> {
        if crate::auth::offered_ws_upgrade(head) {
            return Ok(None);
        }
        let with_body = req.body().is_some();
        if crate::call::declared_length(req)?.is_none() && with_body {
            return Ok(None);
        }
        Ok(Some(crate::hop::Hop {
            binding: self.binding,
            name: self.name.clone(),
            method: head.method().as_str().to_owned(),
            url: head.uri().path_and_query().map_or("/", http::uri::PathAndQuery::as_str).to_owned(),
            caller: credential.caller.header_value(),
            team: self.team.as_str().to_owned(),
            with_body,
        }))
    }

    /// Sends the request to the object with the team and the caller the
    /// Worker established (overwriting whatever the client sent), and
    /// without the credentials themselves, which objects never see. An API
    /// call goes by RPC (`crate::call`); a socket handshake by `fetch`, as
    /// a copy of the request (`new Request(req)`: same method, URL and
    /// body stream, headers of our own), the object's response unread.
    ///
    /// # Errors
    /// When the binding is missing or the object cannot be reached.
    pub async fn forward(
        self,
        req: &web_sys::Request,
        head: &http::Request<()>,
        env: &Env,
        credential: &crate::auth::Credential,
    ) -> Result<web_sys::Response, ApiError> {
        let stub = env.durable_object(self.binding)?.id_from_name(&self.name)?.get_stub()?;
        if !crate::auth::offered_ws_upgrade(head) {
            // By RPC: the body read here, within its limit, and passed on
            // as the runtime's string (the object copies it in).
            let body = crate::body::js_text(req).await?;
            let url = head.uri().path_and_query().map_or("/", http::uri::PathAndQuery::as_str);
            let (method, team) = (head.method().as_str(), self.team.as_str());
            return Ok(crate::objects::api(stub, method, url, &credential.caller, team, &body).await?);
        }
        let req = crate::body::capped(req).await?;
        let headers = req.headers();
        let set = |name: &str, value: &str| headers.set(name, value).map_err(worker::Error::from);
        set(hub_protocol::TeamId::HEADER, self.team.as_str())?;
        set(Caller::HEADER, &credential.caller.header_value())?;
        for name in ["authorization", "cookie", "sec-websocket-protocol", Caller::TOKEN_HEADER] {
            headers.delete(name).map_err(worker::Error::from)?;
        }
        if let Some(id) = credential.token_id() {
            set(Caller::TOKEN_HEADER, id)?;
        }
        Ok(crate::objects::send(stub, &req).await?)
    }
}

/// `GET /health` (no query) from no other origin: answerable before the
/// Worker reads anything else of the request.
pub fn is_plain_health_check(req: &worker::web_sys::Request) -> bool {
    req.method() == "GET" && is_health_url(&req.url()) && req.headers().get("origin").ok().flatten().is_none()
}

/// `scheme://host/health`, exactly.
fn is_health_url(url: &str) -> bool {
    url.strip_suffix("/health").is_some_and(|origin| origin.matches('/').count() == 2)
}

/// # Errors
/// Only when the runtime cannot build a response.
pub fn health() -> Result<worker::Response, ApiError> {
    let body = Health {
        status: "ok".into(),
        service: "agent-hub".into(),
        timestamp: crate::clock::now(),
        durable_objects: vec!["AgentCoordinator".into(), "AgentState".into(), "ResourceLock".into()],
    };
    Ok(crate::reply::json(200, serde_json::to_vec(&body)?))
}

/// The request's team: the `X-Hub-Team` header, else the `team` query
/// parameter, else (for the portal's browser) the team it chose, else
/// `main`.
pub fn team<B>(req: &http::Request<B>) -> Result<TeamId, ApiError> {
    let from_header = req.headers().get(hub_protocol::TeamId::HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let from_query = query_team(req);
    let name = from_header.or(from_query).or_else(|| chosen_team(req)).unwrap_or_else(|| DEFAULT_TEAM.to_owned());
    TeamId::parse(&name).map_err(|e| ApiError::bad_field("team", e))
}

pub fn query_team<B>(req: &http::Request<B>) -> Option<String> {
    query_param(req, "team")
}

/// The first value of `name` in the query string, decoded.
pub fn query_param<B>(req: &http::Request<B>, name: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(req.uri().query()?)
        .ok()?
        .into_iter()
        .find_map(|(k, v)| (k == name).then_some(v))
}

/// The portal's team cookie (set by `portal::serve` from `?team=`).
pub fn chosen_team<B>(req: &http::Request<B>) -> Option<String> {
    crate::head::cookies(req, TEAM_COOKIE).next().map(str::to_owned)
}

/// The cookie that remembers which team the portal shows.
pub const TEAM_COOKIE: &str = "hub_team";

fn wants_html<B>(req: &http::Request<B>) -> bool {
    matches!(*req.method(), http::Method::GET | http::Method::HEAD)
        && req
            .headers()
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str, uri: &str, headers: &[(&str, &str)]) -> http::Request<()> {
        let mut b = http::Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(()).unwrap()
    }

    fn route(method: &str, uri: &str, headers: &[(&str, &str)]) -> Result<Route, ApiError> {
        Route::parse(&request(method, uri, headers))
    }

    #[test]
    fn the_api_goes_to_objects_of_the_team_named() {
        let Ok(Route::Object(o)) = route("GET", "/coordinator/chat", &[(hub_protocol::TeamId::HEADER, "blue")]) else {
            panic!()
        };
        assert_eq!((o.team.as_str(), o.binding, o.public), ("blue", hub_protocol::COORDINATOR_BINDING, false));
        let Ok(Route::Object(o)) = route("POST", "/lock/src%2Fmain.rs?team=red", &[]) else { panic!() };
        assert_eq!((o.team.as_str(), o.binding), ("red", hub_protocol::RESOURCE_LOCK_BINDING));
        let Ok(Route::Object(o)) = route("GET", "/agent/ann/state", &[]) else { panic!() };
        assert_eq!((o.team.as_str(), o.binding), (DEFAULT_TEAM, hub_protocol::AGENT_STATE_BINDING));
    }

    #[test]
    fn only_joining_is_public() {
        let Ok(Route::Object(join)) = route("POST", "/coordinator/join", &[]) else { panic!() };
        assert!(join.public);
        let Ok(Route::Object(get)) = route("GET", "/coordinator/join", &[]) else { panic!() };
        assert!(!get.public);
    }

    #[test]
    fn bad_names_are_400_and_unknown_paths_404() {
        let bad_team = route("GET", "/coordinator/chat", &[(hub_protocol::TeamId::HEADER, "a b")]).err().unwrap();
        assert_eq!((bad_team.status(), bad_team.body().field.as_deref()), (400, Some("team")));
        assert_eq!(route("GET", "/agent/../state", &[]).err().unwrap().status(), 400);
        assert_eq!(route("GET", "/wp-admin", &[]).err().unwrap().status(), 404);
        assert_eq!(route("GET", "/healthz", &[]).err().unwrap().status(), 404);
    }

    #[test]
    fn browsers_get_the_portal_and_everything_else_its_route() {
        assert!(matches!(route("GET", "/health", &[]), Ok(Route::Health)));
        assert!(is_health_url("http://127.0.0.1:8787/health"));
        assert!(!is_health_url("http://127.0.0.1:8787/health?x=1"));
        assert!(!is_health_url("http://127.0.0.1:8787/agent/health"));
        assert!(!is_health_url("http://127.0.0.1:8787/healthz"));
        assert!(matches!(route("OPTIONS", "/coordinator/chat", &[]), Ok(Route::Preflight)));
        assert!(matches!(route("GET", "/", &[("accept", "text/html,*/*")]), Ok(Route::Portal)));
        assert!(matches!(route("GET", "/", &[("accept", "application/json")]), Ok(Route::Catalogue)));
        assert!(matches!(route("GET", "/", &[]), Ok(Route::Catalogue)));
        assert!(matches!(route("GET", "/team", &[("accept", "text/html")]), Ok(Route::Portal)));
        assert!(matches!(route("POST", "/login", &[]), Ok(Route::Login)));
        assert!(matches!(route("POST", "/logout", &[]), Ok(Route::Logout)));
    }

    #[test]
    fn the_team_comes_from_header_then_query_then_cookie() {
        let team_of = |uri: &str, headers: &[(&str, &str)]| team(&request("GET", uri, headers)).unwrap();
        let cookie = ("cookie", "a=1; hub_team=green");
        assert_eq!(team_of("/x?team=red", &[(hub_protocol::TeamId::HEADER, "blue"), cookie]).as_str(), "blue");
        assert_eq!(team_of("/x?team=red", &[cookie]).as_str(), "red");
        assert_eq!(team_of("/x", &[cookie]).as_str(), "green");
        assert_eq!(team_of("/x", &[]).as_str(), DEFAULT_TEAM);
    }
}
