// The quick "reste à vivre" estimate: the island that proves hydration. With
// JavaScript the result updates as the person types, without any reload; without
// JavaScript the form posts and the page comes back with the result or the problems,
// the typed values kept. axe runs on each result and error state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openPage, settle, expectNoAxeViolations } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

for (const viewport of ['phone', 'desktop']) {
  test(`with JavaScript the result updates in place as one types (${viewport})`, async () => {
    const mode = { js: true, viewport };
    const { context, page, problems } = await openPage(browser, mode);
    await page.goto(`${BASE_URL}/outils-budget`);
    await settle(page, mode);
    await page.evaluate(() => { window.__sameDocument = true; });
    await page.getByLabel(/Ce qui entre chaque mois/).fill('1 500');
    await page.getByLabel(/Ce que vous devez payer/).fill('1020');
    await page.getByLabel('Nombre de personnes dans le foyer').fill('2');
    const result = page.getByRole('status');
    await result.getByText('480,00\u00a0€').waitFor({ timeout: 5000 });
    await result.getByText('16,00\u00a0€').waitFor();
    await result.getByText('240,00\u00a0€').waitFor();
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
    await expectNoAxeViolations(page, `budget result with JS (${viewport})`, mode);

    await page.getByLabel(/Ce que vous devez payer/).fill('abc');
    await result.getByText('Écrivez un montant en chiffres', { exact: false }).waitFor();
    assert.equal(await page.getByLabel(/Ce que vous devez payer/).getAttribute('aria-invalid'), 'true');
    await expectNoAxeViolations(page, `budget error with JS (${viewport})`, mode);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`without JavaScript the form posts and shows the result (${viewport})`, async () => {
    const mode = { js: false, viewport };
    const { context, page, problems } = await openPage(browser, mode);
    await page.goto(`${BASE_URL}/outils-budget`);
    await page.getByLabel(/Ce qui entre chaque mois/).fill('900');
    await page.getByLabel(/Ce que vous devez payer/).fill('1000');
    await page.getByLabel('Nombre de personnes dans le foyer').fill('1');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Calculer' }).click()]);
    await page.getByText('-100,00\u00a0€').first().waitFor();
    await page.getByText('le CCAS peut vous aider', { exact: false }).waitFor();
    assert.equal(await page.getByLabel(/Ce qui entre chaque mois/).inputValue(), '900', 'values kept');
    assert.ok(!page.url().includes('900'), 'amounts never travel in the URL');
    await expectNoAxeViolations(page, `budget result without JS (${viewport})`, mode);

    await page.getByLabel('Nombre de personnes dans le foyer').fill('0');
    await page.getByLabel(/Ce qui entre chaque mois/).fill('douze');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Calculer' }).click()]);
    await page.getByText('entre 1 et 20', { exact: false }).waitFor();
    await page.getByText('Écrivez un montant en chiffres', { exact: false }).waitFor();
    assert.equal(await page.getByLabel(/Ce qui entre chaque mois/).inputValue(), 'douze');
    await expectNoAxeViolations(page, `budget errors without JS (${viewport})`, mode);
    assert.deepEqual(await context.cookies(), [], 'nothing is stored');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
