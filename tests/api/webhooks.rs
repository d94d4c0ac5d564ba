//! Webhooks: signed deliveries to a receiver on loopback (the shared hub
//! runs with `HUB_WEBHOOKS_TO_LOCAL=allow` and a retry schedule of 1, 2,
//! 3 s), re-escalation, retries, a kill of the runtime, and URLs refused.

use std::time::{Duration, Instant};

use hmac::{Hmac, Mac};
use hub_protocol::{AttentionResponse, CreatedWebhook, DeliveryStatus, WebhooksResponse};
use hub_tests::{OwnHub, Received, Receiver, TestApp};
use serde_json::json;
use sha2::Sha256;

/// Checks a delivery's `X-Hub-Signature: t=..,v1=..` with the secret, as
/// a receiver would (and that it is fresh).
fn verify(r: &Received, secret: &str) {
    let header = r.headers.get("x-hub-signature").expect("a signature header");
    let (t, v1) = header.split_once(",v1=").expect("t=..,v1=..");
    let t = t.strip_prefix("t=").expect("t=");
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.{}", r.body).as_bytes());
    assert_eq!(hex::encode(mac.finalize().into_bytes()), v1, "the signature matches the body");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    assert!(now.abs_diff(t.parse::<u64>().unwrap()) < hub_protocol::WEBHOOK_REPLAY_WINDOW_SECS);
}

