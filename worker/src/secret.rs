//! Tokens, hashes and signatures. Randomness comes from the platform's
//! CSPRNG (`crypto.getRandomValues` through `getrandom`), never from the
//! clock's `entropy`.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// Agent tokens start with this, so a leaked one is recognisable (and
/// secret scanners can be taught the pattern).
pub const TOKEN_PREFIX: &str = "ahub_";

/// Named humans' tokens start with this: the Worker asks the hub's
/// registry about them, and a team's coordinator about agent tokens.
pub const HUMAN_TOKEN_PREFIX: &str = "ahubh_";

/// `bytes` random bytes as lowercase hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    // The platform CSPRNG does not fail on Workers; a zeroed buffer would
    // be a predictable token, so stop rather than go on.
    getrandom::fill(&mut buf).expect("crypto.getRandomValues is available");
    hex(&buf)
}

/// A new agent token: prefix + 256 random bits.
pub fn new_token() -> String {
    format!("{TOKEN_PREFIX}{}", random_hex(32))
}

/// A new named human's token.
pub fn new_human_token() -> String {
    format!("{HUMAN_TOKEN_PREFIX}{}", random_hex(32))
}

/// What the hub stores and looks tokens up by.
pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// HMAC-SHA256 of `message` under `key`, hex.
pub fn sign(key: &str, message: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(message.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// The join secret of `team`: derived from the hub's master secret, so
/// each team has its own without storing any, and rotating the master
/// rotates them all.
pub fn team_join_secret(master: &str, team: &str) -> String {
    sign(master, &format!("agent-hub join v1 {team}"))[..32].to_owned()
}

/// Compares secrets in time independent of where they differ.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
