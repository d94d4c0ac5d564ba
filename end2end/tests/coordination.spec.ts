import { test, expect } from '@playwright/test';
import { api, live, post, shot, uid } from './helpers';

test('every coordination object has a view; a human claims, completes and routes handoffs, resolutions show who and how long', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  const run = uid();
  const owner = `zoner-${run}`;
  await post(hub, '/coordinator/zones', { action: 'claim', zoneId: `z-${run}`, path: `src/z${run}`, owner });
  await post(hub, '/coordinator/claims', { action: 'claim', what: `refactor ${run}`, by: owner });
  const h = await post(hub, '/coordinator/handoffs', { fromAgent: owner, title: `pick me ${run}`, context: 'all yours' });
  const elsewhere = await post(hub, '/coordinator/handoffs', { fromAgent: owner, title: `route me ${run}`, context: 'not mine' });

  // An escalation, resolved by a peer with a hint.
  const trace = await post(hub, `/agent/${owner}/trace`, { task: 'stuck on purpose' });
  const sid = trace.trace.sessionId;
  let escalation = '';
  for (const outcome of ['error', 'error']) {
    const s = await post(hub, `/agent/${owner}/trace/${sid}/step`, { tool: 'cargo test', outcome });
    escalation = s.escalation?.escalationId ?? escalation;
  }
  await post(hub, `/agent/${owner}/trace/${sid}/resolve-escalation`, {
    escalationId: escalation, resolvedBy: 'peer', resolverAgent: `helper-${run}`, helpfulHint: 'rerun with --nocapture',
  });

  await page.goto('/coordination');
  await live(page);
  await expect(page.getByTestId('zones')).toContainText(`src/z${run}`);
  await expect(page.getByTestId('claims')).toContainText(`refactor ${run}`);
  const row = page.locator(`[data-handoff="${h.handoff.id}"]`);
  await expect(row).toContainText('pending');
  await row.getByRole('button', { name: 'Claim' }).click();
  await expect(row).toContainText('claimed by human');
  await row.getByRole('button', { name: 'Complete' }).click();
  await expect(row).toContainText('completed');
  // A pending handoff sent on to an agent.
  const routed = page.locator(`[data-handoff="${elsewhere.handoff.id}"]`);
  await routed.getByLabel('Route to agent').fill(`taker-${run}`);
  await routed.getByRole('button', { name: 'Route' }).click();
  await expect(routed).toContainText(`to taker-${run}`);
  const stored = await (await hub.get(`/coordinator/handoffs?id=${elsewhere.handoff.id}`)).json();
  expect(stored.handoff.toAgent).toBe(`taker-${run}`);
  const resolved = page.getByTestId('resolved').locator('li', { hasText: owner });
  await expect(resolved).toContainText(`resolved by peer (helper-${run}) after`);
  await expect(resolved).toContainText('rerun with --nocapture');
  await shot(page, 'coordination');
});

test('one search box finds chat, DMs, memories and steps, each linking to where it lives', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  const word = `zebra${uid()}`;
  const agent = `searcher-${uid()}`;
  await post(hub, '/coordinator/agents', { agentId: agent });
  await post(hub, '/coordinator/chat', { author: agent, message: `the ${word} is in the chat` });
  await post(hub, `/agent/${agent}/messages`, { from: 'e2e', message: `a DM about the ${word}` });
  await post(hub, `/agent/${agent}/memory`, { category: 'learning', content: `remember the ${word}` });
  const trace = await post(hub, `/agent/${agent}/trace`, { task: 'look' });
  await post(hub, `/agent/${agent}/trace/${trace.trace.sessionId}/step`, { tool: 'grep', intent: `find the ${word}`, outcome: 'found' });

  await page.goto('/search');
  await page.getByRole('textbox', { name: 'Search' }).fill(word);
  await page.getByRole('button', { name: 'Search' }).click();
  const hits = page.getByTestId('hits');
  for (const kind of ['chat', 'dm', 'memory', 'step']) {
    await expect(hits.locator(`[data-kind="${kind}"]`)).toHaveCount(1);
  }
  await expect(hits.locator('[data-kind="step"] a')).toHaveAttribute('href', `/agents/${agent}/traces/${trace.trace.sessionId}`);
  await shot(page, 'search');
});
