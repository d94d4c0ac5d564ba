//! Browser entry of the portal: the Worker rendered the HTML, this makes it
//! live.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(hub_app::App);
}
