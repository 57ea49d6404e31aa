// not committed: CPU profile of one page load, 4x throttled. node .tmp-prof.mjs BASE PATH OUT
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import puppeteer from 'puppeteer-core';
const [base, path, out] = process.argv.slice(2);
const found = spawnSync(process.execPath, ['scripts/ensure-chromium.mjs'], { encoding: 'utf8' });
const { executablePath } = JSON.parse(found.stdout.trim().split('\n').pop());
const chrome = await chromeLauncher.launch({ chromePath: executablePath, userDataDir: mkdtempSync(join(tmpdir(), 'prof-')), chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
const page = await browser.newPage();
await page.goto(`${base}/signin`, { waitUntil: 'networkidle0' });
if (path !== '/signin') {
  await page.type('input[type="email"]', 'facilitator@greentable.demo');
  await page.type('input[type="password"]', 'greentable-demo');
  await Promise.all([page.waitForFunction(() => !location.pathname.startsWith('/signin')), page.click('button[type="submit"]')]);
}
const p2 = await browser.newPage();
const cdp = await p2.createCDPSession();
await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const t0 = Date.now();
await p2.goto(`${base}${path}`, { waitUntil: 'networkidle0' });
const { profile } = await cdp.send('Profiler.stop');
console.log('loaded in', Date.now() - t0, 'ms');
writeFileSync(out, JSON.stringify(profile));
await browser.disconnect();
await chrome.kill();
process.exit(0);
