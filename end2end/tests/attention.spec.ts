import { test, expect } from '@playwright/test';
import { api, live, post, shot, uid } from './helpers';

// The landing page answers "what needs me?" from facts: each kind of item
// with its action, and "Shipped" from work finished (never chat words).
test('the landing page lists what needs a human, each with its action, and what shipped', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  const run = uid();
  const agent = `att-${run}`;
  await post(hub, '/coordinator/agents', { agentId: agent });
  await post(hub, '/coordinator/chat', { author: agent, message: `@human I need someone with CI access ${run}` });
  await post(hub, '/coordinator/chat', { author: agent, message: `orders: pending, paid, shipped, cancelled ${run}` });
  await post(hub, '/coordinator/approvals', { agentId: agent, question: `Deploy ${run} to staging?`, context: 'git diff --stat: 3 files' });
  const blocked = await post(hub, '/coordinator/tasks', { title: `Blocked ${run}`, assignee: agent });
  const r1 = await hub.patch(`/coordinator/tasks/${blocked.task.id}`, { data: { status: 'blocked' } });
  expect(r1.ok()).toBeTruthy();
  await post(hub, '/coordinator/tasks', { title: `Urgent ${run}`, priority: 'urgent' });
  const trace = await post(hub, `/agent/${agent}/trace`, { task: `Search ${run}` });
  for (const tool of ['grep', 'read', 'search']) {
    await post(hub, `/agent/${agent}/trace/${trace.trace.sessionId}/step`, { tool, outcome: 'nothing' });
  }
  const done = await post(hub, '/coordinator/tasks', { title: `Done ${run}`, assignee: agent });
  await hub.patch(`/coordinator/tasks/${done.task.id}`, { data: { status: 'done' } });
  const shippedTrace = await post(hub, `/agent/${agent}/trace`, { task: `Refactor ${run}` });
  await post(hub, `/agent/${agent}/trace/${shippedTrace.trace.sessionId}/step`, { tool: 'edit', outcome: 'found' });
  await post(hub, `/agent/${agent}/trace/${shippedTrace.trace.sessionId}/complete`, {});

  // The escalation and the trace reach the coordinator just after.
  await expect.poll(async () => {
    const a = await (await hub.get('/coordinator/attention')).json();
    return a.items.filter((i: { who: string; what: string }) => i.who === agent || i.what.includes(run)).length;
  }).toBe(5);
  await page.goto('/');
  await live(page);
  const mine = (kind: string) => page.locator(`[data-kind="${kind}"]`).filter({ hasText: kind === 'escalation' ? agent : run });
  await expect(mine('escalation').getByRole('button', { name: 'Resolve' })).toBeVisible();
  await expect(mine('approval').getByRole('button', { name: 'approve' })).toBeVisible();
  await expect(mine('approval').getByRole('button', { name: 'deny' })).toBeVisible();
  await expect(mine('approval')).toContainText('git diff --stat: 3 files');
  await expect(mine('mention').getByRole('button', { name: 'Reply' })).toBeVisible();
  await expect(mine('blocked-task').getByRole('button', { name: 'Unblock' })).toBeVisible();
  await expect(mine('urgent-task').getByRole('button', { name: 'Assign' })).toBeVisible();
  const count = (await (await hub.get('/coordinator/attention')).json()).count;
  await expect(page.getByTestId('count-needs-you')).toHaveText(String(count));

  const shipped = page.getByTestId('shipped');
  await expect(shipped.locator('[data-kind="task"]', { hasText: `Done ${run}` })).toHaveCount(1);
  await expect(shipped.locator('[data-kind="trace"]', { hasText: `Refactor ${run}` })).toHaveCount(1);
  await expect(shipped).not.toContainText('cancelled');
  await shot(page, 'needs-you');

  // Acting on items takes them off the list.
  await mine('mention').getByPlaceholder('Your answer, in the chat').fill('granted');
  await mine('mention').getByRole('button', { name: 'Reply' }).click();
  await expect(mine('mention')).toHaveCount(0, { timeout: 5_000 });
  await mine('urgent-task').getByPlaceholder('Agent id').fill(agent);
  await mine('urgent-task').getByRole('button', { name: 'Assign' }).click();
  await expect(mine('urgent-task')).toHaveCount(0, { timeout: 5_000 });
  await mine('blocked-task').getByRole('button', { name: 'Unblock' }).click();
  await expect(mine('blocked-task')).toHaveCount(0, { timeout: 5_000 });
});

// An agent asks; a human approves in the portal; the agent's socket gets
// the answer, and its MCP tool waiting on the ask returns it.
test('an approval answered in the portal reaches the agent', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  const run = uid();
  const agent = `asker-${run}`;
  const { token } = await post(hub, '/coordinator/tokens', { agentId: agent });
  const asked = await post(hub, '/coordinator/approvals', { agentId: agent, question: `Run the migration ${run}?` });
  const id = asked.approval.id;
  const ws = new WebSocket(`${baseURL!.replace('http', 'ws')}/agent/${agent}`, ['agent-hub', `bearer.${token}`]);
  const answered = new Promise<{ answer: string; answeredBy: string }>((resolve) => {
    ws.onmessage = (m) => {
      const e = JSON.parse(String(m.data));
      if (e.type === 'approval') resolve(e.payload);
    };
  });
  await new Promise((resolve) => { ws.onopen = resolve; });
  const tool = fetch(`${baseURL}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
    },
    body: JSON.stringify({
      jsonrpc: '2.0', id: 1, method: 'tools/call',
      params: { name: 'hub_ask', arguments: { approval_id: id, wait_seconds: 30 }, _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } },
    }),
  }).then((r) => r.json());

  await page.goto('/');
  await live(page);
  const item = page.locator(`#approval-${id}`);
  await expect(item).toContainText(`Run the migration ${run}?`);
  await item.getByRole('button', { name: 'approve' }).click();
  await expect(page.locator(`#approval-${id}`)).toHaveCount(0, { timeout: 5_000 });

  const payload = await answered;
  expect(payload.answer).toBe('approve');
  expect(payload.answeredBy).toBe('human');
  const result = await tool;
  expect(result.result.content[0].text).toContain('"answer":"approve"');
  ws.close();
});
