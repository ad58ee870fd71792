// Reads the HTML of a quiz page on standard input and prints the form body a visitor
// without JavaScript would post (application/x-www-form-urlencoded): the first option
// of every choice question, "1" in every number or text field, hidden fields as they
// are. The form's fields are read from the page, not assumed, so the benchmark follows
// the form if its fields change. Fails when the page has no quiz form.
import { readFileSync } from 'node:fs';

// Usage: node bench/quiz-form.mjs ACTION < page.html (ACTION: the path the form posts to;
// the page has other forms, such as the language switch).
const action = process.argv[2];
const html = readFileSync(0, 'utf8');
const form = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)]
  .find((m) => m[1].includes(`action="${action}"`) && /method="post"/i.test(m[1]));
if (!form) {
  console.error(`no form posting to ${action} on the quiz page`);
  process.exit(1);
}
const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attributes = (tag) => Object.fromEntries(
  [...tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g)].slice(1).map((m) => [m[1].toLowerCase(), unescape(m[2] ?? '')]),
);
const fields = [];
const chosen = new Set();
for (const [tag] of form[2].matchAll(/<(?:input|textarea|select)\b[^>]*>/gi)) {
  const a = attributes(tag);
  if (!a.name || 'disabled' in a) continue;
  const type = (a.type ?? 'text').toLowerCase();
  if (type === 'radio' || type === 'checkbox') {
    if (chosen.has(a.name)) continue;
    chosen.add(a.name);
    fields.push([a.name, a.value ?? 'on']);
  } else if (type === 'hidden') {
    fields.push([a.name, a.value ?? '']);
  } else if (type !== 'submit' && type !== 'button') {
    fields.push([a.name, '1']);
  }
}
if (fields.length === 0) {
  console.error('the quiz form has no field');
  process.exit(1);
}
process.stdout.write(new URLSearchParams(fields).toString());
