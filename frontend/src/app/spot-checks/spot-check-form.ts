import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { firstValueFrom } from 'rxjs';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { PlanYearSelect, planYearOf } from '../plans/plan-nav';
import type { SpotCheckSection } from './spot-check-access';
import { KIND_LABELS, LEVEL_LABELS, SpotCheckNav, errorText } from './spot-check-labels';
import { INSTITUTION_KINDS, type InstitutionKind, type InstitutionLevel, type NewSpotCheckRequest } from './spot-check-models';
import { SpotChecksApi } from './spot-checks-api';
import { CLOCK } from '../core/clock';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { DayPicker } from '../shell/day-picker';

/** The strata whose ratio may be raised, in display order (`${kind}/${level}`). */
export const STRATA: readonly { kind: InstitutionKind; level: InstitutionLevel }[] = [
  { kind: 'hospital', level: 'tertiary' },
  { kind: 'hospital', level: 'secondary' },
  { kind: 'hospital', level: 'primary' },
  { kind: 'clinic', level: 'primary' },
  { kind: 'pharmacy', level: 'none' },
];

/** Seed 002: at least 10% of every stratum is drawn. */
export const MIN_PERCENT = 10;
export const MAX_WITNESSES = 5;
export const TEAM_SIZES = [2, 3, 4, 5] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 12.5 (percent, ≤ 2 decimals) → 0.125 (ratio, ≤ 4 decimals, as the backend compares in basis points). */
export function ratioOf(percent: number): number {
  return Math.round(percent * 100) / 10000;
}

/** Why a percent is refused, or null: 10–100 with at most 2 decimals. */
export function percentRefusal(value: number | null | undefined): 'spotCheck.form.ratioMin' | 'spotCheck.form.ratioInvalid' | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'spotCheck.form.ratioInvalid';
  if (value < MIN_PERCENT) return 'spotCheck.form.ratioMin';
  if (value > 100 || Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) return 'spotCheck.form.ratioInvalid';
  return null;
}

const stratumKey = (s: { kind: InstitutionKind; level: InstitutionLevel }) => `${s.kind}/${s.level}`;

