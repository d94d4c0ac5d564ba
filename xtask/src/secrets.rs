//! Local secrets: `.dev.vars` (git-ignored) holds the human token and the
//! join secret for `cargo xtask dev`, created on first run and kept after.

use std::io::Read;
use std::path::Path;

/// `bytes` random bytes from the OS, hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf)).expect("/dev/urandom");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// What `cargo xtask dev` needs to know of `.dev.vars`.
pub struct Local {
    pub admin_token: String,
}

/// Reads `.dev.vars`, adding whichever secret it lacks.
pub fn ensure(path: &Path) -> Result<Local, String> {
    let mut text = std::fs::read_to_string(path).unwrap_or_default();
    let get = |text: &str, key: &str| {
        text.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix('=').map(|v| v.trim().trim_matches('"').to_owned()))
    };
    let mut created = false;
    for (key, bytes) in [("HUB_ADMIN_TOKEN", 24), ("HUB_JOIN_SECRET", 16)] {
        if get(&text, key).filter(|v| !v.is_empty()).is_none() {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&format!("{key}={}\n", random_hex(bytes)));
            created = true;
        }
    }
    if created {
        std::fs::write(path, &text).map_err(|e| format!("write {}: {e}", path.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
        println!("xtask: wrote local secrets to {} (git-ignored)", path.display());
    }
    Ok(Local {
        admin_token: get(&text, "HUB_ADMIN_TOKEN").unwrap_or_default(),
    })
}
