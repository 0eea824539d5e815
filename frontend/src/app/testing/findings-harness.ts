import { HttpTestingController } from '@angular/common/http/testing';
import type { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { provideTestApp } from './fakes';
import { FINDINGS_NOW } from './findings-fakes';
import { CLOCK } from '../core/clock';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Opens `url` as `me` with the given pages routed (path → component, with the section as route
 * data, like the feature's routes), and returns helpers to find, type and click by data-testid.
 */
export async function openFindingsPage(me: Me, url: string, pages: Record<string, Type<unknown>>, section: string, now: Date = FINDINGS_NOW) {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [
      ...provideTestApp({ routes: Object.entries(pages).map(([path, component]) => ({ path, component, data: { section } })) }),
      { provide: CLOCK, useValue: () => now },
    ],
  });
  TestBed.inject(CurrentUser).set(me);
  const http = TestBed.inject(HttpTestingController);
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  const tick = async (n = 3) => {
    for (let i = 0; i < n; i++) await settle();
  };
  const stable = async () => {
    await tick();
    await harness.fixture.whenStable();
  };
  await tick();
  const el = () => harness.routeNativeElement as HTMLElement;
  const q = <T extends HTMLElement = HTMLElement>(testId: string, root: ParentNode = el()) => root.querySelector<T>(`[data-testid="${testId}"]`);
  const all = (testId: string, root: ParentNode = el()) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const type = async (input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('change'));
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
  return { http, harness, el, q, all, type, click, tick, stable, modalText, confirmModal, pick };
}

export const attachment = (id: string, filename: string) => ({ id, filename, contentType: 'application/pdf', sizeBytes: 2048, sha256: 'x', createdAt: '2027-10-12T00:00:00Z' });
