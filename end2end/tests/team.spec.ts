import { test, expect } from '@playwright/test';
import { api, live, post, shot, uid } from './helpers';

test('an agent registered through the API appears on the team page, live', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  const first = `e2e-${uid()}`;
  await post(hub, '/coordinator/agents', { agentId: first, workingOn: 'end-to-end test' });

  await page.goto('/team');
  const row = page.locator(`[data-agent="${first}"]`);
  await expect(row).toContainText('end-to-end test');
  await expect(row).toContainText('active');
  await live(page);

  const second = `e2e-${uid()}`;
  await post(hub, '/coordinator/agents', { agentId: second, workingOn: 'joined later' });
  await expect(page.locator(`[data-agent="${second}"]`)).toContainText('joined later', { timeout: 5_000 });
  await shot(page, 'team');
});
