import { defineConfig } from '@playwright/test';
import { signedIn } from './auth';

// `cargo xtask test` starts the hub and passes its address in HUB_URL; run on
// its own, this config starts `cargo xtask serve` on 8787.
const baseURL = process.env.HUB_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  retries: 0,
  // Specs mostly use team main and run one at a time so counts are stable.
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  outputDir: './test-results',
  globalSetup: './global-setup.ts',
  use: {
    baseURL,
    storageState: signedIn,
    screenshot: 'on',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'cargo xtask serve',
    cwd: '..',
    url: `${baseURL}/health`,
    reuseExistingServer: true,
    timeout: 600_000,
  },
});
