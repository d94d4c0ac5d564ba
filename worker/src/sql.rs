//! Reading rows out of a Durable Object's SQLite, the one way all three
//! objects do it.
//!
//! The runtime hands rows to Wasm as JavaScript objects, and decoding them
//! field by field crosses the JS/Wasm boundary once per value: about 10 µs
//! a row here, so a hundred tasks cost a millisecond. Instead SQLite turns
//! the rows into one JSON array (`json_group_array(json_object(...))`),
//! which crosses once as a string and is parsed by serde_json. The
//! `json_object` keys are the row type's own field names, read from its
//! `Deserialize` impl, so a row struct stays the single description of
//! its columns.
//!
//! A `LIMIT` is written into the statement as a number, never bound, and so
//! is an equality on an indexed column that is not unique (`category = ?`)
//! unless it is always there: workerd's SQLite plans such a statement with
//! the bound value, so binding one marks it stale and every run parses and
//! plans it again (measured: 76 µs of an agent's state read, 86 µs of a
//! chat read). Each distinct text is one cached statement.

use serde::de::{self, DeserializeOwned, Visitor};
use serde::Deserialize;
use worker::{SqlStorage, SqlStorageValue};

use crate::api_error::ApiError;

/// A time column of a row: milliseconds as SQLite holds them (an integer,
/// or a real where the runtime bound a JavaScript number), read as the
/// `Timestamp` the wire and the rules use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Millis(pub hub_protocol::Timestamp);

impl<'de> Deserialize<'de> for Millis {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[allow(clippy::cast_possible_truncation)] // whole milliseconds, far below 2^53
        let ms = f64::deserialize(d)?.round() as i64;
        Ok(Millis(hub_protocol::Timestamp::from_millis(ms)))
    }
}

/// Every row of `query` as `T`, whose fields are named as its columns.
///
/// # Errors
/// When the statement fails or a row does not decode as `T`.
pub fn rows<T: DeserializeOwned>(
    sql: &SqlStorage,
    query: &str,
    args: Vec<SqlStorageValue>,
) -> Result<Vec<T>, ApiError> {
    let Some(fields) = fields_of::<T>() else {
        // Not a plain struct: the slow path, value by value.
        return Ok(sql.exec(query, Some(args))?.to_array()?);
    };
    let pairs: Vec<String> = fields.iter().map(|f| format!("'{f}', \"{f}\"")).collect();
    let wrapped = format!("SELECT json_group_array(json_object({})) AS rows FROM ({query})", pairs.join(", "));
    let json = crate::js_text::rows_column(sql, &wrapped, args)?;
    serde_json::from_slice(&json).map_err(|e| ApiError::Internal(format!("row decode: {e}")))
}

/// The field names of a struct `T`, as its `Deserialize` impl asks for
/// them (renames applied); `None` for anything but a plain struct.
fn fields_of<T: DeserializeOwned>() -> Option<&'static [&'static str]> {
    match T::deserialize(FieldNames) {
        Err(Found(Some(fields))) => Some(fields),
        _ => None,
    }
}

/// A deserializer that answers nothing: it only learns which fields a
/// struct wants, and stops there.
struct FieldNames;

#[derive(Debug)]
struct Found(Option<&'static [&'static str]>);

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field names only")
    }
}

impl std::error::Error for Found {}

impl de::Error for Found {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Found(None)
    }
}

impl<'de> de::Deserializer<'de> for FieldNames {
    type Error = Found;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Found> {
        Err(Found(None))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Found> {
        Err(Found(Some(fields)))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Row {
        id: String,
        #[serde(rename = "type")]
        kind: String,
        at: f64,
    }

    #[test]
    fn a_row_struct_names_its_columns() {
        assert_eq!(fields_of::<Row>(), Some(&["id", "type", "at"][..]));
        assert_eq!(fields_of::<serde_json::Value>(), None);
        assert_eq!(fields_of::<(String, f64)>(), None);
    }

    #[test]
    fn time_columns_read_as_integers_or_reals() {
        let rows: Vec<Millis> = serde_json::from_str("[1764000000123, 1764000000123.0]").unwrap();
        assert!(rows.iter().all(|m| m.0.millis() == 1_764_000_000_123));
    }
}
