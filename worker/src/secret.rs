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

/// A new agent token of `team`: prefix, 256 random bits, and a MAC of
/// both under the deployment's token key ([`sealed`]), so the Worker
/// refuses a made-up token before any object is touched.
pub fn new_token(key: &str, team: &str) -> String {
    seal(key, TOKEN_PREFIX, team, &random_hex(32))
}

/// A new named human's token (hub-wide: its "team" is the registry).
pub fn new_human_token(key: &str) -> String {
    seal(key, HUMAN_TOKEN_PREFIX, HUMANS_SCOPE, &random_hex(32))
}

/// The scope named humans' tokens are sealed for.
pub const HUMANS_SCOPE: &str = "\thumans";

/// How long the MAC is, in hex digits (128 bits).
const MAC_HEX: usize = 32;

fn seal(key: &str, prefix: &str, scope: &str, random: &str) -> String {
    format!("{prefix}{random}.{}", mac(key, scope, random))
}

fn mac(key: &str, scope: &str, random: &str) -> String {
    sign(key, &format!("agent-hub token v2\n{scope}\n{random}"))[..MAC_HEX].to_owned()
}

/// What the form of a presented token says, before any storage is read.
#[derive(Debug, PartialEq, Eq)]
pub enum Seal {
    /// Sealed for this scope by this deployment: worth a lookup.
    Valid,
    /// A token of the format before seals (data folders from before):
    /// looked up only where the registry lists the team.
    Unsealed,
    /// Made up, or sealed for another team or deployment.
    Forged,
}

/// Checks the seal of `token` (prefix already known) for `scope`.
pub fn check_seal(key: &str, prefix: &str, scope: &str, token: &str) -> Seal {
    let Some(body) = token.strip_prefix(prefix) else { return Seal::Forged };
    match body.split_once('.') {
        None if body.len() == 64 && body.bytes().all(|b| b.is_ascii_hexdigit()) => Seal::Unsealed,
        Some((random, given)) if same(given, &mac(key, scope, random)) => Seal::Valid,
        _ => Seal::Forged,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_bind_a_token_to_its_team_and_deployment() {
        let token = seal("key", TOKEN_PREFIX, "red", &"ab".repeat(32));
        assert_eq!(check_seal("key", TOKEN_PREFIX, "red", &token), Seal::Valid);
        assert_eq!(check_seal("key", TOKEN_PREFIX, "blue", &token), Seal::Forged, "another team");
        assert_eq!(check_seal("other", TOKEN_PREFIX, "red", &token), Seal::Forged, "another deployment");
        let (random, _) = token.split_once('.').unwrap();
        assert_eq!(check_seal("key", TOKEN_PREFIX, "red", &format!("{random}.{}", "0".repeat(32))), Seal::Forged);
        assert_eq!(check_seal("key", TOKEN_PREFIX, "red", random), Seal::Unsealed, "the old format");
        assert_eq!(check_seal("key", TOKEN_PREFIX, "red", "ahub_made-up"), Seal::Forged);
    }
}
