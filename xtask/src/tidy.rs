//! The house rules a tool can check, run with xtask's unit tests (the test
//! command's first suite): files stay short, the rules crate and the wire
//! crate touch neither the runtime nor SQL, and ARCHITECTURE.md names
//! every module of the Worker.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    /// Lines a source file may have: past it, it is two files.
    const MAX_LINES: usize = 400;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace").to_path_buf()
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    fn sources(crates: &[&str]) -> Vec<(PathBuf, String)> {
        let mut files = Vec::new();
        for krate in crates {
            rust_files(&root().join(krate), &mut files);
        }
        files.into_iter().map(|p| (p.clone(), std::fs::read_to_string(&p).expect("readable"))).collect()
    }

    #[test]
    fn no_source_file_is_longer_than_the_limit() {
        let crates =
            ["protocol", "domain", "worker/src", "app/src", "frontend", "client", "bench/src", "xtask", "tests"];
        let long: Vec<String> = sources(&crates)
            .into_iter()
            .filter(|(_, text)| text.lines().count() > MAX_LINES)
            .map(|(p, text)| format!("{} ({} lines)", p.display(), text.lines().count()))
            .collect();
        assert!(long.is_empty(), "over {MAX_LINES} lines: split them: {long:?}");
    }

    #[test]
    fn rules_and_wire_types_touch_neither_the_runtime_nor_sql() {
        for (path, text) in sources(&["domain/src", "protocol/src"]) {
            for banned in ["worker::", "SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM"] {
                let found = text.lines().any(|l| !l.trim_start().starts_with("//") && l.contains(banned));
                assert!(!found, "{} uses {banned:?}: rules and wire types stay pure", path.display());
            }
        }
    }

    #[test]
    fn sql_runs_only_inside_the_objects() {
        let objects =
            ["coordinator", "agent_state", "resource_lock", "registry"].map(|d| root().join("worker/src").join(d));
        // The mechanism every object shares: rows out as JSON, migrations,
        // the jobs table, the event log.
        let shared = ["sql.rs", "migrations.rs", "jobs.rs", "event_log.rs"].map(|f| root().join("worker/src").join(f));
        let statement = ["\"SELECT ", "\"INSERT ", "\"UPDATE ", "\"DELETE ", "\"CREATE "];
        let outside: Vec<String> = sources(&["protocol", "domain", "worker/src", "app/src", "client", "frontend"])
            .into_iter()
            .filter(|(path, _)| !objects.iter().any(|d| path.starts_with(d)) && !shared.contains(path))
            .filter(|(_, text)| statement.iter().any(|s| text.contains(s)))
            .map(|(path, _)| path.display().to_string())
            .collect();
        assert!(outside.is_empty(), "SQL outside the objects' own modules: {outside:?}");
    }

    /// A type that serialises is a wire type unless it is stored: outside
    /// `protocol/`, only these (SQLite columns and socket attachments), an
    /// object's jobs (`<object>/jobs.rs`) and the portal's view models
    /// beside its server functions may derive it.
    #[test]
    fn wire_types_live_in_protocol() {
        // The CLI's config file is stored too (on the user's disk).
        let stored = ["worker/src/coordinator/socket.rs", "worker/src/resource_lock/store.rs", "client/src/config.rs"]
            .map(|f| root().join(f));
        let views = root().join("app/src/api");
        let views_file = root().join("app/src/api.rs");
        let outside: Vec<String> = sources(&["domain", "worker/src", "app/src", "client/src", "frontend"])
            .into_iter()
            .filter(|(path, _)| !stored.contains(path) && !path.starts_with(&views) && *path != views_file)
            .filter(|(path, _)| !(path.ends_with("jobs.rs") && path.parent() != Some(&root().join("worker/src"))))
            .filter(|(_, text)| text.lines().any(|l| l.contains("#[derive(") && l.contains("Serialize")))
            .map(|(path, _)| path.display().to_string())
            .collect();
        assert!(outside.is_empty(), "types that serialise outside protocol/ (move them there): {outside:?}");
    }

    #[test]
    fn the_code_map_names_every_module_of_the_worker() {
        let map = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
        let missing: Vec<String> = std::fs::read_dir(root().join("worker/src"))
            .expect("worker/src")
            .flatten()
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                if e.path().is_dir() {
                    format!("{name}/")
                } else {
                    name
                }
            })
            .filter(|name| name != "lib.rs" && !map.contains(&format!("`{name}`")))
            .collect();
        assert!(missing.is_empty(), "ARCHITECTURE.md's code map does not name {missing:?}");
    }
}
