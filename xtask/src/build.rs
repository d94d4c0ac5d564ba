//! Building the two halves: the portal's browser bundle (`site/pkg/hub.*`)
//! and the Worker (`worker/build/`), which also server-renders the portal.
//!
//! cargo is incremental on its own; the steps after it (wasm-bindgen,
//! wasm-opt, esbuild) are not, and cost most of a rebuild. Each half records
//! the compiled `.wasm` it last finished from (a stamp in `target/xtask/`)
//! and skips those steps while cargo leaves that file untouched.

use std::fs;
use std::path::{Path, PathBuf};

use crate::sh::{self, cmd, run};

pub fn all() -> Result<(), String> {
    let started = std::time::Instant::now();
    portal()?;
    worker()?;
    crate::workerd::write_config(false)?;
    crate::workerd::write_config(true)?;
    println!("build: done in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Hydrate half: compile, bind, optimise for size, and lay out `site/`.
fn portal() -> Result<(), String> {
    let root = sh::root();
    run(cmd("cargo").args([
        "build",
        "-p",
        "hub-frontend",
        "--lib",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    let pkg = root.join("site/pkg");
    fs::create_dir_all(&pkg).map_err(|e| e.to_string())?;
    fs::copy(root.join("style/main.css"), pkg.join("hub.css")).map_err(|e| e.to_string())?;
    copy_dir(&root.join("public"), &root.join("site"))?;
    let wasm = root.join("target/wasm32-unknown-unknown/release/hub_frontend.wasm");
    let stamp = Stamp::new("portal", &wasm);
    if stamp.is_current(&[&pkg.join("hub.wasm"), &pkg.join("hub.js")]) {
        println!("build: portal unchanged, bundle kept");
        return Ok(());
    }
    let bindgen = sh::cargo_bin().join("wasm-bindgen");
    run(cmd(bindgen.to_str().unwrap_or("wasm-bindgen"))
        .arg(&wasm)
        .args(["--target", "web", "--no-typescript", "--out-name", "hub", "--out-dir"])
        .arg(&pkg))?;
    // HydrationScripts loads /pkg/hub.js and /pkg/hub.wasm.
    let bound = pkg.join("hub_bg.wasm");
    let out = pkg.join("hub.wasm");
    if std::env::var_os("HUB_NO_WASM_OPT").is_some() {
        fs::rename(&bound, &out).map_err(|e| e.to_string())?;
    } else {
        // --converge: a few KB less, for the portal's 512 KB budget.
        run(cmd("wasm-opt")
            .arg("-Oz")
            .arg("--converge")
            .arg("--enable-bulk-memory")
            .arg("--enable-nontrapping-float-to-int")
            .arg(&bound)
            .arg("-o")
            .arg(&out))?;
        fs::remove_file(&bound).map_err(|e| e.to_string())?;
    }
    stamp.record()
}

/// Server half: worker-build compiles `hub-worker` (with the portal's SSR),
/// runs wasm-bindgen and bundles the JS shim with esbuild. All three tools
/// come from the project's own installs, never from a download.
fn worker() -> Result<(), String> {
    let root = sh::root();
    // worker-build's own first step, run alike (same directory, flags and
    // environment, so it is a no-op when worker-build repeats it).
    run(cmd("cargo")
        .current_dir(root.join("worker"))
        .args(["build", "--lib", "--release", "--target", "wasm32-unknown-unknown"])
        .env("WASM_BINDGEN_USE_JS_SYS", "1")
        .env("LEPTOS_OUTPUT_NAME", "hub"))?;
    let wasm = root.join("target/wasm32-unknown-unknown/release/hub_worker.wasm");
    let stamp = Stamp::new("worker", &wasm);
    let out = root.join("worker/build");
    if stamp.is_current(&[&out.join("index.js"), &out.join("index_bg.wasm")]) {
        println!("build: worker unchanged, bundle kept");
        return Ok(());
    }
    let mut c = cmd(sh::cargo_bin().join("worker-build").to_str().unwrap_or("worker-build"));
    c.current_dir(root.join("worker"))
        .arg("--release")
        .env("LEPTOS_OUTPUT_NAME", "hub")
        .env("WASM_BINDGEN_BIN", sh::cargo_bin().join("wasm-bindgen"))
        .env("ESBUILD_BIN", root.join("node_modules/@esbuild/linux-x64/bin/esbuild"));
    if std::env::var_os("HUB_NO_WASM_OPT").is_some() {
        c.arg("--no-opt");
    } else {
        c.env("WASM_OPT_BIN", root.join("node_modules/.bin/wasm-opt"));
    }
    run(&mut c)?;
    let bundle = fs::read_to_string(out.join("index.js")).map_err(|e| format!("worker/build/index.js: {e}"))?;
    entry_relies_on(&bundle)?;
    stamp.record()
}

/// What `worker/entry.js` relies on of worker-build's bundle (it checks the
/// same again when it loads): refused loudly, with the versions it was
/// written against, when an upgrade changes it.
///
/// # Errors
/// Naming what the bundle no longer has.
pub fn entry_relies_on(bundle: &str) -> Result<(), String> {
    let relied = [
        ("globalThis.__worker_init_state", "globalThis.__worker_init_state="),
        ("its criticalError", "criticalError"),
        ("its instanceId", "instanceId"),
        ("the AgentCoordinator export", "as AgentCoordinator"),
        ("the default export", "as default"),
    ];
    let missing: Vec<&str> = relied.iter().filter(|(_, text)| !bundle.contains(text)).map(|(what, _)| *what).collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "worker-build's bundle no longer has {}: worker/entry.js was written against worker-build {} and \
         wasm-bindgen {}; update it for the new output",
        missing.join(", "),
        crate::setup::WORKER_BUILD,
        crate::setup::WASM_BINDGEN
    ))
}

/// What a bundle was last built from: the compiled `.wasm`'s size and
/// modification time, and whether wasm-opt ran.
struct Stamp {
    file: PathBuf,
    value: String,
}

impl Stamp {
    fn new(name: &str, wasm: &Path) -> Self {
        let meta = fs::metadata(wasm).ok();
        let mtime =
            meta.as_ref().and_then(|m| m.modified().ok()).and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
        let opt = std::env::var_os("HUB_NO_WASM_OPT").is_none();
        let value = format!("{:?} {:?} opt={opt}", meta.map(|m| m.len()), mtime.map(|d| d.as_nanos()));
        Stamp { file: sh::root().join("target/xtask").join(format!("{name}.stamp")), value }
    }

    /// The outputs exist and were built from this very `.wasm`.
    fn is_current(&self, outputs: &[&Path]) -> bool {
        outputs.iter().all(|p| p.exists()) && fs::read_to_string(&self.file).is_ok_and(|v| v == self.value)
    }

    fn record(&self) -> Result<(), String> {
        fs::create_dir_all(self.file.parent().expect("in target/")).map_err(|e| e.to_string())?;
        fs::write(&self.file, &self.value).map_err(|e| e.to_string())
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in fs::read_dir(from).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_names_the_versions_it_was_checked_with() {
        let entry = fs::read_to_string(sh::root().join("worker/entry.js")).unwrap();
        for pinned in [crate::setup::WORKER_BUILD, crate::setup::WASM_BINDGEN] {
            assert!(entry.contains(pinned), "a pin moved to {pinned}: check worker/entry.js against the new output");
        }
    }

    #[test]
    fn a_bundle_without_the_init_state_is_refused_by_name() {
        let good = "var ct=globalThis.__worker_init_state={criticalError:!1,instanceId:0};export{re as AgentCoordinator,ne as default};";
        assert_eq!(entry_relies_on(good), Ok(()));
        let bad = entry_relies_on("export{re as AgentCoordinator,ne as default};").unwrap_err();
        assert!(bad.contains("globalThis.__worker_init_state, its criticalError, its instanceId"), "{bad}");
        assert!(bad.contains(crate::setup::WORKER_BUILD), "{bad}");
    }
}
