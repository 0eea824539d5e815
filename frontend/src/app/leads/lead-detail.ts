import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { firstValueFrom, of } from 'rxjs';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { MoneyPipe } from '../core/money';
import { TPipe } from '../i18n/t-pipe';
import { DayPicker } from '../shell/day-picker';
import { TranslationService } from '../i18n/translation';
import { HistoryTimeline } from '../shell/history-timeline';
import { LEAD_RESULTS, type LeadDetail, type LeadResult, LeadsApi, type UnitOption } from './leads-api';
import { leadResultKey, leadSourceKey, leadStatusKey } from './lead-labels';
import { CurrentUser } from '../core/current-user';
import { mayTransferLead, transferFormLink } from '../transfers/transfer-source';

const ACTION_ZH: Record<string, string> = {
  registered: '登记', assessed_valuable: '研判：有价值', dismissal_proposed: '提出无价值', dismissal_approved: '同意认定无价值', dismissal_rejected: '不同意认定无价值',
  dismissed: '研判：无价值', assigned: '交办', investigating: '开始核查', closed_violation_confirmed: '办结：查实违规', closed_not_confirmed: '办结：查无实据',
  closed_transferred: '办结：移交其他部门', reported: '报告结果', accepted_forwarded: '审核认可并上报', accepted: '审核认可', returned: '退回重新核查',
  extension_requested: '申请延期', extension_approved: '同意延期', extension_refused: '不同意延期', overdue: '逾期',
};
const ACTION_EN: Record<string, string> = {
  registered: 'registered', assessed_valuable: 'assessed valuable', dismissal_proposed: 'proposed as not valuable', dismissal_approved: 'not valuable, approved',
  dismissal_rejected: 'dismissal refused', dismissed: 'assessed not valuable', assigned: 'assigned', investigating: 'investigating', closed_violation_confirmed: 'closed: violation confirmed',
  closed_not_confirmed: 'closed: not confirmed', closed_transferred: 'closed: transferred', reported: 'result reported', accepted_forwarded: 'accepted and reported up',
  accepted: 'accepted', returned: 'returned', extension_requested: 'extension requested', extension_approved: 'extension approved', extension_refused: 'extension refused', overdue: 'overdue',
};

/** The history action as the timeline shows it, in the current language (the backend's code when unknown). */
export function leadActionLabel(action: string, zh: boolean): string {
  return (zh ? ACTION_ZH : ACTION_EN)[action] ?? action;
}

/** The units a lead may go down to from its holder (the backend's rule): below it, or the agency beside a bureau. */
export function assignableUnits(holder: UnitOption, units: readonly UnitOption[]): UnitOption[] {
  return units.filter((u) => u.id !== holder.id && u.kind !== 'institution' && u.regionPath.startsWith(holder.regionPath)
    && (u.regionPath !== holder.regionPath || (holder.kind === 'bureau' && u.kind === 'agency')));
}

