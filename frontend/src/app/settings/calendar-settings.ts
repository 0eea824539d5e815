import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { firstValueFrom } from 'rxjs';
import { pageFromQuery } from '../core/paging';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { CalendarApi, type CalendarYear, type CalendarYearSummary, type LegalClock, type ProvincialCalendarYear } from './calendar-api';
import { formatYuan } from '../core/money';

const PAGE_SIZE = 10;

/** A row of the form: a date picked (local calendar date), its kind and the holiday's name. */
interface DayRow {
  day: Date | null;
  kind: 'holiday' | 'workday';
  name: string;
}

/** 'YYYY-MM-DD' of a date picked in the browser (the picker gives a local date). */
export function ymd(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function localDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
}

/**
 * 工作日历与法定时限 (issue 16): the years of the State Council's holiday notice entered so far (national:
 * the national administrator enters or corrects them), the province's own additions under its own
 * documents (the provincial administrator enters them; they count for the province's deadlines only),
 * the form for whichever the reader may enter, and the legal clocks per province with their source.
 */
@Component({
  selector: 'app-calendar-settings',
  imports: [
    DatePipe,
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzDatePickerModule,
    NzIconModule,
    NzInputModule,
    NzInputNumberModule,
    NzSelectModule,
    NzTableModule,
    TPipe,
  ],
  templateUrl: './calendar-settings.html',
  styleUrl: './calendar-settings.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CalendarSettings {
  private readonly api = inject(CalendarApi);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** The years' page, from the `page` query parameter (the lists' convention, core/paging.ts). */
  readonly page = input<string>();
  protected readonly pageSize = PAGE_SIZE;
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  protected readonly status = rxResource({ stream: () => this.api.status() });
  protected readonly years = rxResource({ params: () => this.pageIndex(), stream: ({ params }) => this.api.years(params, PAGE_SIZE) });
  protected readonly clocks = rxResource({ stream: () => this.api.clocks() });
  /** The national notice: the national administrator only. */
  protected readonly canEnter = computed(() => this.status.value()?.canEnterNational ?? false);
  /** The province whose additions the reader enters (a provincial administrator), else null. */
  protected readonly province = computed(() => this.status.value()?.province ?? null);
  protected readonly provincial = rxResource({
    params: () => this.province() ?? undefined,
    stream: ({ params }) => this.api.provincial(params),
  });

  protected year: number | null = null;
  protected documentNumber = '';
  protected publishedOn: Date | null = null;
  protected readonly days = signal<DayRow[]>([]);
  protected readonly submitting = signal(false);
  protected readonly incomplete = signal(false);

  constructor() {
    this.resetForm(new Date().getFullYear() + 1);
  }

  protected goToPage(page: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { page: page > 1 ? page : null }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected resetForm(year: number): void {
    this.year = year;
    this.documentNumber = '';
    this.publishedOn = null;
    this.days.set([{ day: null, kind: 'holiday', name: '' }]);
    this.incomplete.set(false);
  }

  /** Loads an entered year into the form, to correct it. */
  protected async edit(summary: CalendarYearSummary): Promise<void> {
    const year: CalendarYear = await firstValueFrom(this.api.year(summary.year));
    this.year = year.year;
    this.documentNumber = year.documentNumber ?? '';
    this.publishedOn = year.publishedOn ? localDate(year.publishedOn) : null;
    this.days.set(year.days.map((d) => ({ day: localDate(d.day), kind: d.kind, name: d.name ?? '' })));
    this.incomplete.set(false);
  }

  protected addDay(): void {
    this.days.update((rows) => [...rows, { day: null, kind: 'holiday', name: '' }]);
  }

  protected removeDay(index: number): void {
    this.days.update((rows) => rows.filter((_, i) => i !== index));
  }

  protected patchDay(index: number, change: Partial<DayRow>): void {
    this.days.update((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  }

  /** Loads one of the province's entered years into the form, to correct it. */
  protected editProvincial(entry: ProvincialCalendarYear): void {
    this.year = entry.year;
    this.documentNumber = entry.documentNumber;
    this.publishedOn = localDate(entry.publishedOn);
    this.days.set(entry.days.map((d) => ({ day: localDate(d.day), kind: d.kind, name: d.name ?? '' })));
    this.incomplete.set(false);
  }

  protected async submit(): Promise<void> {
    const rows = this.days();
    const documentNumber = this.documentNumber.trim();
    if (!this.year || !documentNumber || !this.publishedOn || !rows.length || rows.some((r) => !r.day)) {
      this.incomplete.set(true);
      return;
    }
    this.incomplete.set(false);
    this.submitting.set(true);
    try {
      const year = this.year;
      const body = {
        documentNumber,
        publishedOn: ymd(this.publishedOn),
        days: rows.map((r) => ({ day: ymd(r.day!), kind: r.kind, ...(r.name.trim() ? { name: r.name.trim() } : {}) })),
      };
      const province = this.province();
      if (this.canEnter()) {
        await firstValueFrom(this.api.enter(year, body));
        this.message.success(this.i18n.t('calendar.form.saved', { year }));
        this.years.reload();
      } else if (province) {
        await firstValueFrom(this.api.enterProvincial(province, year, body));
        this.message.success(this.i18n.t('calendar.local.saved', { year }));
        this.provincial.reload();
      }
      this.status.reload();
    } catch {
      // the error interceptor showed the backend's message
    } finally {
      this.submitting.set(false);
    }
  }

  protected clockLabel(clock: LegalClock): TranslationKey {
    return `calendar.clock.${clock.key}`;
  }

  protected clockValue(clock: LegalClock): string {
    const value = clock.unit === 'yuan' ? formatYuan(clock.value) : String(clock.value);
    return this.i18n.t(clock.unit === 'yuan' ? 'calendar.clocks.yuan' : 'calendar.clocks.workingDays', { value });
  }

  protected clockSource(clock: LegalClock): string {
    return this.i18n.pick(clock.sourceZh, clock.sourceEn);
  }
}
