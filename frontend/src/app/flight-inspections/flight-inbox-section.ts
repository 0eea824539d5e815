import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { TPipe } from '../i18n/t-pipe';
import { flightStatusKey } from './flight-inspection-labels';
import { FlightInspectionsApi } from './flight-inspections-api';

/** How many flight inspections the inbox shows (the newest first; the list has them all). */
export const FLIGHT_INBOX_SIZE = 10;

/**
 * The flight inspections' section of the national bureau's inbox (/national): the newest ones per
 * province with their status and the leads handed over, each opening its page (where the follow-up of
 * every lead is shown to the end), and the way to the full list. Loads its own data; no inputs.
 */
@Component({
  selector: 'app-flight-inbox-section',
  imports: [RouterLink, NzTagModule, TPipe],
  template: `
    @if (flights.error()) {
      <p class="error" data-testid="flight-inbox-error">{{ 'flight.loadFailed' | t }}</p>
    } @else if (!items().length) {
      <p class="hint" data-testid="flight-inbox-none">{{ 'flight.list.none' | t }}</p>
    } @else {
      <ul class="flights" data-testid="flight-inbox">
        @for (f of items(); track f.id) {
          <li data-testid="flight-inbox-item" [attr.data-id]="f.id" [attr.data-status]="f.status">
            <a [routerLink]="['/leader/flight-inspections/flight', f.id]">{{ f.province.name }} · {{ f.title }}</a>
            <span class="meta">{{ f.startDate }} ~ {{ f.endDate }}</span>
            <nz-tag>{{ statusKey(f.status) | t }}</nz-tag>
            @if (f.leads) { <span class="meta">{{ 'flight.col.leads' | t }} {{ f.leads }}</span> }
          </li>
        }
      </ul>
    }
    <p><a routerLink="/leader/flight-inspections/list" data-testid="flight-inbox-all">{{ 'flight.list.title' | t }} →</a></p>
  `,
  styles: `
    .flights { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 6px; }
    .meta { color: #595959; margin: 0 8px; }
    .hint { color: #595959; }
    .error { color: #a8071a; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FlightInboxSection {
  private readonly api = inject(FlightInspectionsApi);
  protected readonly statusKey = flightStatusKey;
  protected readonly flights = rxResource({ stream: () => this.api.list({ sort: '-startDate', pageSize: FLIGHT_INBOX_SIZE }) });
  protected readonly items = computed(() => (this.flights.hasValue() ? this.flights.value().items : []));
}
