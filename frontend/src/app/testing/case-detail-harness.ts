import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CaseDetailPage } from '../enforcement/case-detail';
import type { CaseDetail } from '../enforcement/enforcement-api';
import { provideTestApp } from './fakes';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The enforcement case page for `view` (its GET answered with it), rendered; its further requests are the test's on `http`. */
export async function openCaseDetail(view: CaseDetail) {
  TestBed.configureTestingModule({ providers: provideTestApp() });
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(CaseDetailPage);
  fixture.componentRef.setInput('id', view.id);
  fixture.detectChanges();
  await settle();
  http.expectOne(`/api/enforcement/cases/${view.id}`).flush(view);
  await fixture.whenStable();
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  return { http, fixture, el, has: (id: string) => el.querySelector(`[data-testid="${id}"]`) !== null };
}
