// What the browser alone takes to build a long article's highlighted
// blocks (issue 20: a bound for the heavy reload's "analysis shown to every
// block built"). The 400,000 characters of real news of
// tests/e2e/heavy.test.mjs, one paragraph per block and the blocks in
// groups of 32 skipped by `content-visibility` as the app's are, built by
// plain JavaScript in an empty page, no app and no wasm, each way `rounds`
// times in turn:
//   spans1, spans3, spans6  every capitalised word and number a `<span>` with
//                           1, 3 or 6 attributes (class; + data-start,
//                           data-sugg; + title, tabindex, aria-label), as
//                           the app's runs carry;
//   highlights             every paragraph one text node, the same words
//                           painted by the CSS Custom Highlight API (one
//                           `StaticRange` each), no element per word.
// Prints per way the medians and ranges of
//   build  the script's time to build and attach every block,
//   frame  to the frame after it (style, layout and paint included).
// Usage: node scripts/dom-cost.mjs [rounds]
import { launch } from '../tests/e2e/harness.mjs';
import { POLNEAR, HAVE_REAL, realArticle } from '../tests/e2e/heavy-article.mjs';

if (!HAVE_REAL) {
  console.log(`dom-cost: skipped: ${POLNEAR} not found (the corpus lives in ../shared/corpus)`);
  process.exit(0);
}
const rounds = Number(process.argv[2] ?? 5);
const paras = realArticle('Blocks', 400_000).normalize('NFC').split('\n');
/** Per paragraph, the UTF-16 ranges of its capitalised words and numbers. */
const runs = paras.map((p) => [...p.matchAll(/\b(?:[A-Z][a-z]{2,}|\d[\d,.]*)\b/g)].map((m) => [m.index, m.index + m[0].length]));
const WAYS = ['spans1', 'spans3', 'spans6', 'highlights'];
const STYLE = '.g{content-visibility:auto;contain-intrinsic-size:auto 150em}.ent{background:#fde68a}::highlight(ent){background-color:#fde68a}';

/** Runs in the page: builds every block one way, returns its two times. */
async function buildAll([paras, runs, way]) {
  const article = document.getElementById('a');
  article.replaceChildren();
  CSS.highlights.clear();
  await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  const t0 = performance.now();
  const attrs = way === 'highlights' ? 0 : Number(way.slice(5));
  const painted = new Highlight();
  let group;
  paras.forEach((p, i) => {
    if (i % 32 === 0) {
      group = document.createElement('div');
      group.className = 'g';
      article.append(group);
    }
    const block = document.createElement('p');
    block.setAttribute('data-start', String(i));
    if (attrs === 0) {
      const text = document.createTextNode(p);
      block.append(text);
      for (const [s, e] of runs[i]) painted.add(new StaticRange({ startContainer: text, startOffset: s, endContainer: text, endOffset: e }));
    } else {
      let at = 0;
      for (const [s, e] of runs[i]) {
        if (s > at) block.append(p.slice(at, s));
        const span = document.createElement('span');
        span.setAttribute('class', 'ent ent-person');
        if (attrs >= 3) {
          span.setAttribute('data-start', String(s));
          span.setAttribute('data-sugg', `PERSON:${s}:${e}`);
        }
        if (attrs >= 6) {
          span.setAttribute('title', `Quotation by someone ${s}`);
          span.setAttribute('tabindex', '0');
          span.setAttribute('aria-label', `Highlight: note number ${e}`);
        }
        span.append(p.slice(s, e));
        block.append(span);
        at = e;
      }
      if (at < p.length) block.append(p.slice(at));
    }
    group.append(block);
  });
  if (attrs === 0) CSS.highlights.set('ent', painted);
  const build = performance.now() - t0;
  await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  return { build, frame: performance.now() - t0 };
}

const browser = await launch();
try {
  const page = await browser.newPage();
  await page.setContent(`<style>${STYLE}</style><article id=a></article>`);
  const res = new Map(WAYS.map((w) => [w, { build: [], frame: [] }]));
  for (let r = 0; r < rounds; r++) {
    for (const way of WAYS) {
      const t = await page.evaluate(buildAll, [paras, runs, way]);
      res.get(way).build.push(t.build);
      res.get(way).frame.push(t.frame);
    }
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const show = (xs) => `${med(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)})`;
  console.log(`${paras.length} blocks, ${runs.reduce((n, r) => n + r.length, 0)} runs, ${rounds} rounds (ms, median (range))`);
  for (const [way, t] of res) console.log(`${way.padEnd(10)} build ${show(t.build)}  frame ${show(t.frame)}`);
} finally {
  await browser.close();
}
