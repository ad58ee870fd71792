// Staff login as a CCAS administrator meets it: a wrong password is named, the right
// one opens the staff area, logging out ends it. With and without JavaScript; axe on
// each state. The administrator is created by `server create-admin` (scripts/test.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, unexpected, launch, openPage, settle, expectNoAxeViolations } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

for (const js of [false, true]) {
  test(`logging in and out ${js ? 'with' : 'without'} JavaScript`, async () => {
    const mode = { js, viewport: js ? 'desktop' : 'phone' };
    const { context, page, problems } = await openPage(browser, mode);
    await page.goto(`${BASE_URL}/espace-pro`);
    await page.getByRole('heading', { level: 1, name: 'Connexion nécessaire' }).waitFor();
    await Promise.all([page.waitForURL(`${BASE_URL}/connexion`), page.getByRole('link', { name: 'Connexion professionnels' }).first().click()]);
    await settle(page, mode);
    await expectNoAxeViolations(page, `login form (${js ? 'JS' : 'no JS'})`, mode);

    await page.getByLabel('Adresse e-mail professionnelle').fill('admin@ccas.example');
    await page.getByLabel('Mot de passe').fill('pas le bon');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Se connecter' }).click()]);
    await page.getByRole('alert').getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    assert.equal(await page.getByLabel('Adresse e-mail professionnelle').inputValue(), 'admin@ccas.example');
    await expectNoAxeViolations(page, `login refused (${js ? 'JS' : 'no JS'})`, mode);

    await page.getByLabel('Mot de passe').fill('une longue phrase de passe');
    await Promise.all([page.waitForURL(`${BASE_URL}/espace-pro`), page.getByRole('button', { name: 'Se connecter' }).click()]);
    await settle(page, mode);
    await page.getByText('Bonjour Claire Admin', { exact: false }).waitFor();
    await expectNoAxeViolations(page, `staff area (${js ? 'JS' : 'no JS'})`, mode);
    await page.goto(`${BASE_URL}/espace-pro/mot-de-passe`);
    await settle(page, mode);
    await expectNoAxeViolations(page, `password form (${js ? 'JS' : 'no JS'})`, mode);
    await page.goto(`${BASE_URL}/espace-pro/journal`);
    await page.getByRole('cell', { name: 'login', exact: true }).first().waitFor();
    await expectNoAxeViolations(page, `audit log (${js ? 'JS' : 'no JS'})`, mode);

    await page.goto(`${BASE_URL}/espace-pro/organisations`);
    await settle(page, mode);
    const bank = `Banque ${js ? 'A' : 'B'}`;
    await page.getByLabel("Nom de l'organisation").fill(bank);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: "Ajouter l'organisation" }).click()]);
    await page.getByText(`${bank} — banque`).waitFor();
    await expectNoAxeViolations(page, `organisations (${js ? 'JS' : 'no JS'})`, mode);
    await page.goto(`${BASE_URL}/espace-pro/comptes`);
    await settle(page, mode);
    await page.getByLabel('Nom', { exact: true }).fill(`Formateur ${bank}`);
    await page.getByLabel('Adresse e-mail professionnelle').fill(`formateur-${js ? 'a' : 'b'}@banque.example`);
    await page.getByLabel('Organisation').selectOption({ label: bank });
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Créer le compte' }).click()]);
    await page.getByText(`Mot de passe provisoire de Formateur ${bank}`, { exact: false }).waitFor();
    await expectNoAxeViolations(page, `accounts with a new temporary password (${js ? 'JS' : 'no JS'})`, mode);

    await page.goto(`${BASE_URL}/espace-pro`);
    await Promise.all([page.waitForURL(`${BASE_URL}/`), page.getByRole('button', { name: 'Se déconnecter' }).click()]);
    const response = await page.goto(`${BASE_URL}/espace-pro`);
    assert.equal(response.status(), 401, 'logged out');
    assert.deepEqual(unexpected(problems).filter((p) => !p.includes('status of 401')), []);
    await context.close();
  });
}
