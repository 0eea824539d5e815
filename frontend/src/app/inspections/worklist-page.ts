import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { chinaDateOf } from '../core/china-date';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import type { SpotCheckSection } from '../spot-checks/spot-check-access';
import { INSPECTION_METHOD_LABELS, INSPECTION_STATUS_LABELS, INSPECTION_TYPE_LABELS, KIND_LABELS, LEVEL_LABELS, errorText } from '../spot-checks/spot-check-labels';
import { INSPECTION_METHODS, INSPECTION_TYPES, type InspectionMethod, type InspectionType } from '../spot-checks/spot-check-models';
import { AgencyInspectionNav } from './agency-inspection-nav';
import { AGREEMENT_STATUS_COLORS, AGREEMENT_STATUS_LABELS, DUE_REASON_COLORS, DUE_REASON_LABELS } from './agency-inspection-labels';
import type { ScheduleWorklistRequest, WorklistItem, WorklistQuota } from './agency-inspection-models';
import { AgencyInspectionsApi } from './agency-inspections-api';
import { CLOCK } from '../core/clock';
import { DayPicker } from '../shell/day-picker';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `?month=2027-09` when valid, else this month (China time). */
export function worklistMonthOf(param: string | undefined, now: Date): string {
  return param && MONTH.test(param) ? param : chinaDateOf(now).slice(0, 7);
}

/** The planned date offered for a month: today in this (or a past) month, the 1st of a later one. */
export function defaultPlannedOn(month: string, now: Date): string {
  const today = chinaDateOf(now);
  return month > today.slice(0, 7) ? `${month}-01` : today;
}

/**
 * Institutions without an inspection under way (scheduled by the agency or drawn by a province
 * spot-check, not sent yet): what 全选 takes. Any row may still be ticked by hand — a targeted
 * inspection while a routine one is pending, say; the backend does not refuse it.
 */
const free = (item: WorklistItem) => item.open === null;

/**
 * 检查任务清单: the institutions whose agreement the agency holds, with what the coverage rules still
 * ask of each this year (本年度未现场检查, 本月10%抽检, 重点监管单位不足两次, 信用等级较高医院全面检查),
 * the suggested ones pre-selected; 一键排期 schedules the selection for one date, each with a team
 * of two of the agency's inspectors drawn with recusal (the backend's; all or nothing).
 */
