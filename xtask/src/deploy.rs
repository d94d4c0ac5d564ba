//! Deployability, checked without a Cloudflare account: wrangler bundles
//! the Worker exactly as `wrangler deploy` would (`--dry-run`), which also
//! validates `wrangler.toml`, and the bundle must fit the Workers size
//! limit; the portal's Wasm must fit its budget.

use crate::sh::{self, cmd, output, run};

/// The Workers free plan's limit on a Worker's compressed size.
const LIMIT_GZIP_BYTES: u64 = 3 * 1024 * 1024;
/// The portal's budget for the Wasm every browser downloads: 540 KB (it
/// was 500 KB until the readable chat, the team picker, the locks' queues
/// and confirmation and the token page's copy and connect help took the
/// bundle from 485 KB to 502 KB gzipped; 512 KB until the attention list
/// with an action per kind, the webhooks page and resolving from the agent,
/// trace and coordination pages took it to 533 KB).
const PORTAL_LIMIT_GZIP_BYTES: u64 = 540_000;

fn gzipped(path: &std::path::Path) -> Result<u64, String> {
    output(cmd("sh").arg("-c").arg("gzip -9 -c \"$0\" | wc -c").arg(path))
        .and_then(|n| n.trim().parse::<u64>().ok())
        .ok_or_else(|| format!("could not gzip {}", path.display()))
}

pub fn check() -> Result<(), String> {
    let out = sh::root().join("target/deploy");
    let _ = std::fs::remove_dir_all(&out);
    run(cmd("wrangler").args(["deploy", "--dry-run", "--outdir"]).arg(&out))?;
    let mut total = 0;
    for entry in std::fs::read_dir(&out).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "map") || path.is_dir() {
            continue;
        }
        total += gzipped(&path)?;
    }
    println!("deploy: bundle {total} B gzipped (limit {LIMIT_GZIP_BYTES} B)");
    if total > LIMIT_GZIP_BYTES {
        return Err(format!("the Worker bundle is {total} B gzipped, over the {LIMIT_GZIP_BYTES} B limit"));
    }
    let portal = gzipped(&sh::root().join("site/pkg/hub.wasm"))?;
    println!("deploy: portal wasm {portal} B gzipped (budget {PORTAL_LIMIT_GZIP_BYTES} B)");
    if portal > PORTAL_LIMIT_GZIP_BYTES {
        return Err(format!("the portal's wasm is {portal} B gzipped, over its {PORTAL_LIMIT_GZIP_BYTES} B budget"));
    }
    Ok(())
}
