// Joint sessions end to end: a CCAS coordinator proposes a resident workshop with three
// slots to a bank trainer, who answers; the coordinator confirms a slot; the workshop
// opens on the public "Ateliers" page with sign-ups; the trainer's calendar feed holds
// it, and cancelling it marks the event cancelled there. The flow runs without
// JavaScript; axe checks every joint-session page with and without it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, unexpected, launch, openPage, settle, expectNoAxeViolations, login, createAccount } from './helpers.mjs';

const ADMIN_PASSWORD = 'une longue phrase de passe';
const TITLE = 'Budget à deux voix (essai)';
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

let browser;
const accounts = {};

before(async () => {
  browser = await launch();
  const { context, page } = await openPage(browser, { js: false, viewport: 'desktop' });
  await login(page, 'admin@ccas.example', ADMIN_PASSWORD);
  await page.goto(`${BASE_URL}/espace-pro/organisations`);
  await page.getByLabel("Nom de l'organisation").fill('Banque du Doubs (essai)');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: "Ajouter l'organisation" }).click()]);
  await page.goto(`${BASE_URL}/espace-pro/lieux`);
  await page.getByLabel('Nom du lieu').fill('Salle commune (essai)');
  await page.getByLabel('Adresse').fill('Adresse de test');
  await page.getByLabel('Nombre de places').fill('20');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Ajouter le lieu' }).click()]);
  accounts.coordinator = await createAccount(page, 'Nadia Coordinatrice (essai)', 'coord-joint@ccas.example', 'coordinateur', 'CCAS');
  accounts.trainer = await createAccount(page, 'Bruno Banque (essai)', 'bruno-joint@banque.example', 'formateur', 'Banque du Doubs (essai)');
  await context.close();
});
after(async () => browser?.close());

test('a coordinator and a bank trainer schedule a joint workshop without JavaScript; the feed follows it', async () => {
  const mode = { js: false, viewport: 'phone' };
  const coord = await openPage(browser, mode);
  const bruno = await openPage(browser, mode);
  const resident = await openPage(browser, mode);
  await login(coord.page, 'coord-joint@ccas.example', accounts.coordinator);
  await login(bruno.page, 'bruno-joint@banque.example', accounts.trainer);

  // The proposal: three slots, Bruno invited.
  const p = coord.page;
  await p.goto(`${BASE_URL}/espace-pro/seances/proposer`);
  await expectNoAxeViolations(p, 'proposal form (no JS)', mode);
  await p.getByLabel('Titre').fill(TITLE);
  const places = await p.locator('#p-place option').allTextContents();
  await p.getByLabel('Lieu').selectOption({ label: places.find((o) => o.includes('Salle commune (essai)')) });
  await p.getByLabel('Nombre de places').fill('12');
  for (const [n, offset] of [[1, 40], [2, 41], [3, 42]]) {
    await p.getByLabel(`Jour du créneau ${n}`).fill(day(offset));
    await p.getByLabel(`Heure de début du créneau ${n}`).fill('14:00');
  }
  await p.getByLabel('Bruno Banque (essai)').check();
  await Promise.all([p.waitForURL(/\/espace-pro\/seances\/propositions\/\d+$/), p.getByRole('button', { name: 'Envoyer la proposition' }).click()]);
  const proposalUrl = p.url();
  await p.getByText('Pas encore répondu').first().waitFor();
  await expectNoAxeViolations(p, 'proposal waiting for answers (no JS)', mode);

  // Bruno finds it on his page and answers: not the first slot, yes to the others.
  const b = bruno.page;
  await b.goto(`${BASE_URL}/espace-pro/seances`);
  await b.getByText('À vous de répondre').waitFor();
  await expectNoAxeViolations(b, 'joint sessions home (no JS)', mode);
  await Promise.all([b.waitForURL(proposalUrl), b.getByRole('link', { name: TITLE }).click()]);
  await b.locator('input[value="non"]').nth(0).check();
  await b.locator('input[value="oui"]').nth(1).check();
  await b.locator('input[value="oui"]').nth(2).check();
  await Promise.all([b.waitForLoadState('load'), b.getByRole('button', { name: 'Envoyer mes réponses' }).click()]);
  assert.equal(await b.getByRole('cell', { name: 'Disponible', exact: true }).count(), 2);
  await expectNoAxeViolations(b, 'proposal answered (no JS)', mode);

  // His calendar feed, made once and shown once.
  await b.goto(`${BASE_URL}/espace-pro/seances`);
  await Promise.all([b.waitForLoadState('load'), b.getByRole('button', { name: "Créer l'adresse de mon agenda" }).click()]);
  const feedUrl = await b.getByLabel("Adresse de l'agenda").inputValue();
  assert.match(feedUrl, /\/agenda\/[0-9a-f]{32}\.ics$/);
  await expectNoAxeViolations(b, 'calendar feed address shown (no JS)', mode);

  // The coordinator confirms the first slot that has both sides.
  await p.goto(proposalUrl);
  const confirm = p.getByRole('button', { name: /^Confirmer :/ });
  assert.equal(await confirm.count(), 2, 'two slots have a bank trainer and no conflict');
  await Promise.all([p.waitForLoadState('load'), confirm.first().click()]);
  await p.getByText('La séance est confirmée.').waitFor();
  await p.getByText('Libéré').first().waitFor();
  await expectNoAxeViolations(p, 'proposal confirmed (no JS)', mode);
  const manageUrl = await p.getByRole('link', { name: "Voir l'atelier" }).getAttribute('href');
  const workshopUrl = manageUrl.replace('/espace-pro/ateliers/', '/ateliers/');

  // The resident workshop is public, with sign-ups open.
  const r = resident.page;
  await r.goto(`${BASE_URL}/ateliers`);
  await r.getByRole('link', { name: TITLE }).first().waitFor();
  await r.goto(`${BASE_URL}${workshopUrl}`);
  await r.getByRole('button', { name: "M'inscrire" }).waitFor();

  // The staff calendar shows it as joint.
  await b.goto(`${BASE_URL}/espace-pro/calendrier`);
  await b.getByText(TITLE).first().waitFor();
  await b.getByText('Séance commune').first().waitFor();

  // Bruno's feed has it, then shows it cancelled.
  let ics = await (await b.request.get(feedUrl)).text();
  const unfold = (s) => s.replace(/\r\n /g, '');
  assert.match(unfold(ics), /SUMMARY:Budget à deux voix \(essai\) \(séance commune\)/);
  assert.match(ics, /STATUS:CONFIRMED/);
  await p.goto(`${BASE_URL}/espace-pro/ateliers`);
  await Promise.all([p.waitForLoadState('load'), p.getByRole('button', { name: `Annuler l'atelier ${TITLE}` }).click()]);
  ics = await (await b.request.get(feedUrl)).text();
  assert.match(ics, /STATUS:CANCELLED/);
  assert.match(ics, /SEQUENCE:1/);

  for (const c of [coord, bruno, resident]) {
    assert.deepEqual(unexpected(c.problems), []);
    await c.context.close();
  }
});

