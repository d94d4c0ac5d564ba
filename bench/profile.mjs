// Where a request's time goes, Worker and objects together: V8's sampling
// profiler (through workerd's inspector) while one request is repeated.
//
//   # a build that keeps function names, without wasm-opt:
//   CARGO_PROFILE_RELEASE_STRIP=false HUB_NO_WASM_OPT=1 cargo xtask build
//   # the hub with its inspector (any data folder; no token, no write limit):
//   HUB_ALLOW_TOKENLESS=loopback HUB_WRITE_BURST=0 \
//     node_modules/@cloudflare/workerd-linux-64/bin/workerd serve --experimental \
//     target/workerd/agent-hub.capnp --socket-addr http=127.0.0.1:8701 \
//     --directory-path data=/tmp/hub-profile --directory-path site=site \
//     --inspector-addr=127.0.0.1:9229 &
//   node bench/profile.mjs 9229 'http://127.0.0.1:8701/lock/src%2Fa.rs/check' 2000
//   node bench/profile.mjs 9229 'http://127.0.0.1:8701/lock/src%2Fp{i}.rs/lock' 1000 POST '{"agentId":"a"}'
//
// `{i}` in the URL or body becomes the request's number. Prints the
// functions with the most time of their own, then with the most time
// including what they call, per request. The profiler inflates short
// calls across the JS/Wasm boundary: compare builds, not absolutes, and
// confirm a cut with `cargo xtask bench`.
const [port, url, count = '1000', method = 'GET', body] = process.argv.slice(2);
const n = Number(count);

const [target] = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
const ws = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = fail; });
let nextId = 0;
const waiting = new Map();
ws.onmessage = (e) => {
  const m = JSON.parse(e.data);
  waiting.get(m.id)?.(m.result);
  waiting.delete(m.id);
};
const send = (method, params = {}) =>
  new Promise((ok) => { const id = ++nextId; waiting.set(id, ok); ws.send(JSON.stringify({ id, method, params })); });

const hit = async (i) => {
  const at = (s) => s?.replaceAll('{i}', String(i));
  const res = await fetch(at(url), { method, body: at(body), headers: body ? { 'content-type': 'application/json' } : {} });
  await res.arrayBuffer();
  return res.status;
};

for (let i = 0; i < 200; i++) await hit(-1 - i); // warm up
await send('Profiler.enable');
await send('Profiler.setSamplingInterval', { interval: 25 });
await send('Profiler.start');
const statuses = {};
const started = performance.now();
for (let i = 0; i < n; i++) { const s = await hit(i); statuses[s] = (statuses[s] ?? 0) + 1; }
const elapsed = performance.now() - started;
const { profile } = await send('Profiler.stop');
ws.close();

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const name = (node) => `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}`.trim();
const own = new Map();
const total = new Map();
let sampled = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  sampled += dt;
  let node = nodes.get(id);
  own.set(name(node), (own.get(name(node)) ?? 0) + dt);
  const seen = new Set();
  for (; node; node = nodes.get(parent.get(node.id))) {
    if (!seen.has(name(node))) { seen.add(name(node)); total.set(name(node), (total.get(name(node)) ?? 0) + dt); }
  }
});
const table = (map, rows) => [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)
  .map(([fn, us]) => `${(us / n).toFixed(1).padStart(8)} µs  ${((100 * us) / sampled).toFixed(1).padStart(5)}%  ${fn}`).join('\n');
console.log(`${n} requests, statuses ${JSON.stringify(statuses)}, ${(elapsed / n).toFixed(3)} ms each (profiled)`);
console.log('--- own time per request');
console.log(table(own, 40));
console.log('--- including callees, per request');
console.log(table(total, 80));
