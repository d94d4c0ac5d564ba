//! JavaScript strings into Rust at the runtime's speed.
//!
//! wasm-bindgen copies a string into Wasm memory with a JavaScript loop
//! over its characters; the runtime's `TextEncoder` writes the UTF-8 in one
//! native call, and wasm-bindgen copies those bytes in with one
//! `memory.set`. Measured on the built Worker: a 39 KB checkpoint save
//! (the Worker no longer reads the body either) took 1125–1975 µs of
//! workerd CPU against 1325–2475 before, three rounds; small requests did
//! not move beyond noise. (A profile of the unoptimised build had shown the
//! loop at 2.4 ms of a 400-task listing; the optimised build did not.)

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use worker::js_sys::Array;

#[wasm_bindgen(inline_js = "
    const utf8 = new TextEncoder();
    export function utf8_of(s) { return utf8.encode(s); }
    export function rows_utf8(sql, query, args) { return utf8.encode(sql.exec(query, ...args).one().rows); }
")]
extern "C" {
    fn utf8_of(s: &JsValue) -> Vec<u8>;
    #[wasm_bindgen(catch)]
    fn rows_utf8(sql: &JsValue, query: &str, args: &Array) -> Result<Vec<u8>, JsValue>;
}

/// The UTF-8 of a JavaScript string; `None` for anything else.
pub fn utf8(s: &JsValue) -> Option<Vec<u8>> {
    s.is_string().then(|| utf8_of(s))
}

/// A JavaScript string as a Rust one; `None` for anything else.
pub fn string(s: &JsValue) -> Option<String> {
    // TextEncoder writes valid UTF-8 (lone surrogates become U+FFFD).
    utf8(s).and_then(|bytes| String::from_utf8(bytes).ok())
}

/// The `rows` column of the one row `query` answers (see `crate::sql`), as
/// UTF-8.
///
/// # Errors
/// When the statement fails.
pub fn rows_column(
    sql: &worker::SqlStorage,
    query: &str,
    args: Vec<worker::SqlStorageValue>,
) -> Result<Vec<u8>, worker::Error> {
    let bindings = Array::new();
    for v in args {
        bindings.push(&v.into());
    }
    rows_utf8(sql.as_ref(), query, &bindings).map_err(worker::Error::from)
}