async fn step(app: &TestApp, sid: &str, outcome: &str) {
    let r = app.post(&format!("/agent/ann/trace/{sid}/step"), json!({"tool": "run", "outcome": outcome})).await;
    assert_eq!(r.status, 200, "{}", r.body);
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_level_three_escalation_is_posted_signed_then_sent_again_unanswered() {
    let app = TestApp::new();
    let mut receiver = Receiver::start(&[]).await;
    let created = app.post("/coordinator/webhooks", json!({"url": receiver.url()})).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let created: CreatedWebhook = created.typed();
    assert!(created.secret.starts_with("whsec_"));
    let listed = app.get("/coordinator/webhooks").await;
    assert!(!listed.text.contains(&created.secret), "the secret is shown once");
    let (ann, _) = app.as_agent("ann").await;
    assert_eq!(ann.post("/coordinator/webhooks", json!({"url": receiver.url()})).await.status, 403);
    let patch = json!({"reescalateEverySecs": 2, "reescalateTimes": 1});
    assert_eq!(app.patch("/coordinator/settings", patch).await.status, 200);

    // Two errors open a level-2 escalation (below the webhook's level 3);
    // five more steps raise it to the human.
    let trace: hub_protocol::TraceResponse = ann.post("/agent/ann/trace", json!({"task": "deploy"})).await.typed();
    let sid = trace.trace.session_id;
    for _ in 0..2 {
        step(&ann, &sid, "error").await;
    }
    for _ in 0..4 {
        step(&ann, &sid, "found").await;
    }
    assert!(receiver.next(Duration::from_millis(500)).await.is_none(), "level 2 is below the endpoint's level");
    step(&ann, &sid, "found").await;
    let raised = Instant::now();
    let first = receiver.next(Duration::from_secs(5)).await.expect("the level-3 escalation was posted");
    let took = first.at.duration_since(raised);
    eprintln!("level 3 reached the receiver {took:?} after the step's answer");
    assert!(took < Duration::from_secs(2), "within 2 s: {took:?}");
    verify(&first, &created.secret);
    let body = first.json();
    assert_eq!((body["event"].as_str(), body["item"]["level"].as_u64()), (Some("escalation"), Some(3)));
    assert!(body["text"].as_str().unwrap().contains("ann is stuck"), "a Slack-ready text: {body}");
    assert_eq!(first.headers.get("content-type").map(String::as_str), Some("application/json"));

    // Nobody answers: sent again after the interval, once (the setting).
    let again = receiver.next(Duration::from_secs(10)).await.expect("re-escalated");
    verify(&again, &created.secret);
    assert_eq!(again.json()["event"], "reescalation");
    let gap = again.at.duration_since(first.at);
    assert!(gap >= Duration::from_millis(1500), "after the interval: {gap:?}");
    assert!(receiver.next(Duration::from_secs(4)).await.is_none(), "at most reescalateTimes");
    let list: AttentionResponse = app.get("/coordinator/attention").await.typed();
    assert_eq!(list.items[0].reescalated, 1, "{:?}", list.items);

    let log: WebhooksResponse = app.get("/coordinator/webhooks").await.typed();
    let deliveries = &log.webhooks[0].deliveries;
    assert_eq!(deliveries.len(), 2);
    assert!(deliveries
        .iter()
        .all(|d| d.status == DeliveryStatus::Delivered && d.last_result.as_deref() == Some("200")));
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_failing_receiver_gets_retries_on_the_schedule() {
    let app = TestApp::new();
    let mut receiver = Receiver::start(&[500, 503]).await;
    let created: CreatedWebhook = app.post("/coordinator/webhooks", json!({"url": receiver.url()})).await.typed();
    let test = app.post(&format!("/coordinator/webhooks/{}/test", created.webhook.id), json!({})).await;
    assert_eq!(test.status, 200, "{}", test.body);
    let tries: Vec<Received> = {
        let mut v = Vec::new();
        for _ in 0..3 {
            v.push(receiver.next(Duration::from_secs(10)).await.expect("tried again"));
        }
        v
    };
    let ids: Vec<String> = tries.iter().map(|t| t.json()["deliveryId"].to_string()).collect();
    assert!(ids.iter().all(|i| *i == ids[0]), "one delivery, tried three times: {ids:?}");
    let (gap1, gap2) = (tries[1].at.duration_since(tries[0].at), tries[2].at.duration_since(tries[1].at));
    eprintln!("retries after {gap1:?} and {gap2:?} (schedule 1 s, 2 s)");
    assert!(gap1 >= Duration::from_millis(900) && gap2 >= Duration::from_millis(1900), "{gap1:?} {gap2:?}");
    for t in &tries {
        verify(t, &created.secret);
    }
    let log: WebhooksResponse = app
        .eventually("/coordinator/webhooks", |b| b["webhooks"][0]["deliveries"][0]["status"] == "delivered")
        .await
        .typed();
    let d = &log.webhooks[0].deliveries[0];
    assert_eq!((d.attempts, d.last_result.as_deref()), (3, Some("200")));
    assert!(receiver.next(Duration::from_secs(1)).await.is_none(), "delivered: no more tries");
}

/// A delivery that failed its first try is stored with its retry; the
/// runtime is killed; after the restart the alarm sends it.
#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn a_pending_delivery_survives_a_kill_of_the_runtime() {
    let vars = [("HUB_WEBHOOKS_TO_LOCAL", "allow"), ("HUB_WEBHOOK_RETRY_SECS", "4")];
    let mut hub = OwnHub::start("webhook-kill", 8812, &vars).await;
    let app = TestApp::on(hub.url());
    // A port nobody listens on yet: the first try is refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/hook");
    let created: CreatedWebhook = app.post("/coordinator/webhooks", json!({"url": url})).await.typed();
    let test = app.post(&format!("/coordinator/webhooks/{}/test", created.webhook.id), json!({})).await;
    assert_eq!(test.status, 200, "{}", test.body);
    app.eventually("/coordinator/webhooks", |b| b["webhooks"][0]["deliveries"][0]["attempts"] == 1).await;
    hub.kill();
    let mut receiver = Receiver::start_on(port, &[]).await;
    hub.restart().await;
    let got = receiver.next(Duration::from_secs(20)).await.expect("delivered after the restart");
    verify(&got, &created.secret);
    assert_eq!(got.json()["event"], "test");
}

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn urls_to_private_addresses_are_refused_without_the_switch() {
    let hub = OwnHub::start("webhook-public", 8813, &[]).await;
    let app = TestApp::on(hub.url());
    for url in ["https://127.0.0.1/x", "https://10.1.2.3/", "https://169.254.169.254/latest", "https://localhost/"] {
        let r = app.post("/coordinator/webhooks", json!({"url": url})).await;
        assert_eq!(r.status, 400, "{url}: {}", r.body);
        assert!(r.error().contains("private"), "{}", r.body);
    }
    let http = app.post("/coordinator/webhooks", json!({"url": "http://hooks.example.com/x"})).await;
    assert_eq!(http.status, 400);
    let ok = app.post("/coordinator/webhooks", json!({"url": "https://hooks.example.com/x", "minLevel": 2})).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let bad_level =
        app.post("/coordinator/webhooks", json!({"url": "https://hooks.example.com/x", "minLevel": 4})).await;
    assert_eq!(bad_level.status, 400);
}

/// An approval's message carries a signed one-time link per option:
/// opening one shows a confirmation, its form answers, once.
#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn an_approval_is_answered_from_the_messages_signed_link() {
    let app = TestApp::new();
    let mut receiver = Receiver::start(&[]).await;
    let _: CreatedWebhook = app.post("/coordinator/webhooks", json!({"url": receiver.url()})).await.typed();
    let (ann, _) = app.as_agent("ann").await;
    let asked: hub_protocol::ApprovalResponse =
        ann.post("/coordinator/approvals", json!({"agentId": "ann", "question": "Merge #12?"})).await.typed();
    let got = receiver.next(Duration::from_secs(5)).await.expect("the approval was posted");
    let body = got.json();
    assert_eq!(body["event"], "approval");
    let links = body["answerLinks"].as_array().expect("answer links (HUB_PUBLIC_URL is set)");
    let deny = links.iter().find(|l| l["answer"] == "deny").unwrap()["url"].as_str().unwrap().to_owned();
    assert!(body["text"].as_str().unwrap().contains(&deny), "the text carries the links: {body}");

    let http = reqwest::Client::new();
    // Opening it (a link preview does) answers nothing.
    let shown = http.get(&deny).send().await.unwrap();
    assert_eq!(shown.status(), 200);
    assert!(shown.text().await.unwrap().contains("Answer deny"));
    let still: hub_protocol::ApprovalResponse =
        app.get(&format!("/coordinator/approvals/{}", asked.approval.id)).await.typed();
    assert_eq!(still.approval.answer, None);
    // An altered link is refused; the form answers, once.
    let forged = http.post(deny.replace("answer=deny", "answer=approve")).send().await.unwrap();
    assert_eq!(forged.status(), 403);
    let answered = http.post(&deny).send().await.unwrap();
    assert_eq!(answered.status(), 200);
    assert!(answered.text().await.unwrap().contains("Answered"));
    let again = http.post(&deny).send().await.unwrap();
    assert_eq!(again.status(), 409, "one time");
    let done: hub_protocol::ApprovalResponse =
        app.get(&format!("/coordinator/approvals/{}", asked.approval.id)).await.typed();
    assert_eq!(done.approval.answer.as_deref(), Some("deny"));
}
