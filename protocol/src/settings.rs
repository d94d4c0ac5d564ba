//! A team's settings (`GET`/`PATCH /coordinator/settings`): the timings and
//! caps a team's humans may tune, each defaulting to the deployment's
//! variable of the same meaning.

use serde::{Deserialize, Serialize};

use crate::{AgentId, Timestamp};

/// The settings in force for a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamSettings {
    /// A DM still not delivered after this long, because its recipient has
    /// no live session, is reported back to its sender once.
    pub not_delivered_after_secs: u32,
    /// An escalation to a human nobody answered is raised again this often
    /// (0: never again)...
    pub reescalate_every_secs: u32,
    /// ... at most this many times.
    pub reescalate_times: u32,
    /// In-progress tasks one agent may take (`take` refuses beyond; 0: no cap).
    pub in_progress_per_agent: u32,
    /// A taken task whose agent has been offline this long goes back to the
    /// ready queue, with a note (0: never).
    pub return_tasks_after_secs: u32,
}

/// `PATCH /coordinator/settings`: the settings to change; one left out
/// stays as it is, `null` goes back to the deployment's default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SettingsPatch {
    #[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]
    pub not_delivered_after_secs: Option<Option<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]
    pub reescalate_every_secs: Option<Option<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]
    pub reescalate_times: Option<Option<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]
    pub in_progress_per_agent: Option<Option<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]
    pub return_tasks_after_secs: Option<Option<u32>>,
}

/// What a team has changed from the deployment's defaults (stored).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsOverrides {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_delivered_after_secs: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reescalate_every_secs: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reescalate_times: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_progress_per_agent: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_tasks_after_secs: Option<u32>,
}

/// `GET`/`PATCH /coordinator/settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsResponse {
    /// In force: the team's own values over the defaults.
    pub settings: TeamSettings,
    /// The deployment's defaults.
    pub defaults: TeamSettings,
    /// Who last changed them, and when (never: absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<AgentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
}

/// A field that may be absent (leave it), `null` (clear it) or a value.
mod nullable {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[allow(clippy::option_option)] // absent, null and a value are three answers
    pub fn serialize<S: Serializer, T: Serialize>(v: &Option<Option<T>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }

    #[allow(clippy::option_option)]
    pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_tells_absent_from_null_from_a_value() {
        let p: SettingsPatch =
            serde_json::from_str(r#"{"notDeliveredAfterSecs": 60, "reescalateTimes": null}"#).unwrap();
        assert_eq!(p.not_delivered_after_secs, Some(Some(60)));
        assert_eq!(p.reescalate_times, Some(None));
        assert_eq!(p.in_progress_per_agent, None);
        assert!(serde_json::from_str::<SettingsPatch>(r#"{"notDelivered": 1}"#).is_err(), "unknown names refused");
        let back = serde_json::to_value(&p).unwrap();
        assert_eq!(back, serde_json::json!({"notDeliveredAfterSecs": 60, "reescalateTimes": null}));
    }
}
