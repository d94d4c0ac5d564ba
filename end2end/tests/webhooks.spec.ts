import { test, expect } from '@playwright/test';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { api, post, shot, uid } from './helpers';

// A human adds a webhook in the portal (its secret shown once), sends a
// test, and sees the delivery; a stuck agent shows on the team page and is
// resolved from its own page.
test('a webhook is added, tested and its deliveries shown', async ({ page }) => {
  const got: string[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { got.push(body); res.writeHead(200).end('ok'); });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  await page.goto('/webhooks');
  await page.getByLabel('URL (https)').fill(url);
  await page.getByRole('button', { name: 'Add webhook' }).click();
  await expect(page.getByTestId('webhook-secret')).toContainText('whsec_');
  const hook = page.getByTestId('webhook').filter({ hasText: url });
  await hook.getByRole('button', { name: 'Send test' }).click();
  await expect.poll(() => got.length, { timeout: 10_000 }).toBeGreaterThan(0);
  expect(JSON.parse(got[0]).event).toBe('test');
  await page.reload();
  await expect(page.getByTestId('webhook').filter({ hasText: url }).locator('tr[data-status="delivered"]')).toHaveCount(1);
  await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
  await shot(page, 'webhooks');
  await page.getByTestId('webhook').filter({ hasText: url }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('webhook').filter({ hasText: url })).toHaveCount(0);
  receiver.close();
});

test('a stuck agent is marked on the team page and resolved from its own page', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  const agent = `stuck-team-${uid()}`;
  await post(hub, '/coordinator/agents', { agentId: agent });
  const trace = await post(hub, `/agent/${agent}/trace`, { task: 'loop' });
  for (const outcome of ['error', 'error']) {
    await post(hub, `/agent/${agent}/trace/${trace.trace.sessionId}/step`, { tool: 'run', outcome });
  }
  await expect.poll(async () => {
    const open = (await (await hub.get('/coordinator/escalations')).json()).escalations;
    return open.filter((e: { agentId: string }) => e.agentId === agent).length;
  }).toBe(1);
  await page.goto('/team');
  const row = page.locator(`li[data-agent="${agent}"]`);
  await expect(row.getByTestId('stuck')).toContainText('stuck · level 2');
  await row.getByTestId('stuck').click();
  const open = page.getByTestId('open-escalation');
  await expect(open).toHaveCount(1);
  await open.getByPlaceholder('A hint for the agent (optional)').fill('read the error first');
  await open.getByRole('button', { name: 'Resolve' }).click();
  await expect.poll(async () => {
    const list = (await (await hub.get('/coordinator/escalations')).json()).escalations;
    return list.filter((e: { agentId: string }) => e.agentId === agent).length;
  }).toBe(0);
});
