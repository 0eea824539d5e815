import { TestBed } from '@angular/core/testing';
import { provideTestApp } from '../testing/fakes';
import { HistoryTimeline } from './history-timeline';

describe('HistoryTimeline', () => {
  function render(inputs: Record<string, unknown>) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(HistoryTimeline);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists each step with its China-time moment, who, what and the comment', () => {
    const el = render({
      testId: 'x-history',
      entries: [
        { at: '2027-06-02T02:00:00Z', action: 'submitted', by: '王五', comment: '补充材料' },
        { at: '2027-06-03T16:30:00Z', action: 'verified', by: '李四', comment: null },
      ],
    });
    const items = [...el.querySelectorAll('[data-testid="x-history"] li')];
    expect(items.map((li) => li.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      '2027-06-02 10:00 王五 · submitted — 补充材料',
      '2027-06-04 00:30 李四 · verified',
    ]);
    expect(items[0]!.querySelector('time')!.getAttribute('datetime')).toBe('2027-06-02T02:00:00Z');
  });

  it('shows actions through the given label, and an empty list when there is no history', () => {
    const el = render({ testId: 'x-history', entries: [{ at: '2027-06-02T02:00:00Z', action: 'submitted', by: '王五' }], label: (a: string) => `«${a}»` });
    expect(el.querySelector('li')!.textContent).toContain('王五 · «submitted»');

    TestBed.resetTestingModule();
    const empty = render({ testId: 'x-history', entries: [] });
    expect(empty.querySelectorAll('[data-testid="x-history"] li')).toHaveLength(0);
  });
});
