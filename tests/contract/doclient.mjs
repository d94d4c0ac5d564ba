// Wire contract: the original's own client (`DOClient`, from
// ../shared/peer/original-client.mjs) drives the original hub and agent-hub
// through the same scenario, every method of the client plus its WebSocket
// and the original routes the client does not wrap; then every answer of
// agent-hub is held against the original's, field by field: each field the
// original sent must be there with the same JSON type (agent-hub may add
// fields). Statuses must match too. A drift we keep on purpose is listed in
// DEVIATIONS with its reason (the README's deviations table says the same).
//
//   ORIGINAL_URL=http://127.0.0.1:8781 HUB_URL=http://127.0.0.1:8780 \
//   PEER_CLIENT=../shared/peer/original-client.mjs node tests/contract/doclient.mjs
//
// agent-hub runs with HUB_ALLOW_TOKENLESS=loopback, as an old client needs.

import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

// DOClient logs its socket's comings and goings; keep the report readable.
const log = console.log;
console.log = (...args) => (String(args[0]).startsWith('[DO]') ? undefined : log(...args));

const { DOClient } = await import(pathToFileURL(resolve(process.env.PEER_CLIENT)).href);
const ORIGINAL = process.env.ORIGINAL_URL;
const OURS = process.env.HUB_URL;

// Drifts kept on purpose: `step path` → why. Paths as printed below.
const DEVIATIONS = {
  'registerAgent .role':
    'the original echoed the request body back as the agent; agent-hub answers the agent as stored (its known fields)',
  'claimZone taken status':
    'the original let any agent take over a zone another holds (200); agent-hub refuses with 409 {success: false, error, zone}',
  'claimZone taken .success': 'the same: the zone stays with its holder',
  'dashboard .dashboard.shadow': 'shadow agents (VM fail-over) are not part of agent-hub',
  'onboard .onboarding.dashboard.shadow': 'shadow agents (VM fail-over) are not part of agent-hub',
};

// Maps keyed by data, not field names: only their values' types are held.
const DICTIONARIES = new Set(['catalogue .endpoints']);

const run = Date.now().toString(36);
const ids = {
  ann: `ann-${run}`,
  bob: `bob-${run}`,
  carol: `carol-${run}`,
  dan: `dan-${run}`,
  path: `src/contract-${run}.rs`,
  zone: `zone-${run}`,
  what: `refactor-${run}`,
};

/** A raw call for the routes DOClient does not wrap: status and body. */
async function raw(base, method, path, body, headers = {}) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = { notJson: text.slice(0, 80) };
  }
  return { status: res.status, body: json };
}

const agent = (id) => `/agent/${encodeURIComponent(id)}`;
const lock = (p) => `/lock/${encodeURIComponent(p)}`;

