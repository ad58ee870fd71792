// A resume code taken in one browser restores the progress in a fresh one, and a wrong
// code gets a clear message. axe runs on each state of "Mon parcours".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, unexpected, launch, openPage, settle, clickAndLoad, expectNoAxeViolations } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

test('a resume code carries the progress to a fresh browser context', async () => {
  const first = await openPage(browser, { js: false, viewport: 'phone' });
  const lesson = `${BASE_URL}/modules/epargne/lepargne-de-precaution`;
  await first.page.goto(lesson);
  const marked = await clickAndLoad(first.page, first.page.getByRole('button', { name: 'Marquer comme lue' }));
  assert.equal(marked.status(), 200, `marking the lesson read led to HTTP ${marked.status()} at ${marked.url()}`);
  await first.page.goto(`${BASE_URL}/mon-parcours`);
  await clickAndLoad(first.page, first.page.getByRole('button', { name: 'Obtenir un code de reprise' }));
  const code = (await first.page.locator('.code strong').innerText()).trim();
  assert.match(code, /^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
  await expectNoAxeViolations(first.page, 'Mon parcours with a new resume code (no JS)', { js: false, viewport: 'phone' });
  await first.context.close();

  const mode = { js: true, viewport: 'desktop' };
  const second = await openPage(browser, mode);
  await second.page.goto(`${BASE_URL}/mon-parcours`);
  await settle(second.page, mode);
  await second.page.getByLabel('Code de reprise', { exact: true }).fill('ZZZZZ-ZZZZZ');
  await Promise.all([second.page.waitForLoadState('load'), second.page.getByRole('button', { name: 'Retrouver mon parcours' }).click()]);
  await second.page.getByRole('alert').getByText('Ce code ne correspond à aucun parcours', { exact: false }).waitFor();
  assert.equal(await second.page.getByLabel('Code de reprise', { exact: true }).inputValue(), 'ZZZZZ-ZZZZZ', 'the code typed is kept');
  await expectNoAxeViolations(second.page, 'Mon parcours with a wrong code (JS)', mode);

  await second.page.getByLabel('Code de reprise', { exact: true }).fill(code.toLowerCase());
  await Promise.all([second.page.waitForURL(`${BASE_URL}/mon-parcours`), second.page.getByRole('button', { name: 'Retrouver mon parcours' }).click()]);
  await settle(second.page, mode);
  await second.page.getByText('Votre progression a été retrouvée sur cet appareil.').waitFor();
  await second.page.getByRole('link', { name: /épargne de précaution/i }).first().waitFor();
  await expectNoAxeViolations(second.page, 'Mon parcours restored (JS)', mode);
  assert.deepEqual(unexpected(second.problems), []);
  await second.context.close();
});
