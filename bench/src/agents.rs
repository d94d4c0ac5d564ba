//! Simulated agents as a real team has them: a token each; and requests
//! as one of them, to add to.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use serde_json::json;

use crate::scenarios::Hub;

/// Tokens minted so far, by hub, team and agent.
type Minted = Mutex<HashMap<(String, String, String), String>>;

impl Hub {
    /// The same hub as agent `id`, with a token of its own (minted once by
    /// this hub's human token, then remembered): a credential holds only a
    /// few sockets, so a bench of hundreds of sockets is hundreds of agents,
    /// as a real team is. Without a token (the original, the tokenless
    /// switch) the same hub.
    pub async fn as_agent(&self, id: &str) -> Self {
        static MINTED: OnceLock<Minted> = OnceLock::new();
        if self.token().is_empty() {
            return self.clone();
        }
        let key = (self.url.clone(), self.team.clone(), id.to_owned());
        let known = MINTED.get_or_init(Default::default).lock().expect("minted").get(&key).cloned();
        let token = match known {
            Some(t) => t,
            None => {
                let minted = self.json("POST", "/coordinator/tokens", Some(json!({ "agentId": id }))).await;
                let t = minted["token"].as_str().expect("a minted token").to_owned();
                MINTED.get_or_init(Default::default).lock().expect("minted").insert(key, t.clone());
                t
            }
        };
        self.with_token(&token)
    }

    /// A request with the team and token set, to add to.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let req =
            self.http.request(method, format!("{}{path}", self.url)).header(hub_protocol::TeamId::HEADER, &self.team);
        if self.token().is_empty() {
            req
        } else {
            req.bearer_auth(self.token())
        }
    }
}
