import { APIRequestContext, Page, expect, request } from '@playwright/test';
import { adminToken } from '../auth';

/** A unique suffix so runs on a persisted hub never collide. */
export const uid = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

export async function api(baseURL: string | undefined): Promise<APIRequestContext> {
  return request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${adminToken()}` } });
}

/** A new team, created as a human does (teams are never made by a request that names one). */
export async function createTeam(baseURL: string | undefined, team: string) {
  const admin = await api(baseURL);
  await post(admin, '/registry/teams', { name: team });
}

export async function post(api: APIRequestContext, path: string, data: unknown) {
  const res = await api.post(path, { data });
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return res.json();
}

/** Waits until the portal's team socket is up, so later events reach it. */
export async function live(page: Page) {
  await expect(page.getByTestId('live')).toHaveText('Live', { timeout: 15_000 });
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}
