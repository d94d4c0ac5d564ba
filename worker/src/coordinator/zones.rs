//! Zones: directory ownership, with a 409 when another agent owns an
//! overlapping zone (the original let a second claimant take it silently).

use hub_domain::{covers, overlaps};
use hub_protocol::{AgentId, Timestamp, Zone, ZoneAction, ZoneQuery, ZoneResult, ZonesResponse};
use serde::Deserialize;

use super::store::Store;
use super::{AgentCoordinator, Result};
use crate::api_error::ApiError;
use crate::sql::Millis;

#[derive(Deserialize)]
struct Row {
    zone_id: String,
    path: String,
    owner: String,
    description: Option<String>,
    claimed_at: Millis,
}

impl Row {
    fn into_zone(self) -> Option<Zone> {
        Some(Zone {
            zone_id: self.zone_id,
            path: self.path,
            owner: AgentId::parse(&self.owner).ok()?,
            description: self.description,
            claimed_at: self.claimed_at.0,
        })
    }
}

/// Zones one agent may hold at once.
pub const ZONES_PER_OWNER: usize = 100;

/// Zones a team holds at most: every claim and every guard check reads them
/// all (no window that a 1,001st zone could hide behind).
pub const ZONES_PER_TEAM: usize = 5_000;

impl Store {
    /// The newest zones, newest claim first (the listing).
    pub fn zones(&self) -> Result<Vec<Zone>> {
        Ok(self
            .rows::<Row>("SELECT * FROM zones ORDER BY claimed_at DESC LIMIT 1000", vec![])?
            .into_iter()
            .filter_map(Row::into_zone)
            .collect())
    }

    /// Every zone of the team (bounded by [`ZONES_PER_TEAM`]), for overlap
    /// and cover checks.
    pub fn all_zones(&self) -> Result<Vec<Zone>> {
        Ok(self
            .rows::<Row>(&format!("SELECT * FROM zones ORDER BY claimed_at DESC LIMIT {ZONES_PER_TEAM}"), vec![])?
            .into_iter()
            .filter_map(Row::into_zone)
            .collect())
    }

    pub fn save_zone(&self, z: &Zone) -> Result<()> {
        self.exec(
            "INSERT OR REPLACE INTO zones (zone_id, path, owner, description, claimed_at) VALUES (?, ?, ?, ?, ?)",
            Some(vec![
                z.zone_id.as_str().into(),
                z.path.as_str().into(),
                z.owner.as_str().into(),
                z.description.clone().into(),
                z.claimed_at.millis().into(),
            ]),
        )?;
        Ok(())
    }

    pub fn delete_zone(&self, zone_id: &str, owner: &AgentId) -> Result<bool> {
        let c = self.exec(
            "DELETE FROM zones WHERE zone_id = ? AND owner = ?",
            Some(vec![zone_id.into(), owner.as_str().into()]),
        )?;
        Ok(c.rows_written() > 0)
    }
}

impl AgentCoordinator {
    pub(super) fn list_zones(&self, q: ZoneQuery) -> Result<ZonesResponse> {
        if let Some(path) = q.path {
            let zone = self.store.all_zones()?.into_iter().find(|z| covers(&z.path, &path));
            return Ok(ZonesResponse { zones: None, zone: Some(zone) });
        }
        let zones = self.store.zones()?;
        let zones = zones.into_iter().filter(|z| q.owner.as_ref().is_none_or(|o| z.owner == *o)).collect();
        Ok(ZonesResponse { zones: Some(zones), zone: None })
    }

    pub(super) fn zone_action(&self, action: ZoneAction, now: Timestamp) -> Result<ZoneResult> {
        match action {
            ZoneAction::Claim { zone_id, path, owner, description } => {
                let zone_id = zone_id.into_string();
                let path = path.into_string();
                let all = self.store.all_zones()?;
                let renewing = all.iter().any(|z| z.zone_id == zone_id && z.owner == owner);
                let owned = all.iter().filter(|z| z.owner == owner).count();
                if !renewing && (owned >= ZONES_PER_OWNER || all.len() >= ZONES_PER_TEAM) {
                    return Err(ApiError::Conflict(format!(
                        "'{owner}' holds {owned} zones (at most {ZONES_PER_OWNER} each, {ZONES_PER_TEAM} a team): \
                         release one first"
                    )));
                }
                let clash =
                    all.into_iter().find(|z| z.owner != owner && (z.zone_id == zone_id || overlaps(&z.path, &path)));
                if let Some(z) = clash {
                    let error = format!("Zone {} ({}) owned by {} overlaps {path}", z.zone_id, z.path, z.owner);
                    return Err(ApiError::Taken(Box::new(hub_protocol::ErrorBody {
                        zone: Some(z),
                        ..hub_protocol::ErrorBody::new(error)
                    })));
                }
                let zone = Zone {
                    zone_id,
                    path,
                    owner,
                    description: description.map(hub_protocol::Text::into_string),
                    claimed_at: now,
                };
                self.store.save_zone(&zone)?;
                Ok(ZoneResult { success: true, zone: Some(zone), error: None })
            }
            ZoneAction::Release { zone_id, owner } => {
                let released = self.store.delete_zone(zone_id.as_str(), &owner)?;
                Ok(ZoneResult { success: released, zone: None, error: None })
            }
        }
    }
}
