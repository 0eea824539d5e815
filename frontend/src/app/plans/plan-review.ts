import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, type ValidatorFn } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { firstValueFrom } from 'rxjs';
import { chinaDateOf } from '../core/china-date';
import { CurrentUser } from '../core/current-user';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { type TranslationParams, TranslationService } from '../i18n/translation';
import { sectionReadOnly } from '../core/section-access';
import { type PlanReviewAction, type PlanSection, planPagesFor, planReviewActions } from './plan-access';
import { PlanContentView } from './plan-content-view';
import { PlanExport } from './plan-export';
import { firstIssue } from './plan-form';
import { MeasuredTargets } from './measured-targets';
import { PlanHistory } from './plan-history';
import { PlanNav } from './plan-nav';
import { PROGRESS_STATUSES, PlanStatusTag, dateParams } from './plan-status';
import { PLAN_LIMITS, PlansApi } from './plans-api';
import { endedMonths } from './progress-report';
import { ScheduleTable } from './schedule-table';
import { CLOCK } from '../core/clock';

export type ReviewDecision = PlanReviewAction;

/** The dialog's texts per decision. */
export const DECISION_TEXTS = {
  forward: { title: 'plans.review.forwardTitle', ok: 'plans.review.forward', hint: 'plans.review.forwardHint', placeholder: 'plans.review.forwardPlaceholder' },
  file: { title: 'plans.review.fileTitle', ok: 'plans.review.file', hint: 'plans.review.fileHint', placeholder: 'plans.review.filePlaceholder' },
  return: { title: 'plans.review.returnTitle', ok: 'plans.review.return', hint: 'plans.review.returnHint', placeholder: 'plans.review.returnPlaceholder' },
} as const satisfies Record<ReviewDecision, Record<'title' | 'ok' | 'hint' | 'placeholder', TranslationKey>>;

const DONE: Record<ReviewDecision, TranslationKey> = { forward: 'plans.review.forwarded', file: 'plans.review.filed', return: 'plans.review.returned' };

/** 退回 needs a reason (1–2000 characters); 汇总上报 and 备案 take an optional remark. */
function reviewComment(required: () => boolean): ValidatorFn {
  return (control) => {
    const length = String(control.value ?? '').trim().length;
    if (length === 0) return required() ? { 'plans.review.commentRequired': {} } : null;
    return length > PLAN_LIMITS.returnCommentMax ? { 'plans.form.textTooLong': { max: PLAN_LIMITS.returnCommentMax } } : null;
  };
}

/**
 * One unit's plan as the level above sees it: content, 配档表 (with progress once filed) and
 * history, read-only; the reviewing step's actions while it waits at the level above: for a county
 * plan, 审核通过并汇总上报 / 退回 by the city agency, then 备案 / 退回 by the city bureau; for a city
 * plan, 备案 / 退回 by the province.
 */
@Component({
  selector: 'app-plan-review',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSpinModule,
    PlanContentView,
    MeasuredTargets,
    PlanExport,
    PlanHistory,
    PlanNav,
    PlanStatusTag,
    ScheduleTable,
    TPipe,
  ],
  templateUrl: './plan-review.html',
  styleUrls: ['../shell/responsive-page.css', '../shell/detail-page.css', '../shell/detail-sections.css', './plan-review.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanReview {
  private readonly api = inject(PlansApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly now = inject(CLOCK);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();
  readonly section = input<PlanSection>('local');
  /** `?from=board|review`: where the back link goes. */
  readonly from = input<string>();

  protected readonly detail = rxResource({
    params: () => ({ id: this.id() }),
    stream: ({ params }) => this.api.get(params.id),
  });
  protected readonly plan = computed(() => (this.detail.hasValue() ? this.detail.value() : null));
  protected readonly notFound = computed(() => {
    const error = this.detail.error();
    const cause = error instanceof HttpErrorResponse ? error : (error as { cause?: unknown } | undefined)?.cause;
    return cause instanceof HttpErrorResponse && (cause.status === 404 || cause.status === 403);
  });

  /** National overseers look at the province section read-only. */
  private readonly readOnly = computed(
    () => sectionReadOnly(this.user.roles(), this.section()),
  );
  protected readonly actions = computed<PlanReviewAction[]>(() => {
    const plan = this.plan();
    return plan === null || this.readOnly() ? [] : planReviewActions(this.user.me(), plan);
  });
  protected readonly canReview = computed(() => this.actions().length > 0);
  protected readonly backPage = computed(() => {
    const pages = planPagesFor(this.user.roles(), this.section(), this.user.me()?.organization.kind);
    const from = pages.find((p) => p === this.from());
    return from ?? pages.find((p) => p !== 'mine') ?? pages[0] ?? 'board';
  });
  protected readonly withProgress = computed(() => {
    const plan = this.plan();
    return plan !== null && PROGRESS_STATUSES.includes(plan.status);
  });
  protected readonly dueMonth = computed(() => {
    const plan = this.plan();
    return plan ? endedMonths(plan.year, chinaDateOf(this.now())) : 12;
  });
  protected readonly deadline = computed(() => {
    const plan = this.plan();
    return plan ? dateParams(plan.deadline) : null;
  });
  protected readonly exportName = computed(() => {
    const plan = this.plan();
    return plan ? this.i18n.t('plans.export.fileName', { unit: plan.unit.name, year: plan.year }) : '';
  });

  /** The open 汇总上报 / 备案 / 退回 dialog. */
  protected readonly decision = signal<ReviewDecision | null>(null);
  protected readonly texts = computed(() => DECISION_TEXTS[this.decision() ?? 'file']);
  /** Who the plan waits for, in words (null when it does not wait at the level above). */
  protected readonly stepKey = computed<TranslationKey | null>(() => {
    const step = this.plan()?.reviewStep;
    return step ? (`plans.step.${step}` as TranslationKey) : null;
  });
  protected readonly acting = signal(false);
  protected readonly comment = new FormControl('', {
    nonNullable: true,
    validators: reviewComment(() => this.decision() === 'return'),
  });

  protected open(decision: ReviewDecision): void {
    this.comment.reset('');
    this.decision.set(decision);
  }

  protected close(): void {
    if (!this.acting()) this.decision.set(null);
  }

  protected commentError(): string {
    const issue = this.comment.dirty ? firstIssue(this.comment) : null;
    return issue ? this.i18n.t(issue.key, issue.params as TranslationParams) : '';
  }

  protected async confirm(): Promise<void> {
    const decision = this.decision();
    const plan = this.plan();
    if (!decision || !plan || this.acting()) return;
    this.comment.markAsDirty();
    this.comment.updateValueAndValidity();
    if (this.comment.invalid) return;
    const comment = this.comment.value.trim();
    this.acting.set(true);
    try {
      const updated = await firstValueFrom(
        decision === 'forward'
          ? this.api.forward(plan.id, comment || null)
          : decision === 'file'
            ? this.api.file(plan.id, comment || null)
            : this.api.return(plan.id, comment),
      );
      this.detail.set(updated);
      this.message.success(this.i18n.t(DONE[decision]));
      this.decision.set(null);
    } catch (error) {
      // The toast says why; on a conflict (someone else decided first) show the current state.
      if (error instanceof HttpErrorResponse && error.status === 409) {
        this.decision.set(null);
        this.detail.reload();
      }
    } finally {
      this.acting.set(false);
    }
  }
}
