// Who said it, end to end: accented names found by their plain spelling, a
// merge of speakers undone from "About this transcript" (kept in the URL,
// so a reload and a shared link keep it) and merged again, a label
// with a bidi control that cannot reorder the page around it, and an index
// of many speakers that lists the first hundred, then the rest on demand.
import { fileURLToPath } from 'node:url';
import { startServer } from './static-server.js';
import { test, expect, shoot } from './fixtures.js';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));

const NAMES = [
  'Names and labels',
  '',
  '>>ȘTEFAN POPESCU: I thank Doğan and Nguyễn for the report.',
  '',
  '>>REMOTE INTERVENTION: A question from Bucharest.',
  '',
  '>>REMOTE INTERVENTION: A second question.',
  '',
  '>>REMOTE INVERVENTION: A third one.',
  '',
  '>>\u202eCHAIR: The floor is open.',
  '',
  '>>CHAIR: Thank you, Ştefan.',
  '',
].join('\n');

// 150 speakers, the first with the most words (delegate 1 says the most).
const MANY = Array.from(
  { length: 150 },
  (_, i) => `>>DELEGATE ${i + 1}: ${'Thank you. '.repeat(150 - i)}`,
).join('\n\n');

let server;
test.beforeAll(async () => {
  server = await startServer({ root: dist, files: { 'names.txt': NAMES, 'many.txt': MANY } });
});
test.afterAll(async () => {
  await server.close();
});

const speakers = (page) => page.locator('nav.speakers li');
const about = (page) => page.locator('details.about');

