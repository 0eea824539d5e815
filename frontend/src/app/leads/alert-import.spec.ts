import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { provideTestApp } from '../testing/fakes';
import { AlertImport } from './alert-import';
import type { AlertImportResult } from './leads-api';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the smart-monitoring alert import dialog', () => {
  let http: HttpTestingController;
  afterEach(() => http.verify());

  async function render() {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AlertImport);
    const imported: AlertImportResult[] = [];
    fixture.componentInstance.imported.subscribe((r) => imported.push(r));
    fixture.detectChanges();
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('[data-testid="alert-import-open"]')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
    const upload = async (status: number, body: object) => {
      const file = new File(['x'], '预警.xlsx');
      // nz-upload hands the picked file to beforeUpload, which starts our own request and stops nz-upload's.
      expect(fixture.componentInstance.beforeUpload(file as never)).toBe(false);
      await settle();
      const req = http.expectOne('/api/leads/alert-import');
      expect(req.request.method).toBe('POST');
      expect((req.request.body as FormData).get('file')).toBeInstanceOf(File);
      req.flush(body, status === 200 ? {} : { status, statusText: 'Bad Request' });
      await settle();
      fixture.detectChanges();
      await fixture.whenStable();
    };
    return { fixture, imported, text, upload };
  }

  it('lists every row\'s problem from a refused file, in the current language, and tells the ledger nothing', async () => {
    const { imported, text, upload } = await render();
    const errors = [
      { row: 3, column: '机构编码', code: 'alert_institution_unknown', message: { zh: '第 3 行「机构编码」：本单位辖区内没有该编码的定点医药机构：X', en: 'row 3, institution code: …' } },
      { row: 4, column: '涉及金额', code: 'alert_amount_invalid', message: { zh: '第 4 行「涉及金额」：应为不小于 0 的金额', en: 'row 4, amount involved: …' } },
    ];
    await upload(400, { error: { code: 'alert_import_invalid', message: { zh: '文件有 2 处错误，未导入任何预警', en: 'the file has 2 problems' }, details: { field: 'file', errors } } });
    expect(text('alert-import-failure')).toContain('文件有 2 处错误，未导入任何预警');
    const rows = [...document.querySelectorAll('[data-testid="alert-import-error"]')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent!.trim()));
    expect(rows).toEqual([['3', '机构编码', errors[0]!.message.zh], ['4', '涉及金额', errors[1]!.message.zh]]);
    expect(text('alert-import-errors')).toContain('文件有 2 处错误');
    expect(text('alert-import-result')).toBeNull();
    expect(imported).toEqual([]);
  });

  it('says how many leads were registered and which rows were already in the ledger, and tells the ledger to reload', async () => {
    const { imported, text, upload } = await render();
    const result: AlertImportResult = {
      registered: [{ row: 2, leadId: 'l1', ledgerNo: 11, sourceRef: 'R/1' }, { row: 4, leadId: 'l2', ledgerNo: 12, sourceRef: 'R/3' }],
      alreadyInLedger: [{ row: 3, leadId: 'l0', ledgerNo: 9, sourceRef: 'R/2' }],
    };
    await upload(200, result);
    expect(text('alert-import-result')).toContain('已登记 2 条线索');
    expect(text('alert-import-result')).toContain('第 3 行');
    expect(text('alert-import-errors')).toBeNull();
    expect(imported).toEqual([result]);
  });

  it('names its dialog (nz-modal gives the dialog element no accessible name)', async () => {
    const { fixture } = await render();
    for (let i = 0; i < 20 && !document.querySelector('.alert-import-dialog[aria-label]'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      fixture.detectChanges();
    }
    expect(document.querySelector('.alert-import-dialog[role="dialog"]')?.getAttribute('aria-label')).toBe('导入智能监控预警');
  });

  it('downloads the template', async () => {
    await render();
    document.querySelector<HTMLButtonElement>('[data-testid="alert-import-template"]')!.click();
    await settle();
    const req = http.expectOne('/api/leads/alert-import/template.xlsx');
    expect(req.request.responseType).toBe('blob');
    const made: unknown[] = [];
    URL.createObjectURL = (b: Blob | MediaSource) => { made.push(b); return 'blob:x'; };
    URL.revokeObjectURL = () => undefined;
    req.flush(new Blob(['x']));
    expect(made).toHaveLength(1);
  });
});
