//! Generated ids keep the original's `<prefix>-<millis>-<base36>` shape, so
//! they sort roughly by creation time and old clients recognise them.

use hub_protocol::Timestamp;

/// `prefix-<millis>-<6 base36 chars from entropy>`; an empty prefix gives
/// `<millis>-<...>` (group chat ids had none).
pub fn new_id(prefix: &str, now: Timestamp, entropy: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut suffix = [0u8; 6];
    let mut n = entropy;
    for slot in &mut suffix {
        *slot = DIGITS[(n % 36) as usize];
        n /= 36;
    }
    let suffix = std::str::from_utf8(&suffix).unwrap_or("000000");
    if prefix.is_empty() {
        format!("{}-{suffix}", now.millis())
    } else {
        format!("{prefix}-{}-{suffix}", now.millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_matches_the_original() {
        let t = Timestamp::from_millis(1_700_000_000_000);
        assert_eq!(new_id("task", t, 0), "task-1700000000000-000000");
        assert_eq!(new_id("", t, 35), "1700000000000-z00000");
    }
}
