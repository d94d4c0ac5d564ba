import { test, expect } from '@playwright/test';
import { api, live, post, shot, uid } from './helpers';

test('tasks: create in the portal, move, and see API changes live', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  await page.goto('/tasks');
  await live(page);
  const title = `write the docs ${uid()}`;
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Priority').selectOption('high');
  await page.getByRole('button', { name: 'Create' }).click();
  const card = page.locator('.task', { hasText: title });
  await expect(page.locator('[data-status="todo"]').locator('.task', { hasText: title })).toBeVisible();
  await card.getByLabel('Move to').selectOption('in-progress');
  await expect(page.locator('[data-status="in-progress"]').locator('.task', { hasText: title })).toBeVisible();
  const tasks = (await (await hub.get('/coordinator/tasks?status=in-progress')).json()).tasks;
  expect(tasks.some((t: { title: string }) => t.title === title)).toBeTruthy();

  const other = `from an agent ${uid()}`;
  await post(hub, '/coordinator/tasks', { title: other });
  await expect(page.locator('.task', { hasText: other })).toBeVisible({ timeout: 5_000 });
  await shot(page, 'tasks');
});

test('locks: a human force-releases a lock, recorded as stolen', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  const path = `src/e2e-${uid()}.rs`;
  const seg = encodeURIComponent(path);
  await post(hub, `/lock/${seg}/lock`, { agentId: 'holder', reason: 'refactor' });
  await page.goto('/locks');
  await live(page);
  const row = page.locator(`[data-lock="${path}"]`);
  await expect(row).toContainText('holder');
  // Another lock with a waiter: its history shows the wait queue.
  const queued = `src/e2e-queued-${uid()}.rs`;
  await post(hub, `/lock/${encodeURIComponent(queued)}/lock`, { agentId: 'holder' });
  await post(hub, `/lock/${encodeURIComponent(queued)}/lock`, { agentId: 'waiter', wait: true });
  const queuedRow = page.locator(`[data-lock="${queued}"]`);
  await queuedRow.getByRole('button', { name: 'History' }).click();
  await expect(queuedRow.getByTestId('queue')).toHaveText('Waiting, in order: waiter');
  await shot(page, 'locks');
  await row.getByRole('button', { name: 'Force release' }).click();
  await expect(page.locator(`[data-lock="${path}"]`)).toHaveCount(0, { timeout: 5_000 });
  const check = await (await hub.get(`/lock/${seg}/check`)).json();
  expect(check.locked).toBe(false);
  const history = await (await hub.get(`/lock/${seg}/history`)).json();
  expect(history.history[0].releaseReason).toBe('stolen');
  expect(history.history[0].releasedBy).toBe('human');
});
