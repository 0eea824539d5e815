import { jest } from '@jest/globals';
import { HttpResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { provideTestApp } from '../testing/fakes';
import { type ExportFormat, ExportButtons } from './export-buttons';

const FORMATS: readonly ExportFormat[] = [
  { format: 'xlsx', label: 'plans.export.xlsx', icon: 'file-excel', testId: 'x-xlsx' },
  { format: 'pdf', label: 'plans.export.pdf', icon: 'file-pdf', testId: 'x-pdf' },
];

describe('ExportButtons', () => {
  function render(fetch: (format: string) => Subject<HttpResponse<Blob>> | null) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(ExportButtons);
    fixture.componentRef.setInput('formats', FORMATS);
    fixture.componentRef.setInput('fetch', fetch);
    fixture.componentRef.setInput('baseName', '玄武区-2027');
    fixture.detectChanges();
    const button = (testId: string) => (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!;
    return { fixture, button };
  }

  it('fetches the format clicked, one download at a time, and saves it under the base name', async () => {
    const requests: string[] = [];
    const response = new Subject<HttpResponse<Blob>>();
    const { fixture, button } = render((format) => {
      requests.push(format);
      return response;
    });
    expect(button('x-xlsx').textContent).toContain('导出 Excel');
    button('x-xlsx').click();
    fixture.detectChanges();
    expect(button('x-pdf').disabled).toBe(true);
    button('x-pdf').click();
    expect(requests).toEqual(['xlsx']);
    const saved: string[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const { createObjectURL, revokeObjectURL } = URL;
    URL.createObjectURL = () => 'blob:x';
    URL.revokeObjectURL = () => undefined;
    try {
      response.next(new HttpResponse({ body: new Blob(['x']) }));
      response.complete();
      await fixture.whenStable();
      fixture.detectChanges();
    } finally {
      click.mockRestore();
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
    }
    expect(saved).toEqual(['玄武区-2027.xlsx']);
    expect(button('x-pdf').disabled).toBe(false);
  });

  it('does nothing when there is nothing to export', () => {
    const { fixture, button } = render(() => null);
    button('x-pdf').click();
    fixture.detectChanges();
    expect(button('x-pdf').disabled).toBe(false);
  });
});
