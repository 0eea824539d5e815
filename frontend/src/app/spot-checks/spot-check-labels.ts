import { HttpErrorResponse } from '@angular/common/http';
import { CLOCK } from '../core/clock';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NzCollapseModule } from 'ng-zorro-antd/collapse';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { chinaDateOf, daysUntil } from '../core/china-date';
import { CurrentUser } from '../core/current-user';
import { describeHttpError } from '../core/error-interceptor';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { FeatureTabs } from '../shell/feature-tabs';
import type { StatusOption } from '../shell/list-toolbar';
import { SPOT_CHECK_PAGE_LABELS, type SpotCheckSection, spotCheckPagesFor } from './spot-check-access';
import {
  INSPECTION_STATUSES,
  type ChecklistResult,
  type CoverageRuleName,
  type InspectionMethod,
  type InspectionStatus,
  type InspectionType,
  type InstitutionKind,
  type InstitutionLevel,
  type SpotCheckStatus,
  type Verification,
  type VerificationCheckName,
} from './spot-check-models';
import { labelTable } from '../i18n/label-table';

export const SPOT_CHECK_STATUS_LABELS: Record<SpotCheckStatus, TranslationKey> = labelTable('spotCheck.status', ['draft', 'committed', 'drawn', 'closed']);

const SPOT_CHECK_STATUS_COLORS: Record<SpotCheckStatus, string> = {
  draft: 'default',
  committed: 'gold',
  drawn: 'processing',
  closed: 'success',
};

export const INSPECTION_STATUS_LABELS: Record<InspectionStatus, TranslationKey> = labelTable('inspection.status', ['assigned', 'recorded', 'sent']);

/** The statuses the inspections' lists offer in their toolbar. */
export const INSPECTION_STATUS_OPTIONS: readonly StatusOption[] = INSPECTION_STATUSES.map((s) => ({ value: s, label: INSPECTION_STATUS_LABELS[s] }));

/** A status from the URL, if it is an inspection's. */
export const inspectionStatusOf = (status: string | undefined): InspectionStatus | undefined =>
  (INSPECTION_STATUSES as readonly string[]).includes(status ?? '') ? (status as InspectionStatus) : undefined;

const INSPECTION_STATUS_COLORS: Record<InspectionStatus, string> = {
  assigned: 'default',
  recorded: 'processing',
  sent: 'success',
};

export const KIND_LABELS: Record<InstitutionKind, TranslationKey> = labelTable('spotCheck.kind', ['hospital', 'clinic', 'pharmacy']);

export const LEVEL_LABELS: Record<InstitutionLevel, TranslationKey> = labelTable('spotCheck.level', ['tertiary', 'secondary', 'primary', 'none']);

export const RESULT_LABELS: Record<ChecklistResult, TranslationKey> = labelTable('inspection.result', ['compliant', 'deficient', 'not_applicable']);

export const INSPECTION_TYPE_LABELS: Record<InspectionType, TranslationKey> = labelTable('agencyInspection.type', ['routine', 'targeted', 'follow_up', 'lead', 'complaint']);

export const INSPECTION_METHOD_LABELS: Record<InspectionMethod, TranslationKey> = labelTable('agencyInspection.method', ['on_site', 'data_review']);

export const COVERAGE_RULE_LABELS: Record<CoverageRuleName, TranslationKey> = labelTable('coverage.rule', [
  'full_coverage',
  'pharmacy_monthly',
  'clinic_monthly',
  'pharmacy_yearly',
  'clinic_yearly',
  'key_twice',
  'high_credit_full',
]);

export const CHECK_LABELS: Record<VerificationCheckName, TranslationKey> = labelTable('spotCheck.check', ['directories', 'commitment', 'reveal', 'seed', 'result']);

/** The actions of a spot-check's history (backend spot-check.ts addHistory). */
export const HISTORY_ACTIONS: Record<'created' | 'committed' | 'drawn' | 'reminded' | 'overdue' | 'closed', TranslationKey> = labelTable('spotCheck.action', [
  'created',
  'committed',
  'drawn',
  'reminded',
  'overdue',
  'closed',
]);

/** What each check establishes, for the reader who is no cryptographer (the raw detail is behind 技术细节). */
export const CHECK_EXPLANATIONS: Record<VerificationCheckName, TranslationKey> = {
  directories: 'spotCheck.check.directories.explain',
  commitment: 'spotCheck.check.commitment.explain',
  reveal: 'spotCheck.check.reveal.explain',
  seed: 'spotCheck.check.seed.explain',
  result: 'spotCheck.check.result.explain',
};

/** The first 12 hex digits of a hash, for lists (the full value is in the detail). */
export function shortHash(hash: string | null): string {
  return hash ? hash.slice(0, 12) : '—';
}

/** 0.1 → "10%", 0.125 → "12.5%". */
export function percent(ratio: number): string {
  return `${Math.round(ratio * 10000) / 100}%`;
}

/** The message of a failed request (the bilingual DomainError body when there is one). */
export function errorText(error: unknown, i18n: TranslationService): string {
  return error instanceof HttpErrorResponse ? describeHttpError(error, i18n) : i18n.t('spotCheck.loadFailed');
}

