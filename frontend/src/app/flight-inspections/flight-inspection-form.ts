import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { chinaDateOf } from '../core/china-date';
import { CLOCK } from '../core/clock';
import { RegionsApi } from '../core/regions';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { DayPicker } from '../shell/day-picker';
import { flightBody, flightDraftError, institutionsOf } from './flight-inspection-rules';
import { FlightInspectionsApi } from './flight-inspections-api';

/**
 * 组织飞行检查: the province, the institutions (searchable, from the directory), the dates, the team
 * size per institution and the witnesses' secrets; saving draws the team from other provinces.
 */
@Component({
  selector: 'app-flight-inspection-form',
  imports: [FormsModule, RouterLink, NzButtonModule, NzInputModule, NzSelectModule, DayPicker, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar"><h1 data-testid="flight-form-heading">{{ 'flight.form.title' | t }}</h1></header>
      <p class="hint">{{ 'flight.form.hint' | t }}</p>
      <form class="form" data-testid="flight-form" (ngSubmit)="submit()">
        <div class="field">
          <label for="flight-title">{{ 'flight.form.name' | t }}</label>
          <input nz-input id="flight-title" name="title" data-testid="flight-title" [(ngModel)]="title" />
        </div>
        <label class="field">{{ 'flight.form.province' | t }}
          <nz-select name="province" data-testid="flight-province" nzShowSearch [attr.aria-label]="'flight.form.province' | t"
            [ngModel]="provinceCode()" (ngModelChange)="pickProvince($event)">
            @for (p of provinces(); track p.code) {
              <nz-option [nzValue]="p.code" [nzLabel]="p.name" />
            }
          </nz-select>
        </label>
        <label class="field">{{ 'flight.form.institutions' | t }}
          <nz-select name="institutions" data-testid="flight-institutions" nzMode="multiple" nzShowSearch
            [attr.aria-label]="'flight.form.institutions' | t" [nzPlaceHolder]="'flight.form.institutionsHint' | t"
            [ngModel]="institutionIds()" (ngModelChange)="institutionIds.set($event)">
            @for (i of institutionOptions(); track i.id) {
              <nz-option [nzValue]="i.id" [nzLabel]="i.name + '（' + i.id + '）'" />
            }
          </nz-select>
        </label>
        <div class="row">
          <label class="field">{{ 'flight.form.startDate' | t }}
            <app-day-picker name="startDate" data-testid="flight-start-date" [min]="today()" [label]="'flight.form.startDate' | t" [(ngModel)]="startDate" />
          </label>
          <label class="field">{{ 'flight.form.endDate' | t }}
            <app-day-picker name="endDate" data-testid="flight-end-date" [min]="startDate ?? today()" [label]="'flight.form.endDate' | t" [(ngModel)]="endDate" />
          </label>
          <label class="field">{{ 'flight.form.teamSize' | t }}
            <nz-select name="teamSize" data-testid="flight-team-size" [attr.aria-label]="'flight.form.teamSize' | t" [(ngModel)]="teamSize">
              @for (n of teamSizes; track n) { <nz-option [nzValue]="n" [nzLabel]="'' + n" /> }
            </nz-select>
          </label>
        </div>
        <div class="field">
          <label for="flight-secrets">{{ 'flight.form.secrets' | t }}</label>
          <textarea nz-input id="flight-secrets" name="secrets" rows="3" data-testid="flight-secrets" [(ngModel)]="secrets"></textarea>
        </div>
        <div class="field">
          <label for="flight-beacon">{{ 'flight.form.beacon' | t }}</label>
          <input nz-input id="flight-beacon" name="beacon" data-testid="flight-beacon" [(ngModel)]="beacon" />
        </div>
        @if (error(); as e) { <p class="error" data-testid="flight-form-error">{{ e | t }}</p> }
        <div class="buttons">
          <button nz-button nzType="primary" type="submit" data-testid="flight-submit" [nzLoading]="sending()">{{ 'flight.form.submit' | t }}</button>
          <a nz-button routerLink="../list">{{ 'flight.form.cancel' | t }}</a>
        </div>
      </form>
    </section>
  `,
  styles: `
    .form { display: flex; flex-direction: column; gap: 12px; max-width: 880px; }
    .field { display: flex; flex-direction: column; gap: 4px; }
    .row { display: flex; gap: 16px; flex-wrap: wrap; }
    .buttons { display: flex; gap: 8px; }
    .hint { color: #595959; }
    .error { color: #a8071a; margin: 0; }
  `,
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FlightInspectionForm {
  private readonly api = inject(FlightInspectionsApi);
  private readonly regions = inject(RegionsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  protected readonly teamSizes = [2, 3, 4, 5];
  protected readonly today = computed(() => chinaDateOf(this.now()));
  protected title = '';
  protected startDate: string | null = null;
  protected endDate: string | null = null;
  protected teamSize = 2;
  protected secrets = '';
  protected beacon = '';
  protected readonly provinceCode = signal('');
  protected readonly institutionIds = signal<string[]>([]);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly sending = signal(false);

  private readonly regionList = rxResource({ stream: () => this.regions.regions() });
  protected readonly provinces = computed(() => (this.regionList.hasValue() ? this.regionList.value().filter((r) => r.level === 'province') : []));
  private readonly institutionPage = rxResource({ stream: () => this.api.institutions() });
  /** The chosen province's institutions (none before a province is chosen). */
  protected readonly institutionOptions = computed(() => institutionsOf(this.institutionPage.hasValue() ? this.institutionPage.value().items : [], this.provinceCode()));

  protected pickProvince(code: string): void {
    this.provinceCode.set(code);
    this.institutionIds.set([]);
  }

  protected async submit(): Promise<void> {
    if (this.sending()) return;
    const draft = {
      title: this.title, provinceCode: this.provinceCode(), institutionIds: this.institutionIds(), startDate: this.startDate, endDate: this.endDate,
      teamSize: this.teamSize, secrets: this.secrets, beacon: this.beacon,
    };
    const error = flightDraftError(draft);
    this.error.set(error);
    if (error) return;
    this.sending.set(true);
    try {
      const saved = await firstValueFrom(this.api.organize(flightBody(draft)));
      await this.router.navigate(['..', 'flight', saved.id], { relativeTo: this.route });
    } catch {
      // The error interceptor shows the API's bilingual message; nothing was saved.
    } finally {
      this.sending.set(false);
    }
  }
}
