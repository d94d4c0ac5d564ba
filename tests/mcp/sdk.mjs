// MCP clients nobody here wrote: the official TypeScript SDK drives the
// hub's `/mcp` (streamable HTTP) and `hub mcp` (stdio), as an agent's MCP
// client would. Prints the HTTP session as a transcript and the size of
// tools/list (every agent pays for it in context).
//
//   HUB_URL=http://127.0.0.1:8788 HUB_ADMIN_TOKEN=... HUB_BIN=target/debug/hub node tests/mcp/sdk.mjs

import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { newTeam } from './team.mjs';

// Teams are created on purpose, by a human.
const { url, team, api, mint } = await newTeam('sdk-');
const transcript = [];
const [token, peerToken] = [await mint('sdk-agent'), await mint('sdk-peer')];
const text = (r) => r.content.map((c) => c.text).join('\n');

async function session(name, transport) {
  const client = new Client({ name: `sdk-test-${name}`, version: '1.0.0' });
  await client.connect(transport);
  return client;
}

// Streamable HTTP, with the bearer token of the agent.
const http = await session(
  'http',
  new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${token}`, 'x-hub-team': team } },
  }),
);
// What the hub pushes on the session's event stream (GET /mcp).
const heard = [];
http.setNotificationHandler(LoggingMessageNotificationSchema, (n) => heard.push(n.params.data));
const server = http.getServerVersion();
transcript.push(`initialize -> ${server.name} ${server.version}, session ${http.transport.sessionId}`);
assert.equal(server.name, 'agent-hub');
assert.ok(http.transport.sessionId, 'the hub names a session');

const { tools } = await http.listTools();
const listBytes = JSON.stringify({ tools }).length;
transcript.push(`tools/list -> ${tools.length} tools, ${listBytes} bytes: ${tools.map((t) => t.name).join(', ')}`);
assert.ok(tools.length <= 16);
for (const t of ['hub_start', 'hub_resolve', 'hub_tasks', 'hub_handoff', 'hub_status', 'hub_memory']) {
  assert.ok(tools.some((x) => x.name === t), t);
}

const start = await http.callTool({ name: 'hub_start', arguments: {} });
assert.ok(text(start).includes('suggestedTask') && text(start).includes('coaching'), text(start));
transcript.push(`tools/call hub_start -> ${text(start).slice(0, 160)}…`);

const status = await http.callTool({ name: 'hub_status', arguments: { status: 'active', working_on: 'src/sdk.rs' } });
assert.ok(text(status).includes('src/sdk.rs'), text(status));
const task = JSON.parse(text(await http.callTool({ name: 'hub_tasks', arguments: { action: 'create', title: 'from the SDK' } })));
const taken = await http.callTool({ name: 'hub_tasks', arguments: { action: 'take', task_id: task.id } });
assert.ok(text(taken).includes('in-progress') && text(taken).includes('sdk-agent'), text(taken));
transcript.push(`tools/call hub_tasks take -> ${text(taken)}`);
// The work graph: a task blocked by the first is not ready until unblocked.
const second = JSON.parse(text(await http.callTool({ name: 'hub_tasks', arguments: { action: 'create', title: 'after the SDK', blockers: [task.id] } })));
const ready = text(await http.callTool({ name: 'hub_tasks', arguments: { action: 'ready' } }));
assert.ok(ready.includes('"count"') && !ready.includes(second.id), ready);
const unblocked = await http.callTool({ name: 'hub_tasks', arguments: { action: 'unblock', task_id: second.id, blockers: [task.id] } });
assert.ok(!unblocked.isError, text(unblocked));
const shown = JSON.parse(text(await http.callTool({ name: 'hub_tasks', arguments: { action: 'show', task_id: second.id } })));
assert.equal(shown.ready, true, JSON.stringify(shown));
const next = await http.callTool({ name: 'hub_tasks', arguments: { action: 'take' } });
assert.ok(!next.isError && text(next).includes('in-progress'), text(next));
transcript.push(`tools/call hub_tasks take (next ready) -> ${text(next).slice(0, 160)}`);
const remembered = await http.callTool({ name: 'hub_memory', arguments: { action: 'remember', content: 'SDK sessions live in the agent object', category: 'decision' } });
assert.ok(!remembered.isError, text(remembered));
const recalled = await http.callTool({ name: 'hub_memory', arguments: { action: 'recall', query: 'SDK' } });
assert.ok(text(recalled).includes('agent object'), text(recalled));

// A peer writes while the agent is between calls: the next result says so.
await api('POST', '/agent/sdk-agent/messages', peerToken, { from: 'sdk-peer', message: 'your tests are green' });
const deadline = Date.now() + 5000;
while (!heard.some((d) => d.includes('your tests are green')) && Date.now() < deadline) {
  await new Promise((r) => setTimeout(r, 50));
}
const dmLine = /^DM msg-\S+ from sdk-peer: your tests are green$/;
assert.ok(heard.some((d) => dmLine.test(d)), `no notification: ${JSON.stringify(heard)}`);
transcript.push(`notifications/message (event stream) <- ${JSON.stringify(heard[0])}`);
const chat = await http.callTool({ name: 'hub_chat', arguments: { message: 'thanks @sdk-peer' } });
assert.ok(/DM msg-\S+ from sdk-peer: your tests are green/.test(text(chat)), text(chat));
transcript.push(`tools/call hub_chat -> ${text(chat).replace(/\n/g, ' | ')}`);

const refused = await http.callTool({ name: 'hub_unlock', arguments: { path: '' } });
assert.equal(refused.isError, true, 'a bad argument is a tool error, not a crash');
await http.close();

// stdio: `hub mcp`, the relay for clients that start a command.
const stdio = await session(
  'stdio',
  new StdioClientTransport({
    command: process.env.HUB_BIN,
    args: ['mcp'],
    env: { ...process.env, HUB_URL: url, HUB_TEAM: team, HUB_TOKEN: token, HUB_AGENT_ID: 'sdk-agent', HUB_CONFIG: '/nonexistent' },
  }),
);
assert.equal((await stdio.listTools()).tools.length, tools.length, 'one tool table for both transports');
const locked = await stdio.callTool({ name: 'hub_lock', arguments: { path: 'src/sdk.rs', reason: 'stdio' } });
assert.ok(text(locked).includes('fencingToken'), text(locked));
transcript.push(`stdio tools/call hub_lock -> ${text(locked).slice(0, 120)}…`);
await stdio.close();

console.log(`mcp sdk: both transports pass (tools/list ${listBytes} bytes)\n  ${transcript.join('\n  ')}`);
