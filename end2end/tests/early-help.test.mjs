// Early help end to end: a resident answers "Où en suis-je ?" with and without
// JavaScript and sees the lessons, tools, workshop and contacts that fit; an urgent answer puts
// the emergency contacts first; the directory filters by need; staff open its pages;
// a professional training takes a staff sign-up without JavaScript; the dashboard draws
// its charts without JavaScript and exports CSV. axe on every state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, unexpected, launch, openPage, settle, expectNoAxeViolations, login, createAccount } from './helpers.mjs';

const ADMIN_PASSWORD = 'une longue phrase de passe';
const WORKSHOP = 'Atelier budget du mois (essai aide)';
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
let browser;
const accounts = {};

before(async () => {
  browser = await launch();
  const { context, page } = await openPage(browser, { js: false, viewport: 'desktop' });
  await login(page, 'admin@ccas.example', ADMIN_PASSWORD);
  await page.goto(`${BASE_URL}/espace-pro/organisations`);
  await page.getByLabel("Nom de l'organisation").fill('Banque de la formation (essai)');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: "Ajouter l'organisation" }).click()]);
  await page.goto(`${BASE_URL}/espace-pro/lieux`);
  await page.getByLabel('Nom du lieu').fill('Salle de formation (essai)');
  await page.getByLabel('Adresse').fill('Adresse de test');
  await page.getByLabel('Nombre de places').fill('10');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Ajouter le lieu' }).click()]);
  // A budget workshop, which the self-check points to.
  await page.goto(`${BASE_URL}/espace-pro/ateliers`);
  await page.getByLabel('Titre').fill(WORKSHOP);
  await page.getByLabel('Thème').selectOption({ label: 'Budget' });
  await page.getByLabel('Date').fill(day(30));
  await page.getByLabel('Heure de début').fill('14:00');
  await page.getByLabel('Heure de fin').fill('16:00');
  await page.getByLabel('Nombre de places', { exact: true }).fill('10');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: "Créer l'atelier" }).click()]);
  await page.getByRole('link', { name: WORKSHOP }).waitFor();
  accounts.coordinator = await createAccount(page, 'Sophie Coordinatrice (essai)', 'coord-formation@ccas.example', 'coordinateur', 'CCAS');
  accounts.banker = await createAccount(page, 'Hugo Banque (essai)', 'hugo-formation@banque.example', 'formateur', 'Banque de la formation (essai)');
  accounts.learner = await createAccount(page, 'Léna Travailleuse sociale (essai)', 'lena-formation@ccas.example', 'formateur', 'CCAS');
  await context.close();
});
after(async () => browser?.close());

