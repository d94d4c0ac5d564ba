//! The loopback compatibility switch (`HUB_ALLOW_TOKENLESS=loopback`) lets
//! old tokenless clients in, but never a web page of another site that the
//! developer's browser happens to visit.

use hub_tests::OwnHub;

#[tokio::test]
#[ignore = "drives a live hub: run it with `cargo xtask test`"]
async fn the_tokenless_switch_refuses_cross_site_browser_requests() {
    let hub = OwnHub::start("compat", 8791, &[("HUB_ALLOW_TOKENLESS", "loopback")]).await;
    let http = reqwest::Client::new();
    let inbox = format!("{}/agent/ann/messages", hub.url());
    let plain = http.get(&inbox).send().await.unwrap();
    assert_eq!(plain.status(), 200, "an old client without a token still works");
    for (name, value) in [("origin", "https://evil.example"), ("sec-fetch-site", "cross-site")] {
        let res = http.get(&inbox).header(name, value).send().await.unwrap();
        assert_eq!(res.status(), 401, "{name}: {value} must not pass the switch");
    }
    let same_site = http.get(&inbox).header("sec-fetch-site", "same-origin").send().await.unwrap();
    assert_eq!(same_site.status(), 200);
}
