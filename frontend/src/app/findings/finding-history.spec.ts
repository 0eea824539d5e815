import { TestBed } from '@angular/core/testing';
import { provideTestApp } from '../testing/fakes';
import { FindingHistory } from './finding-history';

describe('FindingHistory', () => {
  it('lists each step: China-time moment, the action in words, the dispute level if any, who and the comment', () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(FindingHistory);
    fixture.componentRef.setInput('testId', 'x-history');
    fixture.componentRef.setInput('label', (action: string) => `«${action}»`);
    fixture.componentRef.setInput('entries', [
      { at: '2027-06-02T02:00:00Z', action: 'filed', by: '王五', comment: '对金额有异议', levelName: 'city' },
      { at: '2027-06-03T16:30:00Z', action: 'confirmed', by: '李四', comment: null },
    ]);
    fixture.detectChanges();
    const items = [...(fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="x-history"] li')];
    expect(items.map((li) => [...li.children].map((c) => c.textContent!.trim()))).toEqual([
      ['2027-06-02 10:00', '«filed»', '市级医保局', '王五', '对金额有异议'],
      ['2027-06-04 00:30', '«confirmed»', '李四'],
    ]);
  });
});
