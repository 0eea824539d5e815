import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { type Observable, firstValueFrom, forkJoin, of } from 'rxjs';
import { chinaDateOf } from '../core/china-date';
import { CurrentUser } from '../core/current-user';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import {
  type MeasureDraft,
  type MeasureField,
  type MeasureProblem,
  buildMeasures,
  fieldsOf,
  isMajor,
  measureDraft,
  measureProblems,
} from './decision-measures';
import { type FindingsSection, decisionLink, findingLink, isDecidable } from './findings-access';
import { type Finding, FindingsApi, MEASURE_KINDS, type MeasureKind, type NewDecisionRequest } from './findings-api';
import { FINDING_STATUS_LABELS, FindingsNav, MEASURE_KIND_LABELS, errorText, formatAmount } from './findings-labels';
import { CLOCK } from '../core/clock';
import { amountInputText } from '../core/money';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { DayPicker } from '../shell/day-picker';

/**
 * 协议处理: the handling agency decides on confirmed findings of one institution — the measures
 * (8 kinds, each with its own fields) and the basis (agreement clause, reasoning). A minor
 * decision is effective at once; a major one waits for a second user's legal review.
 */
@Component({
  selector: 'app-decision-form',
  imports: [DayPicker, NzSelectModule, FormsModule, RouterLink, NzAlertModule, NzButtonModule, NzIconModule, NzInputModule, NzModalModule, NzSpinModule, NzTableModule, FindingsNav, TPipe],
  template: `
    <section class="panel">
      <app-findings-nav [section]="section()" />
      <header class="toolbar">
        <h1>{{ 'decision.form.heading' | t }}</h1>
        <a nz-button [routerLink]="['/', section(), 'findings', 'list']" [queryParams]="{ status: 'confirmed' }">{{ 'finding.back' | t }}</a>
      </header>
      @if (!ids().length) {
        <p class="error" data-testid="decision-form-empty">{{ 'decision.form.noFindings' | t }}</p>
      } @else if (loaded.error()) {
        <p class="error" data-testid="decision-form-error">{{ 'finding.loadFailed' | t }}</p>
      } @else if (findings(); as findings) {
        <dl class="facts">
          <div>
            <dt>{{ 'finding.col.institution' | t }}</dt>
            <dd data-testid="decision-form-institution">{{ findings[0]!.institution.name }}（{{ findings[0]!.institution.regionName }}）</dd>
          </div>
          <div>
            <dt>{{ 'decision.form.findingTotal' | t }}</dt>
            <dd data-testid="decision-form-total">{{ 'finding.amountValue' | t: { amount: amount(total()) } }}</dd>
          </div>
        </dl>
        <div class="table-wrap">
          <nz-table #table nzSize="small" [nzData]="findings" [nzShowPagination]="false" [nzFrontPagination]="false">
            <thead>
              <tr>
                <th>{{ 'finding.col.type' | t }}</th>
                <th class="col-wide">{{ 'finding.col.description' | t }}</th>
                <th class="num">{{ 'finding.col.amount' | t }}</th>
                <th>{{ 'finding.col.clinician' | t }}</th>
                <th>{{ 'finding.col.status' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (f of table.data; track f.id) {
                <tr data-testid="decision-form-finding">
                  <td><a [routerLink]="findingLink(f.id)">{{ f.type }}</a></td>
                  <td class="col-wide clamp">{{ f.description }}</td>
                  <td class="num">{{ amount(f.amount) }}</td>
                  <td>{{ f.clinicianName ?? '—' }}</td>
                  <td>{{ statusLabels[f.status] | t }}</td>
                </tr>
              }
            </tbody>
          </nz-table>
        </div>
        @if (problem(); as problem) {
          <nz-alert class="notice" nzType="error" nzShowIcon data-testid="decision-form-invalid" [nzMessage]="problem | t" />
        }

        <h2>{{ 'decision.measures' | t }}</h2>
        @for (m of drafts(); track $index; let i = $index) {
          <div class="finding" data-testid="decision-measure" [class.overdue]="shown()[i]?.length">
            <div class="form-row">
              <label>
                {{ 'decision.form.kind' | t }}
                <nz-select class="select" data-testid="decision-measure-kind" [attr.aria-label]="'decision.form.kind' | t" [ngModel]="m.kind" (ngModelChange)="setKind(i, $event)">
                  @for (k of kinds; track k) {
                    <nz-option [nzValue]="k" [nzLabel]="kindLabels[k] | t" />
                  }
                </nz-select>
              </label>
              @if (has(m, 'clinicianName')) {
                <label>
                  {{ 'decision.form.clinician' | t }}
                  <input nz-input data-testid="decision-measure-clinician" maxlength="60" [class.ant-input-status-error]="invalid(i, 'clinicianName')" [ngModel]="m.clinicianName" (ngModelChange)="set(i, { clinicianName: $event })" />
                </label>
              }
              @if (has(m, 'amount')) {
                <label>
                  {{ 'decision.form.amount' | t }}
                  <input nz-input inputmode="decimal" placeholder="0.00" data-testid="decision-measure-amount" [class.ant-input-status-error]="invalid(i, 'amount')" [ngModel]="m.amount" (ngModelChange)="set(i, { amount: $event })" />
                </label>
              }
              @if (has(m, 'rectificationDue')) {
                <label>
                  {{ 'decision.form.due' | t }}
                  <app-day-picker data-testid="decision-measure-due" [min]="today()" [status]="invalid(i, 'rectificationDue') ? 'error' : ''" [ngModel]="m.rectificationDue" (ngModelChange)="set(i, { rectificationDue: $event })" />
                </label>
              }
              <button nz-button nzType="text" nzDanger type="button" data-testid="decision-measure-remove" [attr.aria-label]="'decision.form.remove' | t" (click)="remove(i)">
                <nz-icon nzType="delete" />
              </button>
            </div>
            @for (p of shown()[i] ?? []; track p.field) {
              <p class="error" data-testid="decision-measure-error">{{ p.key | t }}</p>
            }
          </div>
        } @empty {
          <p class="hint" data-testid="decision-measures-none">{{ 'decision.form.measuresNone' | t }}</p>
        }
        <div class="actions">
          <button nz-button type="button" data-testid="decision-measure-add" (click)="add()"><nz-icon nzType="plus" />{{ 'decision.form.add' | t }}</button>
        </div>
        @if (attempted() && noMeasures()) {
          <p class="error" data-testid="decision-measures-required">{{ 'decision.form.measuresRequired' | t }}</p>
        }

        <h2>{{ 'decision.basis' | t }}</h2>
        <textarea
          nz-input
          rows="4"
          maxlength="4000"
          data-testid="decision-basis"
          [class.ant-input-status-error]="attempted() && !basis().trim()"
          [placeholder]="'decision.form.basisPlaceholder' | t"
          [ngModel]="basis()"
          (ngModelChange)="basis.set($event)"
        ></textarea>
        @if (attempted() && !basis().trim()) {
          <p class="error" data-testid="decision-basis-error">{{ 'decision.form.basisRequired' | t }}</p>
        }

        @if (major()) {
          <nz-alert class="notice" nzType="warning" nzShowIcon data-testid="decision-major-hint" [nzMessage]="'decision.form.majorHint' | t" />
        }
        @if (serverError()) {
          <p class="error" data-testid="decision-server-error">{{ serverError() }}</p>
        }
        <div class="actions">
          <button nz-button nzType="primary" type="button" data-testid="decision-submit" [disabled]="problem() !== null" [nzLoading]="busy()" (click)="submit()">
            <nz-icon nzType="send" />{{ 'decision.form.submit' | t }}
          </button>
        </div>
      } @else {
        <div class="loading"><nz-spin nzSimple /></div>
      }
    </section>
  `,
  styleUrls: ['../shell/feature-page.css', './findings.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DecisionForm {
  private readonly api = inject(FindingsApi);
  private readonly user = inject(CurrentUser);
  private readonly router = inject(Router);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly modal = inject(NzModalService);
  private readonly now = inject(CLOCK);

  /** Query parameter: the finding ids, comma-separated. */
  readonly findingIds = input<string>();
  readonly section = input<FindingsSection>('local');

  protected readonly kinds = MEASURE_KINDS;
  protected readonly kindLabels = MEASURE_KIND_LABELS;
  protected readonly statusLabels = FINDING_STATUS_LABELS;
  protected readonly amount = formatAmount;
  protected readonly today = computed(() => chinaDateOf(this.now()));

  protected readonly ids = computed(() => [...new Set((this.findingIds() ?? '').split(',').map((s) => s.trim()).filter(Boolean))]);
  protected readonly loaded = rxResource({
    params: () => ({ ids: this.ids() }),
    stream: ({ params }): Observable<Finding[]> => (params.ids.length ? forkJoin(params.ids.map((id) => this.api.finding(id))) : of([])),
  });
  protected readonly findings = computed(() => (this.loaded.hasValue() && this.loaded.value().length ? this.loaded.value() : null));
  protected readonly total = computed(() => (this.findings() ?? []).reduce((sum, f) => sum + f.amount, 0));
  /** Findings of several institutions, not decidable, or not this agency's: nothing can be sent. */
  protected readonly problem = computed(() => {
    const findings = this.findings() ?? [];
    if (new Set(findings.map((f) => f.institution.id)).size > 1) return 'decision.form.oneInstitution' as const;
    if (findings.some((f) => !isDecidable(f))) return 'decision.form.notDecidable' as const;
    const org = this.user.me()?.organization.id;
    if (findings.some((f) => f.handlingAgencyId !== org)) return 'decision.form.notHandling' as const;
    return null;
  });

  /** Starts with one measure; the clinician of the findings is suggested for clinician measures. */
  protected readonly drafts = linkedSignal<MeasureDraft[]>(() => (this.findings() ? [measureDraft('talk')] : []));
  protected readonly basis = signal('');
  protected readonly attempted = signal(false);
  protected readonly busy = signal(false);
  protected readonly serverError = signal('');

  private readonly problems = computed(() => this.drafts().map((d) => measureProblems(d, this.today())));
  /** Problems are shown once the user tried to send. */
  protected readonly shown = computed<MeasureProblem[][]>(() => (this.attempted() ? this.problems() : []));
  protected readonly noMeasures = computed(() => this.drafts().length === 0);
  protected readonly major = computed(() => {
    const built = buildMeasures(this.drafts(), this.today());
    return 'measures' in built && isMajor(built.measures);
  });

  protected findingLink(findingId: string): string[] {
    return findingLink(this.section(), findingId);
  }

  protected has(draft: MeasureDraft, field: MeasureField): boolean {
    return fieldsOf(draft.kind).includes(field);
  }

  protected invalid(index: number, field: MeasureField): boolean {
    return (this.shown()[index] ?? []).some((p) => p.field === field);
  }

  protected set(index: number, change: Partial<MeasureDraft>): void {
    this.drafts.update((list) => list.map((d, i) => (i === index ? { ...d, ...change } : d)));
  }

  protected setKind(index: number, kind: MeasureKind): void {
    const draft = this.drafts()[index];
    if (!draft) return;
    this.set(index, { kind, ...this.suggestions(kind, draft) });
  }

  protected add(): void {
    this.drafts.update((list) => [...list, measureDraft('talk')]);
  }

  protected remove(index: number): void {
    this.drafts.update((list) => list.filter((_, i) => i !== index));
  }

  /** Fills in what the findings say when a field of the new kind is still empty. */
  private suggestions(kind: MeasureKind, draft: MeasureDraft): Partial<MeasureDraft> {
    const fields = fieldsOf(kind);
    const findings = this.findings() ?? [];
    const change: Partial<MeasureDraft> = {};
    const clinician = findings.find((f) => f.clinicianName)?.clinicianName;
    if (fields.includes('clinicianName') && !draft.clinicianName && clinician) change.clinicianName = clinician;
    if (fields.includes('amount') && !draft.amount && kind === 'refuse_payment' && this.total() > 0) change.amount = amountInputText(this.total());
    return change;
  }

  protected submit(): void {
    if (this.busy() || this.problem()) return;
    this.attempted.set(true);
    const built = buildMeasures(this.drafts(), this.today());
    const basis = this.basis().trim();
    if (!('measures' in built) || !basis) return;
    const findings = this.findings()!;
    const request: NewDecisionRequest = { findingIds: findings.map((f) => f.id), measures: built.measures, basis };
    this.modal.confirm({
      nzTitle: this.i18n.t('decision.form.confirmTitle'),
      nzContent: this.i18n.t(isMajor(built.measures) ? 'decision.form.confirmMajor' : 'decision.form.confirmMinor', { institution: findings[0]!.institution.name }),
      nzOkText: this.i18n.t('decision.form.submit'),
      nzCancelText: this.i18n.t('finding.cancel'),
      nzOnOk: () => this.send(request),
    });
  }

  private async send(request: NewDecisionRequest): Promise<void> {
    this.busy.set(true);
    this.serverError.set('');
    try {
      const decision = await firstValueFrom(this.api.createDecision(request));
      this.message.success(this.i18n.t('decision.form.done'));
      await this.router.navigate(decisionLink(this.section(), decision.id));
    } catch (error) {
      this.serverError.set(errorText(error, this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
