//! How server functions' answers travel: JSON, decoded from text.
//!
//! A page's data reaches the browser two ways: inside the HTML it was
//! rendered with, which hydration decodes with `serde_json::from_str`, and
//! as a server function's answer, which server_fn's own JSON encoding
//! decodes with `serde_json::from_slice`. Each is a separate copy of every
//! type's deserialiser in the bundle; decoding answers from text as well
//! keeps one copy.

use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// JSON, decoded as text (see the module's doc).
pub struct TextJsonEncoding;

impl ContentType for TextJsonEncoding {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for TextJsonEncoding {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for TextJsonEncoding {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for TextJsonEncoding {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(<serde_json::Error as serde::de::Error>::custom)?;
        serde_json::from_str(text)
    }
}

/// The answer encoding every server function names (`output = TextJson`).
pub type TextJson = Post<TextJsonEncoding>;
