import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium.js';
import { startServer } from './static-server.js';
const server = await startServer({ root: 'dist' });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const ctx = await browser.newContext({ hasTouch: true, isMobile: process.argv[2] === 'mobile', viewport: { width: 800, height: 800 } });
const page = await ctx.newPage();
await page.goto(server.url + '#t37');
await page.waitForTimeout(1500);
const r = await page.locator('#t37-p3').evaluate((p) => { const n = p.firstChild; const i = p.textContent.indexOf('multistakeholder'); const rg = document.createRange(); rg.setStart(n, i); rg.setEnd(n, i + 5); const b = rg.getBoundingClientRect(); return [b.left, b.top + b.height / 2]; });
const cdp = await ctx.newCDPSession(page);
await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
for (const g of ['synth', 'touch']) {
  if (g === 'synth') await cdp.send('Input.synthesizeTapGesture', { x: Math.round(r[0] + 10), y: Math.round(r[1]), duration: 1500, gestureSourceType: 'touch' });
  else {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: r[0] + 10, y: r[1] }] });
    await page.waitForTimeout(1500);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }
  await page.waitForTimeout(500);
  console.log(g, JSON.stringify(await page.evaluate(() => getSelection().toString())));
  await page.evaluate(() => getSelection().removeAllRanges());
}
await browser.close();
await server.close();
