//! `POST /hooks/claude-code`: Claude Code's hook protocol over HTTP, so an
//! agent needs no binary (Claude Code's `"type": "http"` hooks post here; a
//! one-line `curl` command hook does the same; `hub hook` relays to it).
//! The body is the hook event as Claude Code sends it, with the agent's
//! bearer token; the answer is the hook output.
//!
//! Fail closed where it matters (decisions §3): a non-2xx answer, a timeout
//! or a refused connection lets an edit through, so every answer the hub can
//! give is a 200 with a decision, its own errors included. A `PreToolUse`
//! the hub cannot decide (bad token, unreadable event) is `ask`, with what
//! is wrong, so a person decides; `PreToolUse` never spends the write budget.

mod edits;
mod news;

use hub_protocol::{Caller, HookInput, HookOutput};
use worker::Env;

use crate::api_error::ApiError;
use crate::head::Head;
use crate::mcp::hub::AgentHub;
use crate::{body, clock, config, limits, route};

/// The hook events this endpoint answers.
const EVENTS: [&str; 5] = ["PreToolUse", "PostToolUse", "UserPromptSubmit", "Stop", "SessionStart"];

/// Always a 200 with the hook output (see the module's note).
pub async fn serve(head: &Head, req: &worker::Request, env: &Env) -> worker::Result<worker::Response> {
    let (event, answer) = match read(req).await {
        Ok(input) => {
            let name = input.hook_event_name.clone();
            (name, answer(head, env, input).await)
        }
        Err(e) => (String::new(), Err(e)),
    };
    let output = answer.unwrap_or_else(|e| failed(&event, &e));
    worker::Response::from_json(&output)
}

async fn read(req: &worker::Request) -> Result<HookInput, ApiError> {
    let bytes = worker::Request::from(body::capped(req.inner()).await?)
        .bytes()
        .await
        .map_err(|_| ApiError::bad_request("Unreadable body"))?;
    serde_json::from_slice(&bytes).map_err(|e| ApiError::bad_request(format!("Not a Claude Code hook event: {e}")))
}

async fn answer(head: &Head, env: &Env, input: HookInput) -> Result<HookOutput, ApiError> {
    let team = route::team(head)?;
    let credential = crate::gate::admit(head, env, &team, false).await?;
    let token_id = credential.token_id().map(str::to_owned);
    let Caller::Agent(me) = credential.caller else {
        return Err(ApiError::Forbidden(
            "/hooks/claude-code acts as one agent: send that agent's token (Authorization: Bearer …)".into(),
        ));
    };
    let hub = AgentHub { env, team, me, token_id };
    let event = input.hook_event_name.as_str();
    // Only news and stops write (marks); an edit check never spends the budget.
    if event != "PreToolUse" && EVENTS.contains(&event) {
        limits::take(&credential.limit_key, config::write_limit(env), clock::now().millis())?;
    }
    let root = head.headers().get(hub_protocol::HOOK_ROOT_HEADER).and_then(|v| v.to_str().ok());
    Ok(match event {
        "PreToolUse" => edits::pre_tool_use(&hub, &input, root).await?,
        "PostToolUse" | "UserPromptSubmit" => news::news(&hub, event).await?,
        "Stop" => news::stop(&hub, &input).await?,
        "SessionStart" => news::session_start(&hub).await?,
        _ => HookOutput::silent(),
    })
}

/// The hub's own failure as a hook answer: `ask` for an edit (a person
/// decides), a note for the user otherwise.
fn failed(event: &str, e: &ApiError) -> HookOutput {
    let why = e.body().error;
    let fix = match e {
        ApiError::Unauthorized(_) | ApiError::Forbidden(_) => {
            " Set the agent's token (HUB_TOKEN) in the hook's Authorization header: Bearer $HUB_TOKEN."
        }
        _ => "",
    };
    let text = format!("agent-hub could not check this ({why}).{fix}");
    if event == "PreToolUse" {
        HookOutput::permission("ask", text)
    } else {
        HookOutput { system_message: Some(text), ..HookOutput::silent() }
    }
}
