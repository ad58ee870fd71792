// The monthly budget, debt ratio and savings goal tools: live results with JavaScript,
// a posted form rendered by the server without it (amounts never in the URL), and
// "garder dans mon parcours" as the only thing that stores anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, unexpected, launch, openPage, settle, expectNoAxeViolations, expectNoHorizontalScroll } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

test('with JavaScript the monthly budget updates as one types, then is kept', async () => {
  const mode = { js: true, viewport: 'phone' };
  const { context, page, problems } = await openPage(browser, mode);
  await page.goto(`${BASE_URL}/outils-budget/budget-mensuel`);
  await settle(page, mode);
  await expectNoHorizontalScroll(page, 'monthly budget (phone)');
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.getByLabel('Salaire(s)').fill('1500');
  await page.getByLabel(/^Loyer/).fill('600');
  await page.getByLabel('Nombre de personnes dans le foyer').fill('3');
  const result = page.locator('#resultat');
  await result.getByText('900,00\u00a0€').first().waitFor({ timeout: 5000 });
  await result.getByText('300,00\u00a0€').waitFor();
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
  assert.deepEqual(await context.cookies(), [], 'typing stores nothing');
  await expectNoAxeViolations(page, 'monthly budget live result (JS)', mode);

  await page.getByLabel(/^Loyer/).fill('-3');
  await result.getByText('Certaines cases sont à corriger').waitFor();
  assert.equal(await page.getByLabel(/^Loyer/).getAttribute('aria-invalid'), 'true');
  await page.getByLabel(/^Loyer/).fill('600');

  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Garder dans mon parcours' }).click()]);
  await settle(page, mode);
  await page.getByText('Votre budget est gardé dans « Mon parcours ».').waitFor();
  await page.getByText('Ces montants sont ceux que vous avez gardés', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('Salaire(s)').inputValue(), '1500');
  await expectNoAxeViolations(page, 'monthly budget kept (JS)', mode);
  await page.goto(`${BASE_URL}/mon-parcours`);
  await page.getByRole('link', { name: 'Mon budget du mois' }).waitFor();
  assert.deepEqual(unexpected(problems), []);
  await context.close();
});

test('without JavaScript the debt ratio and savings goal are posted and shown', async () => {
  const mode = { js: false, viewport: 'desktop' };
  const { context, page, problems } = await openPage(browser, mode);
  await page.goto(`${BASE_URL}/outils-budget/endettement`);
  await page.getByLabel(/Revenus nets du foyer/).fill('2000');
  await page.getByLabel(/Remboursements de crédits en cours/).fill('500');
  await page.getByLabel(/Mensualité d'un nouveau crédit/).fill('300');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Calculer' }).click()]);
  await page.getByText('40\u00a0%').waitFor();
  await page.getByText('vous dépasseriez ce repère', { exact: false }).waitFor();
  assert.ok(!page.url().includes('2000'), 'amounts never travel in the URL');
  assert.deepEqual(await context.cookies(), [], 'calculating stores nothing');
  await expectNoAxeViolations(page, 'debt ratio result (no JS)', mode);

  await page.goto(`${BASE_URL}/outils-budget/epargne`);
  await page.getByLabel('Somme que vous voulez atteindre').fill('1000');
  await page.getByLabel('Ce que vous pouvez mettre de côté chaque mois').fill('0');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Calculer' }).click()]);
  await page.getByText('même petite', { exact: false }).first().waitFor();
  await expectNoAxeViolations(page, 'savings goal error (no JS)', mode);
  await page.getByLabel('Ce que vous pouvez mettre de côté chaque mois').fill('100');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Garder dans mon parcours' }).click()]);
  await page.getByText('10 mois (soit 0 an(s) et 10 mois)').waitFor();
  assert.equal((await context.cookies()).length, 1, 'keeping creates the anonymous progress');
  await expectNoAxeViolations(page, 'savings goal kept (no JS)', mode);
  assert.deepEqual(unexpected(problems), []);
  await context.close();
});
