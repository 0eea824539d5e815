import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom, of } from 'rxjs';
import { CurrentUser } from '../core/current-user';
import { type AuditPlan, type UncoveredAgency, isApiErrorBody } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { PlanYearSelect, planYearOf } from '../plans/plan-nav';
import { type IcSection, canRunAudits } from './ic-access';
import { IcApi } from './ic-api';
import { IcStatusTag } from './ic-labels';
import { IcNav } from './ic-nav';
import { CLOCK } from '../core/clock';
import { DayPicker } from '../shell/day-picker';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The agencies a 409 `ic_plan_uncovered` names, whether `details` is the list or wraps it. */
export function uncoveredOf(error: unknown): UncoveredAgency[] | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 409 || !isApiErrorBody(error.error)) return null;
  if (error.error.error.code !== 'ic_plan_uncovered') return null;
  const details = error.error.error.details as unknown;
  const list = Array.isArray(details)
    ? details
    : ((details as { uncoveredAgencies?: unknown; agencies?: unknown } | undefined)?.uncoveredAgencies ??
      (details as { agencies?: unknown } | undefined)?.agencies);
  return Array.isArray(list) ? (list as UncoveredAgency[]) : [];
}

/** Inspector ids typed as a list (commas, spaces or line breaks between them). */
export function parseIds(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).filter(Boolean))];
}

/**
 * 年度内控检查计划: the province creates the year's plan, adds an audit per agency (dates, team),
 * draws the teams, sees which agencies are not covered yet and publishes. Others read it.
 */
