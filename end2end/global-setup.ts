import { chromium, FullConfig } from '@playwright/test';
import { adminToken, signedIn } from './auth';

/** Signs in once through the real login form; specs reuse the cookie. */
export default async function globalSetup(config: FullConfig) {
  const { baseURL, launchOptions } = config.projects[0].use;
  const browser = await chromium.launch(launchOptions);
  const page = await browser.newPage({ baseURL });
  await page.goto('/login');
  await page.getByLabel('Human token').fill(adminToken());
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.context().storageState({ path: signedIn });
  await browser.close();
}
