import { HttpErrorResponse } from '@angular/common/http';
import { CLOCK } from '../core/clock';
import { chinaDateOf } from '../core/china-date';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { firstValueFrom } from 'rxjs';
import { isApiErrorBody } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { PlanYearSelect, planYearOf } from '../plans/plan-nav';
import type { CampaignSection } from './campaign-access';
import {
  CALENDAR_LABELS,
  type CalendarDates,
  type CalendarField,
  type CalendarIssue,
  calendarDatesOf,
  calendarIssues,
  calendarOf,
  emptyCalendar,
} from './campaign-calendar';
import { KIND_LABELS, MIN_LEVEL_LABELS, OWNERSHIP_LABELS } from './campaign-labels';
import {
  CALENDAR_FIELDS,
  type CampaignDefaults,
  type CampaignDetail,
  type CampaignRequest,
  CampaignsApi,
  type FocusCode,
  INSTITUTION_KINDS,
  type InstitutionKind,
  type InstitutionOwnership,
  MINIMUM_LEVELS,
  type MinimumLevel,
  OWNERSHIPS,
} from './campaigns-api';

export const TITLE_MAX = 100;
export const FOCUS_TEXT_MAX = 60;

/** What the official edits; the year is kept apart (it decides which defaults are loaded). */
export interface CampaignFormState {
  title: string;
  /** Standard focus codes, or free text. */
  focus: string[];
  /** Null until the defaults tell which cities there are (then: all of them). */
  cityCodes: string[] | null;
  kinds: InstitutionKind[];
  /** Scope restrictions (「二级及以上公立医疗机构」); null: any. */
  ownership: InstitutionOwnership | null;
  minLevel: MinimumLevel | null;
  calendar: CalendarDates;
  /** The year the calendar dates were taken for; a new year brings its default calendar. */
  calendarYear: number | null;
}

interface FormSource {
  campaign: CampaignDetail | null;
  defaults: CampaignDefaults | null;
}

export type FormProblem = 'title' | 'titleLong' | 'focusCount' | 'focusLong' | 'cities' | 'kinds' | 'levelWithPharmacy';

const PROBLEM_LABELS: Record<FormProblem, TranslationKey> = {
  title: 'campaign.form.titleRequired',
  titleLong: 'campaign.form.titleTooLong',
  focusCount: 'campaign.form.focusCount',
  focusLong: 'campaign.form.focusTooLong',
  cities: 'campaign.form.citiesRequired',
  kinds: 'campaign.form.kindsRequired',
  levelWithPharmacy: 'campaignScope.levelWithPharmacy',
};

function stateOfCampaign(campaign: CampaignDetail): CampaignFormState {
  return {
    title: campaign.title,
    focus: campaign.focusAreas.map((a) => a.code ?? a.text),
    cityCodes: [...campaign.cityCodes],
    kinds: [...campaign.institutionKinds],
    ownership: campaign.ownership ?? null,
    minLevel: campaign.minLevel ?? null,
    calendar: calendarDatesOf(campaign.calendar),
    calendarYear: campaign.year,
  };
}

const blankState = (): CampaignFormState => ({
  title: '',
  focus: [],
  cityCodes: null,
  kinds: [...INSTITUTION_KINDS],
  ownership: null,
  minLevel: null,
  calendar: emptyCalendar(),
  calendarYear: null,
});

/** Fills in what the defaults give: the year's calendar (when the year changed) and all cities. */
function withDefaults(state: CampaignFormState, defaults: CampaignDefaults | null): CampaignFormState {
  if (!defaults) return state;
  let next = state;
  if (next.calendarYear !== defaults.year) next = { ...next, calendar: calendarDatesOf(defaults.calendar), calendarYear: defaults.year };
  if (next.cityCodes === null) next = { ...next, cityCodes: defaults.cities.map((c) => c.code) };
  return next;
}

/**
 * Create or edit (draft) a special campaign: year, title, one or two focus areas (standard or free
 * text), covered cities, institution kinds, and the phase calendar prefilled from the defaults.
 */
