//! The signed one-time links an approval's webhook message carries, one
//! per option: whoever holds the message (a Slack channel) answers from
//! it without signing in. The link is a MAC of team, approval and answer
//! under the deployment's token key; it works once, because an approval is
//! answered once. Opening it (`GET`, which link previews do) only shows a
//! confirmation; the answer is the form's `POST`.

use hub_protocol::{AnswerApproval, ApiPath, Caller, CoordinatorPath, TeamId};
use serde::Deserialize;
use worker::{Env, Method, Response};

use crate::api_error::ApiError;
use crate::html::escape;
use crate::{config, secret};

/// Where the links point.
pub const PATH: &str = "/approvals/answer";

#[derive(Deserialize)]
struct Link {
    team: String,
    id: String,
    answer: String,
    sig: String,
}

fn sig(key: &str, team: &str, id: &str, answer: &str) -> String {
    secret::sign(key, &format!("agent-hub approval answer\n{team}\n{id}\n{answer}"))[..32].to_owned()
}

/// The link answering approval `id` of `team` with `answer`, when the
/// deployment knows its public URL (`HUB_PUBLIC_URL`) and its token key.
pub fn link(env: &Env, team: &str, id: &str, answer: &str) -> Option<String> {
    let base = config::public_url(env)?;
    let key = config::token_key(env)?;
    let q = |s: &str| hub_protocol::percent_encode(s);
    Some(format!(
        "{}{PATH}?team={}&id={}&answer={}&sig={}",
        base.trim_end_matches('/'),
        q(team),
        q(id),
        q(answer),
        sig(&key, team, id, answer)
    ))
}

/// `GET`: the confirmation; `POST`: the answer.
///
/// # Errors
/// 400 for a link that is not one, 403 for a signature that does not match.
pub async fn serve(head: &http::Request<()>, env: &Env) -> Result<Response, ApiError> {
    let query = head.uri().query().unwrap_or_default();
    let link: Link = serde_urlencoded::from_str(query).map_err(|_| ApiError::bad_request("Not an answer link"))?;
    let key = config::token_key(env).ok_or_else(crate::auth::unconfigured)?;
    if !secret::same(&link.sig, &sig(&key, &link.team, &link.id, &link.answer)) {
        return Err(ApiError::Forbidden("This answer link is not valid (altered, or from another hub)".into()));
    }
    let team = TeamId::parse(&link.team).map_err(|e| ApiError::bad_field("team", e))?;
    let (answer, id) = (escape(&link.answer), escape(&link.id));
    if head.method() != http::Method::POST {
        let action = escape(&format!("{PATH}?{query}"));
        return page(
            200,
            &format!(
                "<p>Answer <strong>{answer}</strong> to approval <code>{id}</code> of team <code>{}</code>?</p>\
             <form method=\"post\" action=\"{action}\"><button type=\"submit\">Answer {answer}</button></form>",
                escape(team.as_str())
            ),
        );
    }
    let body = AnswerApproval {
        answer: hub_protocol::Text::parse(link.answer.clone()).map_err(|e| ApiError::bad_field("answer", e))?,
        note: hub_protocol::Text::parse("answered through the webhook's signed link").ok(),
    };
    let path = ApiPath::Coordinator(CoordinatorPath::AnswerApproval(link.id.clone()));
    let (status, text) =
        crate::objects::call_api(env, &team, &Caller::Human, Method::Post, &path, Some(serde_json::to_string(&body)?))
            .await
            .map_err(|e| ApiError::Unavailable(e.to_string()))?;
    match status {
        200 => page(200, &format!("<p>Answered <strong>{answer}</strong>. The agent has been told.</p>")),
        _ => {
            let why = serde_json::from_str::<hub_protocol::ErrorBody>(&text).map(|b| b.error).unwrap_or(text);
            page(status, &format!("<p class=\"error\">Not answered: {}</p>", escape(&why)))
        }
    }
}

fn page(status: u16, content: &str) -> Result<Response, ApiError> {
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Approval · agent-hub</title>\
         <link rel=\"stylesheet\" href=\"/pkg/hub.css\"></head><body><main id=\"main\" class=\"login\">\
         <h1>agent-hub</h1><section class=\"card\">{content}</section></main></body></html>"
    );
    let res = Response::from_html(html)?.with_status(status);
    let headers = res.headers().clone();
    headers.set("cache-control", "no-store")?;
    headers.set(
        "content-security-policy",
        "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )?;
    Ok(res.with_headers(headers))
}
