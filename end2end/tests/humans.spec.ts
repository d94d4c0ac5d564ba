import { test, expect, request } from '@playwright/test';
import { live, shot, uid } from './helpers';

test('a named human is minted in the portal, signs in with their token and posts under their name', async ({ page, browser, baseURL }) => {
  const name = `dana-${uid()}`;
  await page.goto('/tokens');
  await live(page);
  await page.getByLabel('Agent id').fill(`human:${name}`);
  await page.getByLabel('Label (optional)').fill('e2e person');
  await page.getByRole('button', { name: 'Mint token' }).click();
  const token = (await page.getByTestId('minted-token').textContent())!.trim();
  expect(token).toMatch(/^ahubh_[0-9a-f]{64}\.[0-9a-f]{32}$/);
  const row = page.getByTestId('tokens').locator('li', { hasText: `human:${name}` });
  await expect(row).toBeVisible();
  await shot(page, 'tokens-humans');

  // Dana signs in with her own token, in a browser of her own.
  const own = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const dana = await own.newPage();
  await dana.goto('/login?next=%2Fchat');
  await dana.getByLabel('Human token').fill(token);
  await dana.getByRole('button', { name: 'Sign in' }).click();
  await expect(dana).toHaveURL(/\/chat$/);
  await live(dana);
  const text = `dana was here ${uid()}`;
  await dana.getByLabel('Message').fill(text);
  await dana.getByRole('button', { name: 'Post' }).click();
  const msg = dana.locator('.msg.human', { hasText: text });
  await expect(msg.locator('strong')).toHaveText(`human:${name}`);
  await shot(dana, 'named-human-chat');
  // The admin's portal shows it under her name too, and she may not mint.
  await page.goto('/chat');
  await expect(page.locator('.msg.human', { hasText: text }).locator('strong')).toHaveText(`human:${name}`);
  await dana.goto('/tokens');
  await expect(dana.getByRole('alert').first()).toContainText('mint or revoke tokens');

  // Revoked in the portal: her session ends with her token.
  await page.goto('/tokens');
  await live(page);
  await page.getByTestId('tokens').locator('li', { hasText: `human:${name}` }).getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('tokens').locator('li', { hasText: `human:${name}` }).getByText('revoked')).toBeVisible();
  await dana.goto('/chat');
  await expect(dana).toHaveURL(/\/login/);
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  expect((await api.get('/coordinator/agents')).status()).toBe(401);
  await own.close();
});
