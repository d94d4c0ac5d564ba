//! Where `hub` finds its hub, token, agent and team: flags, then the
//! environment (`HUB_URL`, `HUB_TOKEN`, `HUB_AGENT_ID`, `HUB_TEAM`), then
//! a JSON config file. `hub join` and `hub login` write only
//! `~/.config/agent-hub/config.json`, as `{"hubs": {URL: {token, agentId,
//! team}}}`, mode 0600 (it holds tokens). Also read: `HUB_CONFIG`, a
//! `.hub.json` here, and the older flat form (`url`, `token`, `agentId`,
//! `team`); `.hub.json` is never written (it sits in a repository).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::failure::Failure;

/// The hub a command talks to when nothing names one.
pub const DEFAULT_URL: &str = "http://127.0.0.1:8787";

/// One hub's settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HubEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
}

/// A config file, in either form.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigFile {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub hubs: BTreeMap<String, HubEntry>,
    // The flat form, read only.
    #[serde(default, skip_serializing)]
    url: Option<String>,
    #[serde(default, flatten, skip_serializing)]
    flat: HubEntry,
}

impl ConfigFile {
    /// The hub to use (`url`, when flags or the environment name one) and
    /// its settings: the named hub's entry; else the only hub the file
    /// knows; else the flat form's.
    pub fn pick(&self, url: Option<&str>) -> (String, HubEntry) {
        let url = url.map(|u| u.trim_end_matches('/').to_owned());
        if let Some(u) = &url {
            if let Some(entry) = self.hubs.get(u) {
                return (u.clone(), entry.clone());
            }
        } else if self.hubs.len() == 1 {
            if let Some((u, entry)) = self.hubs.iter().next() {
                return (u.clone(), entry.clone());
            }
        }
        let flat_applies = url.is_none() || url == self.url;
        let url = url.or_else(|| self.url.clone()).unwrap_or_else(|| DEFAULT_URL.to_owned());
        (url, if flat_applies { self.flat.clone() } else { HubEntry::default() })
    }
}

/// The file `hub join` and `hub login` write.
pub fn home_file() -> Option<PathBuf> {
    std::env::var("HOME").ok().map(|h| PathBuf::from(h).join(".config/agent-hub/config.json"))
}

/// The first config file there is: `HUB_CONFIG`, `.hub.json`, the home one.
pub fn read() -> ConfigFile {
    let candidates =
        [std::env::var("HUB_CONFIG").ok().map(PathBuf::from), Some(PathBuf::from(".hub.json")), home_file()];
    candidates
        .into_iter()
        .flatten()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Keeps `entry` for `url` in the home config file (other hubs' entries
/// stay), readable by its owner only. The path written.
///
/// # Errors
/// Without a home directory, or when the file cannot be written.
pub fn remember(url: &str, entry: HubEntry) -> Result<PathBuf, Failure> {
    let fail = |e: std::io::Error| Failure { code: 1, message: format!("cannot write the config file: {e}") };
    let path = home_file().ok_or_else(|| Failure { code: 1, message: "no HOME to keep the config in".into() })?;
    let mut file: ConfigFile =
        std::fs::read_to_string(&path).ok().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default();
    file.hubs.insert(url.trim_end_matches('/').to_owned(), entry);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let text = serde_json::to_string_pretty(&file).unwrap_or_default();
    write_private(&path, &text).map_err(fail)?;
    Ok(path)
}

#[cfg(unix)]
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let mut f = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)?;
    // A file written before by something else keeps its mode: set it.
    f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    f.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(json: &str) -> ConfigFile {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_named_hub_or_the_only_one_or_the_flat_form() {
        let f = file(r#"{"hubs": {"http://a:1": {"token": "ta", "agentId": "ann"}, "http://b:2": {"token": "tb"}}}"#);
        assert_eq!(f.pick(Some("http://b:2/")).1.token.as_deref(), Some("tb"));
        assert_eq!(f.pick(None).0, DEFAULT_URL, "two hubs and none named: the default");
        let one = file(r#"{"hubs": {"http://a:1": {"token": "ta", "agentId": "ann"}}}"#);
        assert_eq!(one.pick(None), ("http://a:1".into(), one.hubs["http://a:1"].clone()));
        let flat = file(r#"{"url": "http://c:3", "token": "tc", "agentId": "cy", "team": "t"}"#);
        let (url, entry) = flat.pick(None);
        assert_eq!((url.as_str(), entry.agent_id.as_deref()), ("http://c:3", Some("cy")));
        assert_eq!(flat.pick(Some("http://other:9")).1, HubEntry::default(), "the flat form is for its own hub");
    }

    #[test]
    fn only_the_hubs_form_is_written() {
        let flat = file(r#"{"url": "http://c:3", "token": "tc"}"#);
        assert_eq!(serde_json::to_string(&flat).unwrap(), "{}");
    }
}
