import { jest } from '@jest/globals';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { CurrentUser } from '../core/current-user';
import type { AuditDetail, Finding, Me } from '../core/models';
import { fakeAuditDetail, fakeCityReviewer, fakeDrafter, fakeProvinceUser, provideTestApp } from '../testing/fakes';
import { IcAuditDetailPage, conflictsOf } from './ic-audit-detail';
import { pick } from '../testing/controls';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const finding = (overrides: Partial<Finding> = {}): Finding => ({
  id: 'f1',
  area: 'payment_records',
  itemCode: 'PR-1',
  source: 'fieldwork',
  description: '3笔支付缺少审核记录',
  rectificationDue: '2027-06-30',
  status: 'open',
  rectification: null,
  verification: null,
  overdue: false,
  ...overrides,
});

describe('Internal control audit detail', () => {
  let http: HttpTestingController;

  afterEach(() => http.verify());

  async function open(audit: AuditDetail, me: Me = fakeDrafter(), section: 'local' | 'province' = 'local') {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: provideTestApp({
        routes: [{ path: `${section}/audits/audit/:id`, component: IcAuditDetailPage, data: { section } }],
      }),
    });
    TestBed.inject(CurrentUser).set(me);
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/${section}/audits/audit/${audit.id}`);
    const tick = async () => {
      for (let i = 0; i < 3; i++) await settle();
    };
    await tick();
    http.expectOne(`/api/ic/audits/${audit.id}`).flush(audit);
    const stable = async () => {
      await tick();
      await harness.fixture.whenStable();
    };
    await stable();
    const el = harness.routeNativeElement as HTMLElement;
    const q = <T extends HTMLElement = HTMLElement>(testId: string, root: ParentNode = el) =>
      root.querySelector<T>(`[data-testid="${testId}"]`);
    const click = async (testId: string, root: ParentNode = el) => {
      q(testId, root)!.click();
      await stable();
    };
    const type = async (testId: string, value: string, root: ParentNode = el) => {
      pick(q<HTMLElement>(testId, root)!, value);
      await stable();
    };
    return { el, q, click, type, stable, tick };
  }

  describe('for the audited agency', () => {
    it('answers every item and submits the self-assessment with the right body', async () => {
      const { q, click, type, tick, stable } = await open(fakeAuditDetail());
      expect(q('ic-self-assessment-item-MR-1')!.textContent).toContain('内控管理制度健全并公开');
      expect(q('ic-self-assessment-item-MR-1')!.textContent).toContain('管理制度');
      expect(q('ic-status')!.textContent!.trim()).toBe('自评');
      // The team's result column is not the agency's.
      expect(q('ic-result-MR-1')).toBeNull();

      // Submitting with an item unanswered is refused before sending.
      await click('ic-answer-MR-1-compliant');
      await click('ic-self-assessment-submit');
      http.expectNone('/api/ic/audits/a1/self-assessment');
      expect(q('ic-sa-error')!.textContent).toContain('请对每一个检查项作出自评');

      await click('ic-answer-PR-1-deficient');
      await type('ic-answer-note-PR-1', ' 部分凭证缺审核签字 ');
      await click('ic-self-assessment-submit');
      await tick();
      const put = http.expectOne('/api/ic/audits/a1/self-assessment');
      expect(put.request.method).toBe('PUT');
      expect(put.request.body).toEqual({
        answers: [
          { itemCode: 'MR-1', answer: 'compliant' },
          { itemCode: 'PR-1', answer: 'deficient', note: '部分凭证缺审核签字' },
        ],
        submit: true,
      });
      put.flush(
        fakeAuditDetail({
          status: 'fieldwork',
          selfAssessmentSubmittedAt: '2027-03-10T02:00:00Z',
          selfAssessment: [
            { itemCode: 'MR-1', answer: 'compliant', note: null, attachmentIds: [] },
            { itemCode: 'PR-1', answer: 'deficient', note: '部分凭证缺审核签字', attachmentIds: [] },
          ],
        }),
      );
      await stable();
      expect(q('ic-sa-submitted')!.textContent).toContain('2027-03-10 10:00');
      expect(q('ic-self-assessment-submit')).toBeNull();
      expect(q('ic-self-assessment-item-PR-1')!.textContent).toContain('不符合');
    });

    it('saves a draft of the answers without submitting', async () => {
      const { click, tick } = await open(fakeAuditDetail());
      await click('ic-answer-MR-1-not_applicable');
      await click('ic-self-assessment-save');
      await tick();
      const put = http.expectOne('/api/ic/audits/a1/self-assessment');
      expect(put.request.body).toEqual({ answers: [{ itemCode: 'MR-1', answer: 'not_applicable' }], submit: false });
      put.flush(fakeAuditDetail());
    });

    it('saves the staff-to-post table and shows the conflicts the backend reports as findings', async () => {
      const { el, q, click, type, tick, stable } = await open(fakeAuditDetail({ status: 'fieldwork' }));
      const rows = () => [...el.querySelectorAll<HTMLElement>('[data-testid="ic-staff-row"]')];
      expect(rows()).toHaveLength(1);
      expect(rows()[0]!.textContent).toContain('支付审核');

      await click('ic-staff-add');
      const row = rows()[1]!;
      await type('ic-staff-id', 'e-2', row);
      await type('ic-staff-name', '钱进', row);
      (row.querySelector('[data-testid="ic-staff-posts"] .ant-select-selector') as HTMLElement).click();
      await stable();
      const option = (label: string) =>
        [...document.querySelectorAll<HTMLElement>('.cdk-overlay-container nz-option-item')].find((o) => o.title === label)!;
      // Chinese post labels (the list is virtually scrolled, so not all ten are in the DOM).
      expect(option('支付审批')).toBeDefined();
      option('基金会计').click();
      await stable();
      option('基金出纳').click();
      await stable();
      // Warned before saving: 会计与出纳 in one hand.
      expect(q('ic-staff-conflict', row)!.textContent).toContain('基金会计 + 基金出纳');

      await click('ic-staff-save');
      await tick();
      const put = http.expectOne('/api/ic/audits/a1/staff-posts');
      expect(put.request.method).toBe('PUT');
      expect(put.request.body).toEqual({
        staff: [
          { personId: 'e-1', personName: '赵敏', posts: ['payment_review'] },
          { personId: 'e-2', personName: '钱进', posts: ['fund_accounting', 'fund_cashier'] },
        ],
      });
      put.flush(
        fakeAuditDetail({
          status: 'fieldwork',
          staffPosts: put.request.body.staff,
          findings: [
            finding({
              id: 'sod-1',
              area: 'segregation_of_duties',
              itemCode: null,
              source: 'segregation_of_duties',
              description: '钱进同时担任基金会计与基金出纳岗位',
            }),
          ],
        }),
      );
      await stable();
      expect(q('ic-staff-conflicts')!.textContent).toContain('系统发现 1 处岗位不相容问题');
      expect(q('ic-staff-conflicts')!.textContent).toContain('钱进同时担任基金会计与基金出纳岗位');
      expect(q('ic-finding-sod-1')!.textContent).toContain('岗位冲突');
    });

    it('uploads evidence and submits the rectification of a finding', async () => {
      const audit = fakeAuditDetail({
        status: 'rectification',
        findings: [finding(), finding({ id: 'f2', status: 'verified', description: '已整改问题' })],
      });
      const { q, click, type, tick, stable } = await open(audit);
      const f1 = q('ic-finding-f1')!;
      expect(f1.textContent).toContain('支付审核记录');
      expect(f1.textContent).toContain('待整改');
      expect(q('ic-rectification-submit', q('ic-finding-f2')!)).toBeNull();

      const picker = q<HTMLInputElement>('ic-rectification-upload', f1)!;
      const file = new File([new Uint8Array(1536)], '整改凭证.pdf', { type: 'application/pdf' });
      Object.defineProperty(picker, 'files', { value: [file], configurable: true });
      picker.dispatchEvent(new Event('change'));
      await tick();
      const upload = http.expectOne('/api/attachments');
      expect((upload.request.body as FormData).get('file')).toBeInstanceOf(File);
      upload.flush({ id: 'att-9', filename: '整改凭证.pdf', contentType: 'application/pdf', sizeBytes: 1536, sha256: 'x', createdAt: '2027-06-01T00:00:00Z' });
      await stable();
      expect(q('ic-rectification-file', f1)!.textContent).toContain('整改凭证.pdf');

      await type('ic-rectification-plan', '补齐审核记录并完善复核流程', f1);
      await click('ic-rectification-submit', f1);
      await tick();
      const put = http.expectOne('/api/ic/audits/a1/findings/f1/rectification');
      expect(put.request.method).toBe('PUT');
      expect(put.request.body).toEqual({ plan: '补齐审核记录并完善复核流程', evidenceAttachmentIds: ['att-9'] });
      put.flush(
        fakeAuditDetail({
          status: 'verification',
          findings: [
            finding({
              status: 'rectification_submitted',
              rectification: { plan: '补齐审核记录并完善复核流程', evidenceAttachmentIds: ['att-9'], submittedAt: '2027-06-02T00:00:00Z' },
            }),
          ],
        }),
      );
      await stable();
      expect(q('ic-finding-f1')!.textContent).toContain('整改已提交');
      expect(q('ic-finding-rectification')!.textContent).toContain('佐证材料 1 份');
      expect(q('ic-rectification-submit')).toBeNull();
    });

    it('uploads evidence per item and saves its ids with the answers, keeping those already saved', async () => {
      const { q, click, tick, stable } = await open(
        fakeAuditDetail({ selfAssessment: [{ itemCode: 'MR-1', answer: 'compliant', note: null, attachmentIds: ['att-1'] }] }),
      );
      expect(q('ic-sa-saved-MR-1')!.textContent).toContain('已保存佐证材料 1 份');
      const pickFiles = async (code: string, ...files: File[]) => {
        const picker = q<HTMLInputElement>(`ic-sa-upload-${code}`)!;
        Object.defineProperty(picker, 'files', { value: files, configurable: true });
        picker.dispatchEvent(new Event('change'));
        await tick();
      };
      const attachment = (id: string, filename: string) => ({ id, filename, contentType: 'application/pdf', sizeBytes: 1536, sha256: 'x', createdAt: '2027-03-01T00:00:00Z' });

      // A refused type is not sent.
      await pickFiles('MR-1', new File(['x'], 'notes.txt'));
      http.expectNone('/api/attachments');

      await pickFiles('MR-1', new File([new Uint8Array(1536)], '制度文本.pdf'));
      http.expectOne('/api/attachments').flush(attachment('att-2', '制度文本.pdf'));
      await pickFiles('PR-1', new File([new Uint8Array(10)], '凭证1.pdf'), new File([new Uint8Array(10)], '凭证2.pdf'));
      const uploads = http.match('/api/attachments');
      expect(uploads.length).toBe(2);
      uploads[0]!.flush(attachment('att-3', '凭证1.pdf'));
      uploads[1]!.flush(attachment('att-4', '凭证2.pdf'));
      await stable();
      expect(q('ic-sa-file-MR-1-0')!.textContent).toContain('制度文本.pdf');
      expect(q('ic-sa-file-MR-1-0')!.textContent).toContain('1.5 KB');
      expect(q('ic-sa-file-PR-1-1')!.textContent).toContain('凭证2.pdf');

      await click('ic-sa-file-remove-PR-1-0');
      expect(q('ic-sa-file-PR-1-0')!.textContent).toContain('凭证2.pdf');
      expect(q('ic-sa-file-PR-1-1')).toBeNull();

      await click('ic-answer-PR-1-compliant');
      await click('ic-self-assessment-save');
      await tick();
      const put = http.expectOne('/api/ic/audits/a1/self-assessment');
      expect(put.request.body).toEqual({
        answers: [
          { itemCode: 'MR-1', answer: 'compliant', attachmentIds: ['att-1', 'att-2'] },
          { itemCode: 'PR-1', answer: 'compliant', attachmentIds: ['att-4'] },
        ],
        submit: false,
      });
      put.flush(
        fakeAuditDetail({
          selfAssessment: [
            { itemCode: 'MR-1', answer: 'compliant', note: null, attachmentIds: ['att-1', 'att-2'] },
            { itemCode: 'PR-1', answer: 'compliant', note: null, attachmentIds: ['att-4'] },
          ],
        }),
      );
      await stable();
      // The uploads are now part of the saved answers.
      expect(q('ic-sa-file-MR-1-0')).toBeNull();
      expect(q('ic-sa-saved-MR-1')!.textContent).toContain('2 份');
      expect(q('ic-sa-saved-PR-1')!.textContent).toContain('1 份');
    });

    it('imports the staff table from a CSV, refusing a file with bad lines, and saves it', async () => {
      const { el, q, tick, click, stable } = await open(fakeAuditDetail());
      const importCsv = async (text: string) => {
        const picker = q<HTMLInputElement>('ic-staff-import')!;
        Object.defineProperty(picker, 'files', { value: [new File([text], 'staff.csv', { type: 'text/csv' })], configurable: true });
        picker.dispatchEvent(new Event('change'));
        await tick();
        await stable();
      };
      const names = () => [...el.querySelectorAll<HTMLInputElement>('[data-testid="ic-staff-name"]')].map((i) => i.value);

      await importCsv('工号,姓名,岗位\n1001,孙丽,支付审核\n1002,周杰,出纳员\n1003\n');
      expect(q('ic-staff-error')!.textContent).toContain('文件未导入');
      expect(q('ic-staff-error')!.textContent).toContain('第 4 行格式不正确');
      expect(q('ic-staff-error')!.textContent).toContain('第 3 行含未知岗位：出纳员');
      expect(names()).toEqual(['赵敏']);

      await importCsv('\uFEFF工号,姓名,岗位\n1001,孙丽,支付审核、支付审批\n1002,周杰,fund_cashier\n');
      expect(q('ic-staff-error')).toBeNull();
      expect(names()).toEqual(['孙丽', '周杰']);
      expect(q('ic-staff-conflict')!.textContent).toContain('支付审核 + 支付审批');

      await click('ic-staff-save');
      await tick();
      const put = http.expectOne('/api/ic/audits/a1/staff-posts');
      expect(put.request.body).toEqual({
        staff: [
          { personId: '1001', personName: '孙丽', posts: ['payment_review', 'payment_approval'] },
          { personId: '1002', personName: '周杰', posts: ['fund_cashier'] },
        ],
      });
      put.flush(fakeAuditDetail());
      await stable();
    });

    it('offers another agency’s audit read-only', async () => {
      const { q } = await open(fakeAuditDetail(), fakeCityReviewer());
      expect(q('ic-self-assessment-submit')).toBeNull();
      expect(q('ic-staff-save')).toBeNull();
      expect(q('ic-answer-MR-1-compliant')).toBeNull();
    });
  });

  describe('for the province team', () => {
    const team = (audit: AuditDetail) => open(audit, fakeProvinceUser(), 'province');

    it('records a result per item and issues findings', async () => {
      const { el, q, click, type, tick, stable } = await team(
        fakeAuditDetail({
          status: 'fieldwork',
          selfAssessmentSubmittedAt: '2027-03-10T02:00:00Z',
          selfAssessment: [{ itemCode: 'MR-1', answer: 'compliant', note: '已公开', attachmentIds: [] }],
        }),
      );
      // The agency's answers are shown read-only.
      expect(q('ic-self-assessment-item-MR-1')!.textContent).toContain('符合');
      expect(q('ic-answer-MR-1-compliant')).toBeNull();
      expect(q('ic-self-assessment-submit')).toBeNull();

      await click('ic-result-MR-1-compliant');
      await click('ic-result-PR-1-deficient');
      await type('ic-result-note-PR-1', '3笔支付无审核记录');
      await click('ic-results-save');
      await tick();
      const put = http.expectOne('/api/ic/audits/a1/results');
      expect(put.request.method).toBe('PUT');
      expect(put.request.body).toEqual({
        results: [
          { itemCode: 'MR-1', result: 'compliant' },
          { itemCode: 'PR-1', result: 'deficient', note: '3笔支付无审核记录' },
        ],
      });
      put.flush(
        fakeAuditDetail({
          status: 'fieldwork',
          results: [
            { itemCode: 'MR-1', result: 'compliant', note: null, attachmentIds: [] },
            { itemCode: 'PR-1', result: 'deficient', note: '3笔支付无审核记录', attachmentIds: [] },
          ],
        }),
      );
      await stable();

      // A finding per deficient item, then a due date.
      await click('ic-finding-from-deficient');
      const drafts = [...el.querySelectorAll<HTMLElement>('[data-testid="ic-new-finding"]')];
      expect(drafts).toHaveLength(1);
      expect(q<HTMLInputElement>('ic-new-finding-description', drafts[0])!.value).toBe('3笔支付无审核记录');
      await click('ic-findings-issue');
      http.expectNone('/api/ic/audits/a1/findings');
      expect(q('ic-finding-error')!.textContent).toContain('整改期限');
      await type('ic-new-finding-due', '2027-06-30', drafts[0]);
      await click('ic-findings-issue');
      await tick();
      const post = http.expectOne('/api/ic/audits/a1/findings');
      expect(post.request.method).toBe('POST');
      expect(post.request.body).toEqual({
        findings: [{ area: 'payment_records', itemCode: 'PR-1', description: '3笔支付无审核记录', rectificationDue: '2027-06-30' }],
      });
      post.flush(fakeAuditDetail({ status: 'rectification', findings: [finding()] }));
      await stable();
      expect(q('ic-status')!.textContent!.trim()).toBe('整改');
      expect(q('ic-findings-issue')).toBeNull();
      expect(q('ic-finding-f1')).not.toBeNull();
    });

    it('accepts one rectification and rejects another with a comment', async () => {
      const submitted = (id: string) =>
        finding({
          id,
          status: 'rectification_submitted',
          rectification: { plan: '已补齐', evidenceAttachmentIds: ['att-1'], submittedAt: '2027-06-02T00:00:00Z' },
        });
      const audit = fakeAuditDetail({ status: 'verification', findings: [submitted('f1'), submitted('f2')] });
      const { q, click, type, tick, stable } = await team(audit);

      await click('ic-verify-accept', q('ic-finding-f1')!);
      await tick();
      const accept = http.expectOne('/api/ic/audits/a1/findings/f1/verify');
      expect(accept.request.method).toBe('POST');
      expect(accept.request.body).toEqual({ accepted: true });
      accept.flush(
        fakeAuditDetail({
          status: 'verification',
          findings: [finding({ status: 'verified', verification: { accepted: true, comment: null, at: '2027-06-05T00:00:00Z' } }), submitted('f2')],
        }),
      );
      await stable();
      expect(q('ic-verify-accept', q('ic-finding-f1')!)).toBeNull();

      // A rejection needs the reason.
      const f2 = () => q('ic-finding-f2')!;
      await click('ic-verify-reject', f2());
      http.expectNone('/api/ic/audits/a1/findings/f2/verify');
      expect(q('ic-finding-error')!.textContent).toContain('退回整改需填写验收意见');
      await type('ic-verify-comment', '佐证材料不全', f2());
      await click('ic-verify-reject', f2());
      await tick();
      const reject = http.expectOne('/api/ic/audits/a1/findings/f2/verify');
      expect(reject.request.body).toEqual({ accepted: false, comment: '佐证材料不全' });
      reject.flush(fakeAuditDetail({ status: 'rectification', findings: [finding({ id: 'f2', status: 'rejected' })] }));
      await stable();
      expect(q('ic-finding-f2')!.textContent).toContain('验收未通过');
    });

    it('schedules a follow-up on a closed audit', async () => {
      const { q, click, type, tick } = await team(fakeAuditDetail({ status: 'closed' }));
      expect(q('ic-staff-save')).toBeNull();
      await type('ic-fu-notice', '2027-09-01');
      await type('ic-fu-sa-due', '2027-09-10');
      await type('ic-fu-fw-start', '2027-09-15');
      await type('ic-fu-fw-end', '2027-09-16');
      await type('ic-fu-team', 'i-1, i-3');
      await click('ic-follow-up-submit');
      await tick();
      const post = http.expectOne('/api/ic/audits/a1/follow-up');
      expect(post.request.body).toEqual({
        noticeDate: '2027-09-01',
        selfAssessmentDue: '2027-09-10',
        fieldworkStart: '2027-09-15',
        fieldworkEnd: '2027-09-16',
        teamInspectorIds: ['i-1', 'i-3'],
      });
      post.flush({ ...fakeAuditDetail(), id: 'a2', followUpOf: 'a1' });
      await tick();
      http.expectOne('/api/ic/audits/a2').flush(fakeAuditDetail({ id: 'a2', followUpOf: 'a1', status: 'scheduled' }));
    });

    it('downloads the PDF report as a blob', async () => {
      const created = jest.fn(() => 'blob:report');
      const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
      Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
      const { click, tick } = await team(fakeAuditDetail({ status: 'closed' }));
      await click('ic-report-pdf');
      await tick();
      const get = http.expectOne('/api/ic/audits/a1/report.pdf');
      expect(get.request.responseType).toBe('blob');
      get.flush(new Blob(['%PDF']));
      await tick();
      expect(created).toHaveBeenCalled();
      expect(clicked).toHaveBeenCalled();
      clicked.mockRestore();
    });
  });

  it('finds the conflicting post pairs', () => {
    expect(conflictsOf(['payment_review', 'payment_approval', 'claims_review'])).toEqual([['payment_review', 'payment_approval']]);
    expect(conflictsOf(['payment_review', 'settlement'])).toEqual([]);
  });
});
