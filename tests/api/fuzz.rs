//! Random and malformed bodies thrown at every request decoder of the real
//! hub: never a 5xx, always a JSON error, a 4xx whenever the body is not
//! JSON, and the data stored before is still there after.

use hub_tests::{segment, TestApp};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Value};

/// Every endpoint that decodes a body, with a valid body to mutate.
fn endpoints() -> Vec<(&'static str, String, Value)> {
    let lock = segment("src/fuzz.rs");
    vec![
        ("POST", "/coordinator/agents".into(), json!({"agentId": "fz", "status": "active"})),
        ("POST", "/coordinator/chat".into(), json!({"author": "fz", "message": "hi"})),
        ("POST", "/coordinator/tasks".into(), json!({"title": "t", "priority": "high"})),
        ("PATCH", "/coordinator/tasks/task-1".into(), json!({"status": "done"})),
        ("POST", "/coordinator/zones".into(), json!({"action": "claim", "zoneId": "z", "path": "src/", "owner": "fz"})),
        ("POST", "/coordinator/claims".into(), json!({"action": "claim", "what": "w", "by": "fz"})),
        ("POST", "/coordinator/handoffs".into(), json!({"fromAgent": "fz", "title": "t", "context": "c"})),
        ("POST", "/coordinator/tokens".into(), json!({"agentId": "fz"})),
        ("POST", "/coordinator/join".into(), json!({"agentId": "fz", "secret": "s"})),
        ("POST", "/agent/fz/checkpoint".into(), json!({"conversationSummary": "s", "pendingWork": ["a"]})),
        ("POST", "/agent/fz/messages".into(), json!({"from": "fz", "message": "m"})),
        ("PATCH", "/agent/fz/messages".into(), json!({"messageIds": ["x"]})),
        ("POST", "/agent/fz/memory".into(), json!({"content": "c", "category": "decision"})),
        ("POST", "/agent/fz/trace".into(), json!({"task": "t"})),
        ("POST", "/agent/fz/trace/s1/step".into(), json!({"tool": "t", "outcome": "found", "durationMs": 5})),
        ("POST", "/agent/fz/trace/s1/complete".into(), json!({"domain": "rust"})),
        ("POST", "/agent/fz/trace/s1/resolve-escalation".into(), json!({"escalationId": "e", "resolvedBy": "self"})),
        ("POST", "/agent/fz/soul".into(), json!({"name": "n"})),
        ("PATCH", "/agent/fz/soul".into(), json!({"action": "add-xp", "xp": 5, "source": "s"})),
        ("POST", format!("/lock/{lock}/lock"), json!({"agentId": "fz", "ttlMs": 60000})),
        ("POST", format!("/lock/{lock}/unlock"), json!({"agentId": "fz"})),
        ("POST", format!("/lock/{lock}/renew"), json!({"agentId": "fz"})),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        ".{0,40}".prop_map(Value::from),
        "[\\x00-\\x1f\\u{7f}-\\u{10ffff}]{0,20}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
            prop::collection::btree_map("[a-zA-Z]{1,12}", inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A body: raw bytes, any JSON, or a valid body with one field replaced.
fn body(valid: Value) -> impl Strategy<Value = Vec<u8>> {
    let keys: Vec<String> = valid.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        json_value().prop_map(|v| v.to_string().into_bytes()),
        (prop::sample::select(keys), json_value()).prop_map(move |(k, v)| {
            let mut b = valid.clone();
            b[&k] = v;
            b.to_string().into_bytes()
        }),
    ]
}

const CASES: u32 = 1_000;

#[test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
fn random_bodies_get_4xx_never_5xx_and_lose_nothing() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let app = TestApp::new();
    rt.block_on(async {
        assert_eq!(
            app.post("/coordinator/agents", json!({"agentId": "keeper", "workingOn": "the parser"})).await.status,
            200
        );
        assert_eq!(app.chat("keeper", "before the storm").await.status, 200);
        assert_eq!(app.lock("src/kept.rs", "keeper").await.status, 200);
    });

    let endpoints = endpoints();
    let strategy = (0..endpoints.len()).prop_flat_map(move |i| (Just(i), body(endpoints[i].2.clone())));
    let endpoints = self::endpoints();
    let mut runner = TestRunner::new(Config { cases: CASES, failure_persistence: None, ..Config::default() });
    let statuses = std::cell::RefCell::new(std::collections::BTreeMap::<u16, u32>::new());
    let result = runner.run(&strategy, |(i, bytes)| {
        let (method, path, _) = &endpoints[i];
        let reply = rt.block_on(app.send(method, path, Some(&bytes)));
        *statuses.borrow_mut().entry(reply.status).or_default() += 1;
        prop_assert!(
            reply.status < 500,
            "{method} {path} {:?}: {} {}",
            String::from_utf8_lossy(&bytes),
            reply.status,
            reply.body
        );
        if reply.status >= 400 {
            prop_assert!(reply.body["error"].is_string(), "{}", reply.body);
        }
        if serde_json::from_slice::<Value>(&bytes).is_err() {
            prop_assert!((400..500).contains(&reply.status), "not JSON but {}", reply.status);
        }
        Ok::<(), TestCaseError>(())
    });
    result.unwrap();
    println!(
        "fuzz: {CASES} random bodies over {} endpoints, statuses {:?}",
        self::endpoints().len(),
        statuses.borrow()
    );

    rt.block_on(async {
        let agents = app.get("/coordinator/agents").await;
        assert!(agents.body.to_string().contains("the parser"), "{}", agents.body);
        assert!(app.get("/coordinator/chat").await.body.to_string().contains("before the storm"));
        assert_eq!(app.check("src/kept.rs").await.body["lock"]["lockedBy"], "keeper");
    });
}
