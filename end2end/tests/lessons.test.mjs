// Lessons in the browser: a lesson full of classic XSS traps runs none of them; the
// easy-read switch and the table of contents work without JavaScript; printing a
// module gives a mini-guide with every lesson's title, first and last paragraph.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL, launch, openPage, settle, clickAndLoad, expectNoAxeViolations } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

test('a lesson full of XSS payloads runs none of them', async () => {
  const mode = { js: true, viewport: 'desktop' };
  const { context, page, problems } = await openPage(browser, mode);
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const response = await page.goto(`${BASE_URL}/modules/essai-securite/piege`);
  assert.equal(response.status(), 200);
  await settle(page, mode);
  await page.getByText('Texte ordinaire qui doit rester.').hover();
  for (const link of await page.locator('.lesson-body a').all()) {
    await link.click({ modifiers: [], trial: false, noWaitAfter: true }).catch(() => {});
    if (!page.url().startsWith(`${BASE_URL}/modules/essai-securite/piege`)) await page.goBack();
  }
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no payload ran');
  assert.deepEqual(dialogs, [], 'no alert was shown');
  const body = await page.locator('.lesson-body').innerHTML();
  for (const bad of ['<script', 'onerror', 'javascript:', '<iframe', '<svg', '<form', 'style=', 'data:text']) {
    assert.ok(!body.toLowerCase().includes(bad), `${bad} reached the page`);
  }
  assert.deepEqual(problems.filter((p) => !p.includes('404')), []);
  await context.close();
});

for (const js of [true, false]) {
  test(`the easy-read switch and the table of contents work ${js ? 'with' : 'without'} JavaScript`, async () => {
    const mode = { js, viewport: 'phone' };
    const { context, page, problems } = await openPage(browser, mode);
    await page.goto(`${BASE_URL}/modules/budget-au-quotidien/le-reste-a-vivre`);
    await settle(page, mode);
    const toc = page.getByRole('navigation', { name: 'Dans cette leçon' });
    const first = toc.getByRole('link').first();
    const target = (await first.getAttribute('href')).slice(1);
    await first.click();
    assert.ok(page.url().endsWith(`#${target}`));
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Lire la version facile à lire' }).click()]);
    assert.ok(page.url().endsWith('?version=facile'));
    await page.getByText('Version facile à lire', { exact: true }).waitFor();
    await expectNoAxeViolations(page, `easy-read version (${js ? 'JS' : 'no JS'})`, mode);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Lire la version complète' }).click()]);
    await toc.waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });
}

const normalize = (s) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/[’]/g, "'").replace(/\s+/g, ' ').trim();

test('printing a module gives a mini-guide with every lesson', async () => {
  const { context, page } = await openPage(browser, { js: true, viewport: 'desktop' });
  const module = 'budget-au-quotidien';
  const detail = await (await fetch(`${BASE_URL}/api/v1/modules/${module}`)).json();
  // First and last paragraph of each lesson, as the lesson page shows them.
  const expected = [];
  for (const l of detail.lessons) {
    await page.goto(`${BASE_URL}/modules/${module}/${l.slug}`);
    const paragraphs = await page.$$eval('.lesson-body > p', (ps) => ps.map((p) => p.innerText));
    expected.push({ title: l.title, first: paragraphs[0], last: paragraphs[paragraphs.length - 1] });
  }
  await page.goto(`${BASE_URL}/modules/${module}/imprimer`);
  await page.emulateMedia({ media: 'print' });
  const dir = mkdtempSync(join(tmpdir(), 'reperes-pdf-'));
  try {
    const pdf = join(dir, 'guide.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: false }));
    const text = normalize(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-']).toString('utf8'));
    assert.ok(text.includes(normalize(detail.title)), 'the module title is printed');
    for (const lesson of expected) {
      assert.ok(text.includes(normalize(lesson.title)), `lesson title « ${lesson.title} »`);
      // Compare a window of words: PDF lines may break anywhere.
      const words = (s) => normalize(s).split(' ');
      const start = words(lesson.first).slice(0, 8).join(' ');
      const end = words(lesson.last).slice(-8).join(' ');
      const flat = text.replace(/ /g, ' ');
      assert.ok(flat.includes(start), `first paragraph of « ${lesson.title} »: ${start}`);
      assert.ok(flat.includes(end), `last paragraph of « ${lesson.title} »: ${end}`);
    }
    for (const chrome of ['Aller au contenu', 'Mon parcours', 'Plan du site']) {
      assert.ok(!text.includes(chrome), `the navigation (${chrome}) is not printed`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await context.close();
});

for (const js of [true, false]) {
  test(`marking a lesson read, seeing it in "Mon parcours" and erasing it ${js ? 'with' : 'without'} JavaScript`, async () => {
    const mode = { js, viewport: 'phone' };
    const { context, page, problems } = await openPage(browser, mode);
    const lesson = `${BASE_URL}/modules/compte-bancaire/lire-son-releve`;
    await page.goto(lesson);
    await settle(page, mode);
    assert.deepEqual(await context.cookies(), [], 'no cookie before the first explicit action');
    const marked = await clickAndLoad(page, page.getByRole('button', { name: 'Marquer comme lue' }));
    assert.equal(marked.status(), 200, `marking the lesson read led to HTTP ${marked.status()} at ${marked.url()}`);
    assert.equal(marked.url(), lesson, 'back to the lesson');
    await settle(page, mode);
    await page.getByRole('status').getByText('Votre progression est maintenant gardée', { exact: false }).waitFor();
    await page.getByText('Vous avez lu cette leçon.').waitFor();
    await expectNoAxeViolations(page, `lesson marked read (${js ? 'JS' : 'no JS'})`, mode);
    const cookies = await context.cookies();
    assert.equal(cookies.length, 1);
    assert.equal(cookies[0].name, 'reperes_session');
    assert.equal(cookies[0].httpOnly, true);

    await page.goto(`${BASE_URL}/mon-parcours`);
    await settle(page, mode);
    await page.getByRole('link', { name: 'Lire son relevé de compte' }).first().waitFor();
    await expectNoAxeViolations(page, `Mon parcours with progress (${js ? 'JS' : 'no JS'})`, mode);
    await Promise.all([page.waitForURL(/efface=1/), page.getByRole('button', { name: 'Tout effacer' }).click()]);
    await settle(page, mode);
    await page.getByText('Votre progression a été effacée de Repères.').waitFor();
    await expectNoAxeViolations(page, `Mon parcours after erasing (${js ? 'JS' : 'no JS'})`, mode);
    assert.deepEqual(await context.cookies(), [], 'the cookie is gone');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
