// Lessons written in the browser, end to end: a CCAS coordinator edits a lesson and
// previews it without JavaScript, submits it; she cannot publish it herself; a bank
// trainer reviews the changes and publishes; the resident page shows the new text;
// rollback brings the earlier text back. With JavaScript the editor saves and previews
// as one types. axe checks every page of the editor, with and without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, unexpected, launch, openPage, settle, expectNoAxeViolations, login, createAccount } from './helpers.mjs';

const ADMIN_PASSWORD = 'une longue phrase de passe';
const ADDED = 'Phrase ajoutée dans le navigateur (essai).';
const LIVE = 'Phrase tapée avec la prévisualisation en direct (essai).';
// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let browser;
const accounts = {};

before(async () => {
  browser = await launch();
  const { context, page } = await openPage(browser, { js: false, viewport: 'desktop' });
  await login(page, 'admin@ccas.example', ADMIN_PASSWORD);
  await page.goto(`${BASE_URL}/espace-pro/organisations`);
  await page.getByLabel("Nom de l'organisation").fill('Banque des leçons (essai)');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: "Ajouter l'organisation" }).click()]);
  accounts.author = await createAccount(page, 'Anne Autrice (essai)', 'anne-lecons@ccas.example', 'coordinateur', 'CCAS');
  accounts.reviewer = await createAccount(page, 'Rémi Relecteur (essai)', 'remi-lecons@banque.example', 'formateur', 'Banque des leçons (essai)');
  await context.close();
});
after(async () => browser?.close());

test('a lesson is edited, refused to its author, published by a reviewer and rolled back, without JavaScript', async () => {
  const mode = { js: false, viewport: 'phone' };
  const anne = await openPage(browser, mode);
  const remi = await openPage(browser, mode);
  const resident = await openPage(browser, mode);
  await login(anne.page, 'anne-lecons@ccas.example', accounts.author);
  await login(remi.page, 'remi-lecons@banque.example', accounts.reviewer);
  const lessonUrl = `${BASE_URL}/modules/credit/le-credit-renouvelable`;

  const a = anne.page;
  await a.goto(`${BASE_URL}/espace-pro/lecons`);
  await expectNoAxeViolations(a, 'lessons list (no JS)', mode);
  await Promise.all([
    a.waitForURL(/\/espace-pro\/lecons\/brouillons\/\d+$/),
    a.getByRole('button', { name: /Modifier « Le crédit renouvelable/ }).click(),
  ]);
  const draftUrl = a.url();
  await expectNoAxeViolations(a, 'draft editor (no JS)', mode);
  const editor = a.getByLabel('Texte de la leçon (fiche puis markdown)');
  const text = await editor.inputValue();
  assert.match(text, /^\+\+\+\n/);
  await editor.fill(text.replace('\n## ', `\n${ADDED}\n\n## `));
  await Promise.all([a.waitForLoadState('load'), a.getByRole('button', { name: 'Prévisualiser' }).click()]);
  assert.ok(a.url().endsWith('#apercu'));
  await a.locator('.lesson-preview').getByText(ADDED).waitFor();
  await expectNoAxeViolations(a, 'draft with preview (no JS)', mode);

  // An image, with the sentence saying what it shows (the browser itself asks for it:
  // the server's refusal is covered by the integration tests).
  assert.equal(await a.getByLabel("Ce que montre l'image").getAttribute('required'), '');
  await a.getByLabel('Image', { exact: true }).setInputFiles({ name: 'releve.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') });
  await a.getByLabel("Ce que montre l'image").fill('Un point bleu (essai)');
  await Promise.all([a.waitForLoadState('load'), a.getByRole('button', { name: "Ajouter l'image" }).click()]);
  await a.locator('.lesson-preview img[alt="Un point bleu (essai)"]').waitFor();
  assert.match(await editor.inputValue(), /!\[Un point bleu \(essai\)\]\(\/images\/[0-9a-f]{64}\.png\)\n$/);

  await Promise.all([a.waitForLoadState('load'), a.getByRole('button', { name: 'Soumettre pour relecture' }).click()]);
  await a.getByText('Vous ne pouvez pas publier votre propre brouillon').waitFor();
  assert.equal(await a.getByRole('button', { name: 'Publier cette version' }).count(), 0);
  await expectNoAxeViolations(a, 'submitted draft, its author (no JS)', mode);

  // The reviewer finds it waiting, sees what changes and publishes.
  const r = remi.page;
  await r.goto(`${BASE_URL}/espace-pro/lecons`);
  await Promise.all([r.waitForURL(draftUrl), r.getByRole('link', { name: /Comprendre le crédit — le-credit-renouvelable/ }).click()]);
  await r.locator('.diff ins').getByText(ADDED).waitFor();
  await expectNoAxeViolations(r, 'draft to review (no JS)', mode);
  await Promise.all([r.waitForURL(/\/espace-pro\/lecons\/historique\/credit\/le-credit-renouvelable$/), r.getByRole('button', { name: 'Publier cette version' }).click()]);
  await r.getByText('écrite par Anne Autrice (essai), publiée par Rémi Relecteur (essai)').waitFor();
  await expectNoAxeViolations(r, 'lesson history (no JS)', mode);

  await resident.page.goto(lessonUrl);
  await resident.page.getByText(ADDED).waitFor();
  await resident.page.locator('img[alt="Un point bleu (essai)"]').waitFor();
  await expectNoAxeViolations(resident.page, 'lesson with an image (no JS)', mode);

  // Rollback: the earlier text is back on the resident page.
  await Promise.all([r.waitForLoadState('load'), r.getByRole('button', { name: 'Restaurer la version 1' }).click()]);
  await r.getByText('restaurée par Rémi Relecteur (essai)').waitFor();
  await resident.page.goto(lessonUrl);
  await resident.page.getByRole('heading', { level: 1, name: 'Le crédit renouvelable' }).waitFor();
  assert.equal(await resident.page.getByText(ADDED).count(), 0);

  await a.goto(`${BASE_URL}/espace-pro/lecons/nouvelle`);
  await expectNoAxeViolations(a, 'new lesson form (no JS)', mode);
  await a.goto(`${BASE_URL}/espace-pro/contenu`);
  await expectNoAxeViolations(a, 'content to check (no JS)', mode);
  for (const p of [anne, remi, resident]) {
    assert.deepEqual(unexpected(p.problems), []);
    await p.context.close();
  }
});

