// Workshops end to end: an administrator adds a place and a workshop through the staff
// forms; residents then sign up without an account (with and without JavaScript), see
// their booking page, join the waitlist once it is full, and cancel. axe on every state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, unexpected, launch, openPage, settle, expectNoAxeViolations } from './helpers.mjs';

let browser;
let workshopUrl;
let manageUrl;
before(async () => {
  browser = await launch();
  const mode = { js: false, viewport: 'desktop' };
  const { context, page } = await openPage(browser, mode);
  await page.goto(`${BASE_URL}/connexion`);
  await page.getByLabel('Adresse e-mail professionnelle').fill('admin@ccas.example');
  await page.getByLabel('Mot de passe').fill('une longue phrase de passe');
  await Promise.all([page.waitForURL(`${BASE_URL}/espace-pro`), page.getByRole('button', { name: 'Se connecter' }).click()]);
  await page.goto(`${BASE_URL}/espace-pro/lieux`);
  await page.getByLabel('Nom du lieu').fill('Salle test');
  await page.getByLabel('Adresse').fill('Adresse de test');
  await page.getByLabel('Nombre de places').fill('20');
  await page.getByLabel('Accès de plain-pied ou ascenseur').check();
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Ajouter le lieu' }).click()]);
  await page.goto(`${BASE_URL}/espace-pro/ateliers`);
  await page.getByLabel('Titre').fill('Atelier budget (essai)');
  await page.getByLabel('Date').fill('2099-06-15');
  await page.getByLabel('Heure de début').fill('14:00');
  await page.getByLabel('Heure de fin').fill('16:00');
  await page.getByLabel('Nombre de places', { exact: true }).fill('2');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: "Créer l'atelier" }).click()]);
  await page.getByText('0 place(s) réservée(s) sur 2', { exact: false }).waitFor();
  // The staff list links to the workshop's management page; residents use the public one.
  manageUrl = await page.getByRole('link', { name: 'Atelier budget (essai)' }).getAttribute('href');
  workshopUrl = manageUrl.replace('/espace-pro/ateliers/', '/ateliers/');
  await context.close();
});
after(async () => browser?.close());

test('the staff workshop and place pages are accessible', async () => {
  const mode = { js: true, viewport: 'desktop' };
  const { context, page, problems } = await openPage(browser, mode);
  await page.goto(`${BASE_URL}/connexion`);
  await page.getByLabel('Adresse e-mail professionnelle').fill('admin@ccas.example');
  await page.getByLabel('Mot de passe').fill('une longue phrase de passe');
  await Promise.all([page.waitForURL(`${BASE_URL}/espace-pro`), page.getByRole('button', { name: 'Se connecter' }).click()]);
  const pages = ['/espace-pro/ateliers', '/espace-pro/lieux', '/espace-pro/reservations', manageUrl,
    `${manageUrl}/modifier`, `${manageUrl}/emargement`];
  for (const path of pages) {
    await page.goto(`${BASE_URL}${path}`);
    await settle(page, mode);
    await expectNoAxeViolations(page, `${path} (JS)`, mode);
  }
  assert.deepEqual(unexpected(problems), []);
  await context.close();
});

for (const js of [false, true]) {
  test(`a resident signs up, sees the booking and cancels ${js ? 'with' : 'without'} JavaScript`, async () => {
    const mode = { js, viewport: 'phone' };
    const { context, page, problems } = await openPage(browser, mode);
    await page.goto(`${BASE_URL}/ateliers`);
    await settle(page, mode);
    await expectNoAxeViolations(page, `workshops list (${js ? 'JS' : 'no JS'})`, mode);
    await Promise.all([page.waitForURL(`${BASE_URL}${workshopUrl}`), page.getByRole('link', { name: 'Atelier budget (essai)' }).click()]);
    await settle(page, mode);
    await expectNoAxeViolations(page, `workshop detail (${js ? 'JS' : 'no JS'})`, mode);

    // No name: named, and the form comes back.
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: "M'inscrire" }).click()]);
    await page.getByRole('alert').getByText('Indiquez un prénom ou un pseudonyme.').waitFor();
    await expectNoAxeViolations(page, `sign-up refused (${js ? 'JS' : 'no JS'})`, mode);

    await page.getByLabel('Votre prénom (ou un pseudonyme)').fill(js ? 'Inès' : 'Karim');
    await Promise.all([page.waitForURL(/\/ateliers\/inscription\//), page.getByRole('button', { name: "M'inscrire" }).click()]);
    await settle(page, mode);
    // The first resident gets a seat; the test runs twice on a 2-seat workshop.
    await page.getByText(js ? /liste d'attente|place est réservée/ : 'Votre place est réservée.').first().waitFor();
    await page.getByText('Votre code à donner à l\'accueil', { exact: false }).waitFor();
    assert.deepEqual(await context.cookies(), [], 'no account, no cookie');
    await expectNoAxeViolations(page, `booking page (${js ? 'JS' : 'no JS'})`, mode);

    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Annuler mon inscription' }).click()]);
    await page.getByText('Cette inscription est annulée.').waitFor();
    await expectNoAxeViolations(page, `booking cancelled (${js ? 'JS' : 'no JS'})`, mode);
    assert.deepEqual(unexpected(problems), []);
    await context.close();
  });
}

test('a staff member books seats for a household without JavaScript and is shown as its contact', async () => {
  const mode = { js: false, viewport: 'phone' };
  const { context, page, problems } = await openPage(browser, mode);
  await page.goto(`${BASE_URL}/connexion`);
  await page.getByLabel('Adresse e-mail professionnelle').fill('admin@ccas.example');
  await page.getByLabel('Mot de passe').fill('une longue phrase de passe');
  await Promise.all([page.waitForURL(`${BASE_URL}/espace-pro`), page.getByRole('button', { name: 'Se connecter' }).click()]);
  await page.goto(`${BASE_URL}/espace-pro/reservations`);
  await page.getByLabel('Prénom ou initiales').first().fill('M. D.');
  await Promise.all([page.waitForURL(/\/ateliers\/inscription\//), page.getByRole('button', { name: /Réserver/ }).first().click()]);
  await page.getByText('Réservé par Claire Admin', { exact: false }).waitFor();
  await expectNoAxeViolations(page, 'staff booking page (no JS)', mode);
  await page.goto(`${BASE_URL}/espace-pro/reservations`);
  await page.getByText('M. D. : 1 place(s)').waitFor();
  await expectNoAxeViolations(page, 'staff bookings list (no JS)', mode);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: /Annuler mon inscription/ }).first().click()]);
  await page.getByText('Annulée').first().waitFor();
  assert.deepEqual(unexpected(problems), []);
  await context.close();
});
