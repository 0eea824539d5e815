import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { CLOCK } from '../core/clock';
import { chinaDateOf } from '../core/china-date';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import type { SpotCheckSection } from '../spot-checks/spot-check-access';
import { INSPECTION_METHOD_LABELS, INSPECTION_TYPE_LABELS, KIND_LABELS, errorText } from '../spot-checks/spot-check-labels';
import { INSPECTION_METHODS, INSPECTION_TYPES, type InspectionMethod, type InspectionType } from '../spot-checks/spot-check-models';
import { AGREEMENT_STATUS_COLORS, AGREEMENT_STATUS_LABELS } from './agency-inspection-labels';
import { AgencyInspectionNav } from './agency-inspection-nav';
import type { CreateInspectionRequest, RecusalReason, TeamCandidate } from './agency-inspection-models';
import { AgencyInspectionsApi } from './agency-inspections-api';
import { DayPicker } from '../shell/day-picker';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const TEAM_MIN = 2;
export const TEAM_MAX = 6;
export const INSTITUTION_PAGE_SIZE = 20;

export const RECUSAL_REASON_LABELS: Record<RecusalReason, TranslationKey> = {
  linked_institution: 'newInspection.reason.linked_institution',
  inspected_last_year: 'newInspection.reason.inspected_last_year',
};

/** The focus items, one per non-blank line. */
export function focusItemsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * 新建检查 (issue 13 §3): one inspection of an institution whose agreement the agency holds, with a
 * hand-picked team of 2–6 of its inspectors; the recused ones (与该机构存在利害关系, 上一年度检查过该机构)
 * are offered but cannot be picked. The backend checks the same and its refusal is shown by the button.
 */
@Component({
  selector: 'app-new-inspection',
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
  templateUrl: './new-inspection.html',
  styleUrls: ['../shell/feature-page.css', '../spot-checks/spot-checks.css', './agency-inspections.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewInspectionPage {
  private readonly api = inject(AgencyInspectionsApi);
  private readonly i18n = inject(TranslationService);
  private readonly router = inject(Router);
  private readonly now = inject(CLOCK);

  readonly section = input<SpotCheckSection>('local');

  protected readonly kindLabels = KIND_LABELS;
  protected readonly agreementLabels = AGREEMENT_STATUS_LABELS;
  protected readonly agreementColors = AGREEMENT_STATUS_COLORS;
  protected readonly typeLabels = INSPECTION_TYPE_LABELS;
  protected readonly methodLabels = INSPECTION_METHOD_LABELS;
  protected readonly reasonLabels = RECUSAL_REASON_LABELS;
  protected readonly types = INSPECTION_TYPES;
  protected readonly methods = INSPECTION_METHODS;
  protected readonly teamMin = TEAM_MIN;
  protected readonly teamMax = TEAM_MAX;

  protected readonly today = computed(() => chinaDateOf(this.now()));

  /** The agreements search: what is typed, and what was searched. */
  protected readonly search = signal('');
  private readonly query = signal('');
  protected readonly agreements = rxResource({
    params: () => ({ q: this.query(), page: 1, pageSize: INSTITUTION_PAGE_SIZE }),
    stream: ({ params }) => this.api.agreements(params),
  });
  protected readonly institutions = computed(() => (this.agreements.hasValue() ? this.agreements.value().items : []));

  protected readonly institutionId = signal<string | null>(null);
  private readonly institutionName = signal('');
  protected readonly plannedOn = linkedSignal(() => this.today());
  protected readonly inspectionType = signal<InspectionType>('routine');
  protected readonly method = signal<InspectionMethod>('on_site');
  protected readonly announced = signal(true);
  protected readonly focusText = signal('');
  protected readonly basis = signal('');

  /** Recusal looks at the planned year (inspected the year before). */
  protected readonly year = computed(() => Number((DATE.test(this.plannedOn()) ? this.plannedOn() : this.today()).slice(0, 4)));
  protected readonly candidates = rxResource({
    params: () => {
      const institutionId = this.institutionId();
      return institutionId ? { institutionId, year: this.year() } : undefined;
    },
    stream: ({ params }) => this.api.teamCandidates(params.institutionId, params.year),
  });
  protected readonly candidateList = computed<TeamCandidate[]>(() => (this.candidates.hasValue() ? (this.candidates.value() ?? []) : []));
  /** The picked inspectors, cleared whenever the candidates are read again. */
  protected readonly team = linkedSignal<TeamCandidate[], ReadonlySet<string>>({
    source: this.candidateList,
    computation: () => new Set<string>(),
  });

  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);
  protected readonly serverError = signal('');

  protected runSearch(): void {
    this.query.set(this.search().trim());
  }

  protected pickInstitution(id: string): void {
    this.institutionId.set(id);
    this.institutionName.set(this.institutions().find((a) => a.institution.id === id)?.institution.name ?? '');
  }

  protected selectedName(): string {
    return this.institutionName();
  }

  protected isPicked(candidate: TeamCandidate): boolean {
    return this.team().has(candidate.inspectorId);
  }

  /** Recused ones cannot be picked, nor a seventh. */
  protected canPick(candidate: TeamCandidate): boolean {
    return candidate.eligible && (this.isPicked(candidate) || this.team().size < TEAM_MAX);
  }

  protected toggle(candidate: TeamCandidate, on: boolean): void {
    if (on && !this.canPick(candidate)) return;
    const next = new Set(this.team());
    if (on) next.add(candidate.inspectorId);
    else next.delete(candidate.inspectorId);
    this.team.set(next);
  }

  /** The POST body, or the reasons it cannot be sent. */
  private build(): CreateInspectionRequest | string[] {
    const errors: string[] = [];
    const institutionId = this.institutionId();
    if (!institutionId) errors.push(this.i18n.t('newInspection.institutionRequired'));
    const plannedOn = this.plannedOn();
    if (!DATE.test(plannedOn ?? '')) errors.push(this.i18n.t('worklist.form.dateRequired'));
    const eligible = new Set(this.candidateList().filter((c) => c.eligible).map((c) => c.inspectorId));
    const teamInspectorIds = this.candidateList()
      .map((c) => c.inspectorId)
      .filter((id) => this.team().has(id) && eligible.has(id));
    if (institutionId && (teamInspectorIds.length < TEAM_MIN || teamInspectorIds.length > TEAM_MAX)) {
      errors.push(this.i18n.t('newInspection.teamSize', { min: TEAM_MIN, max: TEAM_MAX }));
    }
    if (errors.length || !institutionId) return errors;
    const request: CreateInspectionRequest = {
      institutionId,
      plannedOn,
      teamInspectorIds,
      inspectionType: this.inspectionType(),
      method: this.method(),
      announced: this.announced(),
    };
    const focusItems = focusItemsOf(this.focusText());
    if (focusItems.length) request.focusItems = focusItems;
    const basis = this.basis().trim();
    if (basis) request.basis = basis;
    return request;
  }

  protected async submit(): Promise<void> {
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
      const created = await firstValueFrom(this.api.create(request));
      await this.router.navigate(['/', this.section(), 'inspections', 'inspection', created.id]);
    } catch (error) {
      this.serverError.set(errorText(error, this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
