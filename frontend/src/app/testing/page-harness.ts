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
import { pick as pickControl } from './controls';
import { provideTestApp } from './fakes';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Helpers on a routed page: find, read, click and type by data-testid, and wait for it to settle.
 * They search the page routed when they were made, or with `followNavigation` whatever page is routed
 * at the time (for tests that navigate).
 */
export function pageHelpers(harness: RouterTestingHarness, options: { followNavigation?: boolean } = {}) {
  const tick = async () => {
    for (let i = 0; i < 3; i++) await settle();
  };
  const stable = async () => {
    await tick();
    await harness.fixture.whenStable();
  };
  const el = harness.routeNativeElement as HTMLElement;
  const page = (): ParentNode => (options.followNavigation ? (harness.routeNativeElement as HTMLElement) : el);
  const q = <T extends HTMLElement = HTMLElement>(testId: string, root: ParentNode = page()) => root.querySelector<T>(`[data-testid="${testId}"]`);
  const all = (testId: string, root: ParentNode = page()) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const text = (testId: string) => q(testId)?.textContent?.replace(/\s+/g, ' ').trim();
  const click = async (testId: string) => {
    q(testId)!.click();
    await stable();
  };
  /** Types into an input or textarea (an `input` event, as the browser sends), or picks in a date picker or select. */
  const type = async (testId: string, value: string) => {
    pickControl(q<HTMLElement>(testId)!, value);
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

export interface RoutedPageOptions {
  url: string;
  routes: Routes;
  me: Me;
  now: Date;
  providers?: Provider[];
}

/** A fresh app with `routes`, `me` signed in and the clock at `now`, navigated to `url` (not settled yet). */
async function bootRoutedPage(options: RoutedPageOptions) {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [...provideTestApp({ routes: options.routes }), { provide: CLOCK, useValue: () => options.now }, ...(options.providers ?? [])],
  });
  TestBed.inject(CurrentUser).set(options.me);
  const http = TestBed.inject(HttpTestingController);
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(options.url);
  return { http, harness };
}

/**
 * The page at `url` (see bootRoutedPage), settled, with helpers by test id (pageHelpers); the page's
 * requests are left for the test to answer on `http`.
 */
export async function openRoutedPage(options: RoutedPageOptions & { followNavigation?: boolean }) {
  const { http, harness } = await bootRoutedPage(options);
  const helpers = pageHelpers(harness, { followNavigation: options.followNavigation });
  await helpers.tick();
  return { http, harness, ...helpers };
}

/**
 * The page at `url` (see bootRoutedPage) after one macrotask turn, with synchronous helpers by test id
 * (the transfers, major-case and national inbox specs' style): `has`, `type` (an `input` event),
 * `click`, and `render` (settle, detect changes, wait for stability) and `tick` (settle and detect
 * changes without waiting: a reloading list keeps a request pending).
 */
export async function openIdPage(options: RoutedPageOptions) {
  const { http, harness } = await bootRoutedPage(options);
  await settle();
  const el = () => harness.routeNativeElement as HTMLElement;
  const has = (id: string) => el().querySelector(`[data-testid="${id}"]`) !== null;
  const type = (id: string, value: string) => {
    const input = el().querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-testid="${id}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const click = (id: string) => el().querySelector<HTMLElement>(`[data-testid="${id}"]`)!.click();
  const render = async () => {
    await settle();
    harness.fixture.detectChanges();
    await harness.fixture.whenStable();
  };
  const tick = async () => {
    await settle();
    harness.fixture.detectChanges();
    await settle();
  };
  return { http, harness, el, has, type, click, render, tick };
}

/**
 * Helpers that take elements rather than test ids (the findings, spot-check and inspection specs'
 * style): `el()` is the page routed now, `type` sends `input` and `change`, `pick` puts a file in a
 * file input, `confirmModal` clicks OK in the confirm dialog. `tick` gives `settles` macrotask turns;
 * `stable` ticks, waits for the fixture and, with `tickAfterStable`, ticks again.
 */
export function elementHelpers(harness: RouterTestingHarness, timing: ElementTiming = {}) {
  const settles = timing.settles ?? 3;
  const tick = async (n = settles) => {
    for (let i = 0; i < n; i++) await settle();
  };
  const stable = async () => {
    await tick();
    await harness.fixture.whenStable();
    if (timing.tickAfterStable) await tick();
  };
  const el = () => harness.routeNativeElement as HTMLElement;
  const q = <T extends HTMLElement = HTMLElement>(testId: string, root: ParentNode = el()) => root.querySelector<T>(`[data-testid="${testId}"]`);
  const all = (testId: string, root: ParentNode = el()) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  /** Types into an input or textarea, or picks in a date picker (ISO day) or an nz-select (the option's value). */
  const type = async (input: HTMLElement, value: string | number) => {
    pickControl(input, value);
    if (input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement || input instanceof HTMLSelectElement) input.dispatchEvent(new Event('change'));
    await stable();
  };
  const click = async (element: HTMLElement) => {
    element.click();
    await stable();
  };
  /** The ng-zorro confirm dialog: its text, and its primary (OK) button clicked. */
  const modalText = () => document.querySelector('.ant-modal-confirm')?.textContent ?? '';
  const confirmModal = async () => {
    document.querySelector<HTMLButtonElement>('.ant-modal-confirm-btns .ant-btn-primary')!.click();
    await tick();
  };
  const pick = async (picker: HTMLInputElement, file: File) => {
    Object.defineProperty(picker, 'files', { value: [file], configurable: true });
    picker.dispatchEvent(new Event('change'));
    await tick();
  };
  return { el, q, all, type, click, tick, stable, modalText, confirmModal, pick };
}

export interface ElementTiming {
  settles?: number;
  tickAfterStable?: boolean;
}

/** The page at `url` (see bootRoutedPage), settled, with elementHelpers. */
export async function openPageByElements(options: RoutedPageOptions & ElementTiming) {
  const { http, harness } = await bootRoutedPage(options);
  const helpers = elementHelpers(harness, options);
  await helpers.tick();
  return { http, harness, ...helpers };
}
