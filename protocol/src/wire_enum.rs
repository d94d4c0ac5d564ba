//! `wire_enum!`: a closed set of wire words as a Rust enum, with serde, the
//! list of allowed values (for error messages) and string conversions,
//! declared once instead of per enum.

macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $(#[serde(rename = $wire)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }

        // As a tool's argument: a string with its allowed values listed.
        impl $crate::tool_args::Field for $name {
            fn schema() -> serde_json::Value {
                serde_json::json!({ "type": "string", "enum": Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>() })
            }
            fn read(v: serde_json::Value, name: &str) -> Result<Self, String> {
                v.as_str().and_then(Self::parse).ok_or_else(|| {
                    let allowed: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    format!("{name} {v}: use one of {}", allowed.join(", "))
                })
            }
        }
    };
}

/// `impl Default` naming the default variant.
macro_rules! wire_default {
    ($name:ident :: $variant:ident) => {
        impl Default for $name {
            fn default() -> Self {
                $name::$variant
            }
        }
    };
}
