//! `TeamRegistry`: one object for the whole hub, listing its teams
//! (`/registry/teams`) and its named humans' tokens (`/registry/humans`,
//! [`humans`]). Teams are created only on purpose: by a human, or by the
//! first join with that team's secret (the Worker checks the secret, then
//! registers the team); `main` always exists. The Worker asks here whether
//! a team exists before it lets a request wake the team's objects.
//! It holds names and dates only: a team's live figures come from its own
//! coordinator, so the registry never becomes every team's bottleneck.

mod humans;

use hub_domain::Access;
use hub_protocol::{RegisterTeam, RevokedToken, TeamInfo, TeamResponse, TeamsResponse, Timestamp, VerifyToken};
use serde::Deserialize;
use worker::{durable_object, DurableObject, Env, Method, Request, Response, SqlStorage, State};

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::api_error::ApiError;
use crate::call::{Answer, Call};
use crate::caller::{self, Inbound};
use crate::objects::HumanKey;
use crate::reply::Reply;
use crate::sql::Millis;
use crate::{body, clock, migrations};

type Result<T> = std::result::Result<T, ApiError>;

const MIGRATIONS: &[migrations::Migration] = &[
    migrations::Migration {
        name: "teams",
        statements: &["CREATE TABLE teams (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL)"],
    },
    humans::MIGRATION,
    migrations::Migration {
        name: "the default team exists",
        statements: &["INSERT OR IGNORE INTO teams (name, created_at)
            VALUES ('main', CAST(strftime('%s', 'now') AS INTEGER) * 1000)"],
    },
    humans::SOCKETS_MIGRATION,
];

/// Teams a hub holds at most: each is a coordinator and its objects, and
/// the portal lists them all.
pub const MAX_TEAMS: usize = 1000;

#[durable_object]
pub struct TeamRegistry {
    sql: SqlStorage,
    env: Env,
    schema: migrations::Schema,
}

impl DurableObject for TeamRegistry {
    fn new(state: State, env: Env) -> Self {
        let sql = state.storage().sql();
        let schema = migrations::Schema::apply(&sql, MIGRATIONS);
        Self { sql, env, schema }
    }

    async fn fetch(&self, req: Request) -> worker::Result<Response> {
        crate::call::by_fetch(req, |c| self.serve(c)).await
    }
}

#[wasm_bindgen(wasm_bindgen_futures = ::worker::wasm_bindgen_futures, js_sys = ::worker::js_sys)]
impl TeamRegistry {
    /// The API by RPC (see [`crate::call`]).
    pub async fn api(
        &self,
        method: String,
        url: String,
        caller: String,
        team: String,
        body: JsValue,
    ) -> crate::call::RpcAnswer {
        crate::call::by_rpc([method, url, caller, team], body, |c| self.serve(c)).await
    }
}

impl TeamRegistry {
    async fn serve(&self, req: Call) -> Result<Answer> {
        let Inbound { caller, .. } = Inbound::read(&req, &self.schema)?;
        let path = req.path.clone();
        let now = clock::now();
        let reply: Reply = match (path.as_str(), req.method.clone()) {
            ("/registry/teams", Method::Get) => {
                caller::check(&caller, [Access::Human])?;
                Reply::ok(&TeamsResponse { teams: self.teams()? })?
            }
            ("/registry/teams", Method::Post) => {
                caller::check(&caller, [Access::Human])?;
                let r: RegisterTeam = body::json(&req)?;
                Reply::ok(&TeamResponse { success: true, team: self.register(r, now)? })?
            }
            ("/registry/teams/seen", Method::Post) => {
                caller::check(&caller, [Access::Internal])?;
                let r: RegisterTeam = body::json(&req)?;
                Reply::ok(&TeamResponse { success: true, team: self.register(r, now)? })?
            }
            (p, Method::Get) if p.starts_with("/registry/teams/") => {
                // Whether a team exists, for the Worker's gate.
                caller::check(&caller, [Access::Internal])?;
                let name = hub_protocol::percent_decode(&p["/registry/teams/".len()..]).unwrap_or_default();
                match self.teams()?.into_iter().find(|t| t.name.as_str() == name) {
                    Some(team) => Reply::ok(&TeamResponse { success: true, team })?,
                    None => return Err(ApiError::NotFound { what: format!("No team '{name}'"), path: Some(path) }),
                }
            }
            (p, _) if p.starts_with("/registry/humans") => self.humans(&req, &caller, path, now).await?,
            ("/registry/teams" | "/registry/teams/seen", m) => {
                let allowed = if path == "/registry/teams" { vec!["GET", "POST"] } else { vec!["POST"] };
                return Err(ApiError::MethodNotAllowed { method: m.to_string(), path, allowed });
            }
            _ => return Err(ApiError::route_not_found(&path)),
        };
        Ok(reply.into_answer().0)
    }

    /// `/registry/humans...`: the named humans' tokens.
    async fn humans(&self, req: &Call, caller: &hub_protocol::Caller, path: String, now: Timestamp) -> Result<Reply> {
        Ok(match (path.as_str(), req.method.clone()) {
            ("/registry/humans/sockets", Method::Post) => {
                caller::check(caller, [Access::Internal])?;
                humans::record_socket(&self.sql, &body::json(req)?)?;
                Reply::ok(&hub_protocol::Ack { success: true })?
            }
            ("/registry/humans", Method::Get) => {
                caller::check(caller, [Access::Credentials])?;
                Reply::ok(&humans::list(&self.sql)?)?
            }
            ("/registry/humans", Method::Post) => {
                caller::check(caller, [Access::Credentials])?;
                let key = crate::config::token_key(&self.env).ok_or_else(crate::auth::unconfigured)?;
                Reply::ok(&humans::mint(&self.sql, &key, body::json(req)?, now)?)?
            }
            ("/registry/humans/verify", Method::Post) => {
                caller::check(caller, [Access::Internal])?;
                let v: VerifyToken = body::json(req)?;
                Reply::ok(&humans::verify(&self.sql, &HumanKey::Hash(&v.hash))?.ok_or_else(unknown)?)?
            }
            (p, m @ (Method::Get | Method::Delete)) if p.starts_with("/registry/humans/") => {
                let id = hub_protocol::percent_decode(&p["/registry/humans/".len()..]).unwrap_or_default();
                if m == Method::Get {
                    // The portal's session names a token by id: is it live?
                    caller::check(caller, [Access::Internal])?;
                    Reply::ok(&humans::verify(&self.sql, &HumanKey::Id(&id))?.ok_or_else(unknown)?)?
                } else {
                    caller::check(caller, [Access::Credentials])?;
                    if !humans::revoke(&self.sql, &id, now)? {
                        return Err(ApiError::NotFound { what: format!("No live token '{id}'"), path: Some(path) });
                    }
                    humans::close_sockets(&self.sql, &self.env, &id).await;
                    Reply::ok(&RevokedToken { success: true, revoked: id })?
                }
            }
            ("/registry/humans" | "/registry/humans/verify", m) => {
                let allowed = if path == "/registry/humans" { vec!["GET", "POST"] } else { vec!["POST"] };
                return Err(ApiError::MethodNotAllowed { method: m.to_string(), path, allowed });
            }
            _ => return Err(ApiError::route_not_found(&path)),
        })
    }
}

fn unknown() -> ApiError {
    ApiError::Unauthorized("Unknown or revoked human token".into())
}

impl TeamRegistry {
    /// Registers `r.name` once; its first registration's date stands.
    ///
    /// # Errors
    /// 409 for a new team past [`MAX_TEAMS`].
    fn register(&self, r: RegisterTeam, now: Timestamp) -> Result<TeamInfo> {
        let teams = self.teams()?;
        if let Some(known) = teams.iter().find(|t| t.name == r.name) {
            return Ok(known.clone());
        }
        if teams.len() >= MAX_TEAMS {
            return Err(ApiError::Conflict(format!(
                "This hub has {MAX_TEAMS} teams, its limit: reuse one (GET /registry/teams)"
            )));
        }
        self.sql.exec(
            "INSERT OR IGNORE INTO teams (name, created_at) VALUES (?, ?)",
            Some(vec![r.name.as_str().into(), now.millis().into()]),
        )?;
        self.teams()?.into_iter().find(|t| t.name == r.name).ok_or_else(|| ApiError::internal("team not stored"))
    }

    fn teams(&self) -> Result<Vec<TeamInfo>> {
        #[derive(Deserialize)]
        struct Row {
            name: String,
            created_at: Millis,
        }
        let rows: Vec<Row> = crate::sql::rows(
            &self.sql,
            &format!("SELECT name, created_at FROM teams ORDER BY name LIMIT {MAX_TEAMS}"),
            vec![],
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some(TeamInfo { name: hub_protocol::TeamId::parse(&r.name).ok()?, created_at: r.created_at.0 })
            })
            .collect())
    }
}
