import { test, expect, request } from '@playwright/test';
import { adminToken } from '../auth';
import { createTeam, live, shot, uid } from './helpers';

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('the portal asks for the human token, refuses a wrong one, and sets a strict cookie', async ({ page, context }) => {
    await page.goto('/team');
    await expect(page).toHaveURL(/\/login\?next=%2Fteam$/);
    await page.getByLabel('Human token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('not the human token');
    await shot(page, 'login');
    await page.getByLabel('Human token').fill(adminToken());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/team$/);
    const cookie = (await context.cookies()).find((c) => c.name === 'hub_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.secure).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(await page.evaluate(() => document.cookie)).not.toContain('hub_session');
    await live(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
  });
});

test('no CSP violation while the portal hydrates and goes live', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.goto('/');
  await live(page);
  await page.goto('/chat');
  await live(page);
  expect(violations).toEqual([]);
});

test('a human mints a token in the portal, sees it once, and revokes it', async ({ page, baseURL }) => {
  const agent = `minted-${uid()}`;
  await page.goto('/tokens');
  await live(page);
  await expect(page.getByTestId('join-secret')).toHaveText(/^[0-9a-f]{32}$/);
  await page.getByLabel('Agent id').fill(agent);
  await page.getByLabel('Label (optional)').fill('e2e');
  await page.getByRole('button', { name: 'Mint token' }).click();
  const token = (await page.getByTestId('minted-token').textContent())!.trim();
  expect(token).toMatch(/^ahub_[0-9a-f]{64}\.[0-9a-f]{32}$/);
  await shot(page, 'tokens');

  // The token works for its agent only.
  const agentApi = await request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  expect((await agentApi.post('/coordinator/agents', { data: { agentId: agent } })).status()).toBe(200);
  expect((await agentApi.post('/coordinator/agents', { data: { agentId: `${agent}-other` } })).status()).toBe(403);

  const row = page.locator('li', { hasText: agent }).first();
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.locator('li', { hasText: agent }).first().getByText('revoked')).toBeVisible();
  expect((await agentApi.post('/coordinator/agents', { data: { agentId: agent } })).status()).toBe(401);
});

test('the portal shows the team you choose, and remembers it', async ({ page, baseURL }) => {
  const team = `e2e-${uid()}`;
  await createTeam(baseURL, team);
  const agent = `only-in-${team}`;
  const other = await request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${adminToken()}`, 'X-Hub-Team': team },
  });
  expect((await other.post('/coordinator/agents', { data: { agentId: agent } })).ok()).toBeTruthy();

  await page.goto('/team');
  await live(page);
  await expect(page.getByText(agent)).toHaveCount(0);
  await page.getByTestId('team-name').selectOption(team);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('team-name')).toHaveValue(team);
  await expect(page.getByTestId('team-notice')).toContainText(team);
  await page.goto('/team');
  await live(page);
  await expect(page.getByText(agent)).toBeVisible();
  // Live updates come from that team's socket.
  const second = `${agent}-2`;
  expect((await other.post('/coordinator/agents', { data: { agentId: second } })).ok()).toBeTruthy();
  await expect(page.getByText(second)).toBeVisible({ timeout: 5_000 });
});

test('a team name nobody created shows "no team" and creates nothing', async ({ page, baseURL }) => {
  const typo = `mobil-${uid()}`;
  const res = await page.goto(`/team?team=${typo}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: /No team/ })).toBeVisible();
  const admin = await request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${adminToken()}` } });
  const teams = await (await admin.get('/registry/teams')).json();
  expect(teams.teams.map((t: { name: string }) => t.name)).not.toContain(typo);
  // The portal keeps the team it had.
  await page.goto('/team');
  await expect(page.getByRole('heading', { name: /No team/ })).toHaveCount(0);
});