/** Links between the 抽查 pages the user has in this section. */
@Component({
  selector: 'app-spot-check-nav',
  imports: [FeatureTabs],
  template: `<app-feature-tabs
    [route]="['/', section(), 'spot-checks']"
    [pages]="pages()"
    [labels]="labels"
    ariaLabel="feature.spotChecks"
    testId="spot-check-nav"
    [year]="year()"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpotCheckNav {
  private readonly user = inject(CurrentUser);

  readonly section = input.required<SpotCheckSection>();
  readonly year = input<number | null>(null);

  protected readonly labels = SPOT_CHECK_PAGE_LABELS;
  protected readonly pages = computed(() => spotCheckPagesFor(this.user.me(), this.section()));
}

@Component({
  selector: 'app-spot-check-status',
  imports: [NzTagModule, TPipe],
  template: `<nz-tag data-testid="spot-check-status" [attr.data-status]="status()" [nzColor]="colors[status()]">{{ labels[status()] | t }}</nz-tag>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpotCheckStatusTag {
  readonly status = input.required<SpotCheckStatus>();
  protected readonly labels = SPOT_CHECK_STATUS_LABELS;
  protected readonly colors = SPOT_CHECK_STATUS_COLORS;
}

/** An inspection's status, with the days left until its due date while it is not sent. */
@Component({
  selector: 'app-inspection-status',
  imports: [NzTagModule, TPipe],
  template: `
    <nz-tag data-testid="inspection-status" [attr.data-status]="status()" [nzColor]="colors[status()]">{{ labels[status()] | t }}</nz-tag>
    @if (status() !== 'sent') {
      @if (overdue() || daysLeft() < 0) {
        <nz-tag nzColor="red" data-testid="inspection-overdue">{{ 'spotCheck.overdue' | t }}</nz-tag>
      } @else {
        <span class="countdown" [class.soon]="daysLeft() <= 3">{{ 'inspection.daysLeft' | t: { days: daysLeft() } }}</span>
      }
    }
  `,
  styleUrl: '../shell/status-tag.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InspectionStatusTag {
  private readonly now = inject(CLOCK);

  readonly status = input.required<InspectionStatus>();
  readonly dueDate = input.required<string>();
  readonly overdue = input(false);

  protected readonly labels = INSPECTION_STATUS_LABELS;
  protected readonly colors = INSPECTION_STATUS_COLORS;
  protected readonly daysLeft = computed(() => daysUntil(chinaDateOf(this.now()), this.dueDate()));
}

/** The checks of a verification (stored or uploaded record), each ✓ or ✗ with its detail. */
@Component({
  selector: 'app-verify-checks',
  imports: [NzCollapseModule, NzIconModule, NzTagModule, TPipe],
  template: `
    @let result = verification();
    <div class="verdict" [class.bad]="!result.ok" data-testid="verify-verdict" [attr.data-ok]="result.ok">
      <nz-icon [nzType]="result.ok ? 'check-circle' : 'close-circle'" />
      {{ (result.ok ? 'spotCheck.verify.allPassed' : 'spotCheck.verify.failed') | t }}
    </div>
    <ul class="checks">
      @for (check of result.checks; track check.name) {
        <li data-testid="verify-check" [attr.data-ok]="check.ok" [attr.data-name]="check.name" [class.bad]="!check.ok">
          <span class="mark" aria-hidden="true">{{ check.ok ? '✓' : '✗' }}</span>
          <span class="name">{{ label(check.name) }}</span>
          <nz-tag [nzColor]="check.ok ? 'success' : 'error'">{{ (check.ok ? 'spotCheck.verify.pass' : 'spotCheck.verify.fail') | t }}</nz-tag>
          <span class="explain">{{ explain(check.name) }}</span>
        </li>
      }
    </ul>
    <!-- The hashes and the checker's own words are for experts: behind a disclosure (issue 16). -->
    <nz-collapse class="technical" data-testid="verify-technical">
      <nz-collapse-panel [nzHeader]="'spotCheck.verify.technical' | t">
        <p class="hint">{{ 'spotCheck.verify.technicalHint' | t }}</p>
        <dl class="details">
          @for (check of result.checks; track check.name) {
            <dt>{{ label(check.name) }}</dt>
            <dd><code class="detail" data-testid="verify-check-detail" [attr.data-name]="check.name">{{ check.detail }}</code></dd>
          }
        </dl>
      </nz-collapse-panel>
    </nz-collapse>
  `,
  styles: `
    .verdict {
      display: flex;
      align-items: center;
      gap: 8px;
      margin-bottom: 8px;
      color: #389e0d;
      font-weight: 500;
    }

    .verdict.bad {
      color: #cf1322;
    }

    .checks {
      margin: 0;
      padding: 0;
      list-style: none;
    }

    li {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 4px 8px;
      padding: 8px 12px;
      border: 1px solid #d9f7be;
      border-radius: 6px;
      background: #f6ffed;
      margin-bottom: 6px;
    }

    li.bad {
      border-color: #ffa39e;
      background: #fff1f0;
    }

    .mark {
      width: 1.2em;
      font-weight: 700;
      color: #389e0d;
    }

    li.bad .mark {
      color: #cf1322;
    }

    .name {
      min-width: 8em;
      font-weight: 500;
    }

    .explain {
      flex: 1 1 240px;
      color: rgba(0, 0, 0, 0.65);
    }

    .technical {
      margin-top: 8px;
    }

    .details dd {
      margin: 0 0 8px;
    }

    .detail {
      color: rgba(0, 0, 0, 0.65);
      word-break: break-all;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyChecks {
  private readonly i18n = inject(TranslationService);

  readonly verification = input.required<Verification>();

  /** What a check establishes, in words; nothing for a check the page does not know. */
  protected explain(name: string): string {
    const key = (CHECK_EXPLANATIONS as Partial<Record<string, TranslationKey>>)[name];
    return key ? this.i18n.t(key) : '';
  }

  /** A check the page does not know (a newer backend) shows its raw name. */
  protected label(name: string): string {
    const key = (CHECK_LABELS as Partial<Record<string, TranslationKey>>)[name];
    return key ? this.i18n.t(key) : name;
  }
}
