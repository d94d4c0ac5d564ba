//! How an MCP tool's arguments are declared once and read, typed, from the
//! `arguments` object of a `tools/call`: `tool_args!` writes the struct, its
//! JSON Schema and its reader from one field list, so the schema a client
//! sees is the type the hub reads, and an argument the tool does not take
//! is refused with the names it does take.

use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

use crate::{AgentId, ResourcePath, TaskId, Text};

/// A type an argument can have: its schema, and whether it must be given.
pub trait Field: Sized {
    const REQUIRED: bool = true;

    fn schema() -> Value;

    /// The argument as sent.
    ///
    /// # Errors
    /// The reason, starting with the argument's name.
    fn read(v: Value, name: &str) -> Result<Self, String>;

    /// The argument left out.
    ///
    /// # Errors
    /// When it is required.
    fn missing(name: &str) -> Result<Self, String> {
        Err(format!("{name} is required"))
    }
}

fn decode<T: DeserializeOwned>(v: Value, name: &str) -> Result<T, String> {
    serde_json::from_value(v).map_err(|e| format!("{name}: {e}"))
}

/// Types that travel as a JSON string.
macro_rules! string_field {
    ($($t:ty),*) => {$(
        impl Field for $t {
            fn schema() -> Value {
                json!({ "type": "string" })
            }
            fn read(v: Value, name: &str) -> Result<Self, String> {
                decode(v, name)
            }
        }
    )*};
}

string_field!(AgentId, TaskId, ResourcePath);

impl<const N: usize> Field for Text<N> {
    fn schema() -> Value {
        json!({ "type": "string" })
    }
    fn read(v: Value, name: &str) -> Result<Self, String> {
        decode(v, name)
    }
}

impl Field for i64 {
    fn schema() -> Value {
        json!({ "type": "integer" })
    }
    fn read(v: Value, name: &str) -> Result<Self, String> {
        decode(v, name)
    }
}

impl Field for bool {
    fn schema() -> Value {
        json!({ "type": "boolean" })
    }
    fn read(v: Value, name: &str) -> Result<Self, String> {
        decode(v, name)
    }
}

impl<T: Field> Field for Vec<T> {
    fn schema() -> Value {
        json!({ "type": "array", "items": T::schema() })
    }
    fn read(v: Value, name: &str) -> Result<Self, String> {
        match v {
            Value::Array(items) => items.into_iter().map(|item| T::read(item, name)).collect(),
            _ => Err(format!("{name}: must be an array")),
        }
    }
}

/// Optional: left out or `null` is `None`.
impl<T: Field> Field for Option<T> {
    const REQUIRED: bool = false;

    fn schema() -> Value {
        T::schema()
    }
    fn read(v: Value, name: &str) -> Result<Self, String> {
        if v.is_null() {
            Ok(None)
        } else {
            T::read(v, name).map(Some)
        }
    }
    fn missing(_: &str) -> Result<Self, String> {
        Ok(None)
    }
}

/// The schema of a tool's arguments object.
pub(crate) fn object(properties: Map<String, Value>, required: &[&str]) -> Value {
    let mut schema = json!({ "type": "object", "properties": properties });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

/// Refuses an argument the tool does not take, naming the ones it does.
pub(crate) fn refuse_unknown(args: &Map<String, Value>, fields: &[&str]) -> Result<(), String> {
    match args.keys().find(|k| !fields.contains(&k.as_str())) {
        None => Ok(()),
        Some(k) if fields.is_empty() => Err(format!("unknown argument {k:?}: this tool takes none")),
        Some(k) => Err(format!("unknown argument {k:?}: this tool takes {}", fields.join(", "))),
    }
}

pub(crate) fn take<T: Field>(args: &mut Map<String, Value>, name: &str) -> Result<T, String> {
    match args.remove(name) {
        Some(v) => T::read(v, name),
        None => T::missing(name),
    }
}

/// `Name { field: Type, other: Option<Type> => "description", ... }`: the
/// struct, `schema()` and `read()`; `Option` fields are the optional ones.
macro_rules! tool_args {
    ($(#[$doc:meta])* $name:ident { $($field:ident : $ty:ty $(=> $desc:literal)?),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name { $(pub $field: $ty),* }

        impl $name {
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            pub fn schema() -> serde_json::Value {
                #[allow(unused_mut)]
                let mut properties = serde_json::Map::new();
                #[allow(unused_mut)]
                let mut required: Vec<&str> = Vec::new();
                $(
                    #[allow(unused_mut)]
                    let mut field = <$ty as $crate::tool_args::Field>::schema();
                    $( field["description"] = $desc.into(); )?
                    properties.insert(stringify!($field).into(), field);
                    if <$ty as $crate::tool_args::Field>::REQUIRED {
                        required.push(stringify!($field));
                    }
                )*
                $crate::tool_args::object(properties, &required)
            }

            /// # Errors
            /// An unknown argument, a missing required one, or a bad value,
            /// in words naming the argument.
            #[allow(unused_mut)]
            pub fn read(mut args: serde_json::Map<String, serde_json::Value>) -> Result<Self, String> {
                $crate::tool_args::refuse_unknown(&args, Self::FIELDS)?;
                Ok(Self { $($field: $crate::tool_args::take(&mut args, stringify!($field))?),* })
            }
        }
    };
}