@Component({
  selector: 'app-ic-plan',
  imports: [
    DayPicker,
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSelectModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    IcNav,
    IcStatusTag,
    PlanYearSelect,
    TPipe,
  ],
  templateUrl: './ic-plan.html',
  styleUrl: '../shell/feature-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IcPlanPage {
  private readonly api = inject(IcApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  readonly year = input<string>();
  readonly section = input<IcSection>('province');

  protected readonly selectedYear = computed(() => planYearOf(this.year(), this.now()));
  protected readonly canEdit = computed(() => canRunAudits(this.user.me(), this.section()));

  protected readonly plans = rxResource({
    params: () => ({ year: this.selectedYear() }),
    stream: ({ params }) => this.api.plans(params.year),
  });
  protected readonly plan = computed<AuditPlan | null>(() => (this.plans.hasValue() ? (this.plans.value().items[0] ?? null) : null));
  protected readonly loaded = computed(() => this.plans.hasValue());
  protected readonly draft = computed(() => this.plan()?.status === 'draft' && this.canEdit());

  /** The agency select of the add-audit dialog, loaded once the dialog first opens. */
  private readonly agenciesWanted = signal(false);
  protected readonly agencies = rxResource({
    params: () => this.agenciesWanted() || undefined,
    stream: ({ params }) => (params ? this.api.agencies() : of({ items: [], total: 0 })),
  });
  protected readonly agencyOptions = computed(() =>
    (this.agencies.hasValue() ? this.agencies.value().items : []).filter((o) => o.kind === 'agency'),
  );

  // Create the plan.
  protected title = '';
  protected periodStart = '';
  protected periodEnd = '';
  protected readonly busy = signal<string | null>(null);
  protected readonly createError = signal('');

  // Add an audit.
  protected readonly adding = signal(false);
  protected audit = { agencyId: '', noticeDate: '', selfAssessmentDue: '', fieldworkStart: '', fieldworkEnd: '', team: '' };
  protected readonly addError = signal('');

  protected teamSize = 3;
  /** The agencies the backend named when publishing was refused. */
  protected readonly publishUncovered = signal<UncoveredAgency[] | null>(null);

  protected selectYear(year: number): void {
    this.publishUncovered.set(null);
    void this.router.navigate([], { relativeTo: this.route, queryParams: { year }, replaceUrl: true });
  }

  protected teamNames(team: AuditPlan['audits'][number]['team']): string {
    return team.map((m) => m.name).join('、');
  }

  protected async create(): Promise<void> {
    const year = this.selectedYear();
    const title = this.title.trim() || this.i18n.t('ic.plan.defaultTitle', { year });
    if (!DATE.test(this.periodStart) || !DATE.test(this.periodEnd) || this.periodEnd < this.periodStart) {
      this.createError.set(this.i18n.t('ic.plan.periodInvalid'));
      return;
    }
    this.createError.set('');
    await this.run('create', async () => {
      const plan = await firstValueFrom(
        this.api.createPlan({ year, title, periodStart: this.periodStart, periodEnd: this.periodEnd }),
      );
      this.plans.set({ items: [plan] });
      this.message.success(this.i18n.t('ic.plan.created'));
    });
  }

  protected openAdd(): void {
    this.audit = { agencyId: '', noticeDate: '', selfAssessmentDue: '', fieldworkStart: '', fieldworkEnd: '', team: '' };
    this.addError.set('');
    this.agenciesWanted.set(true);
    this.adding.set(true);
  }

  protected async addAudit(): Promise<void> {
    const plan = this.plan();
    const a = this.audit;
    if (!plan) return;
    const dates = [a.noticeDate, a.selfAssessmentDue, a.fieldworkStart, a.fieldworkEnd];
    const team = parseIds(a.team);
    if (!a.agencyId) return this.addError.set(this.i18n.t('ic.plan.agencyRequired'));
    if (!dates.every((d) => DATE.test(d)) || !dates.every((d, i) => i === 0 || d >= dates[i - 1]!)) {
      return this.addError.set(this.i18n.t('ic.plan.datesInvalid'));
    }
    if (team.length === 1) return this.addError.set(this.i18n.t('ic.plan.teamTooSmall'));
    this.addError.set('');
    await this.run('add', async () => {
      await firstValueFrom(
        this.api.addAudit(plan.id, {
          agencyId: a.agencyId,
          noticeDate: a.noticeDate,
          selfAssessmentDue: a.selfAssessmentDue,
          fieldworkStart: a.fieldworkStart,
          fieldworkEnd: a.fieldworkEnd,
          teamInspectorIds: team,
        }),
      );
      this.adding.set(false);
      this.message.success(this.i18n.t('ic.plan.auditAdded'));
      this.plans.reload();
    });
  }

  protected async drawTeams(): Promise<void> {
    const plan = this.plan();
    if (!plan) return;
    const teamSize = Math.max(2, Math.floor(Number(this.teamSize) || 2));
    await this.run('draw', async () => {
      const updated = await firstValueFrom(this.api.drawTeams(plan.id, teamSize));
      this.plans.set({ items: [updated] });
      this.message.success(this.i18n.t('ic.plan.teamsDrawn'));
    });
  }

  protected publish(): void {
    const plan = this.plan();
    if (!plan) return;
    this.modal.confirm({
      nzTitle: this.i18n.t('ic.plan.publishTitle', { title: plan.title }),
      nzContent: this.i18n.t('ic.plan.publishBody', { audits: plan.audits.length }),
      nzOkText: this.i18n.t('ic.plan.publish'),
      nzCancelText: this.i18n.t('ic.cancel'),
      nzOnOk: () => this.confirmPublish(plan.id),
    });
  }

  private async confirmPublish(planId: string): Promise<void> {
    this.publishUncovered.set(null);
    this.busy.set('publish');
    try {
      const updated = await firstValueFrom(this.api.publish(planId));
      this.plans.set({ items: [updated] });
      this.message.success(this.i18n.t('ic.plan.published'));
    } catch (error) {
      const uncovered = uncoveredOf(error);
      if (uncovered) {
        this.publishUncovered.set(uncovered);
        this.plans.reload();
      }
    } finally {
      this.busy.set(null);
    }
  }

  private async run(action: string, work: () => Promise<void>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(action);
    try {
      await work();
    } catch {
      // The error interceptor has told the user.
    } finally {
      this.busy.set(null);
    }
  }
}
