// The official TypeScript SDK v2 client (`@modelcontextprotocol/client`)
// in auto mode: it probes `server/discover`, so against the hub it speaks
// the stateless revision (2026-07-28). Lists the tools, calls `hub_start`,
// listens on the agent's inbox, and reads a DM another agent sent over REST
// once the update arrives (within 2 s).
//
// The same over stdio through `hub mcp` (HUB_BIN), which relays each line
// to `/mcp` and the listen stream's messages back as they come.
//
//   HUB_URL=http://127.0.0.1:8788 HUB_ADMIN_TOKEN=... HUB_BIN=target/debug/hub node tests/mcp/sdk_v2.mjs

import assert from 'node:assert/strict';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { newTeam } from './team.mjs';

const { url, team, api, mint } = await newTeam('sdkv2-');
const [token, peerToken, stdioToken] = [await mint('v2-agent'), await mint('v2-peer'), await mint('v2-stdio')];

/// Connects in auto mode over `transport`, then checks the whole round.
async function round(name, transport, to) {
  const client = new Client({ name: `agent-hub-test-v2-${name}`, version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(transport);
  assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28', `${name}: auto mode settles on the stateless revision`);

  const { tools } = await client.listTools();
  assert.ok(tools.some((t) => t.name === 'hub_lock'), 'hub_lock is listed');
  const started = await client.callTool({ name: 'hub_start', arguments: {} });
  assert.ok(!started.isError && started.content[0].text.includes('welcome'), JSON.stringify(started));

  const { resources } = await client.listResources();
  assert.ok(resources.some((r) => r.uri === 'agent-hub://inbox'), JSON.stringify(resources));

  let updated;
  const arrived = new Promise((resolve) => {
    updated = resolve;
  });
  client.setNotificationHandler('notifications/resources/updated', (n) => updated(n.params.uri));
  const subscription = await client.listen({ resourceSubscriptions: ['agent-hub://inbox'] });
  assert.deepEqual(subscription.honoredFilter.resourceSubscriptions, ['agent-hub://inbox']);

  const sent = Date.now();
  const message = `hello over 2026-07-28 (${name})`;
  await api('POST', `/agent/${to}/messages`, peerToken, { from: 'v2-peer', message });
  const uri = await Promise.race([
    arrived,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${name}: no update within 2 s`)), 2000)),
  ]);
  const latency = Date.now() - sent;
  assert.equal(uri, 'agent-hub://inbox');
  const read = await client.readResource({ uri });
  assert.ok(read.contents[0].text.includes(message), JSON.stringify(read));

  await subscription.close();
  await client.close();
  return `${name}: ${tools.length} tools, hub_start answered, inbox update in ${latency} ms`;
}

const overHttp = await round(
  'http',
  new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${token}`, 'x-hub-team': team } },
  }),
  'v2-agent',
);
const overStdio = await round(
  'stdio',
  new StdioClientTransport({
    command: process.env.HUB_BIN,
    args: ['mcp'],
    env: { ...process.env, HUB_URL: url, HUB_TOKEN: stdioToken, HUB_TEAM: team },
  }),
  'v2-stdio',
);
console.log(`mcp sdk v2 (auto, 2026-07-28): ${overHttp}; ${overStdio}`);
