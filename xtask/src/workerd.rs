//! The hub on plain `workerd serve`: the engine Cloudflare runs in
//! production, without `wrangler dev` in front (which costs a Wasm Worker
//! about ten times its own latency; see ARCHITECTURE.md, "Runtime").
//!
//! The workerd config is generated from `wrangler.toml`, so the Durable
//! Object classes and `[vars]` are written down once. Every var and secret
//! is bound `fromEnvironment`: the process that starts workerd decides the
//! values (and secrets never appear on a command line).

use std::path::{Path, PathBuf};

use crate::sh;

/// wrangler's own workerd binary (npm `@cloudflare/workerd-linux-64`).
/// The header the generated config has workerd set on every request of the
/// hub's (loopback) socket; the Worker reads it as the proof of loopback.
pub const SOCKET_HEADER: &str = "x-hub-socket";

pub fn binary() -> PathBuf {
    sh::root().join("node_modules/@cloudflare/workerd-linux-64/bin/workerd")
}

/// Where the generated config lives (`target/`, so it is never committed);
/// the one whose outbound network allows local addresses apart.
pub fn config_path(local: bool) -> PathBuf {
    sh::root().join(if local { "target/workerd/agent-hub-local.capnp" } else { "target/workerd/agent-hub.capnp" })
}

/// The deployment switch that lets webhooks reach loopback and private
/// addresses (tests, self-hosters): `HUB_WEBHOOKS_TO_LOCAL=allow`.
pub const LOCAL_SWITCH: &str = "HUB_WEBHOOKS_TO_LOCAL";

/// Secrets the Worker reads; never in `wrangler.toml`.
pub const SECRETS: [&str; 3] = ["HUB_ADMIN_TOKEN", "HUB_JOIN_SECRET", "HUB_TOKEN_KEY"];

/// What the config needs of `wrangler.toml`.
pub struct Manifest {
    pub name: String,
    pub compatibility_date: String,
    /// `(binding, class_name)` of each Durable Object namespace.
    pub objects: Vec<(String, String)>,
    /// `[vars]` in file order.
    pub vars: Vec<(String, String)>,
}

