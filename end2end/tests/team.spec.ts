import { test, expect, request } from '@playwright/test';

// The portal shows the default team ("main"); a unique agent id keeps runs apart.
test('an agent registered through the API appears on the team page', async ({ page, baseURL }) => {
  const agentId = `e2e-${Date.now()}`;
  const api = await request.newContext({ baseURL });
  const res = await api.post('/coordinator/agents', {
    data: { agentId, workingOn: 'end-to-end test' },
  });
  expect(res.ok()).toBeTruthy();

  await page.goto('/');
  const row = page.locator(`[data-agent="${agentId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('end-to-end test');
  await expect(row).toContainText('active');
  await page.screenshot({ path: 'test-results/team.png', fullPage: true });
});
