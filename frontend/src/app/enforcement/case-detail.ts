import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { MoneyPipe } from '../core/money';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { type ExportFormat, ExportButtons } from '../shell/export-buttons';
import { HistoryTimeline } from '../shell/history-timeline';
import { caseStatusKey } from './case-list';
import { CASE_STEPS, type CaseStep, caseActionKey, stepBody } from './case-steps';
import { type CaseDetail, EnforcementApi } from './enforcement-api';
import { CurrentUser } from '../core/current-user';
import { PublicAttentionFlag } from '../major-cases/public-attention-flag';

/** 案件详情: the facts, each step's record, the steps the reader may take now, and the full record (全过程记录) with the documents' hashes. */
@Component({
  selector: 'app-case-detail',
  imports: [FormsModule, RouterLink, NzButtonModule, NzCheckboxModule, NzInputModule, NzSelectModule, NzTagModule, ExportButtons, HistoryTimeline, MoneyPipe, PublicAttentionFlag, TPipe],
  template: `
    <section class="panel">
      <p><a routerLink="../../list">{{ 'enforcement.detail.back' | t }}</a></p>
      @if (kase.error()) {
        <p class="error" data-testid="case-not-found">{{ 'enforcement.detail.notFound' | t }}</p>
      } @else if (view(); as v) {
        <header class="toolbar"><h1>{{ 'enforcement.detail.title' | t }} {{ v.caseNo }}：{{ v.subject }}</h1>
          <app-export-buttons [formats]="dossierFormat" [fetch]="dossier" [baseName]="'行政执法案件卷宗-第' + v.caseNo + '号'" /></header>
        <dl class="facts" data-testid="case-facts">
          <dt>{{ 'enforcement.col.status' | t }}</dt>
          <dd data-testid="case-status">{{ statusKey(v.status) | t }}
            @if (v.major) { <nz-tag nzColor="warning">{{ 'enforcement.major' | t }}</nz-tag> }
            @if (v.overdue) { <nz-tag nzColor="error">{{ 'enforcement.overdue' | t }}</nz-tag> }
            @if (v.publishedAt) { <nz-tag nzColor="success">{{ 'enforcement.detail.published' | t }}</nz-tag> }</dd>
          <dt>{{ 'enforcement.col.bureau' | t }}</dt><dd>{{ v.bureau.name }}</dd>
          <dt>{{ 'enforcement.col.institution' | t }}</dt><dd>{{ v.institution?.name ?? '—' }}（{{ v.region.name }}）</dd>
          <dt>{{ 'enforcement.col.due' | t }}</dt><dd data-testid="case-due">{{ v.dueDate ?? '—' }}</dd>
          <dt>{{ 'enforcement.col.amount' | t }}</dt><dd class="money">{{ v.amountInvolved | money }}</dd>
          <dt>{{ 'enforcement.detail.facts' | t }}</dt><dd class="pre">{{ v.facts }}</dd>
          @if (v.investigation.officers.length) {
            <dt>{{ 'enforcement.detail.officers' | t }}</dt><dd data-testid="case-officers">{{ officerNames(v) }}</dd>
          }
          @if (v.notice; as n) {
            <dt>{{ 'enforcement.detail.notice' | t }}</dt>
            <dd>{{ 'enforcement.field.proposedPenalty' | t }} <span class="money">{{ n.proposedPenalty | money: 'exact' }}</span> ·
              {{ 'enforcement.field.proposedRecovery' | t }} <span class="money">{{ n.proposedRecovery | money: 'exact' }}</span><div class="pre">{{ n.legalBasis }}</div></dd>
          }
          @if (v.statement; as s) {
            <dt>{{ 'enforcement.detail.statement' | t }}</dt>
            <dd class="pre" data-testid="case-statement">{{ s.statement }}@if (s.defence) { — {{ s.defence }} }
              （{{ 'enforcement.detail.hearing' | t }}：{{ (s.hearingRequested ? 'enforcement.detail.yes' : 'enforcement.detail.no') | t }}）</dd>
          }
          @if (v.legalReview; as r) {
            <dt>{{ 'enforcement.detail.legalReview' | t }}</dt><dd data-testid="case-legal-review">{{ r.by }}：{{ r.opinion }}</dd>
          }
          @if (v.deliberation; as d) {
            <dt>{{ 'enforcement.detail.deliberation' | t }}</dt><dd>{{ d.participants.join('、') }}：{{ d.conclusion }}</dd>
          }
          @if (v.decision; as d) {
            <dt>{{ 'enforcement.detail.decision' | t }}</dt>
            <dd data-testid="case-decision">{{ 'enforcement.col.penalty' | t }} <span class="money">{{ d.penaltyAmount | money: 'exact' }}</span> ·
              {{ 'enforcement.col.recovery' | t }} <span class="money">{{ d.recoveryAmount | money: 'exact' }}</span><div class="pre">{{ d.summary }}</div></dd>
          }
          @if (v.service; as s) {
            <dt>{{ 'enforcement.detail.service' | t }}</dt><dd>{{ s.method }} · {{ s.recipient }} · {{ s.servedOn }}</dd>
          }
        </dl>

        @if (mayTransferOut()) {
          <p class="buttons">
            <a nz-button data-testid="case-outward" routerLink="../../../transfers/outward/new" [queryParams]="{ caseId: v.id }">{{ 'transfers.outward.action' | t }}</a>
            <a nz-button nzType="link" data-testid="case-outward-list" routerLink="../../../transfers/outward" [queryParams]="{ caseId: v.id }">{{ 'transfers.tab.outward' | t }}</a>
            <app-public-attention-flag [caseId]="v.id" />
          </p>
        }
        @for (s of available(); track s.step) {
          <section class="action" [attr.data-testid]="'case-step-' + s.step">
            <h2>{{ stepKey(s) | t }}</h2>
            @for (field of s.fields; track field.name) {
              @if (field.kind === 'bool') {
                <label nz-checkbox [attr.data-testid]="'case-' + s.step + '-' + field.name" [ngModel]="values[s.step + '.' + field.name] === true" (ngModelChange)="values[s.step + '.' + field.name] = $event">{{ field.label | t }}</label>
              } @else if (field.kind === 'officers') {
                <div class="field">
                  <label [id]="'case-' + s.step + '-' + field.name + '-label'">{{ field.label | t }}</label>
                  <nz-select nzMode="multiple" nzShowSearch [attr.aria-labelledby]="'case-' + s.step + '-' + field.name + '-label'"
                    [attr.data-testid]="'case-' + s.step + '-' + field.name" [ngModel]="values[s.step + '.' + field.name] ?? []" (ngModelChange)="values[s.step + '.' + field.name] = $event">
                    @for (p of v.officerCandidates; track p.userId) {
                      <nz-option [nzValue]="p.userId" [nzLabel]="p.name" />
                    }
                  </nz-select>
                </div>
              } @else {
                <div class="field">
                  <label [for]="'case-' + s.step + '-' + field.name">{{ field.label | t }}</label>
                  @if (field.kind === 'textarea' || field.kind === 'lines') {
                    <textarea nz-input rows="3" [id]="'case-' + s.step + '-' + field.name" [name]="s.step + '.' + field.name" [attr.data-testid]="'case-' + s.step + '-' + field.name" [(ngModel)]="values[s.step + '.' + field.name]"></textarea>
                  } @else {
                    <input nz-input [id]="'case-' + s.step + '-' + field.name" [name]="s.step + '.' + field.name" [attr.inputmode]="field.kind === 'int' ? 'numeric' : null" [attr.data-testid]="'case-' + s.step + '-' + field.name" [(ngModel)]="values[s.step + '.' + field.name]" />
                  }
                </div>
              }
            }
            <div class="buttons">
              @if (s.decision) {
                <button nz-button nzType="primary" type="button" [attr.data-testid]="'case-' + s.step + '-approve'" (click)="run(s, true)">{{ 'enforcement.field.approve' | t }}</button>
                <button nz-button type="button" [attr.data-testid]="'case-' + s.step + '-refuse'" (click)="run(s, false)">{{ 'enforcement.field.refuse' | t }}</button>
              } @else {
                <button nz-button nzType="primary" type="button" [attr.data-testid]="'case-' + s.step + '-submit'" (click)="run(s)">{{ stepKey(s) | t }}</button>
              }
            </div>
          </section>
        }

        <h2>{{ 'enforcement.detail.timeline' | t }}</h2>
        <app-history-timeline testId="case-timeline" [entries]="timeline()" [label]="actionLabel" />
      }
    </section>
  `,
  styles: `
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; }
    .facts dt { color: #595959; }
    .facts dd { margin: 0; }
    .pre { white-space: pre-wrap; }
    .action { margin-top: 20px; display: flex; flex-direction: column; gap: 8px; max-width: 640px; align-items: flex-start; }
    .action h2 { font-size: 16px; margin: 0; }
    .field { display: flex; flex-direction: column; gap: 4px; width: 100%; }
    .field nz-select { width: 100%; }
    .buttons { display: flex; gap: 8px; }
    .error { color: #a8071a; }
  `,
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseDetailPage {
  private readonly api = inject(EnforcementApi);
  private readonly i18n = inject(TranslationService);
  /** A timeline action in the reader's language (the backend writes codes: filed, record_interview, …). */
  protected readonly actionLabel = (action: string) => {
    const key = caseActionKey(action);
    return key ? this.i18n.t(key) : action;
  };
  readonly id = input.required<string>();

  protected readonly statusKey = caseStatusKey;
  /** The case file (卷宗) as a PDF: an authenticated download (ExportButtons). */
  protected readonly dossierFormat: readonly ExportFormat[] = [{ format: 'pdf', label: 'enforcement.detail.dossier', icon: 'file-pdf', testId: 'case-dossier-pdf' }];
  protected readonly dossier = () => this.api.dossier(this.id());
  protected readonly stepKey = (s: CaseStep) => `enforcement.step.${s.step}` as TranslationKey;
  /** The forms' values, keyed `<step>.<field>`. */
  protected values: Record<string, unknown> = {};

  private readonly changed = signal<CaseDetail | null>(null);
  protected readonly kase = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.get(params) });
  protected readonly view = computed(() => this.changed() ?? (this.kase.hasValue() ? this.kase.value() : null));
  private readonly user = inject(CurrentUser);
  /** 移送 (transfers/outward-form.ts): the case's own bureau, once the case is filed. A transfer to the police never closes it. */
  protected readonly mayTransferOut = computed(() => {
    const v = this.view();
    const me = this.user.me();
    return !!v && !!me && me.organization.kind === 'bureau' && me.organization.id === v.bureau.id && v.status !== 'proposed' && v.status !== 'rejected';
  });
  protected readonly available = computed(() => {
    const v = this.view();
    return v ? CASE_STEPS.filter((s) => v.can[s.can]) : [];
  });
  /** The timeline, each step's documents with their SHA-256 (全过程记录). */
  protected readonly timeline = computed(() => (this.view()?.timeline ?? []).map((h) => ({
    at: h.at, action: h.action, by: h.by,
    comment: [h.comment, ...h.documents.map((d) => `${d.filename} SHA-256 ${d.sha256}`)].filter(Boolean).join('；') || null,
  })));
  protected readonly officerNames = (v: CaseDetail) => v.investigation.officers.map((o) => o.name).join('、');

  protected async run(step: CaseStep, approve?: boolean): Promise<void> {
    const values: Record<string, unknown> = {};
    for (const field of step.fields) values[field.name] = this.values[`${step.step}.${field.name}`];
    try {
      this.changed.set(await firstValueFrom(this.api.step(this.id(), step.step, stepBody(step, values, approve, this.view()?.officerCandidates ?? []))));
      this.values = {};
    } catch {
      // The error interceptor shows the API's bilingual message; the page keeps the case as it was.
    }
  }
}
