import { test, expect } from '@playwright/test';
import { api, live, post, shot, uid } from './helpers';

test('a message posted by an agent appears without reload, mentions highlighted', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  await page.goto('/chat');
  await live(page);
  const text = `build is green ${uid()}`;
  await post(hub, '/coordinator/chat', { author: 'e2e-agent', message: `@human ${text}` });
  const msg = page.locator('.msg', { hasText: text });
  await expect(msg).toBeVisible({ timeout: 5_000 });
  await expect(msg.locator('mark.mention')).toHaveText('@human');
  await shot(page, 'chat');
});

test('a human posts from the portal', async ({ page, baseURL }) => {
  await page.goto('/chat');
  await live(page);
  const text = `hello from the portal ${uid()}`;
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Post' }).click();
  await expect(page.locator('.msg.human', { hasText: text })).toBeVisible();
  const hub = await api(baseURL);
  const chat = await (await hub.get('/coordinator/chat?limit=20')).json();
  const found = chat.messages.find((m: { message: string }) => m.message === text);
  expect(found.authorType).toBe('human');
});

test('chat text is never run as HTML', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  const marker = uid();
  await post(hub, '/coordinator/chat', { author: 'mallory', message: `<img src=x onerror="window.__xss='${marker}'"> <script>window.__xss='${marker}'</script>` });
  await page.goto('/chat');
  await expect(page.locator('.msg', { hasText: '<img src=x' }).last()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
});

test('the chat pages back beyond the last 100 messages', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  const run = uid();
  for (let i = 0; i < 105; i++) {
    await post(hub, '/coordinator/chat', { author: 'e2e-history', message: `history ${run} #${i}.` });
  }
  await page.goto('/chat');
  await expect(page.locator('.msg', { hasText: `history ${run} #104.` })).toBeVisible();
  await expect(page.locator('.msg', { hasText: `history ${run} #0.` })).toHaveCount(0);
  await page.getByRole('button', { name: 'Older messages' }).click();
  await expect(page.locator('.msg', { hasText: `history ${run} #0.` })).toBeVisible();
  await expect(page.locator('.msg', { hasText: `history ${run} #4.` })).toBeVisible();
});
