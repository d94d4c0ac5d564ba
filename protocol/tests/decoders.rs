//! Every request type decodes arbitrary bytes without panicking, and what
//! it accepts round-trips: the decoders the Worker runs on every body.

use hub_protocol::*;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

fn survives<T: DeserializeOwned + Serialize>(bytes: &[u8]) {
    if let Ok(value) = serde_json::from_slice::<T>(bytes) {
        let again = serde_json::to_vec(&value).expect("what decodes encodes");
        serde_json::from_slice::<T>(&again).expect("and decodes again");
    }
}

/// Bytes that are often JSON objects with the wire's field names.
fn bodies() -> impl Strategy<Value = Vec<u8>> {
    let field = prop::sample::select(vec![
        "agentId",
        "author",
        "message",
        "from",
        "title",
        "status",
        "priority",
        "ttlMs",
        "force",
        "wait",
        "action",
        "zoneId",
        "owner",
        "by",
        "what",
        "fromAgent",
        "context",
        "tool",
        "outcome",
        "durationMs",
        "secret",
        "reset",
    ]);
    let value = prop_oneof![
        Just("null".to_owned()),
        any::<i64>().prop_map(|n| n.to_string()),
        ".{0,30}".prop_map(|s| serde_json::to_string(&s).unwrap()),
        Just("[]".to_owned()),
        Just("{}".to_owned()),
        Just("true".to_owned()),
    ];
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        prop::collection::vec((field, value), 0..6).prop_map(|pairs| {
            let inner: Vec<String> = pairs.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            format!("{{{}}}", inner.join(",")).into_bytes()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn request_decoders_never_panic(bytes in bodies()) {
        survives::<RegisterAgent>(&bytes);
        survives::<PostChat>(&bytes);
        survives::<CreateTask>(&bytes);
        survives::<UpdateTask>(&bytes);
        survives::<ZoneAction>(&bytes);
        survives::<ClaimAction>(&bytes);
        survives::<HandoffAction>(&bytes);
        survives::<LockRequest>(&bytes);
        survives::<UnlockRequest>(&bytes);
        survives::<RenewRequest>(&bytes);
        survives::<SaveCheckpoint>(&bytes);
        survives::<SendDm>(&bytes);
        survives::<MarkRead>(&bytes);
        survives::<SaveMemory>(&bytes);
        survives::<StartTrace>(&bytes);
        survives::<StepInput>(&bytes);
        survives::<ResolveEscalation>(&bytes);
        survives::<CreateSoul>(&bytes);
        survives::<SoulPatch>(&bytes);
        survives::<MintToken>(&bytes);
        survives::<JoinTeam>(&bytes);
    }
}