for (const js of [false, true]) {
  test(`a resident takes the self-check and finds help ${js ? 'with' : 'without'} JavaScript`, async () => {
    const mode = { js, viewport: 'phone' };
    const label = js ? 'JS' : 'no JS';
    const { context, page, problems } = await openPage(browser, mode);
    await page.goto(`${BASE_URL}/ou-en-suis-je`);
    await settle(page, mode);
    await expectNoAxeViolations(page, `self-check form (${label})`, mode);

    // Late bills, no credit, the rest skipped: "Restez attentif" and what fits.
    await page.locator('#q-retard-oui').check();
    await page.locator('#q-credit-non').check();
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Voir mon résultat' }).click()]);
    await page.getByRole('heading', { name: 'Restez attentif' }).waitFor();
    await page.getByRole('link', { name: 'Faire mon budget du mois (outil)' }).waitFor();
    assert.ok(await page.locator('a[href="/modules/budget-au-quotidien"]').count() > 0, 'the budget module');
    await page.getByRole('link', { name: WORKSHOP }).waitFor();
    assert.equal(await page.locator('.urgent-box').count(), 0, 'nothing urgent');
    await expectNoAxeViolations(page, `self-check result (${label})`, mode);

    // A cut-off notice: the emergency contacts come before the level.
    await page.goto(`${BASE_URL}/ou-en-suis-je`);
    await settle(page, mode);
    await page.locator('#q-coupure-oui').check();
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Voir mon résultat' }).click()]);
    const box = page.locator('.urgent-box');
    await box.getByRole('heading', { name: 'À faire tout de suite' }).waitFor();
    await box.getByRole('heading', { name: "Énergie-Info et Médiateur national de l'énergie" }).waitFor();
    const boxTop = (await box.boundingBox()).y;
    const levelTop = (await page.getByRole('heading', { name: 'Parlez-en vite' }).boundingBox()).y;
    assert.ok(boxTop < levelTop, 'emergency contacts first');
    await expectNoAxeViolations(page, `self-check urgent result (${label})`, mode);

    // Kept in "Mon parcours".
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Garder ce résultat dans Mon parcours' }).click()]);
    await page.getByText('Votre résultat est gardé dans « Mon parcours ».').waitFor();
    await page.getByText('Résultat gardé le', { exact: false }).waitFor();
    await expectNoAxeViolations(page, `progress with a kept self-check (${label})`, mode);

    // The directory: by need, then the help pages.
    await page.goto(`${BASE_URL}/aide`);
    await settle(page, mode);
    await expectNoAxeViolations(page, `help directory (${label})`, mode);
    await page.getByLabel('Votre besoin').selectOption({ label: 'Logement, loyer' });
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Afficher' }).click()]);
    await page.getByRole('heading', { name: 'SOS Loyers impayés (ADIL)' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Banque de France : le 34 14' }).count(), 0);
    await expectNoAxeViolations(page, `help directory filtered (${label})`, mode);
    for (const path of ['/aide/premier-rendez-vous', '/aide/dossier-surendettement']) {
      await page.goto(`${BASE_URL}${path}`);
      await settle(page, mode);
      await expectNoAxeViolations(page, `${path} (${label})`, mode);
    }
    assert.deepEqual(unexpected(problems), []);
    await context.close();
  });
}

test('staff open the directory pages, and a professional training takes a sign-up without JavaScript', async () => {
  const mode = { js: false, viewport: 'phone' };
  const coord = await openPage(browser, mode);
  const hugo = await openPage(browser, mode);
  const lena = await openPage(browser, mode);
  await login(coord.page, 'coord-formation@ccas.example', accounts.coordinator);
  await login(hugo.page, 'hugo-formation@banque.example', accounts.banker);
  await login(lena.page, 'lena-formation@ccas.example', accounts.learner);

  // The staff directory and an entry's form.
  const p = coord.page;
  await p.goto(`${BASE_URL}/espace-pro/aide`);
  await expectNoAxeViolations(p, 'staff help directory (no JS)', mode);
  await Promise.all([p.waitForLoadState('load'), p.getByRole('link', { name: 'CCAS de Besançon' }).first().click()]);
  await p.getByLabel('Nom du service').waitFor();
  await expectNoAxeViolations(p, 'help entry form (no JS)', mode);

  // A training proposed to Hugo, answered, confirmed.
  await p.goto(`${BASE_URL}/espace-pro/seances/proposer`);
  await p.getByLabel('Formation entre professionnels').check();
  await p.getByLabel('Titre').fill('La banque expliquée aux travailleurs sociaux (essai)');
  const places = await p.locator('#p-place option').allTextContents();
  await p.getByLabel('Lieu').selectOption({ label: places.find((o) => o.includes('Salle de formation (essai)')) });
  await p.getByLabel('Nombre de places').fill('1');
  await p.getByLabel('Jour du créneau 1').fill(day(50));
  await p.getByLabel('Heure de début du créneau 1').fill('09:00');
  await p.getByLabel('Hugo Banque (essai)').check();
  await Promise.all([p.waitForURL(/\/espace-pro\/seances\/propositions\/\d+$/), p.getByRole('button', { name: 'Envoyer la proposition' }).click()]);
  const proposalUrl = p.url();
  const h = hugo.page;
  await h.goto(proposalUrl);
  await h.locator('input[value="oui"]').first().check();
  await Promise.all([h.waitForLoadState('load'), h.getByRole('button', { name: 'Envoyer mes réponses' }).click()]);
  await p.goto(proposalUrl);
  await Promise.all([p.waitForLoadState('load'), p.getByRole('button', { name: /^Confirmer :/ }).first().click()]);
  await p.getByText('La séance est confirmée.').waitFor();

  // Léna signs up for the one seat and sees it; the page passes axe.
  const l = lena.page;
  await l.goto(`${BASE_URL}/espace-pro/formations`);
  await expectNoAxeViolations(l, 'trainings (no JS)', mode);
  await Promise.all([l.waitForLoadState('load'), l.getByRole('button', { name: /^M'inscrire La banque expliquée/ }).click()]);
  await l.getByText('Vous êtes inscrit ou inscrite.').waitFor();
  await expectNoAxeViolations(l, 'trainings, signed up (no JS)', mode);
  // Hugo leads it: no button for him; the coordinator sees Léna among the bookings.
  await h.goto(`${BASE_URL}/espace-pro/formations`);
  await h.getByText('Vous animez cette formation.').waitFor();
  await p.goto(`${BASE_URL}/espace-pro/formations`);
  await Promise.all([p.waitForLoadState('load'), p.getByRole('link', { name: /^Inscriptions et présences La banque expliquée/ }).click()]);
  await p.getByRole('cell', { name: 'Léna Travailleuse sociale (essai)' }).waitFor();
  await expectNoAxeViolations(p, 'training bookings (no JS)', mode);
  // The dashboard counts what happened above (self-checks, a sign-up), on a phone.
  await p.goto(`${BASE_URL}/espace-pro/tableau-de-bord?vue=mois&periode=tout`);
  await p.getByRole('heading', { name: 'Résultats de « Où en suis-je ? »' }).waitFor();
  assert.ok(await p.locator('svg.chart').count() >= 5, 'charts drawn without JavaScript');
  await expectNoAxeViolations(p, 'dashboard (no JS)', mode);
  const csv = await (await p.request.get(`${BASE_URL}/espace-pro/tableau-de-bord/auto-diagnostic.csv?vue=mois&periode=tout`)).text();
  assert.match(csv, /^Résultat,Personnes/);
  // Léna withdraws.
  await Promise.all([l.waitForLoadState('load'), l.getByRole('button', { name: /^Retirer mon inscription La banque expliquée/ }).click()]);
  await l.getByRole('button', { name: /^M'inscrire La banque expliquée/ }).waitFor();

  for (const c of [coord, hugo, lena]) {
    assert.deepEqual(unexpected(c.problems), []);
    await c.context.close();
  }
});

test('the trainings, directory and dashboard pages are accessible with JavaScript', async () => {
  const mode = { js: true, viewport: 'desktop' };
  const { context, page, problems } = await openPage(browser, mode);
  await login(page, 'lena-formation@ccas.example', accounts.learner);
  for (const path of ['/espace-pro/formations', '/espace-pro/aide', '/espace-pro/tableau-de-bord',
    '/espace-pro/tableau-de-bord?vue=trimestre&periode=tout']) {
    await page.goto(`${BASE_URL}${path}`);
    await settle(page, mode);
    await expectNoAxeViolations(page, `${path} (JS)`, mode);
  }
  assert.deepEqual(unexpected(problems), []);
  await context.close();
});
