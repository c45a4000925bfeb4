import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

type AxeResult = {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
};

/**
 * Runs axe-core (WCAG 2.x rules) in the page as it is now and returns its serious and critical
 * violations, one readable line each, so `expect(...).toEqual([])` shows what is wrong.
 * The page must run JavaScript.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, not added as a <script>: the page's Content-Security-Policy
  // (rightly) refuses inline scripts without its nonce.
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document): Promise<AxeResult> } }).axe.run(document),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}
