import { test, expect } from '@playwright/test';
import { api, live, post, shot, uid } from './helpers';

test('the resume page counts match the API, and a human resolves an escalation', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  const agent = `stuck-${uid()}`;
  await post(hub, '/coordinator/agents', { agentId: agent, workingOn: 'flaky test' });
  await post(hub, '/coordinator/chat', { author: agent, message: `✅ shipped the parser ${uid()}` });
  await post(hub, '/coordinator/handoffs', { fromAgent: agent, title: `finish docs ${uid()}`, context: 'half written' });
  const trace = await post(hub, `/agent/${agent}/trace`, { task: 'fix the flaky test' });
  const sid = trace.trace.sessionId;
  // Two errors open a level-2 escalation; five more steps raise it to a human.
  for (const outcome of ['error', 'error', 'found', 'found', 'found', 'found', 'found']) {
    await post(hub, `/agent/${agent}/trace/${sid}/step`, { tool: 'cargo test', intent: 'run', outcome, durationMs: 800 });
  }

  // The agent listens on its own socket, with a token of its own in the
  // sub-protocol, as a browser-style client must send it.
  const { token } = await post(hub, '/coordinator/tokens', { agentId: agent });
  const ws = new WebSocket(`${baseURL!.replace('http', 'ws')}/agent/${agent}`, ['agent-hub', `bearer.${token}`]);
  const resolved = new Promise<unknown>((resolve) => {
    ws.onmessage = (m) => {
      const e = JSON.parse(String(m.data));
      if (e.type === 'escalation' && e.payload.resolvedBy === 'human') resolve(e.payload);
    };
  });

  await page.goto('/');
  // A figure for the notes, not a timed test: nothing asserts on it.
  const paint = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { responseEnd: nav.responseEnd, fcp: fcp ? fcp.startTime : null };
  });
  console.log(`resume page: HTML complete ${paint.responseEnd.toFixed(0)} ms, first contentful paint ${paint.fcp?.toFixed(0)} ms`);
  await live(page);
  const api_ = (await (await hub.get('/coordinator/session-resume')).json()).sessionResume;
  const needsYou = (await (await hub.get('/coordinator/attention')).json()).count;
  await expect(page.getByTestId('count-needs-you')).toHaveText(String(needsYou));
  await expect(page.getByTestId('count-handoffs')).toHaveText(String(api_.pending.handoffs.length));
  await expect(page.getByTestId('count-tasks')).toHaveText(String(api_.pending.tasks.length));
  await expect(page.getByTestId('count-locks')).toHaveText(String(api_.heldLocks.length));
  await expect(page.getByTestId('summary')).toHaveText(api_.summaryText);
  await shot(page, 'resume');

  const item = page.locator('[data-kind="escalation"]').filter({ hasText: agent });
  await item.getByPlaceholder('A hint for the agent (optional)').fill('run it with --test-threads 1');
  await item.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.locator('[data-kind="escalation"]').filter({ hasText: agent })).toHaveCount(0, { timeout: 5_000 });

  const payload = (await resolved) as { helpfulHint: string };
  expect(payload.helpfulHint).toBe('run it with --test-threads 1');
  ws.close();
  const dash = (await (await hub.get(`/agent/${agent}/trace/${sid}/escalations`)).json()).escalations;
  expect(dash[0].resolvedBy).toBe('human');
});
