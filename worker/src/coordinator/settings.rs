//! The team's settings (`GET`/`PATCH /coordinator/settings`): the team's
//! own values over the deployment's defaults (`config::team_settings`),
//! bounded by `hub_domain`'s rules. Kept in memory after the first read:
//! this object is the only writer.

use hub_protocol::{Caller, SettingsOverrides, SettingsPatch, SettingsResponse, Timestamp};
use serde::Deserialize;

use super::{AgentCoordinator, Result};
use crate::config;
use crate::sql::Millis;

/// The stored row: the team's own values, who last changed them and when.
#[derive(Clone, Default)]
pub struct Stored {
    overrides: SettingsOverrides,
    updated_by: Option<hub_protocol::AgentId>,
    updated_at: Option<Timestamp>,
}

#[derive(Deserialize)]
struct Row {
    body: String,
    updated_by: Option<String>,
    updated_at: Option<Millis>,
}

impl AgentCoordinator {
    fn stored_settings(&self) -> Result<Stored> {
        self.settings.get(|| {
            let Some(row) = self.store.rows::<Row>("SELECT body, updated_by, updated_at FROM settings", vec![])?.pop()
            else {
                return Ok(Stored::default());
            };
            Ok(Stored {
                overrides: serde_json::from_str(&row.body).unwrap_or_default(),
                updated_by: row.updated_by.and_then(|id| hub_protocol::AgentId::parse(&id).ok()),
                updated_at: row.updated_at.map(|m| m.0),
            })
        })
    }

    /// The settings in force for this team.
    pub(super) fn team_settings(&self) -> Result<hub_protocol::TeamSettings> {
        Ok(hub_domain::settings_in_force(config::team_settings(&self.env), &self.stored_settings()?.overrides))
    }

    pub(super) fn settings_answer(&self) -> Result<SettingsResponse> {
        let stored = self.stored_settings()?;
        let defaults = config::team_settings(&self.env);
        Ok(SettingsResponse {
            settings: hub_domain::settings_in_force(defaults, &stored.overrides),
            defaults,
            updated_by: stored.updated_by,
            updated_at: stored.updated_at,
        })
    }

    /// Applies `patch` (all of it or, when one value is out of bounds,
    /// none) and records who did.
    pub(super) fn patch_settings(
        &self,
        patch: &SettingsPatch,
        caller: &Caller,
        now: Timestamp,
    ) -> Result<SettingsResponse> {
        let overrides = hub_domain::patch_settings(&self.stored_settings()?.overrides, patch)?;
        let next = Stored { overrides, updated_by: hub_domain::actor(caller), updated_at: Some(now) };
        let body = serde_json::to_string(&next.overrides)?;
        self.settings.write(next.clone(), |s| {
            self.store
                .exec(
                    "INSERT INTO settings (id, body, updated_by, updated_at) VALUES (1, ?, ?, ?)
                     ON CONFLICT(id) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by,
                     updated_at = excluded.updated_at",
                    Some(vec![
                        body.into(),
                        s.updated_by.as_ref().map(ToString::to_string).into(),
                        s.updated_at.map(Timestamp::millis).into(),
                    ]),
                )
                .map(drop)
        })?;
        self.settings_answer()
    }
}