/** The scenario: [name, (client, base, memo) => answer]. */
const steps = [
  ['health', (c) => c.health()],
  ['registerAgent', (c) => c.registerAgent(ids.ann, { status: 'active', currentTask: 'lexer', workingOn: 'src/lexer.rs', role: 'dev' })],
  ['registerAgent bob', (c) => c.registerAgent(ids.bob, { status: 'active' })],
  ['getAgents', (c) => c.getAgents()],
  ['sendChat', (c) => c.sendChat(ids.ann, `hello @${ids.bob}`)],
  ['getChat', (c) => c.getChat(10)],
  ['createTask', async (c, _b, m) => (m.task = await c.createTask({ title: 'write docs', description: 'all of them', priority: 'high', createdBy: ids.ann, assignee: ids.ann, tags: ['docs'] }))],
  ['getTasks', (c) => c.getTasks({ status: 'todo' })],
  ['getTasks by assignee', (c) => c.getTasks({ assignee: ids.ann })],
  ['work', (c) => c.work(ids.bob)],
  ['claimZone', (c) => c.claimZone(ids.zone, `src/${ids.zone}`, ids.ann, 'parser work')],
  ['claimZone taken', (c, b) => raw(b, 'POST', '/coordinator/zones', { action: 'claim', zoneId: ids.zone, path: `src/${ids.zone}`, owner: ids.bob })],
  ['getZones', (c) => c.getZones()],
  ['getZones by owner', (c) => c.getZones(ids.ann)],
  ['checkZone', (c) => c.checkZone(`src/${ids.zone}/x.rs`)],
  ['releaseZone', (c) => c.releaseZone(ids.zone, ids.ann)],
  ['claim', (c) => c.claim(ids.what, ids.ann, 'auth refactor')],
  ['claim taken', (c, b) => raw(b, 'POST', '/coordinator/claims', { action: 'claim', what: ids.what, by: ids.bob })],
  ['checkClaim', (c) => c.checkClaim(ids.what)],
  ['getClaims', (c) => c.getClaims(false)],
  ['getClaims stale too', (c) => c.getClaims(true)],
  ['releaseClaim', (c) => c.releaseClaim(ids.what, ids.ann)],
  ['createHandoff', async (c, _b, m) => (m.handoff = await c.createHandoff({ fromAgent: ids.ann, toAgent: ids.bob, title: 'finish docs', context: 'half done', nextSteps: ['proofread'], priority: 'high' }))],
  ['getHandoffs', (c) => c.getHandoffs({ toAgent: ids.bob })],
  ['getHandoff', (c, _b, m) => c.getHandoff(m.handoff.id)],
  ['claimHandoff', (c, _b, m) => c.claimHandoff(m.handoff.id, ids.bob)],
  ['claimHandoff again', (c, b, m) => raw(b, 'POST', '/coordinator/handoffs', { action: 'claim', handoffId: m.handoff.id, agentId: ids.carol })],
  ['completeHandoff not yours', (c, b, m) => raw(b, 'POST', '/coordinator/handoffs', { action: 'complete', handoffId: m.handoff.id, agentId: ids.carol })],
  ['completeHandoff', (c, _b, m) => c.completeHandoff(m.handoff.id, ids.bob)],
  ['saveCheckpoint', (c, b) => raw(b, 'POST', `${agent(ids.ann)}/checkpoint`, { conversationSummary: 'lexer done', pendingWork: ['parser'], accomplishments: ['lexer'], filesEdited: ['src/lexer.rs'] })],
  ['saveCheckpoint (client)', (c) => c.saveCheckpoint(ids.ann, { conversationSummary: 'parser started' }).then(() => ({ done: true }))],
  ['getCheckpoint', (c) => c.getCheckpoint(ids.ann)],
  ['sendDirectMessage', (c) => c.sendDirectMessage(ids.bob, ids.ann, 'can you review?', 'handoff')],
  ['getMessages', (c) => c.getMessages(ids.bob, true)],
  ['getAgentState', (c) => c.getAgentState(ids.bob)],
  ['remember', (c) => c.remember(ids.ann, { category: 'decision', content: 'SQLite in objects', tags: ['storage'] })],
  ['recall', (c) => c.recall(ids.ann, { category: 'decision' })],
  ['recall query', (c) => c.recall(ids.ann, { query: 'SQLite' })],
  ['checkLock free', (c) => c.checkLock(ids.path)],
  ['acquireLock', (c) => c.acquireLock(ids.path, ids.ann, { reason: 'edit', ttlMs: 60000 })],
  ['acquireLock taken', (c, b) => raw(b, 'POST', `${lock(ids.path)}/lock`, { agentId: ids.bob, resourceType: 'file-lock' })],
  ['checkLock held', (c) => c.checkLock(ids.path)],
  ['releaseLock not owner', (c, b) => raw(b, 'POST', `${lock(ids.path)}/unlock`, { agentId: ids.bob })],
  ['releaseLock', (c) => c.releaseLock(ids.path, ids.ann)],
  ['getLockHistory', (c) => c.getLockHistory(ids.path)],
  ['soul none', (c, b) => raw(b, 'GET', `${agent(ids.carol)}/soul`)],
  ['soul create', (c, b) => raw(b, 'POST', `${agent(ids.ann)}/soul`, { name: 'Ann', personality: 'careful' })],
  ['soul', (c, b) => raw(b, 'GET', `${agent(ids.ann)}/soul`)],
  ['soul add-xp', (c, b) => raw(b, 'PATCH', `${agent(ids.ann)}/soul`, { action: 'add-xp', xp: 10, reason: 'contract' })],
  ['dashboard', (c, b) => raw(b, 'GET', `${agent(ids.ann)}/dashboard`)],
  ['trace start', async (c, b, m) => { const r = await raw(b, 'POST', `${agent(ids.ann)}/trace`, { taskDescription: 'parse', taskId: 'contract' }); m.session = r.body?.trace?.sessionId; return r; }],
  ['trace step', (c, b, m) => raw(b, 'POST', `${agent(ids.ann)}/trace/${m.session}/step`, { action: 'read', tool: 'Read', intent: 'look', outcome: 'success', durationMs: 12 })],
  ['trace', (c, b, m) => raw(b, 'GET', `${agent(ids.ann)}/trace/${m.session}`)],
  ['traces', (c, b) => raw(b, 'GET', `${agent(ids.ann)}/trace`)],
  ['trace escalations', (c, b, m) => raw(b, 'GET', `${agent(ids.ann)}/trace/${m.session}/escalations`)],
  ['trace complete', (c, b, m) => raw(b, 'POST', `${agent(ids.ann)}/trace/${m.session}/complete`, {})],
  ['heartbeat', (c, b) => raw(b, 'POST', `${agent(ids.ann)}/heartbeat`, { tokensUsed: 1200, currentTask: 'parser', status: 'active' })],
  ['onboard', (c, b) => raw(b, 'GET', `/coordinator/onboard?agentId=${ids.dan}`)],
  ['session-resume', (c, b) => raw(b, 'GET', '/coordinator/session-resume')],
  ['catalogue', (c, b) => raw(b, 'GET', '/', undefined, { accept: 'application/json' })],
  ['not found', (c, b) => raw(b, 'GET', '/coordinator/nowhere')],
];

