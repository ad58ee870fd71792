// Bytes a first visit to a page transfers, with JavaScript and without: a fresh browser
// context each time (empty cache, no cookie), Debian's Chromium through playwright-core
// (from end2end/node_modules). The size of each response is what the network carried
// (CDP Network.loadingFinished encodedDataLength: compressed body and headers), so it is
// what a prepaid data plan pays.
//
// Usage: node bench/first-visit.mjs BASE_URL PATH
// Prints one JSON object: { "nojs": {...}, "js": {...} }, each with total bytes, the
// wasm bytes, the request count and the bytes by resource type.
import { createRequire } from 'node:module';

const [base, path] = process.argv.slice(2);
if (!base || !path) {
  console.error('usage: node bench/first-visit.mjs BASE_URL PATH');
  process.exit(2);
}
// playwright-core is installed for the browser tests, in end2end/node_modules.
const require = createRequire(new URL('../end2end/package.json', import.meta.url));
const { chromium } = require('playwright-core');

// The browser tests' flags: no call to the network outside the page.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-default-apps', '--disable-extensions'],
});

async function visit(javaScriptEnabled) {
  const context = await browser.newContext({ javaScriptEnabled, locale: 'fr-FR', viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  const finished = [];
  cdp.on('Network.responseReceived', (e) => {
    requests.set(e.requestId, { url: e.response.url, type: e.type, mime: e.response.mimeType, status: e.response.status });
  });
  cdp.on('Network.loadingFinished', (e) => finished.push([e.requestId, e.encodedDataLength]));
  await cdp.send('Network.enable');
  const response = await page.goto(base + path, { waitUntil: 'load' });
  if (!response || response.status() !== 200) throw new Error(`${path} answered ${response?.status()}`);
  await page.waitForLoadState('networkidle');
  // Hydration fetches the wasm after load; give late requests a moment to finish.
  await page.waitForTimeout(1000);
  const byType = {};
  let total = 0;
  let wasm = 0;
  const files = [];
  for (const [id, bytes] of finished) {
    const r = requests.get(id) ?? { url: '?', type: 'Other', mime: '' };
    if (r.url.startsWith('data:')) continue;
    total += bytes;
    byType[r.type] = (byType[r.type] ?? 0) + bytes;
    if (r.url.endsWith('.wasm') || r.mime === 'application/wasm') wasm += bytes;
    files.push({ url: r.url.replace(base, ''), type: r.type, bytes, status: r.status });
  }
  await context.close();
  return { total, wasm, requests: files.length, byType, files };
}

try {
  const nojs = await visit(false);
  const js = await visit(true);
  console.log(JSON.stringify({ nojs, js }));
} finally {
  await browser.close();
}
