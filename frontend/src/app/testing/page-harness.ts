import { HttpTestingController } from '@angular/common/http/testing';
import type { Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NgModel } from '@angular/forms';
import { By } from '@angular/platform-browser';
import type { Routes } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { CLOCK } from '../core/clock';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { provideTestApp } from './fakes';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Helpers on a routed page: find, read, click and type by data-testid, and wait for it to settle. */
export function pageHelpers(harness: RouterTestingHarness) {
  const tick = async () => {
    for (let i = 0; i < 3; i++) await settle();
  };
  const stable = async () => {
    await tick();
    await harness.fixture.whenStable();
  };
  const el = harness.routeNativeElement as HTMLElement;
  const q = <T extends HTMLElement = HTMLElement>(testId: string, root: ParentNode = el) => root.querySelector<T>(`[data-testid="${testId}"]`);
  const all = (testId: string, root: ParentNode = el) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const text = (testId: string) => q(testId)?.textContent?.replace(/\s+/g, ' ').trim();
  const click = async (testId: string) => {
    q(testId)!.click();
    await stable();
  };
  /** Types into an input or textarea (an `input` event, as the browser sends). */
  const type = async (testId: string, value: string) => {
    const input = q<HTMLInputElement>(testId)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await stable();
  };
  /** Sets an ngModel control (an nz-select, a date picker) as if the user picked `value`. */
  const setModel = async (testId: string, value: unknown) => {
    harness.fixture.debugElement.query(By.css(`[data-testid="${testId}"]`)).injector.get(NgModel).viewToModelUpdate(value);
    await tick();
  };
  /** Clicks OK in the open confirm dialog (there must be one). */
  const confirmOk = async () => {
    const ok = document.querySelector<HTMLButtonElement>('.ant-modal-confirm-btns .ant-btn-primary');
    expect(ok).not.toBeNull();
    ok!.click();
    await tick();
  };
  return { el, q, all, text, click, type, setModel, confirmOk, stable, tick };
}

/**
 * A fresh app with `routes`, `me` signed in and the clock at `now`, navigated to `url` and settled;
 * the page's requests are left for the test to answer on `http`.
 */
export async function openRoutedPage(options: { url: string; routes: Routes; me: Me; now: Date; providers?: Provider[] }) {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [...provideTestApp({ routes: options.routes }), { provide: CLOCK, useValue: () => options.now }, ...(options.providers ?? [])],
  });
  TestBed.inject(CurrentUser).set(options.me);
  const http = TestBed.inject(HttpTestingController);
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(options.url);
  const page = pageHelpers(harness);
  await page.tick();
  return { http, harness, ...page };
}
