//! The hub as one agent's tools see it: the API's own paths, sent straight
//! to their objects as that agent (the same roles apply as over HTTP).

use hub_protocol::{AgentId, AgentPath, ApiPath, Caller, ErrorBody, TeamId};
use serde::de::DeserializeOwned;
use serde::Serialize;
use worker::{Env, Method};

/// A tool's failure, in words for the agent (the hub's own error text).
pub struct ToolError(pub String);

impl From<worker::Error> for ToolError {
    fn from(e: worker::Error) -> Self {
        ToolError(format!("the hub could not be reached: {e}"))
    }
}

impl From<serde_json::Error> for ToolError {
    fn from(e: serde_json::Error) -> Self {
        ToolError(format!("unexpected answer: {e}"))
    }
}

pub struct AgentHub<'a> {
    pub env: &'a Env,
    pub team: TeamId,
    pub me: AgentId,
    /// The id of the token the agent called with: the event stream's
    /// sockets are tagged with it, so revoking the token ends the stream.
    pub token_id: Option<String>,
}

impl AgentHub<'_> {
    /// `method path` as this agent; the answer as `T`, or the hub's error.
    pub async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: impl Into<ApiPath>,
        body: Option<&impl Serialize>,
    ) -> Result<T, ToolError> {
        let body = body.map(serde_json::to_string).transpose()?;
        let caller = Caller::Agent(self.me.clone());
        let (status, text) =
            crate::objects::call_api(self.env, &self.team, &caller, method, &path.into(), body).await?;
        if !(200..300).contains(&status) {
            let why = serde_json::from_str::<ErrorBody>(&text)
                .map_or_else(|_| format!("the hub answered {status}"), |b| b.error);
            return Err(ToolError(why));
        }
        Ok(serde_json::from_str(&text)?)
    }

    pub async fn get<T: DeserializeOwned>(&self, path: impl Into<ApiPath>) -> Result<T, ToolError> {
        self.call(Method::Get, path, None::<&()>).await
    }

    pub async fn post<T: DeserializeOwned>(
        &self,
        path: impl Into<ApiPath>,
        body: &impl Serialize,
    ) -> Result<T, ToolError> {
        self.call(Method::Post, path, Some(body)).await
    }

    /// A path of this agent's own object.
    pub fn mine(&self, part: AgentPath) -> ApiPath {
        ApiPath::Agent(self.me.clone(), part)
    }

    /// The calls the Worker makes for itself (sessions), not as the agent.
    pub async fn internal(
        &self,
        method: Method,
        part: AgentPath,
        body: Option<String>,
    ) -> Result<(u16, String), ToolError> {
        Ok(crate::objects::call_api(self.env, &self.team, &Caller::Internal, method, &self.mine(part), body).await?)
    }
}
