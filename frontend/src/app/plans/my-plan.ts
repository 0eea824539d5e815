import { DOCUMENT, DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { firstValueFrom } from 'rxjs';
import { chinaDateOf } from '../core/china-date';
import { CurrentUser } from '../core/current-user';
import { isApiErrorBody, type PlanDetail } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import type { PlanSection } from './plan-access';
import { PlanContentForm } from './plan-content-form';
import { PlanContentView } from './plan-content-view';
import { PlanExport } from './plan-export';
import { draftBlocked, draftRequestOf, formCoverage, planForm, revealErrors, watchForm } from './plan-form';
import { MeasuredTargets } from './measured-targets';
import { PlanHistory } from './plan-history';
import { PlanNav, PlanYearSelect, planYearOf } from './plan-nav';
import { EDITABLE_STATUSES, PROGRESS_STATUSES, PlanStatusTag, dateParams } from './plan-status';
import { PlansApi } from './plans-api';
import { ProgressReport, endedMonths } from './progress-report';
import { ScheduleGrid } from './schedule-grid';
import { ScheduleTable } from './schedule-table';
import { CLOCK } from '../core/clock';

/**
 * 本单位年度监管方案: the drafting unit (county or city agency) writes its plan and 配档表 for the
 * year, submits it by 15 May, and once it is filed reports progress month by month.
 */
@Component({
  selector: 'app-my-plan',
  imports: [
    DatePipe,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzModalModule,
    NzSpinModule,
    PlanContentForm,
    PlanContentView,
    MeasuredTargets,
    PlanExport,
    PlanHistory,
    PlanNav,
    PlanStatusTag,
    PlanYearSelect,
    ProgressReport,
    ScheduleGrid,
    ScheduleTable,
    TPipe,
  ],
  templateUrl: './my-plan.html',
  styleUrls: ['../shell/responsive-page.css', '../shell/detail-sections.css', './my-plan.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyPlan {
  private readonly api = inject(PlansApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);
  private readonly document = inject(DOCUMENT);

  /** `?year=`, bound by the router. */
  readonly year = input<string>();
  /** From the route data. */
  readonly section = input<PlanSection>('local');

  protected readonly selectedYear = computed(() => planYearOf(this.year(), this.now()));

  /** The unit's own plan for the year (the list searched by the unit's code). */
  protected readonly list = rxResource({
    params: () => ({ year: this.selectedYear(), unitId: this.user.me()?.organization.id }),
    stream: ({ params }) => this.api.list(params.year, params.unitId),
  });
  protected readonly summary = computed(() => {
    if (!this.list.hasValue()) return null;
    const orgId = this.user.me()?.organization.id;
    return this.list.value().items.find((p) => p.unitId === orgId) ?? null;
  });
  /** A string, so that reloading the list does not refetch the same plan. */
  private readonly planId = computed(() => this.summary()?.id ?? null);
  protected readonly detail = rxResource({
    params: () => {
      const id = this.planId();
      return id ? { id } : undefined;
    },
    stream: ({ params }) => this.api.get(params.id),
  });
  protected readonly plan = computed(() => (this.detail.hasValue() ? this.detail.value() : null));

  protected readonly editable = computed(() => {
    const plan = this.plan();
    return plan !== null && EDITABLE_STATUSES.includes(plan.status);
  });
  protected readonly withProgress = computed(() => {
    const plan = this.plan();
    return plan !== null && PROGRESS_STATUSES.includes(plan.status);
  });
  /** Rebuilt from each version the backend returns (load, save, submit). */
  protected readonly form = computed(() => {
    const plan = this.plan();
    return plan && this.editable() ? planForm(plan) : null;
  });
  private readonly revision = watchForm(this.form);
  protected readonly dirty = computed(() => {
    this.revision();
    return this.form()?.dirty ?? false;
  });

  /** What the reviewer said when returning the plan, while it is back with the unit. */
  protected readonly returnComment = computed(() => {
    const plan = this.plan();
    if (plan?.status !== 'returned') return null;
    return plan.history.filter((h) => h.action === 'return').at(-1)?.comment ?? '';
  });
  protected readonly deadline = computed(() => {
    const plan = this.plan();
    return plan ? dateParams(plan.deadline) : null;
  });
  protected readonly dueMonth = computed(() => {
    const plan = this.plan();
    return plan ? endedMonths(plan.year, chinaDateOf(this.now())) : 12;
  });
  protected readonly exportName = computed(() => {
    const plan = this.plan();
    return plan ? this.i18n.t('plans.export.fileName', { unit: plan.unit.name, year: plan.year }) : '';
  });

  protected readonly saving = signal<'draft' | 'submit' | null>(null);
  /** Set when the backend refused because the plan changed meanwhile (409). */
  protected readonly conflict = signal(false);

  protected selectYear(year: number): void {
    if (!this.canLeave()) return;
    void this.router.navigate([], { relativeTo: this.route, queryParams: { year }, replaceUrl: true });
  }

  /** Asks before unsaved edits are dropped (another year, another page). */
  canLeave(): boolean {
    if (!this.dirty()) return true;
    return this.document.defaultView?.confirm(this.i18n.t('plans.save.leaveConfirm')) ?? true;
  }

  protected reload(): void {
    this.conflict.set(false);
    this.list.reload();
    this.detail.reload();
  }

  protected adopt(plan: PlanDetail): void {
    this.detail.set(plan);
  }

  /** 保存草稿: allowed with gaps, not with malformed input. */
  protected async saveDraft(): Promise<void> {
    if (this.saving()) return;
    const saved = await this.save('draft');
    if (saved) this.message.success(this.i18n.t('plans.save.done'));
  }

  /** 提交: complete content and a schedule that covers every target, then a confirmation. */
  protected submit(): void {
    const form = this.form();
    const plan = this.plan();
    if (!form || !plan || this.saving()) return;
    const uncovered = formCoverage(form).filter((c) => !c.covered).length;
    if (form.invalid || uncovered > 0) {
      revealErrors(form);
      this.message.error(this.i18n.t(uncovered && form.valid ? 'plans.submit.uncovered' : 'plans.submit.incomplete'));
      return;
    }
    this.modal.confirm({
      nzTitle: this.i18n.t('plans.submit.confirmTitle'),
      nzContent: this.i18n.t(plan.unit.level === 'county' ? 'plans.submit.confirmBodyCounty' : 'plans.submit.confirmBody', { reviewer: plan.reviewer.regionName }),
      nzOkText: this.i18n.t('plans.submit.action'),
      nzCancelText: this.i18n.t('plans.cancel'),
      nzOnOk: () => this.confirmSubmit(),
    });
  }

  private async confirmSubmit(): Promise<void> {
    let plan = this.plan();
    if (!plan) return;
    // Unsaved edits (or a plan never saved) go up as a draft first; submit carries no content.
    if (this.dirty() || plan.status === 'not_started') {
      plan = await this.save('submit');
      if (!plan) return;
    }
    this.saving.set('submit');
    try {
      this.adopt(await firstValueFrom(this.api.submit(plan.id, plan.version)));
      this.message.success(this.i18n.t('plans.submit.done'));
    } catch (error) {
      this.noteConflict(error);
    } finally {
      this.saving.set(null);
    }
  }

  private async save(mode: 'draft' | 'submit'): Promise<PlanDetail | null> {
    const form = this.form();
    const plan = this.plan();
    if (!form || !plan) return null;
    if (draftBlocked(form)) {
      revealErrors(form);
      this.message.error(this.i18n.t('plans.save.invalid'));
      return null;
    }
    this.saving.set(mode);
    try {
      const saved = await firstValueFrom(this.api.saveDraft(plan.id, draftRequestOf(form, plan.version)));
      this.adopt(saved);
      return saved;
    } catch (error) {
      this.noteConflict(error);
      return null;
    } finally {
      this.saving.set(null);
    }
  }

  /** A stale version or a status changed elsewhere: offer to reload (the toast says what happened). */
  private noteConflict(error: unknown): void {
    if (!(error instanceof HttpErrorResponse) || error.status !== 409) return;
    const code = isApiErrorBody(error.error) ? error.error.error.code : '';
    if (code === 'plan_version_conflict' || code === 'plan_transition_invalid' || code === '') this.conflict.set(true);
  }
}