@Component({
  selector: 'app-campaign-form',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCheckboxModule,
    NzDatePickerModule,
    NzIconModule,
    NzInputModule,
    NzSelectModule,
    NzSpinModule,
    PlanYearSelect,
    TPipe,
  ],
  templateUrl: './campaign-form.html',
  styleUrls: ['../shell/responsive-page.css', './campaigns.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignForm {
  private readonly api = inject(CampaignsApi);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly router = inject(Router);
  private readonly now = inject(CLOCK);

  /** The campaign being edited (`:id/edit`); none for a new one. */
  readonly id = input<string>();
  /** `?year=` for a new campaign. */
  readonly year = input<string>();
  readonly section = input<CampaignSection>('province');

  protected readonly isEdit = computed(() => !!this.id());
  protected readonly detail = rxResource({
    params: () => {
      const id = this.id();
      return id ? { id } : undefined;
    },
    stream: ({ params }) => this.api.get(params.id),
  });
  protected readonly campaign = computed(() => (this.detail.hasValue() ? this.detail.value() : null));
  protected readonly notDraft = computed(() => this.campaign() !== null && this.campaign()!.status !== 'draft');

  protected readonly selectedYear = linkedSignal(() => this.campaign()?.year ?? planYearOf(this.year(), this.now()));
  protected readonly defaultsResource = rxResource({
    // When editing, the campaign's own year first: no request for a year it is not in.
    params: () => (this.id() && !this.campaign() ? undefined : { year: this.selectedYear() }),
    stream: ({ params }) => this.api.defaults(params.year),
  });
  protected readonly defaults = computed(() => (this.defaultsResource.hasValue() ? this.defaultsResource.value() : null));

  protected readonly form = linkedSignal<FormSource, CampaignFormState | null>({
    source: () => ({ campaign: this.campaign(), defaults: this.defaults() }),
    computation: (source, previous) => {
      if (this.id()) {
        if (!source.campaign) return null;
        const base = previous?.value && previous.source.campaign === source.campaign ? previous.value : stateOfCampaign(source.campaign);
        return withDefaults(base, source.defaults);
      }
      return withDefaults(previous?.value ?? blankState(), source.defaults);
    },
  });

  protected readonly kinds = INSTITUTION_KINDS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly ownerships = OWNERSHIPS;
  protected readonly ownershipLabels = OWNERSHIP_LABELS;
  protected readonly minLevels = MINIMUM_LEVELS;
  protected readonly minLevelLabels = MIN_LEVEL_LABELS;
  protected readonly calendarFields = CALENDAR_FIELDS;
  protected readonly calendarLabels = CALENDAR_LABELS;
  protected readonly titleMax = TITLE_MAX;

  protected readonly policy = computed(() => this.defaults()?.calendarPolicy ?? 'statutory');
  protected readonly calendarProblems = computed<CalendarIssue[]>(() => {
    const form = this.form();
    return form ? calendarIssues(form.calendar, this.selectedYear(), this.policy(), chinaDateOf(this.now())) : [];
  });
  protected readonly problems = computed<FormProblem[]>(() => {
    const form = this.form();
    if (!form) return [];
    const problems: FormProblem[] = [];
    const title = form.title.trim();
    if (!title) problems.push('title');
    else if (title.length > TITLE_MAX) problems.push('titleLong');
    if (form.focus.length < 1 || form.focus.length > 2) problems.push('focusCount');
    if (form.focus.some((f) => !this.isFocusCode(f) && f.trim().length > FOCUS_TEXT_MAX)) problems.push('focusLong');
    if (!form.cityCodes?.length) problems.push('cities');
    if (!form.kinds.length) problems.push('kinds');
    // Retail pharmacies have no level: none of them would get a task (the backend refuses it too).
    if (form.minLevel && form.kinds.includes('pharmacy')) problems.push('levelWithPharmacy');
    return problems;
  });
  /** Shown once the official tried to save, so an empty new form does not start in red. */
  protected readonly showProblems = signal(false);
  protected readonly saving = signal(false);
  /** The backend's refusal, in the current language, and the calendar field it names. */
  protected readonly serverError = signal<{ zh: string; en: string; field: CalendarField | null } | null>(null);
  protected readonly serverMessage = computed(() => {
    const error = this.serverError();
    return error ? this.i18n.pick(error.zh, error.en) : '';
  });

  protected problemLabel(problem: FormProblem): string {
    return this.i18n.t(PROBLEM_LABELS[problem], { max: problem === 'titleLong' ? TITLE_MAX : FOCUS_TEXT_MAX });
  }

  protected issueText(issue: CalendarIssue): string {
    return this.i18n.t(issue.key, {
      field: this.i18n.t(CALENDAR_LABELS[issue.field]),
      previous: issue.params.previous ? this.i18n.t(CALENDAR_LABELS[issue.params.previous]) : '',
      min: issue.params.min ?? '',
      max: issue.params.max ?? '',
    });
  }

  protected fieldHasIssue(field: CalendarField): boolean {
    return (this.showProblems() && this.calendarProblems().some((i) => i.field === field)) || this.serverError()?.field === field;
  }

  protected policyText(): string {
    return this.i18n.t(this.policy() === 'flexible' ? 'campaign.policy.flexible' : 'campaign.policy.statutory', { year: this.selectedYear() });
  }

  protected focusOptionLabel(option: { zh: string; en: string }): string {
    return this.i18n.pick(option.zh, option.en);
  }

  protected patch(change: Partial<CampaignFormState>): void {
    this.form.update((form) => (form ? { ...form, ...change } : form));
    this.serverError.set(null);
  }

  protected setDate(field: CalendarField, date: Date | null): void {
    const form = this.form();
    if (form) this.patch({ calendar: { ...form.calendar, [field]: date } });
  }

  protected setKind(kind: InstitutionKind, checked: boolean): void {
    const form = this.form();
    if (!form) return;
    const kinds = checked ? [...new Set([...form.kinds, kind])] : form.kinds.filter((k) => k !== kind);
    this.patch({ kinds: INSTITUTION_KINDS.filter((k) => kinds.includes(k)) });
  }

  protected allCities(): void {
    this.patch({ cityCodes: this.defaults()?.cities.map((c) => c.code) ?? [] });
  }

  protected selectYear(year: number): void {
    this.selectedYear.set(year);
    this.serverError.set(null);
  }

  private isFocusCode(value: string): boolean {
    return this.defaults()?.focusOptions.some((o) => o.code === value) ?? false;
  }

  /** The request body; null while something is missing or wrong. */
  protected requestOf(form: CampaignFormState): CampaignRequest | null {
    const calendar = calendarOf(form.calendar);
    if (!calendar || this.problems().length || this.calendarProblems().length) return null;
    return {
      year: this.selectedYear(),
      title: form.title.trim(),
      focusAreas: form.focus.map((f) => (this.isFocusCode(f) ? { code: f as FocusCode } : { text: f.trim() })),
      cityCodes: form.cityCodes ?? [],
      institutionKinds: form.kinds,
      ownership: form.ownership,
      minLevel: form.minLevel,
      calendar,
    };
  }

  protected async save(): Promise<void> {
    const form = this.form();
    if (!form || this.saving()) return;
    this.showProblems.set(true);
    const request = this.requestOf(form);
    if (!request) {
      this.message.error(this.i18n.t('campaign.form.invalid'));
      return;
    }
    this.serverError.set(null);
    this.saving.set(true);
    try {
      const id = this.id();
      const saved = await firstValueFrom(id ? this.api.update(id, request) : this.api.create(request));
      this.message.success(this.i18n.t('campaign.form.saved'));
      void this.router.navigate(['/', this.section(), 'campaigns', saved.id]);
    } catch (error) {
      // The interceptor showed a toast; the message stays on the form too, next to the field.
      if (error instanceof HttpErrorResponse && isApiErrorBody(error.error)) {
        const field = error.error.error.details?.['field'];
        this.serverError.set({
          ...error.error.error.message,
          field: CALENDAR_FIELDS.includes(field as CalendarField) ? (field as CalendarField) : null,
        });
      }
    } finally {
      this.saving.set(false);
    }
  }
}
