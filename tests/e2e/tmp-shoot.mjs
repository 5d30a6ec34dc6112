import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium.js';
import { startServer } from './static-server.js';
const [root, ...pages] = process.argv.slice(2);
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";
const server = await startServer({ root, prefix: '/archive/', headers: { 'Content-Security-Policy': csp } });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
for (const spec of pages) {
  const [path, name, width = '1280', js = 'js', q = ''] = spec.split('|');
  const ctx = await browser.newContext({ viewport: { width: +width, height: 800 }, javaScriptEnabled: js === 'js' });
  const page = await ctx.newPage();
  page.on('console', (m) => m.type() === 'error' && console.log('console error', name, m.text(), m.location().url));
  page.on('pageerror', (e) => console.log('page error', name, e.message));
  await page.goto(server.url + path);
  await page.waitForTimeout(js === 'js' ? 1500 : 300);
  if (q) { await page.fill('#archive-q', q); await page.waitForTimeout(2000); }
  await page.screenshot({ path: `/tmp/shots/${name}.png` });
  console.log('shot', name);
  await ctx.close();
}
await browser.close();
await server.close();
