import { test, expect } from '@playwright/test';
import { api, post, shot, uid } from './helpers';

// Charts are SVG images the Worker draws: the page holds an <img>, and the
// image itself is checked by fetching it as the browser does (with the
// portal's session cookie).
test('charts: team activity per hour, an agent\'s XP, a trace\'s step durations', async ({ page, baseURL }) => {
  const hub = await api(baseURL);
  const agent = `chart-${uid()}`;
  await post(hub, '/coordinator/agents', { agentId: agent, status: 'active' });
  await post(hub, '/coordinator/chat', { author: agent, message: 'charting' });
  const t = await post(hub, `/agent/${agent}/trace`, { task: 'draw charts' });
  const sid = t.trace.sessionId;
  for (const [outcome, durationMs] of [['found', 40000], ['error', 120000], ['partial', 80000]] as const) {
    await post(hub, `/agent/${agent}/trace/${sid}/step`, { tool: 'svg', intent: 'plot', outcome, durationMs });
  }
  await post(hub, `/agent/${agent}/trace/${sid}/complete`, { domain: 'frontend' });

  const svgOf = async (img: ReturnType<typeof page.getByTestId>) => {
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
    const src = await img.getAttribute('src');
    const res = await page.request.get(src!);
    expect(res.headers()['content-type']).toContain('image/svg+xml');
    return res.text();
  };

  await page.goto('/team');
  const activity = page.getByTestId('chart');
  const day = await svgOf(activity);
  expect(day).toContain('last 1 day');
  expect(day.match(/<polyline/g)).toHaveLength(3);
  await page.getByRole('button', { name: 'Last week' }).click();
  await expect(activity).toHaveAttribute('src', /days=7/);
  expect(await svgOf(activity)).toContain('last 7 day');
  await shot(page, 'team-activity');

  await page.goto(`/agents/${agent}`);
  const xp = await svgOf(page.getByTestId('chart'));
  expect(xp).toContain('XP over time');
  // One change so far is said in words, not drawn as a lone dot.
  expect(xp).toMatch(/class="xp"|XP so far/);
  await shot(page, 'agent-xp');

  await page.goto(`/agents/${agent}/traces/${sid}`);
  const durations = await svgOf(page.getByTestId('chart'));
  expect(durations.match(/<rect/g)).toHaveLength(3);
  expect(durations.match(/class="step error"/g)).toHaveLength(1);
  await shot(page, 'trace-durations');

  // Not for anyone without a credential.
  const anon = await fetch(`${baseURL}/charts/activity`);
  expect(anon.status).toBe(401);
});
