// The language switch: a plain form, so it works without JavaScript; the choice is
// remembered (cookie) and <html lang> follows. English pages pass axe too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, MODES, modeName, launch, openPage, settle, expectNoAxeViolations } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

for (const mode of MODES.filter((m) => m.viewport === 'phone')) {
  test(`switching to English and back ${modeName(mode)}`, async () => {
    const { context, page, problems } = await openPage(browser, mode);
    await page.goto(`${BASE_URL}/outils-budget`);
    await settle(page, mode);
    await Promise.all([page.waitForURL(`${BASE_URL}/outils-budget`), page.getByRole('button', { name: 'English' }).click()]);
    await settle(page, mode);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('heading', { level: 1, name: 'Budget tools' }).waitFor();
    await expectNoAxeViolations(page, `English budget page (${modeName(mode)})`, mode);
    await page.goto(`${BASE_URL}/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the choice is remembered');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.waitForLoadState('load');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('an English-speaking browser gets English pages', async () => {
  const mode = { js: true, viewport: 'desktop' };
  const { context, page, problems } = await openPage(browser, mode, { locale: 'en-GB' });
  await page.goto(`${BASE_URL}/`);
  await settle(page, mode);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await expectNoAxeViolations(page, 'English home', mode);
  assert.deepEqual(problems, []);
  await context.close();
});
