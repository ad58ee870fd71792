// Summarises Lighthouse JSON reports of one page (several runs): takes the run with the
// median performance score and prints one line
//   performance accessibility best-practices lcp_ms tbt_ms cls runs
// then, on standard error, the audits that cost accessibility or best-practices points
// in that run, so a miss names its cause.
// Usage: node bench/lighthouse.mjs report1.json report2.json …
import { readFileSync } from 'node:fs';

const runs = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')))
  .filter((r) => r.categories?.performance?.score != null);
if (runs.length === 0) {
  console.log('- - - - - - 0');
  process.exit(0);
}
runs.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
const r = runs[Math.floor((runs.length - 1) / 2)];
const score = (c) => Math.round((r.categories[c]?.score ?? 0) * 100);
const metric = (a) => r.audits[a]?.numericValue ?? NaN;
console.log([
  score('performance'), score('accessibility'), score('best-practices'),
  Math.round(metric('largest-contentful-paint')), Math.round(metric('total-blocking-time')),
  metric('cumulative-layout-shift').toFixed(3), runs.length,
].join(' '));
for (const category of ['accessibility', 'best-practices']) {
  for (const ref of r.categories[category]?.auditRefs ?? []) {
    const audit = r.audits[ref.id];
    if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
      console.error(`    ${category}: ${ref.id}: ${audit.title}`);
    }
  }
}
