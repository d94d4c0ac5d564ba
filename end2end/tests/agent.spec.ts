import { test, expect, request } from '@playwright/test';
import { api, createTeam, live, post, shot, uid } from './helpers';
import { adminToken } from '../auth';

test('the agent dashboard shows progress, coaching, checkpoint, and sends a DM', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  const agent = `dash-${uid()}`;
  await hub.get(`/coordinator/onboard?agentId=${agent}`);
  await post(hub, `/agent/${agent}/checkpoint`, {
    conversationSummary: 'wired the router', pendingWork: ['write tests'],
    accomplishments: ['routes for /health'], recentContext: 'axum was dropped for speed',
  });
  await post(hub, `/agent/${agent}/memory`, { category: 'decision', content: 'routers stay flat', tags: ['routing'] });
  const t = await post(hub, `/agent/${agent}/trace`, { task: 'router' });
  await post(hub, `/agent/${agent}/trace/${t.trace.sessionId}/step`, { tool: 'edit', intent: 'routes', outcome: 'found', durationMs: 60000 });
  await post(hub, `/agent/${agent}/trace/${t.trace.sessionId}/complete`, { domain: 'backend' });

  await page.goto(`/agents/${agent}`);
  await expect(page.getByRole('heading', { name: 'Progress' })).toBeVisible();
  await expect(page.locator('text=40 XP')).toBeVisible();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(page.getByTestId('suggestions')).toBeVisible();
  await expect(page.getByText('wired the router')).toBeVisible();
  await expect(page.getByText('routes for /health')).toBeVisible();
  await expect(page.getByTestId('context')).toHaveText('axum was dropped for speed');
  await live(page);

  await page.getByLabel('Direct message').fill('please add tests');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('inbox')).toContainText('please add tests');
  const inbox = await (await hub.get(`/agent/${agent}/messages?unread=true`)).json();
  expect(inbox.messages[0].from).toBe('human');
  await shot(page, 'agent');

  // Read messages stay in the history, without the unread mark.
  await hub.fetch(`/agent/${agent}/messages`, { method: 'PATCH', data: { messageIds: [inbox.messages[0].id] } });
  await page.reload();
  await expect(page.getByTestId('inbox')).toContainText('please add tests');
  await expect(page.getByTestId('inbox').locator('.badge.unread')).toHaveCount(0);

  // The memory box searches this agent only.
  await page.getByLabel("Search this agent's memory, DMs and steps").fill('routers');
  await page.getByLabel("Search this agent's memory, DMs and steps").press('Enter');
  await expect(page).toHaveURL(new RegExp(`agent=${agent}`));
  await expect(page.getByTestId('hits')).toContainText('routers stay flat');
  await expect(page.getByText(`Only ${agent}'s DMs, memories and steps`)).toBeVisible();
});

test('a DM that asks for an ack shows its receipt to both sides', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  const [ann, bob] = [`ack-a-${uid()}`, `ack-b-${uid()}`];
  await post(hub, `/agent/${bob}/messages`, { from: ann, message: 'ship it?', ackRequired: true });
  // Told to ann's object in the background.
  await expect.poll(async () => (await (await hub.get(`/agent/${ann}/sent?awaiting=true`)).json()).messages.length).toBe(1);
  await page.goto(`/agents/${ann}`);
  await expect(page.getByTestId('awaiting-ack')).toContainText(`To ${bob}: ship it?`);
  await page.goto(`/agents/${bob}`);
  await expect(page.getByTestId('inbox')).toContainText('asks for an ack');
  const dm = (await (await hub.get(`/agent/${bob}/messages`)).json()).messages[0];
  await hub.fetch(`/agent/${bob}/messages`, { method: 'PATCH', data: { messageIds: [dm.id], ack: true } });
  await page.reload();
  await expect(page.getByTestId('inbox')).toContainText('acknowledged');
  await expect.poll(async () => (await (await hub.get(`/agent/${ann}/sent?awaiting=true`)).json()).messages.length).toBe(0);
  await page.goto(`/agents/${ann}`);
  await expect(page.getByTestId('awaiting-ack')).toHaveCount(0);
});

test('the trace timeline draws steps and escalations', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  const agent = `trace-${uid()}`;
  const t = await post(hub, `/agent/${agent}/trace`, { task: 'hunt the bug' });
  const sid = t.trace.sessionId;
  for (const outcome of ['nothing', 'error', 'partial', 'error', 'found']) {
    await post(hub, `/agent/${agent}/trace/${sid}/step`, { tool: 'grep', intent: 'look', outcome, durationMs: 500 });
  }
  await page.goto(`/agents/${agent}/traces/${sid}`);
  await expect(page.getByRole('heading', { name: 'hunt the bug' })).toBeVisible();
  await expect(page.getByTestId('timeline').locator('.step')).toHaveCount(5);
  await expect(page.getByTestId('timeline').locator('.step.error')).toHaveCount(2);
  await expect(page.getByTestId('timeline').locator('.flag')).not.toHaveCount(0);
  await live(page);
  await post(hub, `/agent/${agent}/trace/${sid}/step`, { tool: 'edit', intent: 'fix', outcome: 'found', durationMs: 900 });
  await expect(page.getByTestId('timeline').locator('.step')).toHaveCount(6, { timeout: 5_000 });
  await shot(page, 'trace');
});

test('the trace timeline of another team gets its steps live from that team', async ({ page, baseURL }) => {
  const team = `trace-team-${uid()}`;
  await createTeam(baseURL, team);
  const other = await request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${adminToken()}`, 'X-Hub-Team': team },
  });
  const agent = `tracer-${uid()}`;
  const t = await post(other, `/agent/${agent}/trace`, { task: 'elsewhere' });
  const sid = t.trace.sessionId;
  await post(other, `/agent/${agent}/trace/${sid}/step`, { tool: 'grep', intent: 'look', outcome: 'nothing', durationMs: 300 });

  await page.goto(`/agents/${agent}/traces/${sid}?team=${team}`);
  await expect(page.getByRole('heading', { name: 'elsewhere' })).toBeVisible();
  await expect(page.getByTestId('timeline').locator('.step')).toHaveCount(1);
  await live(page);
  await post(other, `/agent/${agent}/trace/${sid}/step`, { tool: 'edit', intent: 'fix', outcome: 'found', durationMs: 900 });
  await expect(page.getByTestId('timeline').locator('.step')).toHaveCount(2, { timeout: 5_000 });
});
