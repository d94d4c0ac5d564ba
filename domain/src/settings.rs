//! A team's settings: the bounds each may take, and how a team's own values
//! lie over the deployment's defaults.

use hub_protocol::{SettingsOverrides, SettingsPatch, TeamSettings};

use crate::caps::Refusal;

const DAY_SECS: u32 = 24 * 3600;

/// The built-in defaults, where the deployment sets none.
pub const BUILT_IN_SETTINGS: TeamSettings = TeamSettings {
    not_delivered_after_secs: 600,
    reescalate_every_secs: 1_800,
    reescalate_times: 2,
    in_progress_per_agent: 3,
    return_tasks_after_secs: 1_800,
};

/// Each setting's bounds: (wire name, least, most). The timings start at one
/// second so a test can make them short; a zero where allowed means "off".
const BOUNDS: [(&str, u32, u32); 5] = [
    ("notDeliveredAfterSecs", 1, 7 * DAY_SECS),
    ("reescalateEverySecs", 0, 7 * DAY_SECS),
    ("reescalateTimes", 0, 20),
    ("inProgressPerAgent", 0, 1_000),
    ("returnTasksAfterSecs", 0, 30 * DAY_SECS),
];

fn bounded(index: usize, value: Option<u32>) -> Result<Option<u32>, Refusal> {
    let (name, least, most) = BOUNDS[index];
    match value {
        Some(v) if v < least || v > most => {
            Err(Refusal::Field { field: name, message: format!("must be from {least} to {most}, not {v}") })
        }
        v => Ok(v),
    }
}

/// `overrides` with `patch` applied: a value replaces, `null` clears (back
/// to the default), a left-out field stays.
///
/// # Errors
/// A setting out of its bounds (nothing is applied then).
pub fn patch_settings(overrides: &SettingsOverrides, patch: &SettingsPatch) -> Result<SettingsOverrides, Refusal> {
    let pick = |index, change: Option<Option<u32>>, old: Option<u32>| bounded(index, change.unwrap_or(old));
    Ok(SettingsOverrides {
        not_delivered_after_secs: pick(0, patch.not_delivered_after_secs, overrides.not_delivered_after_secs)?,
        reescalate_every_secs: pick(1, patch.reescalate_every_secs, overrides.reescalate_every_secs)?,
        reescalate_times: pick(2, patch.reescalate_times, overrides.reescalate_times)?,
        in_progress_per_agent: pick(3, patch.in_progress_per_agent, overrides.in_progress_per_agent)?,
        return_tasks_after_secs: pick(4, patch.return_tasks_after_secs, overrides.return_tasks_after_secs)?,
    })
}

/// The settings in force: the team's values over `defaults`.
#[must_use]
pub fn settings_in_force(defaults: TeamSettings, o: &SettingsOverrides) -> TeamSettings {
    TeamSettings {
        not_delivered_after_secs: o.not_delivered_after_secs.unwrap_or(defaults.not_delivered_after_secs),
        reescalate_every_secs: o.reescalate_every_secs.unwrap_or(defaults.reescalate_every_secs),
        reescalate_times: o.reescalate_times.unwrap_or(defaults.reescalate_times),
        in_progress_per_agent: o.in_progress_per_agent.unwrap_or(defaults.in_progress_per_agent),
        return_tasks_after_secs: o.return_tasks_after_secs.unwrap_or(defaults.return_tasks_after_secs),
    }
}

/// The deployment's defaults: each variable read by `var` (its wire name),
/// where it is set and within bounds; the built-in value otherwise.
#[must_use]
pub fn deployment_settings(var: impl Fn(&str) -> Option<u32>) -> TeamSettings {
    let b = BUILT_IN_SETTINGS;
    let read = |index: usize, built_in: u32| {
        var(BOUNDS[index].0).and_then(|v| bounded(index, Some(v)).ok().flatten()).unwrap_or(built_in)
    };
    TeamSettings {
        not_delivered_after_secs: read(0, b.not_delivered_after_secs),
        reescalate_every_secs: read(1, b.reescalate_every_secs),
        reescalate_times: read(2, b.reescalate_times),
        in_progress_per_agent: read(3, b.in_progress_per_agent),
        return_tasks_after_secs: read(4, b.return_tasks_after_secs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_sets_clears_and_leaves() {
        let start =
            SettingsOverrides { reescalate_times: Some(5), in_progress_per_agent: Some(2), ..Default::default() };
        let patch = SettingsPatch {
            not_delivered_after_secs: Some(Some(60)),
            reescalate_times: Some(None),
            ..Default::default()
        };
        let next = patch_settings(&start, &patch).unwrap();
        assert_eq!(next.not_delivered_after_secs, Some(60));
        assert_eq!(next.reescalate_times, None, "null: back to the default");
        assert_eq!(next.in_progress_per_agent, Some(2), "left out: kept");
        let now = settings_in_force(BUILT_IN_SETTINGS, &next);
        assert_eq!(now.not_delivered_after_secs, 60);
        assert_eq!(now.reescalate_times, BUILT_IN_SETTINGS.reescalate_times);
    }

    #[test]
    fn out_of_bounds_is_refused_by_name_and_nothing_applies() {
        let patch = SettingsPatch { not_delivered_after_secs: Some(Some(0)), ..Default::default() };
        match patch_settings(&SettingsOverrides::default(), &patch) {
            Err(Refusal::Field { field, message }) => {
                assert_eq!(field, "notDeliveredAfterSecs");
                assert!(message.contains("from 1 to"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let patch = SettingsPatch { reescalate_times: Some(Some(21)), ..Default::default() };
        assert!(patch_settings(&SettingsOverrides::default(), &patch).is_err());
    }

    #[test]
    fn the_deployment_sets_defaults_within_bounds() {
        let d = deployment_settings(|name| match name {
            "inProgressPerAgent" => Some(7),
            "notDeliveredAfterSecs" => Some(0), // out of bounds: ignored
            _ => None,
        });
        assert_eq!(d.in_progress_per_agent, 7);
        assert_eq!(d.not_delivered_after_secs, BUILT_IN_SETTINGS.not_delivered_after_secs);
    }
}