impl Manifest {
    /// Reads the few keys agent-hub's `wrangler.toml` uses, line by line
    /// (xtask stays std-only; the file is ours and kept simple).
    pub fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("read {}: {e}", path.display()))?;
        let mut m = Manifest { name: String::new(), compatibility_date: String::new(), objects: vec![], vars: vec![] };
        let mut section = String::new();
        for line in text.lines().map(str::trim) {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if line.starts_with('[') {
                section = line.trim_matches(|c| c == '[' || c == ']').to_owned();
                continue;
            }
            if line.starts_with('{') && section == "durable_objects" {
                if let (Some(name), Some(class)) = (quoted_after(line, "name"), quoted_after(line, "class_name")) {
                    m.objects.push((name, class));
                }
                continue;
            }
            let Some((key, value)) = line.split_once('=') else { continue };
            let (key, value) = (key.trim(), value.trim().trim_matches('"').to_owned());
            match (section.as_str(), key) {
                ("", "name") => m.name = value,
                ("", "compatibility_date") => m.compatibility_date = value,
                ("vars", _) => m.vars.push((key.to_owned(), value)),
                _ => {}
            }
        }
        if m.name.is_empty() || m.compatibility_date.is_empty() || m.objects.is_empty() {
            return Err(format!("{}: name, compatibility_date or durable_objects missing", path.display()));
        }
        Ok(m)
    }

    /// The workerd config: the Worker's modules (the entry, worker/entry.js,
    /// then worker-build's bundle), its Durable Objects
    /// on SQLite in the `data` disk service, the portal's files as the
    /// `ASSETS` service binding, and every var and secret from the
    /// environment. Folder and address are set at start
    /// (`--directory-path`, `--socket-addr`).
    pub fn capnp(&self, local: bool) -> String {
        let mut bindings: Vec<String> = self
            .objects
            .iter()
            .map(|(name, class)| format!("(name = \"{name}\", durableObjectNamespace = \"{class}\")"))
            .collect();
        bindings.push("(name = \"ASSETS\", service = \"site\")".into());
        let names = self.vars.iter().map(|(k, _)| k.as_str()).chain(SECRETS);
        bindings.extend(names.map(|k| format!("(name = \"{k}\", fromEnvironment = \"{k}\")")));
        let namespaces: Vec<String> = self
            .objects
            .iter()
            .map(|(_, class)| {
                // wrangler's own unique key, so a `--persist-to` folder of
                // `wrangler dev` (its `v3/do`) is readable here too.
                format!("(className = \"{class}\", uniqueKey = \"{}-{class}\", enableSql = true)", self.name)
            })
            .collect();
        let list = |items: &[String]| items.iter().map(|i| format!("    {i},\n")).collect::<String>();
        format!(
            "# Generated by `cargo xtask` from wrangler.toml; do not edit.\n\
             using Workerd = import \"/workerd/workerd.capnp\";\n\
             const config :Workerd.Config = (\n  services = [\n    (name = \"hub\", worker = .hub),\n    \
             (name = \"data\", disk = (path = \"data\", writable = true)),\n    \
             (name = \"site\", disk = (path = \"site\")),\n    \
             (name = \"internet\", network = (allow = [{allow}], tlsOptions = (trustBrowserCas = true))),\n  ],\n  \
             sockets = [ (name = \"http\", address = \"127.0.0.1:8787\", service = \"hub\",\n    \
             http = (injectRequestHeaders = [(name = \"{socket_header}\", value = \"loopback\")])) ],\n);\n\
             const hub :Workerd.Worker = (\n  modules = [\n    \
             (name = \"entry.js\", esModule = embed \"../../worker/entry.js\"),\n    \
             (name = \"build/index.js\", esModule = embed \"../../worker/build/index.js\"),\n    \
             (name = \"build/index_bg.wasm\", wasm = embed \"../../worker/build/index_bg.wasm\"),\n  ],\n  \
             compatibilityDate = \"{date}\",\n  bindings = [\n{bindings}  ],\n  \
             durableObjectNamespaces = [\n{namespaces}  ],\n  durableObjectStorage = (localDisk = \"data\"),\n);\n",
            // The proof of loopback for the tokenless switch: workerd sets
            // it on every request of this socket, replacing any a client
            // sent. The socket is bound to loopback (`--socket-addr`).
            socket_header = SOCKET_HEADER,
            // The Worker's outbound network (webhooks): public addresses
            // only, unless the deployment switch lets local ones out too.
            // The real guard: a Worker cannot resolve names itself.
            allow = if local { "\"public\", \"local\", \"private\"" } else { "\"public\"" },
            date = self.compatibility_date,
            bindings = list(&bindings),
            namespaces = list(&namespaces),
        )
    }
}

fn quoted_after(line: &str, key: &str) -> Option<String> {
    let rest = line.split(&format!("{key} = \"")).nth(1)?;
    rest.split('"').next().map(str::to_owned)
}

/// Writes the config (only when it changed, so its mtime means something);
/// `local`: the outbound network allows loopback and private addresses.
pub fn write_config(local: bool) -> Result<PathBuf, String> {
    let manifest = Manifest::read(&sh::root().join("wrangler.toml"))?;
    let path = config_path(local);
    let text = manifest.capnp(local);
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::create_dir_all(path.parent().expect("in target/")).map_err(|e| e.to_string())?;
        std::fs::write(&path, text).map_err(|e| format!("write {}: {e}", path.display()))?;
    }
    Ok(path)
}

/// `KEY=value` lines of a `.dev.vars`-style file (quotes trimmed).
pub fn read_env_file(path: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().trim_matches('"').to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_names_every_object_var_and_secret() {
        let m = Manifest::read(&sh::root().join("wrangler.toml")).unwrap();
        let text = m.capnp(false);
        assert!(text.contains("network = (allow = [\"public\"]"), "{text}");
        assert!(m.capnp(true).contains("allow = [\"public\", \"local\", \"private\"]"));
        for class in ["AgentCoordinator", "AgentState", "ResourceLock"] {
            assert!(text.contains(&format!("uniqueKey = \"agent-hub-{class}\", enableSql = true")), "{text}");
        }
        for var in ["PRESENCE_OFFLINE_AFTER_SECS", "HUB_WRITE_BURST", "HUB_ADMIN_TOKEN", "HUB_JOIN_SECRET"] {
            assert!(text.contains(&format!("fromEnvironment = \"{var}\"")), "{var}");
        }
        assert!(m.vars.iter().any(|(k, v)| k == "HUB_WRITE_BURST" && v == "60"));
    }
}
