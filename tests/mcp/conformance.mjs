// The official MCP conformance suite (`@modelcontextprotocol/conformance`,
// pinned in package.json) against the hub's /mcp, as an agent: the suite
// sends no token, so a loopback proxy in front adds the agent's bearer
// token and team. Each scenario that applies must pass every check; the
// others are listed with why they do not apply.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newTeam } from './team.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { url, team, mint } = await newTeam('conformance');
const token = await mint('conformance');

// The proxy: every request as the agent, in the team.
const upstream = new URL(url);
const proxy = http.createServer((req, res) => {
  const headers = { ...req.headers, host: upstream.host, authorization: `Bearer ${token}`, 'x-hub-team': team };
  const out = http.request(
    { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
    (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    },
  );
  out.on('error', () => res.writeHead(502).end());
  req.pipe(out);
});
await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
const mcpUrl = `http://127.0.0.1:${proxy.address().port}/mcp`;

const apply = [
  'server-initialize', 'ping', 'tools-list', 'logging-set-level', 'resources-list',
  'resources-subscribe', 'resources-unsubscribe', 'server-sse-multiple-streams', 'dns-rebinding-protection',
];
const notApplicable = {
  'tools-call-*': "call the suite's reference tools (add_numbers, test_image_content, ...), which the hub does not have",
  'resources-read-text, resources-read-binary, resources-templates-read': "read the suite's reference resources (test://static-text ...)",
  'prompts-*': 'the hub offers no prompts',
  'completion-complete': 'the hub offers no completions',
  'elicitation-*, json-schema-2020-12': "call the suite's reference tools",
  'server-sse-polling': "needs the suite's reference tool that closes its SSE stream mid-call",
};

const cli = path.join(root, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const results = [];
let failed = 0;
for (const scenario of apply) {
  // Asynchronously: the proxy serves it from this process's loop.
  const out = await new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'server', '--url', mcpUrl, '--scenario', scenario]);
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    const timer = setTimeout(() => child.kill(), 120_000);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
  const m = out.match(/Passed: (\d+)\/(\d+), (\d+) failed/);
  const ok = m && m[3] === '0' && m[1] === m[2];
  if (!ok) failed++;
  results.push(`${ok ? 'pass' : 'FAIL'} ${scenario}${m ? ` (${m[1]}/${m[2]})` : ''}`);
  if (!ok) console.error(out.split('\n').filter((l) => /fail|error/i.test(l)).slice(0, 10).join('\n'));
}
proxy.close();
console.log(`mcp conformance (suite 0.1.16, /mcp as an agent):\n  ${results.join('\n  ')}`);
console.log(`  not applicable:\n    ${Object.entries(notApplicable).map(([k, v]) => `${k}: ${v}`).join('\n    ')}`);
if (failed) console.error(`${failed} scenario(s) failed`);
// Streams the scenarios left open would keep the proxy, and so this process, alive.
process.exit(failed ? 1 : 0);
