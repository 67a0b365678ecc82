// Issue 10, item 8: a dark palette for readers who annotate at night, and
// no motion for readers who asked for less. Both colour schemes are checked
// with axe (WCAG 2 A and AA rules) on a page showing an annotation, its
// editor and the Entities tab; the entity underlines and the focus ring,
// which axe does not measure, are checked by computing their contrast.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { startServer, launch, openApp, annotate } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Opens the app in `colorScheme` with reduced motion; axe is evaluated
 *  through the DevTools protocol, which the page's policy does not govern. */
async function openIn(colorScheme) {
  const context = await browser.newContext({ colorScheme, reducedMotion: 'reduce', bypassCSP: true });
  return openApp(browser, server.url, { context });
}

/** WCAG contrast ratio of two CSS colours as the page computes them. */
function contrastIn(page, pairs) {
  return page.evaluate((pairs) => {
    const probe = document.createElement('span');
    document.body.append(probe);
    const rgb = (css) => { probe.style.color = ''; probe.style.color = css; return getComputedStyle(probe).color.match(/[\d.]+/g).slice(0, 3).map(Number); };
    const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const out = pairs.map(([name, fg, bg]) => {
      const [a, b] = [lum(rgb(fg)), lum(rgb(bg))].sort((x, y) => y - x);
      return [name, (a + 0.05) / (b + 0.05)];
    });
    probe.remove();
    return out;
  }, pairs);
}

for (const scheme of ['light', 'dark']) {
  test(`${scheme} scheme: no axe violations with an annotation, its editor and the Entities tab open`, async () => {
    const { page, context, problems } = await openIn(scheme);
    try {
      await annotate(page, 'Kyiv', { note: 'A note to check at night' });
      await page.getByRole('tab', { name: /Entities/ }).click();
      await page.locator('.entity-type').first().waitFor();
      await page.evaluate(AXE);
      const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } }));
      const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      assert.deepEqual(found, [], `${scheme}: axe violations`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test(`${scheme} scheme: entity underlines and the focus ring keep 3:1 against the paper`, async () => {
    const { page, context } = await openIn(scheme);
    try {
      const colours = await page.evaluate(() => {
        const css = (el, prop) => getComputedStyle(el).getPropertyValue(prop).trim();
        const paper = css(document.documentElement, '--paper');
        const bg = css(document.documentElement, '--bg');
        const runs = {};
        for (const el of document.querySelectorAll('article.article .run.ent')) {
          const kind = [...el.classList].find((c) => c.startsWith('ent-'));
          if (kind && kind !== 'ent-media' && !runs[kind]) runs[kind] = css(el, '--ent-c');
        }
        return { paper, bg, focus: css(document.documentElement, '--focus'), ink: css(document.documentElement, '--ink'), runs };
      });
      assert.ok(Object.keys(colours.runs).length >= 5, `entity kinds on the sample: ${Object.keys(colours.runs)}`);
      const pairs = Object.entries(colours.runs).map(([k, c]) => [k, c, colours.paper]);
      pairs.push(['focus on paper', colours.focus, colours.paper], ['focus on page', colours.focus, colours.bg]);
      for (const [name, ratio] of await contrastIn(page, pairs)) {
        assert.ok(ratio >= 3, `${scheme}: ${name} contrast ${ratio.toFixed(2)} < 3`);
      }
      const [[, text]] = await contrastIn(page, [['ink', colours.ink, colours.paper]]);
      assert.ok(text >= 7, `${scheme}: body text contrast ${text.toFixed(2)}`);
      // The scheme really applies: dark paper in the dark scheme.
      const paperLum = await contrastIn(page, [['paper vs black', colours.paper, '#000']]);
      assert.equal(paperLum[0][1] < 2, scheme === 'dark', `${scheme}: paper ${colours.paper}`);
    } finally {
      await context.close();
    }
  });
}

test('reduced motion: revealing an annotation jumps there instead of scrolling smoothly', async () => {
  const { page, context } = await openIn('light');
  try {
    const last = await page.locator('article.article p').last().textContent();
    const word = last.split(/\s+/).find((w) => /^[A-Za-z]{5,}$/.test(w));
    await annotate(page, word, { nth: 0 });
    // Select it from the panel with the article scrolled to the top.
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.scrollTo(0, 0));
    const item = page.locator('.annotation-list li .item-head').first();
    const head = page.locator('.annotation-list li').first();
    if (await head.evaluate((el) => el.classList.contains('expanded'))) await item.click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await item.click();
    // Two frames after the click the page has already landed, and ten
    // frames later it has not moved: a smooth scroll (hundreds of
    // milliseconds) would still be on its way.
    const frames = (n) => page.evaluate((n) => new Promise((ok) => {
      const step = (k) => (k === 0 ? ok(window.scrollY) : requestAnimationFrame(() => step(k - 1)));
      step(n);
    }), n);
    const soon = await frames(2);
    const later = await frames(10);
    assert.ok(soon > 0, 'the page scrolled to the annotation');
    assert.equal(later, soon, 'the scroll was immediate');
  } finally {
    await context.close();
  }
});
