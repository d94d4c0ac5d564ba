//! The rules of agent-hub, as plain functions over plain data.
//!
//! Nothing here does IO or reads a clock: the caller passes `now`, so every
//! rule is tested natively with fixed instants, and the Durable Objects stay
//! thin shells that load rows, call a rule and store the result.
//!
//! **Invariant:** no `worker::*`, no SQL, no randomness of its own.

mod access;
mod activity;
mod attention;
mod caps;
mod checkpoint;
mod claims;
mod coaching;
mod escalation;
mod graph;
mod handoffs;
mod heartbeat;
mod hook_paths;
mod ids;
mod lock;
mod mention;
mod news;
mod onboard;
mod presence;
mod progression;
mod rate_limit;
mod registry;
mod resume;
mod retention;
mod schedule;
mod search;
mod settings;
mod task_files;
mod tasks;
mod trace;
mod webhook;
mod work;
mod zones;

pub use access::{
    actor, all, authorize, is_reserved, may_reach_agent, recorded_actor, Access, Denied, RESERVED_AGENT_IDS,
};
pub use activity::hourly;
pub use attention::{
    approval_item, approval_options, asks_humans, attention, chosen_option, escalation_item, escalation_text,
    mention_item, reescalate_due, unanswered_mentions, visit_since, AttentionFacts, FIRST_LOOK_BACK_MS,
    SILENT_HOLDER_AFTER_MS, VISIT_GAP_MS,
};
pub use caps::{
    mark_read, memories_limit, memory_tags, new_soul as may_create_soul, trace_has_room, unlock, within_cap, xp_award,
    Refusal, MAX_ACHIEVEMENTS,
};
pub use checkpoint::merge_checkpoint;
pub use claims::{is_stale, may_claim, CLAIM_STALE_AFTER_MS};
pub use coaching::{dashboard, flow, level_progress, specialization, team_flow, CoachingInput, RecentStep, TraceTimes};
pub use escalation::{
    detect, may_close, notice, plan, raise_to_human, recommendation, resolved_note, resolver, supersedes,
    EscalationPlan, OpenEscalation, HUMAN_AFTER_STEPS,
};
pub use graph::{
    blockers_after, check_blockers, find_cycle, give_back, imported_id, is_ready, may_take, offline_since,
    priority_rank, queue_order, return_at, take, MAX_BLOCKERS,
};
pub use handoffs::{claim_handoff, complete_handoff, route_handoff, HandoffError};
pub use heartbeat::{heartbeat_status, STALL_AFTER_MS};
pub use hook_paths::{bash_writes, holds, locate, normalise, Written};
pub use ids::new_id;
pub use lock::{next_version, Acquire, Acquired, Change, Held, LockPolicy, LockState, Released, TtlError, Waiter};
pub use mention::mentions;
pub use news::{
    approval_line, excerpt, expiry_line, minutes_until, news_fits, news_line, news_text, resource_touched,
    EXCERPT_CHARS, EXPIRY_WARNING_MS, NEWS_CHARS,
};
pub use onboard::{suggest_task, welcome};
pub use presence::{effective_status, PresenceNews, PresencePolicy, PRESENCE_GATHER_MS};
pub use progression::{
    abilities_for, add_xp, credit_trace, earned_level, earns_credit, new_soul, next_level, rust, soul_now, trace_xp,
    xp_multiplier, TraceCredit, CREDITED_TRACES_PER_DAY, DEFAULT_PERSONALITY, DOMAINS, LEVELS, MIN_CREDITED_WORK_MS,
};
pub use rate_limit::{Bucket, RateLimit};
pub use registry::{register, seen_active, worth_storing, SEEN_RESOLUTION_MS};
pub use resume::{session_resume, truncate, ResumeInput};
pub use retention::{Retention, LOCK_HISTORY_KEPT, REVOKED_TOKENS_KEPT_MS, SETTLED_KEPT};
pub use schedule::{alarm_at, armed_serves, retry_at, MAX_ATTEMPTS, REPORT_GRACE_MS};
pub use search::{fts_query, like_patterns};
pub use settings::{deployment_settings, patch_settings, settings_in_force, BUILT_IN_SETTINGS};
pub use task_files::{file_matches, files_held};
pub use tasks::{apply_update, may_change_task, new_task};
pub use trace::summarize;
pub use webhook::{check_webhook_url, webhook_retry_after, WEBHOOK_RETRY_SECS};
pub use work::{hot_start_stores, pending_mentions, work_bundle, RECENT_CHAT};
pub use zones::{covers, overlaps};
