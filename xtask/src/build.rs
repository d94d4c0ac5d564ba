//! Building the two halves: the portal's browser bundle (`site/pkg/hub.*`)
//! and the Worker (`worker/build/`), which also server-renders the portal.

use std::fs;
use std::path::Path;

use crate::sh::{self, cmd, run};

pub fn all() -> Result<(), String> {
    let started = std::time::Instant::now();
    portal()?;
    worker()?;
    println!("build: done in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Hydrate half: compile, bind, optimise for size, and lay out `site/`.
fn portal() -> Result<(), String> {
    let root = sh::root();
    run(cmd("cargo").args([
        "build", "-p", "hub-frontend", "--lib", "--release", "--target", "wasm32-unknown-unknown",
    ]))?;
    let pkg = root.join("site/pkg");
    fs::create_dir_all(&pkg).map_err(|e| e.to_string())?;
    let wasm = root.join("target/wasm32-unknown-unknown/release/hub_frontend.wasm");
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
        run(cmd("wasm-opt").arg("-Oz").arg("--enable-bulk-memory").arg("--enable-nontrapping-float-to-int")
            .arg(&bound).arg("-o").arg(&out))?;
        fs::remove_file(&bound).map_err(|e| e.to_string())?;
    }
    fs::copy(root.join("style/main.css"), pkg.join("hub.css")).map_err(|e| e.to_string())?;
    copy_dir(&root.join("public"), &root.join("site"))
}

/// Server half: worker-build compiles `hub-worker` (with the portal's SSR),
/// runs wasm-bindgen and bundles the JS shim with esbuild. All three tools
/// come from the project's own installs, never from a download.
fn worker() -> Result<(), String> {
    let root = sh::root();
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
    run(&mut c)
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
