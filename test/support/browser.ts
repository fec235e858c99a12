import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`): browser downloads do not work on these machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run. Under CI=true a missing browser is a failure (CI installs it, see
 * .ci/run); elsewhere the tests are skipped with a loud line saying how to install it.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const line = `no Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${line}`);
  process.stderr.write(`\n!!! BROWSER TESTS SKIPPED: ${line} !!!\n`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA rules and
 * best practices). The page's context must bypass CSP: axe is injected as an inline script.
 */
export const seriousAxeViolations = (page: Page): Promise<string[]> => axeViolations(page, ['serious', 'critical']);

/** axe-core's violations of these impacts (`minor`, `moderate`, `serious`, `critical`), each in one line. */
export async function axeViolations(page: Page, impacts: readonly string[]): Promise<string[]> {
  // Strings, not functions: this file is compiled without the DOM's types.
  if (!(await page.evaluate('"axe" in window'))) await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact !== null && impacts.includes(v.impact))
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}
