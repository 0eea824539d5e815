import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signInAs } from '../support/browser.js';

// Issue 16 item 9, by keyboard: the skip link is the first Tab stop and moves focus to the main
// landmark; links and menu items show a focus ring; the page's language and title follow the chosen
// language. (axe-core checks every page besides, through support/browser.ts.)

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const focused = (page: Page) =>
  page.evaluate<{ testId: string | null; tag: string; id: string; outlineStyle: string; outlineWidth: string; inView: boolean }>(`(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return { testId: el.getAttribute('data-testid'), tag: el.tagName, id: el.id, outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth, inView: box.top >= 0 && box.left >= 0 && box.width > 0 && box.height > 0 };
  })()`);

it('skips to the main content from the first Tab stop, and shows where the keyboard focus is', async () => {
  const { page } = await signInAs(browser, 'js.official');
  expect(await page.evaluate<string>('document.documentElement.lang')).toBe('zh-CN');
  expect(await page.title()).toContain('医保基金监管平台');

  await page.keyboard.press('Tab');
  const skip = await focused(page);
  expect(skip.testId).toBe('skip-link');
  expect(skip.inView).toBe(true); // off-screen until focused, then visible
  expect(await page.getByTestId('skip-link').textContent()).toContain('跳到主要内容');
  await page.keyboard.press('Enter');
  const main = await focused(page);
  expect([main.tag, main.id]).toEqual(['MAIN', 'main-content']);
  expect(page.url()).not.toContain('#main-content');

  // onwards into the menu: the focused link draws a ring
  await page.getByTestId('nav-home').locator('a').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const link = await focused(page);
  expect(link.tag).toBe('A');
  expect(link.outlineStyle).not.toBe('none');
  expect(parseFloat(link.outlineWidth)).toBeGreaterThanOrEqual(2);

  await page.getByTestId('lang-switch').click();
  expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
  expect(await page.getByTestId('skip-link').textContent()).toContain('Skip to main content');
});