/** 线索详情: the facts, the chain of assignments, the actions the reader's unit may take now, the history. */
@Component({
  selector: 'app-lead-detail',
  imports: [DatePipe, DayPicker, FormsModule, RouterLink, NzButtonModule, NzInputModule, NzSelectModule, NzTagModule, HistoryTimeline, MoneyPipe, TPipe],
  template: `
    <section class="panel">
      <p><a routerLink="../../list">{{ 'leads.detail.back' | t }}</a></p>
      @if (lead.error()) {
        <p class="error" data-testid="lead-not-found">{{ 'leads.detail.notFound' | t }}</p>
      } @else if (view(); as v) {
        <header class="toolbar"><h1>{{ 'leads.detail.title' | t }} {{ v.ledgerNo }}：{{ v.subject }}</h1></header>
        <dl class="facts" data-testid="lead-facts">
          <dt>{{ 'leads.col.status' | t }}</dt>
          <dd data-testid="lead-status">{{ statusKey(v.status) | t }} @if (v.overdue) { <nz-tag nzColor="error">{{ 'leads.overdue' | t }}</nz-tag> }</dd>
          <dt>{{ 'leads.col.source' | t }}</dt><dd>{{ sourceKey(v.source) | t }}@if (v.sourceRef) { （{{ v.sourceRef }}） }</dd>
          <dt>{{ 'leads.detail.registeredBy' | t }}</dt><dd>{{ v.registeredBy.name }} · {{ v.registeredAt | date: 'yyyy-MM-dd' : '+0800' }}</dd>
          <dt>{{ 'leads.col.holder' | t }}</dt><dd data-testid="lead-holder">{{ v.holder.name }}</dd>
          @if (v.assignedBy) { <dt>{{ 'leads.col.assignedBy' | t }}</dt><dd>{{ v.assignedBy.name }}</dd> }
          <dt>{{ 'leads.col.due' | t }}</dt><dd data-testid="lead-due">{{ v.dueDate ?? '—' }}</dd>
          <dt>{{ 'leads.detail.region' | t }}</dt><dd>{{ v.region.name }}（{{ v.region.code }}）</dd>
          <dt>{{ 'leads.col.institution' | t }}</dt><dd>{{ v.institution?.name ?? '—' }}</dd>
          <dt>{{ 'leads.col.amount' | t }}</dt><dd class="money">{{ v.amountInvolved | money }}</dd>
          <dt>{{ 'leads.detail.facts' | t }}</dt><dd class="pre">{{ v.facts }}</dd>
          @if (v.assessmentReasons) { <dt>{{ 'leads.detail.assessment' | t }}</dt><dd>{{ v.assessmentReasons }}</dd> }
          @if (v.dismissal; as d) { <dt>{{ 'leads.detail.dismissal' | t }}</dt><dd>{{ d.by }}：{{ d.reasons }}</dd> }
          @if (v.inspectionId) { <dt>{{ 'leads.detail.inspection' | t }}</dt><dd><a [routerLink]="['/inspections', v.inspectionId]">{{ v.inspectionId.slice(0, 8) }}</a></dd> }
          @if (v.result) {
            <dt>{{ 'leads.col.result' | t }}</dt><dd data-testid="lead-result">{{ resultKey(v.result) | t }}@if (v.confirmedAmount) { · <span class="money">{{ v.confirmedAmount | money: 'exact' }}</span> }</dd>
            <dt>{{ 'leads.detail.summary' | t }}</dt><dd class="pre">{{ v.resultSummary }}</dd>
          }
          @if (v.reportedTo) { <dt>{{ 'leads.detail.reportedTo' | t }}</dt><dd>{{ v.reportedTo.name }}</dd> }
          @if (v.extension; as x) { <dt>{{ 'leads.detail.extension' | t }}</dt><dd>{{ x.dueDate }}：{{ x.reason }}（{{ x.by }}）</dd> }
        </dl>

        @if (v.assignments.length) {
          <h2>{{ 'leads.detail.chain' | t }}</h2>
          <ol data-testid="lead-chain">
            @for (a of v.assignments; track $index) { <li>{{ a.from.name }} → {{ a.to.name }} · {{ a.at | date: 'yyyy-MM-dd' : '+0800' }} · {{ 'leads.col.due' | t }} {{ a.dueDate }}</li> }
          </ol>
        }

        @if (v.can.assess) {
          <section class="action" data-testid="lead-assess">
            <div class="field"><label for="lead-reasons">{{ 'leads.action.reasons' | t }}</label><input nz-input id="lead-reasons" name="reasons" [(ngModel)]="reasons" /></div>
            <div class="buttons">
              <button nz-button nzType="primary" type="button" data-testid="lead-valuable" (click)="act('assess', { valuable: true, reasons })">{{ 'leads.action.valuable' | t }}</button>
              <button nz-button type="button" data-testid="lead-not-valuable" (click)="act('assess', { valuable: false, reasons })">{{ 'leads.action.notValuable' | t }}</button>
            </div>
          </section>
        }
        @if (v.can.decideDismissal) {
          <section class="action" data-testid="lead-dismissal">
            <div class="field"><label for="lead-dismissal-comment">{{ 'leads.action.comment' | t }}</label><input nz-input id="lead-dismissal-comment" name="dismissalComment" [(ngModel)]="comment" /></div>
            <div class="buttons">
              <button nz-button nzType="primary" type="button" data-testid="lead-dismissal-approve" (click)="act('dismissal', { approve: true, comment })">{{ 'leads.action.approve' | t }}</button>
              <button nz-button type="button" data-testid="lead-dismissal-reject" (click)="act('dismissal', { approve: false, comment })">{{ 'leads.action.reject' | t }}</button>
            </div>
          </section>
        }
        @if (v.can.assign) {
          <section class="action" data-testid="lead-assign">
            <div class="field">
              <label for="lead-assign-to">{{ 'leads.action.assignTo' | t }}</label>
              <nz-select nzId="lead-assign-to" name="assignTo" nzShowSearch data-testid="lead-assign-to" [(ngModel)]="assignTo">
                @for (u of assignable(); track u.id) { <nz-option [nzValue]="u.id" [nzLabel]="u.name" /> }
              </nz-select>
            </div>
            <div class="field"><label for="lead-assign-due">{{ 'leads.action.assignDue' | t }}</label><app-day-picker inputId="lead-assign-due" name="assignDue" [(ngModel)]="assignDue" /></div>
            <button nz-button nzType="primary" type="button" data-testid="lead-assign-submit" (click)="act('assign', assignDue ? { toOrgId: assignTo, dueDate: assignDue } : { toOrgId: assignTo })">{{ 'leads.action.assign' | t }}</button>
          </section>
        }
        @if (v.can.investigate && v.status !== 'investigating') {
          <section class="action" data-testid="lead-investigate">
            @if (inspections().length) {
              <div class="field">
                <label for="lead-inspection">{{ 'leads.action.inspection' | t }}</label>
                <nz-select nzId="lead-inspection" name="inspection" data-testid="lead-inspection" [(ngModel)]="inspectionId">
                  @for (i of inspections(); track i.id) { <nz-option [nzValue]="i.id" [nzLabel]="(i.plannedOn ?? '') + ' · ' + i.institution.name" /> }
                </nz-select>
              </div>
              <button nz-button nzType="primary" type="button" data-testid="lead-investigate-submit" (click)="act('investigate', { inspectionId })">{{ 'leads.action.investigate' | t }}</button>
            } @else if (!v.institution) {
              <button nz-button nzType="primary" type="button" data-testid="lead-investigate-submit" (click)="act('investigate', {})">{{ 'leads.action.investigate' | t }}</button>
            } @else {
              <p class="hint">{{ 'leads.action.noInspection' | t }}</p>
            }
          </section>
        }
        @if (v.can.close) {
          <section class="action" data-testid="lead-close">
            <div class="field">
              <label for="lead-result">{{ 'leads.action.result' | t }}</label>
              <nz-select nzId="lead-result" name="result" data-testid="lead-result-input" [(ngModel)]="result">
                @for (r of results; track r) { <nz-option [nzValue]="r" [nzLabel]="resultKey(r) | t" /> }
              </nz-select>
            </div>
            @if (result === 'violation_confirmed') {
              <div class="field"><label for="lead-confirmed">{{ 'leads.action.confirmedAmount' | t }}</label><input nz-input id="lead-confirmed" name="confirmed" inputmode="decimal" data-testid="lead-confirmed" [(ngModel)]="confirmedAmount" /></div>
            }
            <div class="field"><label for="lead-summary">{{ 'leads.action.summary' | t }}</label><textarea nz-input id="lead-summary" name="summary" rows="3" data-testid="lead-summary" [(ngModel)]="summary"></textarea></div>
            <button nz-button nzType="primary" type="button" data-testid="lead-close-submit"
              (click)="act('close', { result, confirmedAmount: result === 'violation_confirmed' ? confirmedAmount : null, summary })">{{ 'leads.action.close' | t }}</button>
          </section>
        }
        @if (transferLink(); as link) {
          <section class="action"><a nz-button data-testid="lead-transfer" [routerLink]="link.path" [queryParams]="link.query">{{ 'transfers.action.transfer' | t }}</a></section>
        }
        @if (v.can.report) {
          <section class="action"><button nz-button nzType="primary" type="button" data-testid="lead-report" (click)="act('report')">{{ 'leads.action.report' | t }}</button></section>
        }
        @if (v.can.review) {
          <section class="action" data-testid="lead-review">
            <div class="field"><label for="lead-review-comment">{{ 'leads.action.comment' | t }}</label><input nz-input id="lead-review-comment" name="reviewComment" [(ngModel)]="comment" /></div>
            <button nz-button nzType="primary" type="button" data-testid="lead-accept" (click)="act('accept', { comment })">{{ 'leads.action.accept' | t }}</button>
            <div class="field"><label for="lead-return-reason">{{ 'leads.action.returnReason' | t }}</label><input nz-input id="lead-return-reason" name="returnReason" [(ngModel)]="returnReason" /></div>
            <button nz-button nzDanger type="button" data-testid="lead-return" (click)="act('return', { reason: returnReason })">{{ 'leads.action.return' | t }}</button>
          </section>
        }
        @if (v.can.requestExtension) {
          <section class="action" data-testid="lead-extension">
            <div class="field"><label for="lead-extension-due">{{ 'leads.action.extensionDue' | t }}</label><app-day-picker inputId="lead-extension-due" name="extensionDue" [(ngModel)]="extensionDue" /></div>
            <div class="field"><label for="lead-extension-reason">{{ 'leads.action.extensionReason' | t }}</label><input nz-input id="lead-extension-reason" name="extensionReason" [(ngModel)]="extensionReason" /></div>
            <button nz-button type="button" data-testid="lead-extension-submit" (click)="act('extension', { dueDate: extensionDue, reason: extensionReason })">{{ 'leads.action.requestExtension' | t }}</button>
          </section>
        }
        @if (v.can.decideExtension) {
          <section class="action" data-testid="lead-extension-decide">
            <div class="field"><label for="lead-extension-comment">{{ 'leads.action.comment' | t }}</label><input nz-input id="lead-extension-comment" name="extensionComment" [(ngModel)]="comment" /></div>
            <div class="buttons">
              <button nz-button nzType="primary" type="button" data-testid="lead-extension-approve" (click)="act('extension/decide', { approve: true, comment })">{{ 'leads.action.approve' | t }}</button>
              <button nz-button type="button" data-testid="lead-extension-refuse" (click)="act('extension/decide', { approve: false, comment })">{{ 'leads.action.reject' | t }}</button>
            </div>
          </section>
        }

        <h2>{{ 'leads.detail.history' | t }}</h2>
        <app-history-timeline testId="lead-history" [entries]="history()" [label]="actionLabel()" />
      }
    </section>
  `,
  styles: `
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; }
    .facts dt { color: #595959; }
    .facts dd { margin: 0; }
    .pre { white-space: pre-wrap; }
    .action { margin-top: 20px; display: flex; flex-direction: column; gap: 8px; max-width: 640px; align-items: flex-start; }
    .field { display: flex; flex-direction: column; gap: 4px; width: 100%; }
    .field nz-select { width: 100%; }
    .buttons { display: flex; gap: 8px; }
    .error { color: #a8071a; }
  `,
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LeadDetailPage {
  private readonly api = inject(LeadsApi);
  private readonly i18n = inject(TranslationService);
  readonly id = input.required<string>();

  protected readonly statusKey = leadStatusKey;
  protected readonly sourceKey = leadSourceKey;
  protected readonly resultKey = leadResultKey;
  protected readonly results = LEAD_RESULTS;
  protected reasons = '';
  protected comment = '';
  protected assignTo: string | null = null;
  protected assignDue = '';
  protected inspectionId: string | null = null;
  protected result: LeadResult | null = null;
  protected confirmedAmount = '';
  protected summary = '';
  protected returnReason = '';
  protected extensionDue = '';
  protected extensionReason = '';

  private readonly changed = signal<LeadDetail | null>(null);
  protected readonly lead = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.get(params) });
  protected readonly view = computed(() => this.changed() ?? (this.lead.hasValue() ? this.lead.value() : null));
  private readonly user = inject(CurrentUser);
  /** 移交同级医保行政部门: the holding agency's staff, with an institution to name (transfers/transfer-source.ts; agency staff work in /local). */
  protected readonly transferLink = computed(() => {
    const v = this.view();
    return v && mayTransferLead(this.user.me(), v) ? transferFormLink('local', 'lead', v.id) : null;
  });
  protected readonly history = computed(() => (this.view()?.history ?? []).map((h) => ({ ...h, by: `${h.organizationName} ${h.by}` })));
  protected readonly actionLabel = computed(() => {
    const zh = this.i18n.isZh();
    return (action: string) => leadActionLabel(action, zh);
  });

  /** The units below the holder it may assign to (the backend decides again). */
  private readonly units = rxResource({
    params: () => (this.view()?.can.assign ? this.view()!.holder.id : null),
    stream: ({ params }) => (params ? this.api.units() : of([])),
  });
  protected readonly assignable = computed(() => {
    const units = this.units.hasValue() ? this.units.value() : [];
    const holder = units.find((u) => u.id === this.view()?.holder.id);
    return holder ? assignableUnits(holder, units) : [];
  });
  private readonly inspectionList = rxResource({
    params: () => (this.view()?.can.investigate && this.view()?.institution ? this.view()!.institution!.id : null),
    stream: ({ params }) => (params ? this.api.inspections(params) : of([])),
  });
  protected readonly inspections = computed(() => (this.inspectionList.hasValue() ? this.inspectionList.value() : []));

  protected async act(action: string, body: object = {}): Promise<void> {
    try {
      this.changed.set(await firstValueFrom(this.api.act(this.id(), action, body)));
    } catch {
      // The error interceptor shows the API's bilingual message; the page keeps the lead as it was.
    }
  }
}
