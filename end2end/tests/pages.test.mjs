// Every page of the site (walked from the site map and the modules API, so a new page
// or lesson cannot be forgotten),
// with and without JavaScript, at 320 px and at desktop width: status 200, French,
// no console error or hydration warning, no sideways scrolling, zero axe violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, MODES, modeName, launch, openPage, settle, expectNoAxeViolations, expectNoHorizontalScroll,
} from './helpers.mjs';

let browser;
let paths = [];

before(async () => {
  browser = await launch();
  const { context, page } = await openPage(browser, { js: false, viewport: 'desktop' });
  await page.goto(`${BASE_URL}/plan-du-site`);
  paths = await page.$$eval('main a[href^="/"]', (as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
  await context.close();
  // Every module, its printable guide, every lesson and every easy-read version.
  // E2E_QUICK=1 (the PostgreSQL run of scripts/test.sh) walks one module only: page
  // rendering does not depend on the engine, which the integration suite covers.
  const all = await (await fetch(`${BASE_URL}/api/v1/modules`)).json();
  const modules = process.env.E2E_QUICK === '1' ? all.slice(0, 1) : all;
  for (const m of modules) {
    paths.push(`/modules/${m.slug}`, `/modules/${m.slug}/imprimer`);
    const detail = await (await fetch(`${BASE_URL}/api/v1/modules/${m.slug}`)).json();
    for (const l of detail.lessons) paths.push(`/modules/${m.slug}/${l.slug}`);
  }
  const lessonPaths = paths.filter((p) => p.split('/').length === 4 && !p.endsWith('/imprimer'));
  for (const p of lessonPaths) {
    const html = await (await fetch(`${BASE_URL}${p}`)).text();
    if (html.includes('?version=facile')) paths.push(`${p}?version=facile`);
    if (html.includes(`href="${p}/quiz"`)) paths.push(`${p}/quiz`);
  }
  // Module quizzes, and the empty correction page (no attempt kept in this browser).
  for (const m of modules) {
    const html = await (await fetch(`${BASE_URL}/modules/${m.slug}`)).text();
    if (html.includes(`href="/modules/${m.slug}/quiz"`)) paths.push(`/modules/${m.slug}/quiz`);
  }
  if (lessonPaths.length) paths.push(`${lessonPaths[0]}/quiz/correction`);
  // Result states of the GET forms.
  paths.push('/recherche?q=d%C3%A9couverts', '/recherche?q=girafe', '/modules?theme=account&audience=residents');
  // Reached from the login page.
  paths.push('/connexion/mot-de-passe-oublie');
});

after(async () => browser?.close());

test('the site map lists the main pages', () => {
  for (const p of ['/', '/modules', '/outils-budget', '/ateliers', '/mon-parcours', '/accessibilite']) {
    assert.ok(paths.includes(p), `site map lacks ${p}`);
  }
});

for (const mode of MODES) {
  test(`every page works ${modeName(mode)}`, async () => {
    assert.ok(paths.length >= (process.env.E2E_QUICK === '1' ? 15 : 60), `only ${paths.length} pages found`);
    const { context, page, problems } = await openPage(browser, mode);
    for (const path of paths) {
      const response = await page.goto(`${BASE_URL}${path}`);
      assert.equal(response.status(), 200, `${path} answered ${response.status()}`);
      await settle(page, mode);
      assert.equal(await page.getAttribute('html', 'lang'), 'fr', `${path} is not in French`);
      assert.ok((await page.title()).length > 0, `${path} has no title`);
      assert.equal(await page.locator('h1').count(), 1, `${path} must have exactly one h1`);
      await expectNoHorizontalScroll(page, `${path} (${modeName(mode)})`);
      await expectNoAxeViolations(page, `${path} (${modeName(mode)})`, mode);
    }
    assert.deepEqual(problems, [], `problems ${modeName(mode)}`);
    await context.close();
  });

  test(`the 404 page is French and accessible ${modeName(mode)}`, async () => {
    const { context, page, problems } = await openPage(browser, mode);
    const response = await page.goto(`${BASE_URL}/cette-page-n-existe-pas`);
    assert.equal(response.status(), 404);
    await settle(page, mode);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    await expectNoAxeViolations(page, `404 (${modeName(mode)})`, mode);
    // The 404 itself is the only failed request allowed.
    assert.deepEqual(problems.filter((p) => !p.includes('404')), []);
    await context.close();
  });
}

test('the skip link moves the focus to the content', async () => {
  const { context, page } = await openPage(browser, { js: true, viewport: 'desktop' });
  await page.goto(`${BASE_URL}/`);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Aller au contenu' });
  assert.ok(await skip.evaluate((el) => el === document.activeElement), 'the skip link is the first stop');
  await page.keyboard.press('Enter');
  assert.ok(page.url().endsWith('#contenu'));
  await context.close();
});

test('a first visit sets no cookie', async () => {
  const { context, page } = await openPage(browser, { js: true, viewport: 'phone' });
  for (const path of paths) {
    await page.goto(`${BASE_URL}${path}`);
  }
  assert.deepEqual(await context.cookies(), []);
  await context.close();
});
