//! The wire contract with the original: its own client, `DOClient` from
//! `../shared/peer/`, drives the original hub and agent-hub (with the
//! loopback compatibility switch on, as an old client needs) through one
//! scenario, and every field the original answered must be in agent-hub's
//! answer (`tests/contract/doclient.mjs`).

use std::path::Path;

use crate::hub::Hub;
use crate::sh::{self, cmd, run};

const ORIGINAL_PORT: u16 = 8781;
const OURS_PORT: u16 = 8780;

/// Runs the contract, or says why it cannot (no `../shared/peer`).
pub fn check(data: &Path) -> Result<(), String> {
    let peer = sh::root().join("../shared/peer");
    if !peer.join("original-client.mjs").exists() {
        println!("contract: skipped, the original is not at {} (see README, Tests)", peer.display());
        return Ok(());
    }
    let env = [
        ("HUB_ADMIN_TOKEN", crate::secrets::random_hex(24)),
        ("HUB_JOIN_SECRET", crate::secrets::random_hex(16)),
        ("HUB_ALLOW_TOKENLESS", "loopback".to_owned()),
        ("HUB_WRITE_BURST", "100000".to_owned()),
        ("HUB_WRITES_PER_SEC", "100000".to_owned()),
    ]
    .map(|(k, v)| (k.to_owned(), v));
    let _ = std::fs::remove_dir_all(data);
    let original = Hub::start_config(&peer.join("original.capnp"), ORIGINAL_PORT, &data.join("original"))?;
    let ours = Hub::start(OURS_PORT, &data.join("ours"), &env)?;
    run(cmd("node")
        .arg(sh::root().join("tests/contract/doclient.mjs"))
        .env("ORIGINAL_URL", original.url())
        .env("HUB_URL", ours.url())
        .env("PEER_CLIENT", peer.join("original-client.mjs")))
}
