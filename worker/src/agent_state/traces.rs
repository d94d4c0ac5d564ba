//! Work traces: start, log steps (with escalation detection), complete
//! (crediting the soul once), resolve escalations.

use hub_domain::{credit_trace, detect, earns_credit, new_id, plan, summarize, EscalationPlan};
use hub_protocol::{
    AgentEscalation, AgentEvent, AgentId, Escalation, Resolution, ResolveEscalation, ResolveResponse, StartTrace, Step,
    StepInput, StepResponse, Timestamp, Trace, TraceResponse, TracesResponse,
};

use super::store::TraceRow;
use super::{AgentState, Outcome, Result};
use crate::api_error::ApiError;
use crate::clock;

impl AgentState {
    pub(super) fn trace_row(&self, sid: &str) -> Result<TraceRow> {
        self.store
            .trace(sid)?
            .ok_or_else(|| ApiError::NotFound { what: format!("No trace with session id {sid}"), path: None })
    }

    pub(super) fn full_trace(&self, agent: &AgentId, sid: &str) -> Result<Trace> {
        let row = self.trace_row(sid)?;
        Ok(Trace {
            session_id: row.session_id.clone(),
            agent_id: agent.clone(),
            task: row.task.clone(),
            started_at: row.started_at.0,
            completed_at: row.completed_at.map(|m| m.0),
            summary: row.summary(),
            steps: self.store.steps(sid)?,
            escalations: self.store.escalations(sid)?,
        })
    }

    pub(super) fn list_traces(&self) -> Result<Outcome> {
        Outcome::ok(&TracesResponse { traces: self.store.traces(20)?.iter().map(TraceRow::listing).collect() })
    }

    pub(super) fn start_trace(&self, agent: &AgentId, s: StartTrace, now: Timestamp) -> Result<Outcome> {
        let sid = s.session_id.map_or_else(|| new_id("trace", now, clock::entropy()), hub_protocol::Text::into_string);
        let task =
            s.task.or(s.task_description).map_or_else(|| "Untitled task".to_owned(), hub_protocol::Text::into_string);
        if !self.store.start_trace(&sid, &task, now)? {
            return Err(ApiError::Conflict(format!("A trace with session id {sid} exists already")));
        }
        self.store.prune_traces(crate::config::retention(&self.env).traces)?;
        Outcome::ok(&TraceResponse {
            success: Some(true),
            trace: self.full_trace(agent, &sid)?,
            xp_gained: None,
            level_up: None,
        })
    }

    pub(super) fn step(&self, agent: &AgentId, sid: &str, input: StepInput, now: Timestamp) -> Result<Outcome> {
        let row = self.trace_row(sid)?;
        if row.completed_at.is_some() {
            return Err(ApiError::Conflict(format!("Trace {sid} is completed; start a new one")));
        }
        let new = input.normalise().map_err(|e| ApiError::bad_field(e.field, e.message))?;
        let cap = crate::config::retention(&self.env).steps_per_trace;
        hub_domain::trace_has_room(self.store.step_count(sid)?, cap, sid)?;
        let step = Step {
            id: new_id("step", now, clock::entropy()),
            session_id: sid.to_owned(),
            timestamp: now,
            tool: new.tool,
            intent: new.intent,
            outcome: new.outcome,
            duration_ms: new.duration_ms,
            contribution_type: new.contribution_type,
            knowledge_gained: new.knowledge_gained,
            eliminated_paths: new.eliminated_paths,
            depends_on: new.depends_on,
        };
        self.store.save_step(&step)?;
        let steps = self.store.steps(sid)?;
        let triggers = detect(&steps, row.started_at.0, now);
        let open = self.store.open_escalations(sid)?;
        let plans = plan(&triggers, &open.iter().map(|(o, _)| o.clone()).collect::<Vec<_>>(), steps.len(), now);

        let changed = self.record_escalations(sid, plans, &open, steps.len(), now)?;
        let still_open = self.store.open_escalations(sid)?;
        let still_open: Vec<_> = still_open.into_iter().map(|(o, _)| o).collect();
        let notice = hub_domain::notice(&triggers, changed.first().map(|e| e.id.as_str()), &still_open);
        let mut reply = Outcome::ok(&StepResponse { success: true, step: step.clone(), escalation: notice })?
            .pushing(AgentEvent::Step(step));
        for e in changed {
            reply.effects.escalations.push(AgentEscalation { agent_id: agent.clone(), escalation: e.clone() });
            reply = reply.pushing(AgentEvent::Escalation(e));
        }
        Ok(reply)
    }

