import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// axe-core in the browser tests (issue 16, item 9): every page a browser test visits is checked once it
// has settled, after each full navigation and each route change of the single-page app, and the spec
// fails at the end on any serious or critical violation (rule, impact, element, page).

/**
 * axe-core's source, evaluated through the DevTools protocol rather than added as a <script> element:
 * the suite's Content-Security-Policy (script-src 'self', issue 15) refuses an inline script, as it should.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FAILING_IMPACTS = new Set(['serious', 'critical']);
/** Longer than ng-zorro's transitions (0.3 s). */
const TRANSITION_MS = 600;

export interface A11yViolation {
  url: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
  /** The test that was running when the page was checked. */
  test: string | undefined;
}

interface AxeResultViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

interface Watched {
  /** A navigation happened since the last check began. */
  dirty: boolean;
  /** The running check loop, if any. */
  running: Promise<void> | null;
}

const currentTest = (): string | undefined =>
  (globalThis as { expect?: { getState?: () => { currentTestName?: string } } }).expect?.getState?.().currentTestName;

/** Waits until the page's DOM has been quiet for `quietMs` (the routed page rendered its data), at most `maxMs`. */
async function settle(page: Page, quietMs = 300, maxMs = 5_000): Promise<void> {
  await page.waitForLoadState('load');
  // page-side code as text: this project's type-check has no DOM library
  await page.evaluate(`new Promise((resolve) => {
    let timer = setTimeout(done, ${quietMs});
    const cap = setTimeout(done, ${maxMs});
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(done, ${quietMs});
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    function done() {
      observer.disconnect();
      clearTimeout(timer);
      clearTimeout(cap);
      resolve();
    }
  })`);
}

export class A11yAudit {
  readonly violations: A11yViolation[] = [];
  /** Errors of checks that could not run (other than a page closed or navigated away meanwhile). */
  readonly errors: string[] = [];
  private readonly recorded = new Set<string>();
  private readonly pages = new Map<Page, Watched>();
  private readonly inPage = new WeakMap<Page, Promise<unknown>>();

  /** `include` decides which URLs are checked (the suite's own pages, not Keycloak's). */
  constructor(private readonly include: (url: string) => boolean = () => true) {}

  /** Runs axe-core in the page as it is now and records its serious and critical violations. */
  check(page: Page): Promise<A11yViolation[]> {
    // one axe run at a time in a page (axe refuses a second): the final flush may meet an automatic check
    const run = (this.inPage.get(page) ?? Promise.resolve()).catch(() => undefined).then(() => this.checkNow(page));
    this.inPage.set(page, run);
    return run;
  }

  private async checkNow(page: Page): Promise<A11yViolation[]> {
    const url = page.url();
    if (!this.include(url)) return [];
    const test = currentTest();
    const present = await page.evaluate<boolean>(`typeof window.axe === 'object'`);
    if (!present) await page.evaluate(AXE_SOURCE);
    const run = () =>
      page.evaluate<AxeResultViolation[]>(
        `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target }) => ({ target })) })))`,
      );
    const failing = (vs: AxeResultViolation[]) => vs.filter((v) => v.impact && FAILING_IMPACTS.has(v.impact));
    let results = failing(await run());
    if (results.length > 0) {
      // a button or a legend caught mid-transition (CSS fades leave the DOM alone) is no violation: only
      // what a second run a moment later finds again counts
      await page.waitForTimeout(TRANSITION_MS);
      const again = new Set(failing(await run()).flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.map(String).join(' >>> ')}`)));
      results = results
        .map((v) => ({ ...v, nodes: v.nodes.filter((n) => again.has(`${v.id} ${n.target.map(String).join(' >>> ')}`)) }))
        .filter((v) => v.nodes.length > 0);
    }
    const found: A11yViolation[] = [];
    for (const v of results) {
      const targets = v.nodes.map((n) => n.target.map(String).join(' >>> '));
      const violation: A11yViolation = { url, rule: v.id, impact: v.impact!, help: v.help, targets, test };
      found.push(violation);
      const key = `${new URL(url).pathname} ${v.id} ${targets.join(',')}`;
      if (!this.recorded.has(key)) {
        this.recorded.add(key);
        this.violations.push(violation);
      }
    }
    return found;
  }

  /**
   * Checks the page automatically: after every main-frame navigation (full loads and the app's route
   * changes) once the DOM has settled; `page.goto` first waits for the check of the page it leaves.
   */
  watch(page: Page): void {
    if (this.pages.has(page)) return;
    const state: Watched = { dirty: false, running: null };
    this.pages.set(page, state);
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      state.dirty = true;
      state.running ??= this.loop(page, state).finally(() => (state.running = null));
    });
    page.on('close', () => this.pages.delete(page));
    const goto = page.goto.bind(page);
    page.goto = async (...args: Parameters<Page['goto']>) => {
      await state.running;
      return goto(...args);
    };
  }

  private async loop(page: Page, state: Watched): Promise<void> {
    while (state.dirty && !page.isClosed()) {
      state.dirty = false;
      try {
        await settle(page);
        if (state.dirty) continue; // navigated again meanwhile: check where it ended
        await this.check(page);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        // the test moved on (closed the page, left it mid-check): the next page gets its own check
        if (page.isClosed() || /Target .*closed|Execution context was destroyed|navigat/i.test(message)) continue;
        this.errors.push(`${page.url()}: ${message.split('\n')[0]}`);
      }
    }
  }

  /** Waits for the checks under way, then checks every watched page still open as it is now. */
  async flush(): Promise<void> {
    for (const [page, state] of [...this.pages]) {
      await state.running;
      if (page.isClosed()) continue;
      try {
        await this.check(page);
      } catch {
        // closed meanwhile
      }
    }
  }

  /** The failure message listing every violation (rule, impact, elements, page), or null when there is none. */
  report(): string | null {
    const parts: string[] = [];
    if (this.violations.length > 0) {
      const lines = this.violations.map(
        (v) => `- ${v.rule} (${v.impact}) on ${v.url}${v.test ? ` [${v.test}]` : ''}: ${v.help}\n    ${v.targets.join('\n    ')}`,
      );
      parts.push(`axe-core found ${this.violations.length} serious or critical accessibility violation(s):\n${lines.join('\n')}`);
    }
    // a check that could not run would pass silently: it fails too
    if (this.errors.length > 0) parts.push(`axe-core could not check ${this.errors.length} page(s):\n- ${this.errors.join('\n- ')}`);
    return parts.length > 0 ? parts.join('\n') : null;
  }

  /** Throws the report when a visited page had a serious or critical violation. */
  assertClean(): void {
    const report = this.report();
    if (report) throw new Error(report);
  }
}