for (const js of [false, true]) {
  test(`the joint-session pages are accessible ${js ? 'with' : 'without'} JavaScript`, async () => {
    const mode = { js, viewport: js ? 'desktop' : 'phone' };
    const { context, page, problems } = await openPage(browser, mode);
    await login(page, 'coord-joint@ccas.example', accounts.coordinator);
    for (const path of ['/espace-pro/seances', '/espace-pro/seances/proposer', '/espace-pro/calendrier',
      '/espace-pro/calendrier?vue=semaine', '/espace-pro/calendrier?vue=mois', '/espace-pro/indisponibilites']) {
      await page.goto(`${BASE_URL}${path}`);
      await settle(page, mode);
      await expectNoAxeViolations(page, `${path} (${js ? 'JS' : 'no JS'})`, mode);
    }
    // A weekly unavailability, declared and listed; a refused form keeps its values.
    await page.getByLabel('Chaque semaine').check();
    await page.getByLabel('Jour de la semaine').selectOption({ label: 'mercredi' });
    await page.getByLabel('De', { exact: true }).fill('12:00');
    await page.getByLabel('À', { exact: true }).fill('08:00');
    await page.getByLabel('Note (facultative)').fill(js ? 'Permanence JS' : 'Permanence');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Ajouter', exact: true }).click()]);
    await page.getByRole('alert').getByText("heure de fin après l'heure de début", { exact: false }).waitFor();
    assert.equal(await page.getByLabel('Note (facultative)').inputValue(), js ? 'Permanence JS' : 'Permanence');
    await expectNoAxeViolations(page, `unavailability refused (${js ? 'JS' : 'no JS'})`, mode);
    await page.getByLabel('À', { exact: true }).fill('13:00');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Ajouter', exact: true }).click()]);
    await page.getByText('Chaque mercredi, de 12:00 à 13:00', { exact: false }).first().waitFor();
    assert.deepEqual(unexpected(problems), []);
    await context.close();
  });
}