    /// Carries out the escalation plan: opens new ones, raises ignored ones
    /// to the human. The escalations that changed.
    fn record_escalations(
        &self,
        sid: &str,
        plans: Vec<EscalationPlan>,
        open: &[(hub_domain::OpenEscalation, Escalation)],
        step_count: usize,
        now: Timestamp,
    ) -> Result<Vec<Escalation>> {
        let mut changed: Vec<Escalation> = Vec::new();
        for p in plans {
            match p {
                EscalationPlan::Open(trigger) => {
                    let e = Escalation {
                        id: new_id("esc", now, clock::entropy()),
                        session_id: sid.to_owned(),
                        triggered_at: now,
                        highest_level: trigger.level,
                        triggers: vec![trigger.clone()],
                        resolved_at: None,
                        resolved_by: None,
                        resolver_agent: None,
                        helpful_hint: None,
                    };
                    self.store.save_escalation(&e, trigger.kind, step_count)?;
                    changed.push(e);
                }
                EscalationPlan::RaiseToHuman { id, trigger } => {
                    if let Some((o, e)) = open.iter().find(|(o, _)| o.id == id).cloned() {
                        let e = hub_domain::raise_to_human(e, trigger);
                        self.store.save_escalation(&e, o.kind, o.opened_at_step)?;
                        changed.push(e);
                    }
                }
            }
        }

        Ok(changed)
    }

    /// Completes the trace and credits the soul, exactly once: a repeated
    /// complete returns the trace and gains nothing.
    pub(super) fn complete(
        &self,
        agent: &AgentId,
        sid: &str,
        domain: Option<String>,
        now: Timestamp,
    ) -> Result<Outcome> {
        let row = self.trace_row(sid)?;
        if row.completed_at.is_some() {
            return Outcome::ok(&TraceResponse {
                success: Some(true),
                trace: self.full_trace(agent, sid)?,
                xp_gained: Some(0),
                level_up: None,
            });
        }
        let summary = summarize(&self.store.steps(sid)?);
        let completed_today = self.store.traces_completed_since(now.plus_millis(-86_400_000))?;
        self.store.complete_trace(sid, &summary, now)?;
        self.report_done(agent, sid, &row.task, now)?;
        let soul = self.soul_or_new(agent, now)?;
        let credit = if earns_credit(&summary, row.started_at.0, now, completed_today) {
            let escalations = self.store.escalations(sid)?;
            let credit = credit_trace(soul, sid, &summary, &escalations, domain.as_deref(), row.started_at.0, now);
            self.store.save_soul(&credit.soul)?;
            credit
        } else {
            // Recorded, not credited: too little work, or past the day's allowance.
            hub_domain::TraceCredit { soul, xp_gained: 0, level_up: None }
        };
        let mut reply = Outcome::ok(&TraceResponse {
            success: Some(true),
            trace: self.full_trace(agent, sid)?,
            xp_gained: Some(credit.xp_gained),
            level_up: credit.level_up.clone(),
        })?;
        if let Some(up) = credit.level_up {
            reply = reply.pushing(AgentEvent::LevelUp { level: up.new_level, soul: Box::new(credit.soul) });
        }
        Ok(reply)
    }

    pub(super) fn resolve(&self, agent: &AgentId, sid: &str, r: ResolveEscalation, now: Timestamp) -> Result<Outcome> {
        self.trace_row(sid)?;
        let mut e = self.store.escalation(&r.escalation_id)?.filter(|e| e.session_id == sid).ok_or_else(|| {
            ApiError::NotFound { what: format!("No escalation {} in trace {sid}", r.escalation_id), path: None }
        })?;
        if e.resolved_at.is_some() {
            return Err(ApiError::Conflict(format!("Escalation {} is resolved already", e.id)));
        }
        if !hub_domain::may_close(e.highest_level, r.resolved_by) {
            return Err(ApiError::Forbidden(format!(
                "Escalation {} is level 3 (needs a human): only the human resolves it",
                e.id
            )));
        }
        let hint = r.helpful_hint.map(hub_protocol::Text::into_string);
        e.resolved_at = Some(now);
        e.resolved_by = Some(r.resolved_by);
        e.resolver_agent = r.resolver_agent.clone();
        e.helpful_hint = hint.clone();
        let kind = e.triggers.first().map_or(hub_protocol::TriggerType::HumanNeeded, |t| t.kind);
        self.store.save_escalation(&e, kind, 0)?;
        let resolution = Resolution {
            escalation_id: e.id.clone(),
            resolved_by: r.resolved_by,
            resolver_agent: r.resolver_agent,
            resolution_time: now,
            helpful_hint: hint,
        };
        let mut reply =
            Outcome::ok(&ResolveResponse { success: true, resolution })?.pushing(AgentEvent::Escalation(e.clone()));
        reply.effects.escalations.push(AgentEscalation { agent_id: agent.clone(), escalation: e });
        Ok(reply)
    }
}