@Component({
  selector: 'app-worklist-page',
  imports: [
    DayPicker,
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzCheckboxModule,
    NzIconModule,
    NzInputModule,
    NzRadioModule,
    NzSelectModule,
    NzSpinModule,
    NzSwitchModule,
    NzTagModule,
    AgencyInspectionNav,
    TPipe,
  ],
  templateUrl: './worklist-page.html',
  styleUrls: ['../shell/feature-page.css', '../spot-checks/spot-checks.css', './agency-inspections.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorklistPage {
  private readonly api = inject(AgencyInspectionsApi);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  readonly month = input<string>();
  readonly section = input<SpotCheckSection>('local');

  protected readonly kindLabels = KIND_LABELS;
  protected readonly levelLabels = LEVEL_LABELS;
  protected readonly reasonLabels = DUE_REASON_LABELS;
  protected readonly reasonColors = DUE_REASON_COLORS;
  protected readonly agreementLabels = AGREEMENT_STATUS_LABELS;
  protected readonly agreementColors = AGREEMENT_STATUS_COLORS;
  protected readonly statusLabels = INSPECTION_STATUS_LABELS;
  protected readonly typeLabels = INSPECTION_TYPE_LABELS;
  protected readonly methodLabels = INSPECTION_METHOD_LABELS;
  protected readonly types = INSPECTION_TYPES;
  protected readonly methods = INSPECTION_METHODS;

  protected readonly selectedMonth = computed(() => worklistMonthOf(this.month(), this.now()));
  protected readonly today = computed(() => chinaDateOf(this.now()));

  protected readonly worklist = rxResource({
    params: () => ({ month: this.selectedMonth() }),
    stream: ({ params }) => this.api.worklist(params.month),
  });
  protected readonly items = computed<WorklistItem[]>(() => (this.worklist.hasValue() ? this.worklist.value().items : []));
  protected readonly quotas = computed<WorklistQuota[]>(() => (this.worklist.hasValue() ? this.worklist.value().quotas : []));

  /** The suggested institutions (the backend suggests none with an inspection under way), pre-selected whenever the worklist (re)loads. */
  protected readonly selection = linkedSignal<ReadonlySet<string>>(
    () => new Set(this.items().filter((i) => i.suggested && free(i)).map((i) => i.institutionId)),
  );
  protected readonly freeCount = computed(() => this.items().filter(free).length);
  protected readonly allSelected = computed(() => this.freeCount() > 0 && this.items().every((i) => !free(i) || this.selection().has(i.institutionId)));
  protected readonly someSelected = computed(() => this.selection().size > 0 && !this.allSelected());

  protected readonly plannedOn = linkedSignal(() => defaultPlannedOn(this.selectedMonth(), this.now()));
  protected readonly inspectionType = signal<InspectionType>('routine');
  protected readonly method = signal<InspectionMethod>('on_site');
  protected readonly announced = signal(true);

  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);
  protected readonly serverError = signal('');
  /** What the last 一键排期 created, by institution. */
  protected readonly created = signal<{ id: string; name: string }[]>([]);

  protected isSelected(item: WorklistItem): boolean {
    return this.selection().has(item.institutionId);
  }

  protected toggle(item: WorklistItem, on: boolean): void {
    const next = new Set(this.selection());
    if (on) next.add(item.institutionId);
    else next.delete(item.institutionId);
    this.selection.set(next);
  }

  protected toggleAll(on: boolean): void {
    this.selection.set(new Set(on ? this.items().filter(free).map((i) => i.institutionId) : []));
  }

  /** Pharmacies and clinics short of the month's 10% once what is scheduled is counted. */
  protected short(quota: WorklistQuota): boolean {
    return quota.monthlyRequired !== null && quota.inspectedThisMonth + quota.scheduledThisMonth < quota.monthlyRequired;
  }

  protected selectMonth(month: string): void {
    if (!MONTH.test(month ?? '')) return;
    this.created.set([]);
    void this.router.navigate([], { relativeTo: this.route, queryParams: { month }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  /** The POST body, or the reasons it cannot be sent. */
  private build(): ScheduleWorklistRequest | string[] {
    const errors: string[] = [];
    // In the worklist's order (suggested first, risk first), which is the order of the created ids.
    const institutionIds = this.items()
      .filter((i) => this.selection().has(i.institutionId))
      .map((i) => i.institutionId);
    if (!institutionIds.length) errors.push(this.i18n.t('worklist.form.noneSelected'));
    const plannedOn = this.plannedOn();
    if (!DATE.test(plannedOn)) errors.push(this.i18n.t('worklist.form.dateRequired'));
    if (errors.length) return errors;
    return { institutionIds, plannedOn, inspectionType: this.inspectionType(), method: this.method(), announced: this.announced() };
  }

  protected async schedule(): Promise<void> {
    if (this.busy()) return;
    const request = this.build();
    this.serverError.set('');
    if (Array.isArray(request)) {
      this.errors.set(request);
      return;
    }
    this.errors.set([]);
    this.busy.set(true);
    try {
      const { ids } = await firstValueFrom(this.api.schedule(request));
      const names = new Map(this.items().map((i) => [i.institutionId, i.name]));
      this.created.set(ids.map((id, n) => ({ id, name: names.get(request.institutionIds[n] ?? '') ?? '' })));
      this.message.success(this.i18n.t('worklist.scheduled', { count: ids.length }));
      this.worklist.reload();
    } catch (error) {
      this.serverError.set(errorText(error, this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
