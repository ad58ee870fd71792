// Quizzes as a resident meets them: without JavaScript the form posts and the browser
// lands on the stored correction (Post/Redirect/Get); with JavaScript the same
// correction appears in place, without a reload. Refused answers are named. axe runs
// on the form, the errors and the corrections, and the result shows on "Mon parcours".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, unexpected, launch, openPage, settle, expectNoAxeViolations } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

const LESSON = `${BASE_URL}/modules/budget-au-quotidien/le-reste-a-vivre`;

// The lesson's quiz: 420 € (numeric), "Faux", 300 € (numeric), "quelques jours après le 5".
async function answer(page, { lastRight }) {
  await page.locator('#question-0-nombre').fill('420');
  await page.getByLabel('Faux').check();
  await page.locator('#question-2-nombre').fill('300');
  await page.getByLabel(lastRight ? 'quelques jours après le 5' : 'le 1er du mois').check();
}

test('without JavaScript: lesson → quiz → stored correction → Mon parcours', async () => {
  const mode = { js: false, viewport: 'phone' };
  const { context, page, problems } = await openPage(browser, mode);
  await page.goto(LESSON);
  await Promise.all([page.waitForURL(`${LESSON}/quiz`), page.getByRole('link', { name: 'Faire le quiz' }).click()]);
  await expectNoAxeViolations(page, 'quiz form (no JS)', mode);

  // Nothing answered: the form comes back with every question named.
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Voir la correction' }).click()]);
  await page.getByRole('alert').getByText('Question 1 : vous n\'avez pas répondu.').waitFor();
  await expectNoAxeViolations(page, 'quiz refused (no JS)', mode);
  assert.deepEqual(await context.cookies(), [], 'refused answers store nothing');

  await answer(page, { lastRight: false });
  await Promise.all([page.waitForURL(`${LESSON}/quiz/correction`), page.getByRole('button', { name: 'Voir la correction' }).click()]);
  await page.getByText('3 bonne(s) réponse(s) sur 4 (75 %).').waitFor();
  await page.getByText('bien compris').first().waitFor();
  await page.getByText('Le 1er, l\'argent de la CAF n\'est pas encore arrivé', { exact: false }).waitFor();
  await page.getByRole('link', { name: /Relire ce passage/ }).first().waitFor();
  await expectNoAxeViolations(page, 'quiz correction (no JS)', mode);

  // The correction stays: reloading shows it again (it is stored, not in the URL).
  await page.reload();
  await page.getByText('3 bonne(s) réponse(s) sur 4 (75 %).').waitFor();

  await Promise.all([page.waitForURL(`${BASE_URL}/mon-parcours`), page.getByRole('link', { name: 'Voir mon parcours' }).click()]);
  await page.getByText('bien compris (3 sur 4)').first().waitFor();
  await expectNoAxeViolations(page, 'Mon parcours with a quiz (no JS)', mode);
  assert.deepEqual(unexpected(problems), []);
  await context.close();
});

test('with JavaScript: the correction appears in place, and errors too', async () => {
  const mode = { js: true, viewport: 'desktop' };
  const { context, page, problems } = await openPage(browser, mode);
  await page.goto(`${LESSON}/quiz`);
  await settle(page, mode);
  await page.evaluate(() => { window.__sameDocument = true; });

  await page.getByRole('button', { name: 'Voir la correction' }).click();
  await page.getByRole('alert').getByText('Question 2 : vous n\'avez pas répondu.').waitFor();
  // Each question says what is wrong with it, and the focus is on the list.
  assert.equal(await page.locator('#question-1-erreur').textContent(), 'Question 2 : vous n\'avez pas répondu.');
  assert.equal(await page.locator('#question-0-nombre').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'quiz-errors', 'focus moves to the problems');
  await expectNoAxeViolations(page, 'quiz refused in place (JS)', mode);
  assert.deepEqual(await context.cookies(), [], 'refused answers store nothing');

  await answer(page, { lastRight: true });
  await page.getByRole('button', { name: 'Voir la correction' }).click();
  await page.getByText('4 bonne(s) réponse(s) sur 4 (100 %).').waitFor({ timeout: 5000 });
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'correction-title', 'focus moves to the result');
  await page.getByText('Votre progression est maintenant gardée', { exact: false }).waitFor();
  await page.getByText('maîtrisé').first().waitFor();
  await expectNoAxeViolations(page, 'quiz correction in place (JS)', mode);

  await page.goto(`${BASE_URL}/mon-parcours`);
  await settle(page, mode);
  await page.getByText('maîtrisé (4 sur 4)').first().waitFor();
  assert.deepEqual(unexpected(problems), []);
  await context.close();
});

test('the module quiz draws on every lesson and corrects without JavaScript', async () => {
  const mode = { js: false, viewport: 'desktop' };
  const { context, page, problems } = await openPage(browser, mode);
  await page.goto(`${BASE_URL}/modules/budget-au-quotidien`);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Faire le quiz' }).click()]);
  assert.ok(page.url().endsWith('/modules/budget-au-quotidien/quiz'));
  const questions = await page.locator('fieldset.question').count();
  assert.ok(questions >= 3, `${questions} questions`);
  await expectNoAxeViolations(page, 'module quiz (no JS)', mode);
  // Answer the first option of every choice question and 0 to numbers: a real attempt.
  for (let i = 0; i < questions; i += 1) {
    const number = page.locator(`#question-${i}-nombre`);
    if (await number.count()) await number.fill('0');
    else await page.locator(`#question-${i} input`).first().check();
  }
  await Promise.all([page.waitForURL(/\/quiz\/correction$/), page.getByRole('button', { name: 'Voir la correction' }).click()]);
  await page.getByText(`sur ${questions} (`, { exact: false }).first().waitFor();
  await expectNoAxeViolations(page, 'module quiz correction (no JS)', mode);
  assert.deepEqual(unexpected(problems), []);
  await context.close();
});
