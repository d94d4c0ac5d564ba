import { test, expect } from '@playwright/test';
import { shot, uid } from './helpers';

test('the teams page lists every team with its figures, and creates one with its join secret', async ({ page }) => {
  const name = `e2e-team-${uid()}`;
  await page.goto('/teams');
  await page.getByLabel('New team').fill(name);
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByTestId('new-team-secret')).toContainText(`HUB_TEAM=${name} hub join --secret `);
  const row = page.locator(`[data-team="${name}"]`);
  await expect(row).toBeVisible();
  await expect(row.locator('td').nth(1)).toHaveText('0');
  await expect(page.locator('[data-team="main"]')).toBeVisible();
  await shot(page, 'teams');
});
