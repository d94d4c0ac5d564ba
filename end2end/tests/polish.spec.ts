import { test, expect, request } from '@playwright/test';
import { api, createTeam, live, post, shot, uid } from './helpers';

// What people notice in the first minutes, on a desktop and on a phone: the
// chat reads like a chat, the team is picked (never typed into being), a
// lock's queue is in view and force release asks first, a minted token can
// be copied, shows when it was last used, and leaves when revoked.
const screens = [
  { name: 'desktop', viewport: { width: 1440, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];

for (const { name, viewport } of screens) {
  test.describe(name, () => {
    test.use({ viewport });

    test('the chat opens at the newest message, the compose box in view; a link to a message marks it', async ({ page, baseURL }) => {
      const hub = await api(baseURL);
      const run = uid();
      let first = '';
      for (let i = 0; i < 40; i++) {
        const r = await post(hub, '/coordinator/chat', { author: 'e2e-reader', message: `read ${run} #${i}` });
        if (i === 5) first = r.message.id;
      }
      await page.goto('/chat');
      await live(page);
      await expect(page.locator('.msg', { hasText: `read ${run} #39` })).toBeInViewport();
      await expect(page.getByLabel('Message')).toBeInViewport();
      await expect(page.locator('.msg', { hasText: `read ${run} #5` })).not.toBeInViewport();
      // Author and time on one line: the time never wraps.
      const time = page.locator('.msg', { hasText: `read ${run} #39` }).locator('time');
      const box = await time.boundingBox();
      expect(box!.height).toBeLessThan(30);
      await shot(page, `chat-${name}`);

      await page.goto(`/chat#m-${first}`);
      const target = page.locator(`#m-${first}`);
      await expect(target).toBeInViewport();
      await expect(target).toContainText(`read ${run} #5`);
    });

    test('the team is picked from the teams there are; a link that picks one says so', async ({ page, baseURL }) => {
      const team = `pick-${uid()}`;
      await createTeam(baseURL, team);
      await page.goto('/team');
      const picker = page.getByTestId('team-name');
      await expect(picker.locator(`option[value="${team}"]`)).toHaveCount(1);
      await expect(picker).toHaveValue('main');
      await picker.selectOption(team);
      await page.getByRole('button', { name: 'Show' }).click();
      await expect(page).toHaveURL(new RegExp(`team=${team}`));
      await expect(page.getByTestId('team-notice')).toContainText(team);
      await expect(page.getByTestId('team-name')).toHaveValue(team);
      // A typo is no team: nothing is created, nothing is offered.
      const typo = `${team}x`;
      const res = await page.goto(`/team?team=${typo}`);
      expect(res?.status()).toBe(404);
      const admin = await api(baseURL);
      const teams = await (await admin.get('/registry/teams')).json();
      expect(teams.teams.map((t: { name: string }) => t.name)).not.toContain(typo);
      if (name === 'phone') {
        await page.goto('/team?team=main');
        const header = await page.locator('header.topbar').boundingBox();
        expect(header!.height, 'the header takes a line or two').toBeLessThan(130);
        await shot(page, 'header-phone');
      }
    });

    test('a lock shows who waits and for how long; force release asks and names who is next', async ({ page, baseURL }) => {
      const hub = await api(baseURL);
      const path = `src/queue-${uid()}.rs`;
      const seg = encodeURIComponent(path);
      await post(hub, `/lock/${seg}/lock`, { agentId: 'holder' });
      await post(hub, `/lock/${seg}/lock`, { agentId: 'first-in-line', wait: true });
      await post(hub, `/lock/${seg}/lock`, { agentId: 'second-in-line', wait: true });
      await page.goto('/locks');
      await live(page);
      const row = page.locator(`[data-lock="${path}"]`);
      await expect(row.getByTestId('queue')).toContainText(/first-in-line \(.+\), second-in-line/);
      await expect(row.getByTestId('left')).toContainText('left');
      await row.getByRole('button', { name: 'Force release' }).click();
      const ask = row.getByTestId('confirm-release');
      await expect(ask).toContainText('first-in-line gets it next');
      await ask.getByRole('button', { name: 'Cancel' }).click();
      await expect(ask).toHaveCount(0);
      let check = await (await hub.get(`/lock/${seg}/check`)).json();
      expect(check.lock.lockedBy, 'cancel keeps the lock').toBe('holder');
      await row.getByRole('button', { name: 'Force release' }).click();
      await row.getByRole('button', { name: 'Release it' }).click();
      await expect.poll(async () => (await (await hub.get(`/lock/${seg}/check`)).json()).lock?.lockedBy).toBe('first-in-line');
      // The landing page shows the waiters too.
      await page.goto('/');
      await expect(page.locator(`[data-testid="held-locks"] [data-lock="${path}"]`).getByTestId('waiters')).toContainText('second-in-line');
      check = await (await hub.get(`/lock/${seg}/check`)).json();
      expect(check.waiting[0].agentId).toBe('second-in-line');
      await shot(page, `locks-${name}`);
      // "Start agents" leads to how to connect one.
      await page.getByRole('link', { name: 'Start agents' }).click();
      await expect(page).toHaveURL(/\/tokens#connect/);
      await expect(page.getByTestId('mcp-url')).toContainText('/mcp');
    });

    test('a minted token is copied, shows when it was last used, and leaves when revoked', async ({ page, baseURL, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const agent = `tok-${uid()}`;
      await page.goto('/tokens');
      await page.getByLabel('Agent id, or human:<name>').fill(agent);
      await page.getByRole('button', { name: 'Mint token' }).click();
      const minted = page.getByTestId('minted');
      await expect(minted).toBeVisible();
      const token = (await page.getByTestId('minted-token').textContent())!.trim();
      await expect(page.getByTestId('mcp-add')).toContainText(`/mcp --header "Authorization: Bearer ${token}"`);
      await minted.getByRole('button', { name: 'Copy', exact: true }).click();
      await expect(minted.getByRole('button', { name: 'Copied' })).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

      const row = page.locator(`[data-token]`, { hasText: agent });
      await expect(row.getByTestId('last-used')).toContainText('never');
      const asAgent = await request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
      expect((await asAgent.get(`/agent/${agent}/state`)).ok()).toBeTruthy();
      await page.reload();
      await expect(page.locator(`[data-token]`, { hasText: agent }).getByTestId('last-used')).not.toContainText('never');

      const other = `rev-${uid()}`;
      await page.getByLabel('Agent id, or human:<name>').fill(other);
      await page.getByRole('button', { name: 'Mint token' }).click();
      await expect(page.getByTestId('minted')).toContainText(other);
      await page.locator(`[data-token]`, { hasText: other }).getByRole('button', { name: 'Revoke' }).click();
      await expect(page.getByTestId('minted')).toHaveCount(0);
      await expect(page.locator(`[data-token]`, { hasText: other }).getByText('revoked')).toBeVisible();
      await shot(page, `tokens-${name}`);
    });
  });
}
