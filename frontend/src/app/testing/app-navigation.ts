import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { routes } from '../app.routes';
import { CLOCK } from '../core/clock';
import { CurrentUser } from '../core/current-user';
import type { Me } from '../core/models';
import { provideTestApp } from './fakes';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The whole app (its real routes and guards) with `me` signed in and the clock at `now`, navigated to
 * `url` and given `settles` macrotask turns: where the user landed (`url`), the page routed then
 * (`el`) and now (`current()`), its requests (`http`), and helpers by data-testid on the current page.
 */
export async function navigateAppAs(me: Me, url: string, now: Date, settles = 3) {
  localStorage.clear();
  TestBed.configureTestingModule({ providers: [...provideTestApp({ routes }), { provide: CLOCK, useValue: () => now }] });
  TestBed.inject(CurrentUser).set(me);
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  for (let i = 0; i < settles; i++) await settle();
  const current = () => harness.routeNativeElement as HTMLElement;
  const stable = async () => {
    for (let i = 0; i < settles; i++) await settle();
    await harness.fixture.whenStable();
  };
  return {
    url: TestBed.inject(Router).url,
    el: current(),
    current,
    harness,
    http: TestBed.inject(HttpTestingController),
    stable,
    q: (testId: string) => current().querySelector<HTMLElement>(`[data-testid="${testId}"]`),
  };
}