test('with JavaScript the editor saves and previews as one types', async () => {
  const mode = { js: true, viewport: 'desktop' };
  const anne = await openPage(browser, mode);
  const a = anne.page;
  await login(a, 'anne-lecons@ccas.example', accounts.author);
  await a.goto(`${BASE_URL}/espace-pro/lecons`);
  await settle(a, mode);
  await expectNoAxeViolations(a, 'lessons list (JS)', mode);
  await Promise.all([
    a.waitForURL(/\/espace-pro\/lecons\/brouillons\/\d+$/),
    a.getByRole('button', { name: /Modifier « Épargner petit à petit/ }).click(),
  ]);
  const draftUrl = a.url();
  await settle(a, mode);
  await expectNoAxeViolations(a, 'draft editor (JS)', mode);
  const editor = a.getByLabel('Texte de la leçon (fiche puis markdown)');
  const text = await editor.inputValue();
  // Typed, not posted: the preview follows and the draft is saved on the server.
  await editor.fill(text.replace('\n## ', `\n${LIVE}\n\n## `));
  await a.locator('.lesson-preview').getByText(LIVE).waitFor({ timeout: 10000 });
  await a.getByText('Brouillon enregistré.').waitFor();
  // A problem appears next to its line as soon as it is typed.
  await editor.fill(text.replace('level = "', 'niveau = "x"\nlevel = "'));
  await a.locator('.draft-problems').getByText(/ligne \d+/).first().waitFor({ timeout: 10000 });
  await expectNoAxeViolations(a, 'draft editor with a problem (JS)', mode);
  await editor.fill(text.replace('\n## ', `\n${LIVE}\n\n## `));
  await a.locator('.lesson-preview').getByText(LIVE).waitFor({ timeout: 10000 });
  await a.goto(draftUrl);
  await settle(a, mode);
  assert.ok((await a.getByLabel('Texte de la leçon (fiche puis markdown)').inputValue()).includes(LIVE), 'the typed text was kept');
  assert.deepEqual(unexpected(anne.problems), []);
  await anne.context.close();
});
