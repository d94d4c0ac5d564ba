//! Full-text search: the team's chat, and an agent's DMs, memories and
//! trace steps; a query never fails on FTS syntax; pruned rows are gone
//! from the index too.

use hub_protocol::{SearchKind, SearchResponse};
use hub_tests::TestApp;
use serde_json::json;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn chat_dms_memories_and_steps_are_found_by_their_words() {
    let app = TestApp::new();
    app.chat("ann", "the parser rewrite is merged").await;
    app.chat("bob", "lunch?").await;
    app.post("/agent/bob/messages", json!({"from": "ann", "message": "can you review the parser?"})).await;
    app.post(
        "/agent/bob/memory",
        json!({"category": "decision", "content": "parsers return spans", "tags": ["parsing"]}),
    )
    .await;
    let trace = app.post("/agent/bob/trace", json!({"task": "speed"})).await;
    let sid = trace.body["trace"]["sessionId"].as_str().expect("session").to_owned();
    app.post(
        &format!("/agent/bob/trace/{sid}/step"),
        json!({"tool": "flamegraph", "intent": "profile the parser", "outcome": "found"}),
    )
    .await;

    let chat: SearchResponse = app.get("/coordinator/search?q=parser").await.typed();
    assert_eq!(chat.hits.len(), 1);
    assert_eq!((chat.hits[0].kind, chat.hits[0].author.as_str()), (SearchKind::Chat, "ann"));
    assert!(chat.hits[0].text.contains("parser rewrite"), "{:?}", chat.hits[0]);
    // The chat is indexed by the search that needs it: what came after the
    // last search is found by the next.
    app.chat("bob", "the parser has a new test").await;
    let again: SearchResponse = app.get("/coordinator/search?q=parser").await.typed();
    assert_eq!(again.hits.len(), 2, "{:?}", again.hits);

    let bob: SearchResponse = app.get("/agent/bob/search?q=pars").await.typed();
    let kinds: Vec<SearchKind> = bob.hits.iter().map(|h| h.kind).collect();
    assert_eq!(kinds.len(), 3, "a prefix finds the DM, the memory and the step: {kinds:?}");
    for kind in [SearchKind::Dm, SearchKind::Memory, SearchKind::Step] {
        assert!(kinds.contains(&kind), "{kind:?} in {kinds:?}");
    }
    let step = bob.hits.iter().find(|h| h.kind == SearchKind::Step).expect("step");
    assert_eq!(step.session_id.as_deref(), Some(sid.as_str()), "a step links to its trace");

    // FTS syntax in the box is just words; nothing searchable finds nothing.
    for q in ["%22parser%22%20NEAR(", "parser*%20-x%20col:y", "%22", ""] {
        let r = app.get(&format!("/coordinator/search?q={q}")).await;
        assert_eq!(r.status, 200, "{q}: {}", r.body);
    }
    let (ann, _) = app.as_agent("ann").await;
    assert_eq!(ann.get("/agent/bob/search?q=parser").await.status, 403, "another agent's search is not yours");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn tasks_and_handoffs_are_found_beside_the_chat() {
    let app = TestApp::new();
    app.chat("ann", "the tokenizer is slow").await;
    let task = app
        .create_task(json!({"title": "Speed up the tokenizer", "description": "100% of the time is in lexing"}))
        .await;
    app.create_task(json!({"title": "unrelated"})).await;
    let handoff = app
        .post(
            "/coordinator/handoffs",
            json!({"fromAgent": "ann", "title": "Tokenizer benchmarks", "context": "numbers in bench/"}),
        )
        .await;
    assert_eq!(handoff.status, 200, "{}", handoff.body);
    let found: SearchResponse = app.get("/coordinator/search?q=tokenizer").await.typed();
    let kinds: Vec<SearchKind> = found.hits.iter().map(|h| h.kind).collect();
    assert_eq!(kinds, [SearchKind::Chat, SearchKind::Task, SearchKind::Handoff], "{:?}", found.hits);
    assert_eq!(found.hits[1].id, task.body["task"]["id"].as_str().unwrap());
    // Words are matched literally: `%` is no wildcard.
    let literal: SearchResponse = app.get("/coordinator/search?q=100%25").await.typed();
    assert_eq!(literal.hits.len(), 1, "{:?}", literal.hits);
    let none: SearchResponse = app.get("/coordinator/search?q=1%25%25").await.typed();
    assert!(none.hits.is_empty(), "{:?}", none.hits);
}
