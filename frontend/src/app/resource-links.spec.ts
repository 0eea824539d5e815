import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { routes } from './app.routes';
import type { Role } from './core/models';
import { CurrentUser } from './core/current-user';
import { fakeMe, provideTestApp } from './testing/fakes';

// Notification links from the backend name a resource (/plans/<id>, /ic/audits/<id>,
// /spot-checks/<id>, /inspections/<id>); each opens the page in the reader's own section.

async function landing(roles: Role[], link: string, orgKind: 'bureau' | 'agency' | 'institution' = 'bureau'): Promise<string> {
  TestBed.configureTestingModule({ providers: [...provideTestApp({ routes })] });
  TestBed.inject(CurrentUser).set(fakeMe(roles, { organization: { id: 'org-1', name: '单位', kind: orgKind } }));
  const harness = await RouterTestingHarness.create();
  // The target pages load lazily and call the API; only the URL the router settled on matters here.
  await harness.navigateByUrl(link).catch(() => undefined);
  TestBed.inject(HttpTestingController).match(() => true);
  return TestBed.inject(Router).url;
}

describe('resource links from notifications', () => {
  it('open a plan in the province, local or leader section', async () => {
    expect(await landing(['province_official'], '/plans/p-1')).toBe('/province/annual-plans/plan/p-1');
  });

  it('open a plan for a county agency in the local section', async () => {
    expect(await landing(['county_staff'], '/plans/p-2', 'agency')).toBe('/local/annual-plans/plan/p-2');
  });

  it('open an audit for the audited agency, and a spot-check for the province', async () => {
    expect(await landing(['county_staff'], '/ic/audits/a-1', 'agency')).toBe('/local/audits/audit/a-1');
    TestBed.resetTestingModule();
    expect(await landing(['province_official'], '/spot-checks/s-1')).toBe('/province/spot-checks/check/s-1');
  });

  it('open a lead in the ledger of the national overseer, a county agency and a leader', async () => {
    expect(await landing(['national_overseer'], '/leads/l-1')).toBe('/province/leads/lead/l-1');
    TestBed.resetTestingModule();
    expect(await landing(['county_staff'], '/leads/l-2', 'agency')).toBe('/local/leads/lead/l-2');
    TestBed.resetTestingModule();
    expect(await landing(['leader'], '/leads/l-3')).toBe('/leader/leads/lead/l-3');
  });

  it('send an institution\'s inspection link to its findings page', async () => {
    expect(await landing(['institution_clerk'], '/inspections/i-1', 'institution')).toBe('/institution/findings');
  });
});
