//! The portal's static files (`/pkg/*`, the favicon) from the `ASSETS`
//! binding. On Cloudflare, Workers Assets answers these before the Worker
//! runs; on plain workerd, `ASSETS` is a disk service bound to the Worker,
//! which answers every file as `application/octet-stream`, so the type is
//! set here (browsers refuse a script or stylesheet of the wrong type:
//! `nosniff` is on).

use wasm_bindgen::JsCast;
use worker::Env;

/// Whether `path` names a static file of the portal.
pub fn is_asset(path: &str) -> bool {
    (path.starts_with("/pkg/") || path.matches('/').count() == 1) && content_type(path).is_some()
}

fn content_type(path: &str) -> Option<&'static str> {
    let ext = path.rsplit_once('.')?.1;
    Some(match ext {
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "png" => "image/png",
        _ => return None,
    })
}

/// The file, typed; its own 404 when missing. Fetched through the raw
/// binding so the file's stream passes through untouched (see
/// [`crate::head`]).
pub async fn serve(path: &str, env: &Env) -> worker::Result<worker::Response> {
    let fetcher: worker::worker_sys::Fetcher = env.assets("ASSETS")?.into_rpc();
    let promise = fetcher.fetch_with_str(&format!("https://assets{path}"))?;
    let res: worker::web_sys::Response = worker::wasm_bindgen_futures::JsFuture::from(promise).await?.dyn_into()?;
    let res = worker::Response::from(res);
    if !(200..300).contains(&res.status_code()) {
        return Ok(res);
    }
    let headers = res.headers().clone();
    if let Some(kind) = content_type(path) {
        headers.set("content-type", kind)?;
        if kind.starts_with("image/svg") {
            headers.set("content-security-policy", crate::hardening::SVG_CSP)?;
        }
    }
    // Not content-hashed names: the browser revalidates each time, so a
    // rebuilt portal never runs against a stale bundle.
    headers.set("cache-control", "no-cache")?;
    Ok(res.with_headers(headers))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_typed_files_of_the_portal() {
        assert!(super::is_asset("/pkg/hub.wasm"));
        assert!(super::is_asset("/favicon.svg"));
        assert!(!super::is_asset("/coordinator/x.js"));
        assert!(!super::is_asset("/pkg/secret"));
        assert!(!super::is_asset("/"));
    }
}
