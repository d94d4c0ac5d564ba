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
  // A new task is ready too: the todo column's card is the one to move.
  const card = page.locator('[data-status="todo"]').locator('.task', { hasText: title });
  await expect(card).toBeVisible();
  await card.getByLabel('Move to').selectOption('in-progress');
  await expect(page.locator('[data-status="in-progress"]').locator('.task', { hasText: title })).toBeVisible();
  const tasks = (await (await hub.get('/coordinator/tasks?status=in-progress')).json()).tasks;
  expect(tasks.some((t: { title: string }) => t.title === title)).toBeTruthy();

  const other = `from an agent ${uid()}`;
  await post(hub, '/coordinator/tasks', { title: other });
  await expect(page.locator('[data-status="todo"] .task', { hasText: other })).toBeVisible({ timeout: 5_000 });
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
  // Another lock with a waiter: the row shows the wait queue.
  const queued = `src/e2e-queued-${uid()}.rs`;
  await post(hub, `/lock/${encodeURIComponent(queued)}/lock`, { agentId: 'holder' });
  await post(hub, `/lock/${encodeURIComponent(queued)}/lock`, { agentId: 'waiter', wait: true });
  const queuedRow = page.locator(`[data-lock="${queued}"]`);
  await expect(queuedRow.getByTestId('queue')).toContainText('Waiting, in order: waiter');
  await shot(page, 'locks');
  await row.getByRole('button', { name: 'Force release' }).click();
  await expect(row.getByTestId('confirm-release')).toContainText('Nobody waits');
  await row.getByRole('button', { name: 'Release it' }).click();
  await expect(page.locator(`[data-lock="${path}"]`)).toHaveCount(0, { timeout: 5_000 });
  const check = await (await hub.get(`/lock/${seg}/check`)).json();
  expect(check.locked).toBe(false);
  const history = await (await hub.get(`/lock/${seg}/history`)).json();
  expect(history.history[0].releaseReason).toBe('stolen');
  expect(history.history[0].releasedBy).toBe('human');
});

test('tasks: priority order, blockers, a task page, reassigning and an epic graph', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  const id = uid();
  const low = (await post(hub, '/coordinator/tasks', { title: `low ${id}`, priority: 'low' })).task;
  const high = (await post(hub, '/coordinator/tasks', { title: `high ${id}`, priority: 'high' })).task;
  const waits = (await post(hub, '/coordinator/tasks', { title: `waits ${id}`, blockedBy: [high.id], parent: low.id })).task;
  await post(hub, '/coordinator/tasks', { title: `sibling ${id}`, parent: low.id });
  await page.goto('/tasks');
  await live(page);

  // Each column by priority, then age: the high one comes first though newer.
  const todo = page.locator('[data-status="todo"] .task').filter({ hasText: id });
  await expect(todo).toHaveCount(4);
  const titles = await todo.locator('.task-title').allTextContents();
  expect(titles.indexOf(`high ${id}`)).toBeLessThan(titles.indexOf(`low ${id}`));
  // Ready lists what may start now; the blocked one names its blocker.
  const ready = page.locator('[data-status="ready"] .task').filter({ hasText: id });
  await expect(ready.filter({ hasText: `high ${id}` })).toBeVisible();
  await expect(ready.filter({ hasText: `waits ${id}` })).toHaveCount(0);
  const card = page.locator('[data-status="todo"] .task', { hasText: `waits ${id}` });
  await expect(card.locator('.blocked-by')).toHaveText(`Waits on: high ${id}`);

  // Open it: its blocker, its history; an unknown agent is refused.
  await card.locator('.task-title').click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${waits.id}$`));
  await expect(page.getByRole('heading', { name: `waits ${id}` })).toBeVisible();
  await expect(page.locator(`li[data-task="${high.id}"]`)).toContainText(`high ${id}`);
  await expect(page.locator('.history')).toContainText('created');
  await page.getByLabel('Agent (empty unassigns)').fill(`nobody-${id}`);
  await page.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByRole('alert')).toContainText(`no agent 'nobody-${id}'`);
  const agent = `e2e-ann-${id}`;
  await post(hub, '/coordinator/agents', { agentId: agent });
  await page.getByLabel('Agent (empty unassigns)').fill(agent);
  await page.getByRole('button', { name: 'Assign' }).click();
  await expect(page.locator('[data-field="assignee"]')).toHaveText(agent);
  await page.getByLabel('Agent (empty unassigns)').fill('');
  await page.getByRole('button', { name: 'Assign' }).click();
  await expect(page.locator('[data-field="assignee"]')).toHaveText('unassigned');
  await expect(page.locator('.history')).toContainText(`assigned to ${agent}`);
  // Unblocking makes it ready.
  await page.locator(`li[data-task="${high.id}"]`).getByRole('button', { name: 'Unblock' }).click();
  await expect(page.locator('.badge.ready')).toBeVisible();
  await shot(page, 'task');

  // The epic draws its tasks as a graph.
  await page.goto(`/tasks/${low.id}`);
  const graph = page.getByRole('img', { name: "This epic's tasks and what blocks what" });
  await expect(graph).toBeVisible();
  const svg = await (await hub.get(`/charts/epic/${low.id}`)).text();
  expect(svg).toContain(`waits ${id}`);
  expect(svg).toContain(`sibling ${id}`);
});
