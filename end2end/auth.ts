import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The hub's human token: from `cargo xtask test` (HUB_ADMIN_TOKEN), or the
 * `.dev.vars` that `cargo xtask serve` writes when this config starts it. */
export function adminToken(): string {
  if (process.env.HUB_ADMIN_TOKEN) return process.env.HUB_ADMIN_TOKEN;
  try {
    const vars = readFileSync(join(__dirname, '..', '.dev.vars'), 'utf8');
    const line = vars.split('\n').find((l) => l.startsWith('HUB_ADMIN_TOKEN='));
    if (line) return line.slice('HUB_ADMIN_TOKEN='.length).trim().replace(/^"|"$/g, '');
  } catch {
    /* fall through */
  }
  throw new Error('No human token: run through `cargo xtask test`, or `cargo xtask serve` once');
}

/** Where the signed-in browser state is kept between setup and specs. */
export const signedIn = join(__dirname, 'test-results', '.signed-in.json');
