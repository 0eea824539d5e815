import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { HttpResponse } from '@angular/common/http';
import type { ListFilters } from '../core/list-query';
import { provideTestApp } from '../testing/fakes';
import { type ListFilterChange, ListToolbar } from './list-toolbar';

describe('ListToolbar', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(filters: ListFilters, extra: { showRegion?: boolean; statusOptions?: { value: string; label: 'finding.tab.all' }[]; exportFetch?: boolean } = {}) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(ListToolbar);
    const changes: ListFilterChange[] = [];
    fixture.componentInstance.changed.subscribe((c) => changes.push(c));
    fixture.componentRef.setInput('filters', filters);
    if (extra.showRegion !== undefined) fixture.componentRef.setInput('showRegion', extra.showRegion);
    if (extra.statusOptions) fixture.componentRef.setInput('statusOptions', extra.statusOptions);
    if (extra.exportFetch) fixture.componentRef.setInput('exportFetch', () => of(new HttpResponse({ body: new Blob() })));
    fixture.detectChanges();
    // No whenStable: a pending /api/regions request would keep the fixture unstable.
    await Promise.resolve();
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const q = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    return { fixture, changes, q, http: TestBed.inject(HttpTestingController) };
  }

  it('searches on submit with the text typed, trimmed; shows the URL text', async () => {
    const { fixture, changes, q } = await render({ q: '玄武' }, { showRegion: false });
    const input = q('list-search') as HTMLInputElement;
    expect(input.value).toBe('玄武');
    expect(input.getAttribute('aria-label')).toBe('按机构名称或编码搜索');
    input.value = ' 仁和 ';
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(changes).toEqual([]);
    q('list-search-button')!.click();
    expect(changes).toEqual([{ q: '仁和' }]);
  });

  it('loads the regions only when the URL names one (or the select opens), indented under their parents', async () => {
    const { fixture, http, q } = await render({ regionCode: '3201' });
    http.expectOne('/api/regions').flush([
      { code: '32', name: '江苏省', level: 'province', parentCode: null },
      { code: '3201', name: '南京市', level: 'city', parentCode: '32' },
      { code: '320102', name: '玄武区', level: 'county', parentCode: '3201' },
    ]);
    fixture.detectChanges();
    await fixture.whenStable();
    expect(q('list-region')!.textContent).toContain('南京市');
    expect(q('list-region')!.getAttribute('aria-label')).toBe('地区');
  });

  it('asks for no regions while nothing needs them', async () => {
    const first = await render({});
    expect(first.q('list-region')).not.toBeNull();
    first.http.expectNone('/api/regions');
  });

  it('shows no region filter to an institution', async () => {
    const institution = await render({ regionCode: '3201' }, { showRegion: false });
    expect(institution.q('list-region')).toBeNull();
    institution.http.expectNone('/api/regions');
  });

  it('offers the statuses when asked, the export when given, and clears every filter at once', async () => {
    const { changes, q } = await render({ q: 'x', from: '2026-01-01', to: '2026-01-31' }, {
      showRegion: false, statusOptions: [{ value: 'open', label: 'finding.tab.all' }], exportFetch: true,
    });
    expect(q('list-status')).not.toBeNull();
    expect(q('list-export-xlsx')!.textContent).toContain('导出 Excel');
    q('list-reset')!.click();
    expect(changes).toEqual([{ q: '', regionCode: '', from: '', to: '', status: '' }]);
  });

  it('has no export button without an export, and no reset without a filter', async () => {
    const { q } = await render({}, { showRegion: false });
    expect(q('list-export-xlsx')).toBeNull();
    expect(q('list-reset')).toBeNull();
  });
});
