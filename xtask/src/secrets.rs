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
        write_private(path, &text).map_err(|e| format!("write {}: {e}", path.display()))?;
        println!("xtask: wrote local secrets to {} (git-ignored)", path.display());
    }
    Ok(Local { admin_token: get(&text, "HUB_ADMIN_TOKEN").unwrap_or_default() })
}

/// Writes `text` to a file only its owner can read, from the first byte
/// (created with mode 0600, never widened and narrowed after).
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let mut file = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)?;
    // An older file may have been created wider.
    file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    file.write_all(text.as_bytes())
}