/** 新建抽查: scope (a campaign's, or cities and kinds), ratios, teams, witnesses and the beacon. */
@Component({
  selector: 'app-spot-check-form',
  imports: [DayPicker, NzSelectModule, FormsModule, RouterLink, NzButtonModule, NzCheckboxModule, NzIconModule, NzInputModule, NzSwitchModule, PlanYearSelect, SpotCheckNav, TPipe],
  templateUrl: './spot-check-form.html',
  styleUrls: ['../shell/feature-page.css', './spot-checks.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpotCheckForm {
  private readonly api = inject(SpotChecksApi);
  private readonly i18n = inject(TranslationService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  readonly year = input<string>();
  readonly section = input<SpotCheckSection>('province');

  protected readonly selectedYear = computed(() => planYearOf(this.year(), this.now()));
  protected readonly kinds = INSTITUTION_KINDS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly levelLabels = LEVEL_LABELS;
  protected readonly teamSizes = TEAM_SIZES;
  protected readonly maxWitnesses = MAX_WITNESSES;
  protected readonly minPercent = MIN_PERCENT;

  protected readonly campaigns = rxResource({
    params: () => ({ year: this.selectedYear() }),
    stream: ({ params }) => this.api.campaigns(params.year),
  });
  protected readonly campaignOptions = computed(() => (this.campaigns.hasValue() ? this.campaigns.value() : []));
  protected readonly defaults = rxResource({
    params: () => ({ year: this.selectedYear() }),
    stream: ({ params }) => this.api.campaignDefaults(params.year),
  });
  protected readonly cities = computed(() => (this.defaults.hasValue() ? this.defaults.value().cities : []));

  protected readonly title = signal('');
  /** Cleared when the year changes (the campaigns are the year's). */
  protected readonly campaignId = linkedSignal<number, string>({ source: this.selectedYear, computation: () => '' });
  protected readonly campaign = computed(() => this.campaignOptions().find((c) => c.id === this.campaignId()) ?? null);
  /** Every city of the province by default. */
  protected readonly cityCodes = linkedSignal<string[]>(() => this.cities().map((c) => c.code));
  protected readonly selectedKinds = signal<InstitutionKind[]>([...INSTITUTION_KINDS]);
  protected readonly dueDate = linkedSignal(() => `${this.selectedYear()}-10-31`);
  protected readonly defaultPercent = signal<number | null>(MIN_PERCENT);
  /** Raised strata only; an empty box keeps the default ratio. */
  protected readonly stratumPercents = signal<Record<string, number | null>>({});
  protected readonly teamSize = signal(2);
  protected readonly riskWeighted = signal(true);
  protected readonly beaconRequired = signal(false);
  protected readonly witnesses = signal<string[]>(['', '', '']);
  protected readonly witnessPlaceholders: TranslationKey[] = [
    'spotCheck.form.witnessExample1',
    'spotCheck.form.witnessExample2',
    'spotCheck.form.witnessExample3',
    'spotCheck.form.witnessExample',
    'spotCheck.form.witnessExample',
  ];

  protected readonly errors = signal<string[]>([]);
  protected readonly serverError = signal('');
  protected readonly saving = signal(false);

  /** The kinds in scope: the campaign's, or those ticked. */
  protected readonly scopeKinds = computed(() => this.campaign()?.institutionKinds ?? this.selectedKinds());
  protected readonly strata = computed(() => STRATA.filter((s) => this.scopeKinds().includes(s.kind)));

  protected cityName(code: string): string {
    return this.cities().find((c) => c.code === code)?.name ?? code;
  }

  protected campaignCities(): string {
    return (this.campaign()?.cityCodes ?? []).map((code) => this.cityName(code)).join('、');
  }

  protected campaignKinds(): string {
    return (this.campaign()?.institutionKinds ?? []).map((k) => this.i18n.t(KIND_LABELS[k])).join('、');
  }

  protected key(s: { kind: InstitutionKind; level: InstitutionLevel }): string {
    return stratumKey(s);
  }

  protected selectYear(year: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { year }, replaceUrl: true });
  }

  protected toggleCity(code: string, on: boolean): void {
    this.cityCodes.update((codes) => (on ? [...new Set([...codes, code])] : codes.filter((c) => c !== code)));
  }

  protected toggleAllCities(on: boolean): void {
    this.cityCodes.set(on ? this.cities().map((c) => c.code) : []);
  }

  protected toggleKind(kind: InstitutionKind, on: boolean): void {
    this.selectedKinds.update((kinds) => INSTITUTION_KINDS.filter((k) => (k === kind ? on : kinds.includes(k))));
  }

  protected setStratum(key: string, value: number | null): void {
    this.stratumPercents.update((all) => ({ ...all, [key]: value }));
  }

  protected setWitness(index: number, name: string): void {
    this.witnesses.update((list) => list.map((w, i) => (i === index ? name : w)));
  }

  protected addWitness(): void {
    this.witnesses.update((list) => (list.length < MAX_WITNESSES ? [...list, ''] : list));
  }

  protected removeWitness(index: number): void {
    this.witnesses.update((list) => (list.length > 1 ? list.filter((_, i) => i !== index) : list));
  }

  /** The request, or the reasons it cannot be sent (translated). */
  private build(): { request: NewSpotCheckRequest } | { errors: string[] } {
    const errors: string[] = [];
    const title = this.title().trim();
    if (!title) errors.push(this.i18n.t('spotCheck.form.titleRequired'));
    const campaign = this.campaign();
    if (!campaign) {
      if (!this.cityCodes().length) errors.push(this.i18n.t('spotCheck.form.citiesRequired'));
      if (!this.selectedKinds().length) errors.push(this.i18n.t('spotCheck.form.kindsRequired'));
      if (!DATE.test(this.dueDate())) errors.push(this.i18n.t('spotCheck.form.dueRequired'));
    }
    const defaultRefusal = percentRefusal(this.defaultPercent());
    if (defaultRefusal) errors.push(this.i18n.t(defaultRefusal, { stratum: this.i18n.t('spotCheck.form.defaultRatio'), min: MIN_PERCENT }));
    const ratios: Record<string, number> = {};
    for (const stratum of this.strata()) {
      const key = stratumKey(stratum);
      const value = this.stratumPercents()[key];
      if (value === null || value === undefined) continue;
      const refusal = percentRefusal(value);
      const label = `${this.i18n.t(KIND_LABELS[stratum.kind])} · ${this.i18n.t(LEVEL_LABELS[stratum.level])}`;
      if (refusal) errors.push(this.i18n.t(refusal, { stratum: label, min: MIN_PERCENT }));
      else ratios[key] = ratioOf(value);
    }
    const witnesses = this.witnesses()
      .map((name) => name.trim())
      .filter((name) => name.length > 0);
    if (witnesses.length < 1 || witnesses.length > MAX_WITNESSES) errors.push(this.i18n.t('spotCheck.form.witnessesRequired', { max: MAX_WITNESSES }));
    if (new Set(witnesses).size !== witnesses.length) errors.push(this.i18n.t('spotCheck.form.witnessesDuplicate'));
    if (errors.length) return { errors };

    const request: NewSpotCheckRequest = {
      year: this.selectedYear(),
      title,
      ...(campaign ? { campaignId: campaign.id } : { cityCodes: this.cityCodes(), institutionKinds: this.selectedKinds(), dueDate: this.dueDate() }),
      parameters: {
        defaultRatio: ratioOf(this.defaultPercent()!),
        ratios,
        teamSize: this.teamSize(),
        riskWeighted: this.riskWeighted(),
      },
      witnesses: witnesses.map((name) => ({ name })),
      beaconRequired: this.beaconRequired(),
    };
    return { request };
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    const built = this.build();
    this.serverError.set('');
    if ('errors' in built) {
      this.errors.set(built.errors);
      return;
    }
    this.errors.set([]);
    this.saving.set(true);
    try {
      const { id } = await firstValueFrom(this.api.create(built.request));
      await this.router.navigate(['/', this.section(), 'spot-checks', 'check', id]);
    } catch (error) {
      this.serverError.set(errorText(error, this.i18n));
    } finally {
      this.saving.set(false);
    }
  }
}
