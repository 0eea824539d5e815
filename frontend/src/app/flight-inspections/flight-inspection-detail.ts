import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { chinaDateOf } from '../core/china-date';
import { CurrentUser } from '../core/current-user';
import { saveDownload } from '../core/download';
import { MoneyPipe } from '../core/money';
import { TPipe } from '../i18n/t-pipe';
import { flightStatusKey, inspectionStatusKey, leadStatusKey } from './flight-inspection-labels';
import { type FlightInspectionView, FlightInspectionsApi } from './flight-inspections-api';

/**
 * 飞行检查详情: the facts, the drawn team (with the recusals of the draw and its record), each
 * institution's inspection record (recorded on the inspection's own page), the actions the API allows
 * (start, hand over) and, once handed over, each result's lead with the province's follow-up.
 */
@Component({
  selector: 'app-flight-inspection-detail',
  imports: [RouterLink, NzButtonModule, NzTableModule, NzTagModule, MoneyPipe, TPipe],
  template: `
    <section class="panel">
      <p><a routerLink="../../list">{{ 'flight.detail.back' | t }}</a></p>
      @if (flight.error() && !changed()) {
        <p class="error" data-testid="flight-not-found">{{ 'flight.detail.notFound' | t }}</p>
      } @else if (view(); as v) {
        <header class="toolbar">
          <h1 data-testid="flight-detail-heading">{{ 'flight.detail.title' | t }} {{ v.flightNo }}：{{ v.title }}</h1>
          <button nz-button type="button" data-testid="flight-record" (click)="downloadRecord(v)">{{ 'flight.detail.record' | t }}</button>
        </header>
        <dl class="facts" data-testid="flight-facts">
          <dt>{{ 'flight.col.status' | t }}</dt>
          <dd data-testid="flight-status" [attr.data-status]="v.status"><nz-tag>{{ statusKey(v.status) | t }}</nz-tag></dd>
          <dt>{{ 'flight.col.province' | t }}</dt><dd>{{ v.province.name }}</dd>
          <dt>{{ 'flight.col.period' | t }}</dt><dd>{{ v.startDate }} ~ {{ v.endDate }}</dd>
          <dt>{{ 'flight.detail.createdBy' | t }}</dt><dd>{{ v.createdBy }}</dd>
          @if (v.startedAt) { <dt>{{ 'flight.detail.startedAt' | t }}</dt><dd data-testid="flight-started-at">{{ day(v.startedAt) }}</dd> }
          @if (v.handedOverAt) { <dt>{{ 'flight.detail.handedOverAt' | t }}</dt><dd>{{ day(v.handedOverAt) }}</dd> }
          <dt>{{ 'flight.form.institutions' | t }}</dt>
          <dd>@for (i of v.institutionList; track i.id) { <span class="chip">{{ i.name }}</span> }</dd>
        </dl>

        <h2>{{ 'flight.detail.team' | t }}</h2>
        <p class="hint" data-testid="flight-team-hint">{{ 'flight.detail.teamHint' | t: { sameProvince: v.exclusions.sameProvince, linked: v.exclusions.linked, hash: v.resultHash.slice(0, 16) } }}</p>
        <ul data-testid="flight-team">
          @for (m of v.team; track m.inspectorId) {
            <li data-testid="flight-team-member" [attr.data-province]="m.provinceCode">{{ m.name }} · {{ m.organizationName }}</li>
          }
        </ul>

        @if (v.actions.start) {
          <button nz-button nzType="primary" type="button" data-testid="flight-start" [disabled]="busy()" (click)="start()">{{ 'flight.detail.start' | t }}</button>
        }

        <h2>{{ 'flight.detail.inspections' | t }}</h2>
        @if (!v.inspections.length) {
          <p class="hint" data-testid="flight-inspections-none">{{ 'flight.detail.inspectionsNone' | t }}</p>
        } @else {
          <div class="table-scroll">
            <nz-table #inspections nzSize="small" [nzData]="v.inspections" [nzFrontPagination]="false" [nzShowPagination]="false" data-testid="flight-inspections">
              <thead>
                <tr>
                  <th>{{ 'flight.detail.institution' | t }}</th>
                  <th>{{ 'flight.col.status' | t }}</th>
                  <th>{{ 'flight.detail.inspectedOn' | t }}</th>
                  <th class="num">{{ 'flight.detail.findings' | t }}</th>
                  <th class="num">{{ 'flight.detail.amount' | t }}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                @for (i of inspections.data; track i.id) {
                  <tr data-testid="flight-inspection-row" [attr.data-id]="i.id" [attr.data-institution]="i.institution.id" [attr.data-status]="i.status">
                    <td>{{ i.institution.name }}</td>
                    <td>{{ inspectionKey(i.status) | t }}</td>
                    <td>{{ i.inspectedOn ?? '—' }}</td>
                    <td class="num">{{ i.findings }}</td>
                    <td class="num money">{{ i.amount | money }}</td>
                    <td><a data-testid="flight-inspection-open" [routerLink]="['/inspections', i.id]">{{ 'flight.detail.record.open' | t }}</a></td>
                  </tr>
                }
              </tbody>
            </nz-table>
          </div>
        }
        @if (v.status === 'started' && isOrganizer(v)) {
          <p class="hint">{{ 'flight.detail.handOverHint' | t }}</p>
          <button nz-button nzType="primary" type="button" data-testid="flight-hand-over" [disabled]="busy() || !v.actions.handOver" (click)="handOver()">
            {{ 'flight.detail.handOver' | t }}
          </button>
        }

        @if (v.status === 'handed_over') {
          <h2>{{ 'flight.detail.results' | t }}</h2>
          <p data-testid="flight-follow-up" [attr.data-complete]="v.followUpComplete">
            <nz-tag [nzColor]="v.followUpComplete ? 'green' : 'blue'">{{ (v.followUpComplete ? 'flight.detail.followUpComplete' : 'flight.detail.followUpOpen') | t }}</nz-tag>
          </p>
          <ul class="results" data-testid="flight-results">
            @for (r of v.results; track r.inspectionId) {
              <li data-testid="flight-result" [attr.data-institution]="r.institution.id" [attr.data-lead]="r.leadId" [attr.data-follow-up]="r.followUp?.status ?? ''">
                <strong>{{ r.institution.name }}</strong> —
                @if (!r.leadId) {
                  {{ 'flight.detail.noLead' | t }}
                } @else {
                  <a data-testid="flight-result-lead" [routerLink]="['/leads', r.leadId]">{{ 'flight.detail.lead' | t }}</a>
                  · {{ 'flight.detail.followUp' | t }}：
                  @if (r.followUp; as f) { {{ leadKey(f.status) | t }}@if (f.confirmedAmount) { （{{ f.confirmedAmount | money }}）} } @else { {{ 'flight.detail.unseen' | t }} }
                }
              </li>
            }
          </ul>
        }
      }
    </section>
  `,
  styles: `
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; }
    .facts dt { color: #595959; }
    .facts dd { margin: 0; }
    .chip { display: inline-block; margin: 0 8px 4px 0; }
    .hint { color: #595959; }
    .num { text-align: right; }
    .results li { margin-bottom: 6px; }
    /* A link inside the line's text: underlined, not told apart by its colour alone (axe link-in-text-block). */
    .results a { text-decoration: underline; }
    .error { color: #a8071a; margin: 0; }
  `,
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FlightInspectionDetailPage {
  private readonly api = inject(FlightInspectionsApi);
  private readonly document = inject(DOCUMENT);
  private readonly user = inject(CurrentUser);
  readonly id = input.required<string>();
  protected readonly statusKey = flightStatusKey;
  protected readonly inspectionKey = inspectionStatusKey;
  protected readonly leadKey = leadStatusKey;
  /** An instant as the China day it fell on (not the UTC day: 07:30 in Beijing is the day before in UTC). */
  protected readonly day = (instant: string) => chinaDateOf(new Date(instant));
  protected readonly busy = signal(false);
  protected readonly changed = signal<FlightInspectionView | null>(null);
  protected readonly flight = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.get(params) });
  protected readonly view = computed(() => this.changed() ?? (this.flight.hasValue() ? this.flight.value() : null));

  /** The organizer (the national overseer) sees the hand-over, disabled until every record is in (the API's actions.handOver). */
  protected isOrganizer(_v: FlightInspectionView): boolean {
    return this.user.roles().includes('national_overseer');
  }

  protected async downloadRecord(v: FlightInspectionView): Promise<void> {
    try {
      saveDownload(this.document, await firstValueFrom(this.api.record(v.id)), `flight-inspection-${v.flightNo}-record.json`);
    } catch {
      // The error interceptor says why.
    }
  }

  private async act(run: () => Promise<FlightInspectionView>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      this.changed.set(await run());
    } catch {
      // The error interceptor shows the API's bilingual message; nothing changed.
    } finally {
      this.busy.set(false);
    }
  }

  protected start(): Promise<void> {
    return this.act(() => firstValueFrom(this.api.start(this.id())));
  }

  protected handOver(): Promise<void> {
    return this.act(() => firstValueFrom(this.api.handOver(this.id())));
  }
}