/** Runs the scenario against `base`; answers by step name. */
async function scenario(base) {
  const c = new DOClient(base);
  const memo = {};
  const out = {};
  for (const [name, step] of steps) {
    try {
      out[name] = await step(c, base, memo);
    } catch (e) {
      out[name] = { threw: String(e) };
    }
  }
  out.websocket = await socket(base);
  return out;
}

/** The socket as DOClient uses it: connect, hear a chat post and a pong. */
async function socket(base) {
  const c = new DOClient(base);
  const heard = {};
  c.onMessage('all', (m) => {
    heard[m.type] ??= m;
  });
  try {
    await c.connectWebSocket(ids.carol);
    await new Promise((r) => setTimeout(r, 300));
    await c.sendChat(ids.carol, 'on the socket');
    c.ping();
    await new Promise((r) => setTimeout(r, 700));
    c.disconnect();
  } catch (e) {
    heard.threw = String(e);
  }
  return heard;
}

const type = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Every way `ours` falls short of `original`, as "path: what". */
function drifts(original, ours, path, out, step) {
  const [to, ta] = [type(original), type(ours)];
  if (to === 'null' || to === 'undefined') return out;
  if (ta === 'undefined') {
    out.push([path, `missing (original: ${to})`]);
    return out;
  }
  if (to !== ta) {
    out.push([path, `${ta}, original ${to} (${JSON.stringify(original).slice(0, 60)})`]);
    return out;
  }
  // The verdicts clients branch on must agree, not only their types.
  if (to === 'boolean' && /\.(success|locked)$/.test(path) && original !== ours) {
    out.push([path, `${ours}, original ${original}`]);
  }
  if (to === 'array' && original.length > 0 && ours.length > 0) drifts(original[0], ours[0], `${path}[]`, out, step);
  if (to === 'object' && DICTIONARIES.has(`${step} ${path}`)) {
    const [o, a] = [Object.values(original)[0], Object.values(ours)[0]];
    if (o !== undefined && a !== undefined) drifts(o, a, `${path}.*`, out, step);
  } else if (to === 'object') {
    for (const k of Object.keys(original)) drifts(original[k], ours[k], `${path}.${k}`, out, step);
  }
  return out;
}

const [theirs, ours] = [await scenario(ORIGINAL), await scenario(OURS)];
const found = [];
for (const name of [...steps.map((s) => s[0]), 'websocket']) {
  const [o, a] = [theirs[name], ours[name]];
  if (o?.threw) {
    console.log(`  (original threw on ${name}: ${o.threw})`);
    continue;
  }
  if (a?.threw) {
    found.push([`${name}`, `threw: ${a.threw}`]);
    continue;
  }
  if (type(o?.status) === 'number' && o.body !== undefined && o.status !== a?.status) {
    found.push([`${name} status`, `${a?.status}, original ${o.status}`]);
  }
  const body = (r) => (r?.body !== undefined && r?.status !== undefined ? r.body : r);
  for (const [path, what] of drifts(body(o), body(a), '', [], name)) {
    found.push([`${name} ${path}`.trimEnd(), what]);
  }
}

const kept = found.filter(([where]) => DEVIATIONS[where]);
const unexpected = found.filter(([where]) => !DEVIATIONS[where]);
console.log(`contract: ${steps.length} calls and the WebSocket, on both hubs`);
for (const [where, what] of kept) console.log(`  kept   ${where}: ${what} — ${DEVIATIONS[where]}`);
for (const [where, what] of unexpected) console.log(`  DRIFT  ${where}: ${what}`);
if (process.env.CONTRACT_DUMP) {
  console.log(JSON.stringify({ original: theirs, ours }, null, 1));
}
if (unexpected.length > 0) {
  console.log(`contract: ${unexpected.length} drift(s) from the original's answers`);
  process.exit(1);
}
console.log('contract: every field the original client can read is there');
