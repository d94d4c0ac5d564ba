//! A shard's first call takes in the locks its paths still hold from the
//! time each path had an object of its own: the team's coordinator lists
//! them (its index of held locks), and the shard stores those that hash to
//! it, before it answers anyone. Their waiters are not listed, and start
//! over; each path's history stays in its old object.

use hub_protocol::{Caller, CoordinatorPath, LocksResponse, ResourcePath, TeamId};
use worker::Method;

use super::ResourceLock;
use crate::objects;

impl ResourceLock {
    /// Runs with the object's input closed (`blockConcurrencyWhile`), so no
    /// other call can grant a path before its old holder is back.
    pub(super) async fn adopt(&self, team: &str, resource: &ResourcePath) {
        let Ok(team) = TeamId::parse(team) else { return };
        let (env, store, shard) = (self.env.clone(), self.store.clone(), hub_protocol::lock_shard(resource));
        let adopting = self.state.block_concurrency_while(async move {
            let listed =
                objects::call_api(&env, &team, &Caller::Internal, Method::Get, &CoordinatorPath::Locks.into(), None)
                    .await;
            let locks = match listed {
                Ok((200, body)) => serde_json::from_str::<LocksResponse>(&body).map(|r| r.locks).unwrap_or_default(),
                Ok((status, _)) => {
                    worker::console_error!("the coordinator answered {status} for its locks");
                    Vec::new()
                }
                Err(e) => {
                    worker::console_error!("could not ask the coordinator for its locks: {e}");
                    Vec::new()
                }
            };
            let mine: Vec<_> =
                locks.into_iter().filter(|l| hub_protocol::lock_shard(&l.resource_path) == shard).collect();
            if let Err(e) = store.adopt(&mine) {
                worker::console_error!("could not adopt the old locks: {e:?}");
            }
            Ok(())
        });
        if let Err(e) = adopting.await {
            worker::console_error!("adopting the old locks failed: {e}");
        }
        // Their deadlines are this shard's to keep now.
        self.arm(crate::clock::now()).await;
    }
}
