// Shared set-up of the browser tests: Debian's Chromium through playwright-core,
// console watching, and axe-core with the WCAG 2.1 A/AA rules (none disabled).
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';

// Flags that keep Chromium from calling the network (this machine has none).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

export const VIEWPORTS = {
  phone: { width: 320, height: 640 },
  desktop: { width: 1280, height: 800 },
};

/** Every combination a page is checked in. */
export const MODES = [
  { js: true, viewport: 'phone' },
  { js: true, viewport: 'desktop' },
  { js: false, viewport: 'phone' },
  { js: false, viewport: 'desktop' },
];

export const modeName = (m) => `${m.js ? 'with' : 'without'} JavaScript, ${m.viewport}`;

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Opens a page in a fresh context (no cookies) for a mode, and records every console
 * error, every page error and every hydration warning in `problems`.
 */
export async function openPage(browser, mode, extra = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: mode.js,
    viewport: VIEWPORTS[mode.viewport],
    locale: 'fr-FR',
    ...extra,
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' || /hydrat/i.test(text)) problems.push(`console ${msg.type()}: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 500) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  return { context, page, problems };
}

/** Waits until the islands have had the chance to hydrate (wasm loaded and run). */
export async function settle(page, mode) {
  await page.waitForLoadState('load');
  if (mode.js) {
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => new Promise((r) => requestIdleCallback(() => r(true))));
  }
}

/**
 * Clicks `target` (a form's button or a link that loads a page) and waits for the page it
 * leads to: the main document's answer once redirects are followed, then that page's
 * load event. Returns the answer, so that a test can say which status it expected.
 *
 * `waitForURL` or `waitForLoadState` beside a click do not do this when the form posts
 * back to the address already shown (or the page is already loaded): they resolve at
 * once, before the new page has come, and a later step may then race the navigation.
 */
export async function clickAndLoad(page, target) {
  const answered = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() &&
      r.frame() === page.mainFrame() &&
      (r.status() < 300 || r.status() >= 400),
  );
  const loaded = page.waitForEvent('load');
  // Awaited together: if one fails, the others' rejections are handled too.
  const [response] = await Promise.all([answered, loaded, target.click()]);
  return response;
}

/**
 * Runs axe-core and fails with a readable list of violations.
 *
 * axe needs scripts to run, so for a page opened without JavaScript it checks an exact
 * copy of that page's DOM (scripts removed, same URL, same stylesheet, same viewport)
 * in a scripting context: what is checked is what a visitor without JavaScript gets.
 */
export async function expectNoAxeViolations(page, label, mode) {
  let target = page;
  if (mode && !mode.js) {
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
    target = await scratchPage(page.context().browser(), mode.viewport);
    const url = page.url();
    await target.unrouteAll();
    await target.route((u) => u.href === url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await target.route(/\.(js|wasm)$/, (route) => route.abort());
    await target.goto(url);
  }
  {
    const results = await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    const summary = results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
    );
    assert.deepEqual(summary, [], `axe violations on ${label}:\n${summary.join('\n')}`);
    // One line per check, counted by scripts/test.sh.
    console.log(`axe: ${label}: 0 violations, ${results.passes.length} rules passed`);
    return results.passes.length;
  }
}

// One scripting page per browser and viewport, reused for the axe checks of pages
// opened without JavaScript.
const scratchPages = new WeakMap();
async function scratchPage(browser, viewport) {
  let byViewport = scratchPages.get(browser);
  if (!byViewport) scratchPages.set(browser, (byViewport = new Map()));
  if (!byViewport.has(viewport)) {
    const context = await browser.newContext({ viewport: VIEWPORTS[viewport] });
    byViewport.set(viewport, await context.newPage());
  }
  return byViewport.get(viewport);
}

/** Asserts the page does not scroll sideways (readable at 320 px). */
export async function expectNoHorizontalScroll(page, label) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${label} scrolls sideways by ${overflow}px`);
}

/**
 * The problems left once the 422 answers are set aside: a refused form comes back with
 * status 422 (Unprocessable Content) on purpose, which Chromium logs as a failed load.
 */
export function unexpected(problems) {
  return problems.filter((p) => !p.includes('status of 422'));
}

/** Logs a staff member in through the login form. */
export async function login(page, email, password) {
  await page.goto(`${BASE_URL}/connexion`);
  await page.getByLabel('Adresse e-mail professionnelle').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await Promise.all([page.waitForURL(/\/espace-pro/), page.getByRole('button', { name: 'Se connecter' }).click()]);
}

/** Creates an account through the admin page; returns its temporary password. */
export async function createAccount(page, name, email, role, organisation) {
  await page.goto(`${BASE_URL}/espace-pro/comptes`);
  await page.getByLabel('Nom', { exact: true }).fill(name);
  await page.getByLabel('Adresse e-mail professionnelle').fill(email);
  const options = await page.locator('#account-organisation option').allTextContents();
  await page.getByLabel('Organisation').selectOption({ label: options.find((o) => o.includes(organisation)) });
  await page.getByLabel('Rôle').selectOption({ label: role });
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Créer le compte' }).click()]);
  return (await page.locator('.flash .code').textContent()).trim();
}

