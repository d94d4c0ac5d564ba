//! One event sent to many sockets. The text is made a JavaScript string
//! once: `WebSocket::send_with_str` copies (and decodes) it out of Wasm
//! memory again for every socket, which a team of hundreds pays per post.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use worker::js_sys::JsString;

#[wasm_bindgen]
extern "C" {
    /// The runtime's WebSocket, seen only for `send` with a string already
    /// on the JavaScript side.
    type Socket;

    #[wasm_bindgen(method, catch)]
    fn send(this: &Socket, data: &JsString) -> Result<(), wasm_bindgen::JsValue>;
}

pub struct Broadcast(JsString);

impl Broadcast {
    /// `None` if the envelope cannot be serialised (it always can).
    pub fn of<T: serde::Serialize>(envelope: &T) -> Option<Self> {
        let text = serde_json::to_string(envelope).ok()?;
        Some(Self(JsString::from(text.as_str())))
    }

    /// An envelope already serialised.
    pub fn text(text: &str) -> Self {
        Self(JsString::from(text))
    }

    /// Sends it with the entry's `sendAll` (every socket of the object, in
    /// one call).
    pub fn by(&self, send_all: &worker::js_sys::Function) {
        let _ = send_all.call1(&wasm_bindgen::JsValue::NULL, &self.0);
    }

    /// Sends it on `sockets`; one that is closing may refuse, the others
    /// still get it.
    pub fn to(&self, sockets: &[worker::WebSocket]) {
        for ws in sockets {
            let socket: &worker::web_sys::WebSocket = ws.as_ref();
            let _ = socket.unchecked_ref::<Socket>().send(&self.0);
        }
    }
}
