import { jest } from '@jest/globals';
import { HttpTestingController } from '@angular/common/http/testing';
import type { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { NzMessageService } from 'ng-zorro-antd/message';
import { CurrentUser } from '../core/current-user';
import type { Checklist, IcProgramme, Me } from '../core/models';
import { PLAN_NOW, fakeAuditPlan, fakeAuditSummary, fakeProvinceUser, provideTestApp } from '../testing/fakes';
import { IcChecklistPage, checklistIssue } from './ic-checklist';
import { IcPlanPage, parseIds } from './ic-plan';
import { IcProgrammePage } from './ic-programme';
import { CLOCK } from '../core/clock';
import { pick } from '../testing/controls';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const programme = (): IcProgramme => ({
  year: 2026,
  agencies: { total: 110, audited: 40, inProgress: 30, pending: 38, overdue: 2 },
  findingsByArea: {
    management_rules: { total: 12, open: 3 },
    systems: { total: 5, open: 1 },
    segregation_of_duties: { total: 8, open: 6 },
    violations_handled: { total: 2, open: 0 },
    payment_records: { total: 20, open: 9 },
  },
  rectification: { open: 19, submitted: 4, verified: 24, overdue: 3 },
});

const checklist = (): Checklist => ({
  version: 2,
  createdAt: '2027-01-05T02:00:00Z',
  createdBy: '周强',
  items: [
    { code: 'MR-1', area: 'management_rules', text: '内控管理制度健全并公开', guidance: '查阅制度文本' },
    { code: 'PR-1', area: 'payment_records', text: '每笔基金支付均有审核记录', guidance: '' },
  ],
});

describe('Internal control audit province pages', () => {
  let http: HttpTestingController;

  afterEach(() => http.verify());

  async function open(component: Type<unknown>, path: string, me: Me = fakeProvinceUser()) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        ...provideTestApp({ routes: [{ path: `province/audits/${path}`, component, data: { section: 'province' } }] }),
        { provide: CLOCK, useValue: () => PLAN_NOW },
      ],
    });
    TestBed.inject(CurrentUser).set(me);
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/province/audits/${path}`);
    const tick = async () => {
      for (let i = 0; i < 3; i++) await settle();
    };
    await tick();
    const el = harness.routeNativeElement as HTMLElement;
    const stable = async () => {
      await tick();
      await harness.fixture.whenStable();
    };
    const q = <T extends HTMLElement = HTMLElement>(testId: string, root: ParentNode = el) =>
      root.querySelector<T>(`[data-testid="${testId}"]`);
    const click = async (testId: string) => {
      q(testId)!.click();
      await stable();
    };
    const type = async (testId: string, value: string) => {
      pick(q<HTMLElement>(testId)!, value);
      await stable();
    };
    return { el, q, click, type, tick, stable };
  }

  describe('programme', () => {
    it('renders the agency cards, the findings chart and the rectification status', async () => {
      const { q, stable } = await open(IcProgrammePage, 'programme');
      http.expectOne('/api/ic/programme?year=2027').flush(programme());
      await stable();
      const value = (key: string) => q(`ic-programme-card-${key}`)!.querySelector('.ant-statistic-content')!.textContent!.trim();
      expect(value('total')).toBe('110');
      expect(value('audited')).toBe('40');
      expect(value('inProgress')).toBe('30');
      expect(value('pending')).toBe('38');
      expect(value('overdue')).toBe('2');
      expect(q('ic-programme-card-overdue')!.classList).toContain('alert');
      expect(q('ic-programme-card-audited')!.textContent).toContain('已检查');

      const chart = q('ic-findings-chart')!;
      expect(chart.querySelector('svg')).not.toBeNull();
      expect(chart.textContent).toContain('岗位分离');
      expect(chart.textContent).toContain('支付审核记录');
      expect(q('ic-rectification-verified')!.textContent).toContain('24');
    });

    it('exports the workbook as a blob', async () => {
      Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:x'), revokeObjectURL: jest.fn() });
      const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
      const { click, tick } = await open(IcProgrammePage, 'programme');
      http.expectOne('/api/ic/programme?year=2027').flush(programme());
      await click('ic-programme-export');
      const get = http.expectOne('/api/ic/programme/export.xlsx?year=2027');
      expect(get.request.responseType).toBe('blob');
      get.flush(new Blob(['xlsx']), { headers: { 'Content-Disposition': "attachment; filename*=UTF-8''2027%E5%B9%B4.xlsx" } });
      await tick();
      expect(clicked).toHaveBeenCalled();
      clicked.mockRestore();
    });
  });

  describe('audit plan', () => {
    it('creates the year’s plan', async () => {
      const { q, click, type, tick, stable } = await open(IcPlanPage, 'plan');
      http.expectOne('/api/ic/plans?year=2027').flush({ items: [] });
      await stable();
      expect(q('ic-plan-create')!.textContent).toContain('2027 年度尚未制定内控检查计划');
      await type('ic-plan-start', '2027-03-01');
      await type('ic-plan-end', '2027-11-30');
      await click('ic-plan-create-submit');
      await tick();
      const post = http.expectOne('/api/ic/plans');
      expect(post.request.body).toEqual({ year: 2027, title: '2027年度经办机构内控检查计划', periodStart: '2027-03-01', periodEnd: '2027-11-30' });
      post.flush(fakeAuditPlan({ audits: [] }));
      await stable();
      expect(q('ic-plan-title')!.textContent).toContain('2027年度经办机构内控检查计划');
      expect(q('ic-plan-create')).toBeNull();
    });

    it('lists the audits and uncovered agencies, adds an audit and draws teams', async () => {
      const { el, q, click, type, tick, stable } = await open(IcPlanPage, 'plan');
      http.expectOne('/api/ic/plans?year=2027').flush({ items: [fakeAuditPlan()] });
      await stable();
      const rows = el.querySelectorAll('[data-testid="ic-audit-row"]');
      expect(rows).toHaveLength(1);
      expect(rows[0]!.textContent).toContain('玄武区医保经办中心');
      expect(rows[0]!.textContent).toContain('李明、王芳');
      expect(rows[0]!.textContent).toContain('通知');
      expect(q('ic-uncovered')!.textContent).toContain('秦淮区医保经办中心');

      q('ic-add-audit')!.click();
      await tick();
      http
        .expectOne('/api/organizations?kind=agency&limit=500')
        .flush({ items: [{ id: 'agency-320104', name: '秦淮区医保经办中心', kind: 'agency', institutionType: null, institutionLevel: null, regionCode: '320104', regionPath: '/32/3201/320104/' }], total: 1 });
      await stable();
      (document.querySelector('[data-testid="ic-add-agency"] .ant-select-selector') as HTMLElement).click();
      await stable();
      document.querySelector<HTMLElement>('.cdk-overlay-container nz-option-item[title="秦淮区医保经办中心"]')!.click();
      await stable();
      const typeIn = async (testId: string, value: string) => {
        pick(document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)!, value);
        await stable();
      };
      await typeIn('ic-add-notice', '2027-04-01');
      await typeIn('ic-add-sa-due', '2027-04-15');
      await typeIn('ic-add-fw-start', '2027-05-01');
      await typeIn('ic-add-fw-end', '2027-05-03');
      document.querySelector<HTMLButtonElement>('.ant-modal-footer .ant-btn-primary')!.click();
      await tick();
      const post = http.expectOne('/api/ic/plans/icp-2027/audits');
      expect(post.request.body).toEqual({
        agencyId: 'agency-320104',
        noticeDate: '2027-04-01',
        selfAssessmentDue: '2027-04-15',
        fieldworkStart: '2027-05-01',
        fieldworkEnd: '2027-05-03',
        teamInspectorIds: [],
      });
      post.flush(fakeAuditSummary({ id: 'a2', team: [] }));
      await tick();
      http.expectOne('/api/ic/plans?year=2027').flush({ items: [fakeAuditPlan({ uncoveredAgencies: [] })] });
      await stable();
      expect(q('ic-uncovered')).toBeNull();

      await type('ic-team-size', '2');
      await click('ic-draw-teams');
      const draw = http.expectOne('/api/ic/plans/icp-2027/draw-teams');
      expect(draw.request.method).toBe('POST');
      expect(draw.request.body).toEqual({ teamSize: 2 });
      draw.flush(fakeAuditPlan({ uncoveredAgencies: [] }));
      await stable();
    });

    it('publishes after confirmation and shows the agencies a 409 ic_plan_uncovered names', async () => {
      const { q, click, tick, stable } = await open(IcPlanPage, 'plan');
      http.expectOne('/api/ic/plans?year=2027').flush({ items: [fakeAuditPlan()] });
      await stable();
      await click('ic-plan-publish');
      http.expectNone('/api/ic/plans/icp-2027/publish');
      expect(document.querySelector('.ant-modal-confirm')!.textContent).toContain('发布“2027年度经办机构内控检查计划”？');
      document.querySelector<HTMLButtonElement>('.ant-modal-confirm-btns .ant-btn-primary')!.click();
      await tick();
      const post = http.expectOne('/api/ic/plans/icp-2027/publish');
      expect(post.request.body).toEqual({});
      post.flush(
        {
          error: {
            code: 'ic_plan_uncovered',
            message: { zh: '仍有经办机构未安排检查', en: 'Agencies without an audit' },
            details: { agencies: [{ id: 'agency-320104', name: '秦淮区医保经办中心', regionCode: '320104' }] },
          },
        },
        { status: 409, statusText: 'Conflict' },
      );
      await tick();
      http.expectOne('/api/ic/plans?year=2027').flush({ items: [fakeAuditPlan()] });
      await stable();
      expect(q('ic-publish-error')!.textContent).toContain('未能发布：仍有 1 家经办机构未安排检查');
      expect(q('ic-publish-error')!.textContent).toContain('秦淮区医保经办中心');
    });

    it('shows the national overseer the plan without any action', async () => {
      const { q, stable } = await open(IcPlanPage, 'plan', fakeProvinceUser(['national_overseer']));
      http.expectOne('/api/ic/plans?year=2027').flush({ items: [fakeAuditPlan()] });
      await stable();
      expect(q('ic-plan-publish')).toBeNull();
      expect(q('ic-draw-teams')).toBeNull();
      expect(q('ic-uncovered')).not.toBeNull();
    });
  });

  describe('checklist', () => {
    it('edits, adds and removes items, and saves a new version', async () => {
      const { el, q, click, type, tick, stable } = await open(IcChecklistPage, 'checklist');
      const success = jest.spyOn(TestBed.inject(NzMessageService), 'success');
      http.expectOne('/api/ic/checklist').flush(checklist());
      await stable();
      expect(q('ic-checklist-version')!.textContent).toContain('第 2 版');
      expect(el.textContent).toContain('管理制度');
      expect(el.textContent).toContain('违规处理落实');

      const text = q<HTMLInputElement>('ic-checklist-text', q('ic-checklist-item-MR-1')!)!;
      text.value = '内控管理制度健全、公开并执行';
      text.dispatchEvent(new Event('input'));
      await stable();
      q('ic-checklist-remove', q('ic-checklist-item-PR-1')!)!.click();
      await stable();
      await type('ic-checklist-new-code', 'SY-1');
      await type('ic-checklist-new-text', '信息系统权限按岗位分配');
      await click('ic-checklist-add');
      await click('ic-checklist-save');
      await tick();
      const put = http.expectOne('/api/ic/checklist');
      expect(put.request.method).toBe('PUT');
      expect(put.request.body).toEqual({
        items: [
          { code: 'MR-1', area: 'management_rules', text: '内控管理制度健全、公开并执行', guidance: '查阅制度文本' },
          { code: 'SY-1', area: 'management_rules', text: '信息系统权限按岗位分配', guidance: '' },
        ],
      });
      put.flush({ ...checklist(), version: 3, items: put.request.body.items });
      await stable();
      expect(success).toHaveBeenCalledWith('已保存为第 3 版');
    });

    it('refuses duplicate codes and empty lists', () => {
      const item = checklist().items[0]!;
      expect(checklistIssue([])).toBe('ic.checklist.empty');
      expect(checklistIssue([item, { ...item }])).toBe('ic.checklist.duplicate');
      expect(checklistIssue([{ ...item, text: ' ' }])).toBe('ic.checklist.incomplete');
      expect(checklistIssue([item])).toBeNull();
    });
  });

  it('parses inspector ids', () => {
    expect(parseIds('i-1, i-2，i-3 i-1')).toEqual(['i-1', 'i-2', 'i-3']);
    expect(parseIds('  ')).toEqual([]);
  });
});
