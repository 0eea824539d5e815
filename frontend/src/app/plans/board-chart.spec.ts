import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { FilingBoardRow } from '../core/models';
import { TranslationService } from '../i18n/translation';
import { fakeBoard } from '../testing/fakes';
import { BoardChart } from './board-chart';

@Component({
  selector: 'app-chart-host',
  imports: [BoardChart],
  template: `<app-board-chart [rows]="rows()" (drill)="drilled.push($event.regionCode)" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class ChartHost {
  readonly rows = signal<FilingBoardRow[]>(fakeBoard().rows);
  readonly drilled: string[] = [];
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Board chart (ngx-charts stacked bars)', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideNoopAnimations()] });
  });

  async function render() {
    const fixture = TestBed.createComponent(ChartHost);
    await fixture.whenStable();
    await settle();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    return { fixture, el };
  }

  it('draws one stacked bar per region, one segment per non-empty status, with a status legend', async () => {
    const { el } = await render();
    const chart = el.querySelector('[data-testid="board-chart"]')!;
    expect(chart.querySelector('svg')).not.toBeNull();
    expect(chart.getAttribute('aria-label')).toBe('各地区年度监管方案状态分布');

    // Zero segments are hidden.
    const bars = [...chart.querySelectorAll('path.bar:not(.hidden)')].map((n) => n.getAttribute('aria-label'));
    expect(bars).toEqual([
      '南京市 编制中 3',
      '南京市 已报送 2',
      '南京市 已备案 7',
      '苏州市 未编制 2',
      '苏州市 编制中 2',
      '苏州市 已报送 2',
      '苏州市 已退回 1',
      '苏州市 已备案 4',
    ]);
    const legend = [...el.querySelectorAll('[data-testid="board-chart-legend"] li')].map((n) => n.textContent!.trim());
    expect(legend).toEqual(['未编制', '编制中', '已报送', '已汇总上报', '已退回', '已备案', '年度已结束']);
    const ticks = [...chart.querySelectorAll('g[ngx-charts-y-axis-ticks] text')].map((n) => n.textContent!.trim());
    expect(ticks).toEqual(expect.arrayContaining(['南京市', '苏州市']));
  });

  it('drills into a region when one of its bars is clicked', async () => {
    const { fixture, el } = await render();
    const bars = [...el.querySelectorAll<SVGPathElement>('path.bar:not(.hidden)')];
    bars.at(-1)!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await fixture.whenStable();
    expect(bars.at(-1)!.getAttribute('aria-label')).toBe('苏州市 已备案 4');
    expect(fixture.componentInstance.drilled).toEqual(['3205']);
  });

  it('relabels the statuses in English and grows with the rows', async () => {
    const { fixture, el } = await render();
    TestBed.inject(TranslationService).use('en');
    fixture.componentInstance.rows.set([...fakeBoard().rows, { ...fakeBoard().rows[1]!, regionCode: '3202', regionName: '无锡市' }]);
    await fixture.whenStable();
    await settle();
    await fixture.whenStable();
    const legend = [...el.querySelectorAll('[data-testid="board-chart-legend"] li')].map((n) => n.textContent!.trim());
    expect(legend).toContain('Filed');
    expect((el.querySelector('[data-testid="board-chart"]') as HTMLElement).style.height).toBe('200px');
  });
});