async function open(page, query = '') {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.url}?src=names.txt${query}`);
  await expect(page.locator('article.turn')).toHaveCount(6);
}

test('a plain spelling finds accented names, and the marks cover them whole', async ({ page }) => {
  await open(page);
  const field = page.getByRole('searchbox', { name: 'Search' });
  for (const [query, marked] of [
    ['stefan', ['Ştefan']],
    ['dogan', ['Doğan']],
    ['nguyen', ['Nguyễn']],
    ['STEF', ['Ştef']],
  ]) {
    await field.fill(query);
    await expect(page.locator('#search-count')).toHaveText(`${marked.length} match in 1 turn`);
    await expect(page.locator('article.turn mark')).toHaveText(marked);
  }
  await shoot(page, 'speakers-search-accents');
});

test('undoing a merge splits the speaker, is kept in the URL and across a reload, and can be merged again', async ({ page }) => {
  await open(page);
  // Merged: Remote Intervention with 3 turns, and one Chair (the label with
  // a bidi control folds to CHAIR).
  await expect(speakers(page)).toHaveCount(3);
  await expect(page.locator('nav.speakers li').filter({ hasText: 'Remote Intervention' })).toContainText('3 turns');

  await about(page).locator('summary').click();
  const undo = about(page).getByRole('button', { name: /Undo the merge of .REMOTE INVERVENTION./ });
  await expect(undo).toBeVisible();
  await shoot(page, 'speakers-about-merges');
  await undo.click();

  // Split: a speaker of its own, announced, the choice in the URL, About
  // still open with the focus on the button that takes it back.
  await expect(speakers(page)).toHaveCount(4);
  await expect(page.locator('nav.speakers li').filter({ hasText: 'Remote Invervention' })).toContainText('1 turn');
  await expect(page.locator('#t4 .who')).toHaveText('Remote Invervention');
  await expect(page.locator('p.status')).toHaveText(/“\u2068REMOTE INVERVENTION\u2069” is now shown as a speaker of its own/);
  expect(new URL(page.url()).searchParams.getAll('nomerge')).toEqual(['REMOTE INVERVENTION']);
  await expect(about(page)).toHaveAttribute('open', '');
  const again = about(page).getByRole('button', { name: /Merge again: .REMOTE INVERVENTION./ });
  await expect(again).toBeFocused();
  await shoot(page, 'speakers-merge-undone');

  // A reload (or the link shared) keeps the choice.
  await page.reload();
  await expect(page.locator('article.turn')).toHaveCount(6);
  await expect(speakers(page)).toHaveCount(4);
  await expect(page.locator('#t4 .who')).toHaveText('Remote Invervention');

  // Merged again, from the keyboard.
  await about(page).locator('summary').click();
  await about(page).getByRole('button', { name: /Merge again/ }).focus();
  await page.keyboard.press('Enter');
  await expect(speakers(page)).toHaveCount(3);
  await expect(page.locator('#t4 .who')).toHaveText('Remote Intervention');
  expect(new URL(page.url()).searchParams.getAll('nomerge')).toEqual([]);
  await expect(about(page).getByRole('button', { name: /Undo the merge of .REMOTE INVERVENTION./ })).toBeFocused();
});

test('a label with a bidi override reorders neither the toolbar, nor the index, nor the notes', async ({ page }) => {
  await open(page);
  // The toolbar's controls stay in their order, left to right.
  const boxes = await page.locator('.toolbar > *').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
  expect(boxes).toEqual([...boxes].sort((a, b) => a - b));
  // The name shown has no control in it; in the index, the count follows it.
  await expect(page.locator('#t5 .who')).toHaveText('Chair');
  const row = page.locator('nav.speakers li').filter({ hasText: 'Chair' });
  const [name, count] = await Promise.all([
    row.locator('.name').boundingBox(),
    row.locator('.count').boundingBox(),
  ]);
  expect(count.y > name.y || count.x >= name.x + name.width - 1).toBe(true);
  // In "About this transcript", the label as written is isolated: the
  // words after it read on, left to right, after it.
  await about(page).locator('summary').click();
  const note = about(page).locator('li').filter({ hasText: 'CHAIR' }).first();
  await expect(note.locator('bdi')).toHaveText(['CHAIR', '\u202eCHAIR']);
  const order = await note.evaluate((li) => {
    const bdi = [...li.querySelectorAll('bdi')].find((b) => b.textContent.includes('\u202e'));
    const after = document.createRange();
    after.setStartAfter(bdi);
    after.setEndAfter(bdi.nextSibling);
    return [bdi.getBoundingClientRect().right, after.getBoundingClientRect().left];
  });
  expect(order[1]).toBeGreaterThanOrEqual(order[0] - 1);
  await shoot(page, 'speakers-bidi-label');
});

test('an index of many speakers lists the hundred with the most words, then the rest when asked', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.url}?src=many.txt`);
  await expect(page.locator('p.status')).toContainText('150 turns');
  await expect(speakers(page)).toHaveCount(100);
  await expect(speakers(page).first()).toContainText('Delegate 1');
  await expect(speakers(page).last()).toContainText('Delegate 100');
  const more = page.getByRole('button', { name: 'List the other 50 speakers' });
  await expect(page.locator('nav.speakers .more')).toContainText('The 100 speakers with the most words are listed.');
  await more.scrollIntoViewIfNeeded();
  await shoot(page, 'speakers-many');
  await more.click();
  await expect(speakers(page)).toHaveCount(150);
  await expect(page.locator('nav.speakers .more')).toBeHidden();
  // The focus goes to the first speaker added, and a row chosen from the
  // keyboard filters the turns and is the one pressed.
  const added = speakers(page).nth(100).getByRole('button');
  await expect(added).toBeFocused();
  await expect(added).toContainText('Delegate 101');
  await page.keyboard.press('Enter');
  await expect(added).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('nav.speakers button[aria-pressed="true"]')).toHaveCount(1);
  await expect(page.locator('article.turn:not([hidden])')).toHaveCount(1);
  await expect(page.locator('#t101')).toBeVisible();
  expect(new URL(page.url()).searchParams.get('speaker')).toBe('delegate-101');
  await page.getByRole('button', { name: 'Show all speakers' }).click();
  await expect(page.locator('nav.speakers button[aria-pressed="true"]')).toHaveCount(0);
});
