import { DOCUMENT, DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { DownloadOutline, LockOutline, ThunderboltOutline } from '@ant-design/icons-angular/icons';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { isApiErrorBody } from '../core/models';
import { CurrentUser } from '../core/current-user';
import { TPipe } from '../i18n/t-pipe';
import { NzCollapseModule } from 'ng-zorro-antd/collapse';
import { HistoryTimeline } from '../shell/history-timeline';
import { TranslationService } from '../i18n/translation';
import { saveDownload } from '../core/download';
import type { TranslationKey } from '../i18n/dictionaries';
import { type SpotCheckSection, canRunSpotChecks } from './spot-check-access';
import {
  HISTORY_ACTIONS,
  InspectionStatusTag,
  KIND_LABELS,
  LEVEL_LABELS,
  SpotCheckNav,
  SpotCheckStatusTag,
  VerifyChecks,
  errorText,
  percent,
} from './spot-check-labels';
import type { SpotCheckDetail, Verification } from './spot-check-models';
import { SpotChecksApi } from './spot-checks-api';
import { SHA256_HEX } from './sha256';
import { detailResource } from '../shell/detail-resource';

/** How many of the spot-check's inspections the page lists (the inspections page has them all). */
export const DETAIL_INSPECTIONS = 100;

/**
 * One spot-check, walking the commit–reveal ceremony of the verifiable draw:
 * 1. draft → each witness types a secret; only its sha256 leaves the browser, and the backend
 *    freezes the directories and publishes the commitment;
 * 2. committed → each witness re-types the secret (✓ when it matches), with the public beacon;
 *    the backend checks them, fixes the seed and runs the draw;
 * 3. drawn → strata, exclusions, the result hash, the record to download and replay, inspections.
 */
@Component({
  selector: 'app-spot-check-detail',
  imports: [
    DatePipe,
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzSpinModule,
    NzTagModule,
    InspectionStatusTag,
    SpotCheckNav,
    SpotCheckStatusTag,
    VerifyChecks,
    HistoryTimeline,
    NzCollapseModule,
    TPipe,
  ],
  // Not in the app's icon set; registered here so ng-zorro never fetches them over HTTP.
  providers: [provideNzIconsPatch([DownloadOutline, LockOutline, ThunderboltOutline])],
  templateUrl: './spot-check-detail.html',
  styleUrls: ['../shell/feature-page.css', './spot-checks.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpotCheckDetailPage {
  private readonly api = inject(SpotChecksApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly document = inject(DOCUMENT);
  private readonly digest = inject(SHA256_HEX);

  readonly id = input.required<string>();
  readonly section = input<SpotCheckSection>('province');

  private readonly loaded = detailResource(this.id, (id) => this.api.spotCheck(id));
  /** The loaded spot-check, replaced by what commit and draw return. */
  protected readonly check = this.loaded.record;
  protected readonly loadError = this.loaded.error;
  protected readonly notFound = this.loaded.notFound;

  // Narrow keys, so that replacing the spot-check (commit, draw) reloads only what changed.
  private readonly year = computed(() => this.check()?.year);
  private readonly recordKey = computed(() => {
    const check = this.check();
    return check && check.status !== 'draft' ? check.id : undefined;
  });
  private readonly drawnKey = computed(() => {
    const check = this.check();
    return check && (check.status === 'drawn' || check.status === 'closed') ? check.id : undefined;
  });

  /** City names for the header; the codes show when the list cannot be read. */
  private readonly defaults = rxResource({
    params: () => (this.year() ? { year: this.year()! } : undefined),
    stream: ({ params }) => this.api.campaignDefaults(params.year, true),
  });
  /** The published record, for the witnesses' commitments (a ✓ per re-typed secret). */
  private readonly record = rxResource({
    params: () => (this.recordKey() ? { id: this.recordKey()! } : undefined),
    stream: ({ params }) => this.api.record(params.id),
  });
  protected readonly witnessCommitments = computed<string[] | null>(() => {
    const commitments = this.record.hasValue() ? this.record.value().witnessCommitments : null;
    return Array.isArray(commitments) ? commitments : null;
  });
  protected readonly inspections = rxResource({
    params: () => (this.drawnKey() ? { id: this.drawnKey()! } : undefined),
    stream: ({ params }) => this.api.inspections({ spotCheckId: params.id, page: 1, pageSize: DETAIL_INSPECTIONS }),
  });
  protected readonly inspectionPage = computed(() => (this.inspections.hasValue() ? this.inspections.value() : { items: [], total: 0 }));

  protected readonly canRun = computed(() => canRunSpotChecks(this.user.me(), this.section()));
  protected readonly kindLabels = KIND_LABELS;
  protected readonly levelLabels = LEVEL_LABELS;
  protected readonly percent = percent;

  // The ceremony. Secrets live in these signals only while typed; they are cleared once sent.
  protected readonly secrets = linkedSignal<string[]>(() => (this.check()?.witnesses ?? []).map(() => ''));
  protected readonly confirms = linkedSignal<string[]>(() => (this.check()?.witnesses ?? []).map(() => ''));
  /** Per witness on the draw step: true ✓, false ✗, null not typed or not known. */
  protected readonly matches = linkedSignal<(boolean | null)[]>(() => (this.check()?.witnesses ?? []).map(() => null));
  protected readonly beacon = signal('');
  protected readonly busy = signal<'commit' | 'draw' | 'verify' | 'download' | null>(null);
  protected readonly stepError = signal('');
  protected readonly verification = signal<Verification | null>(null);
  protected readonly verifyError = signal('');

  protected cityNames(codes: readonly string[]): string {
    const cities = this.defaults.hasValue() ? this.defaults.value().cities : [];
    return codes.map((code) => cities.find((c) => c.code === code)?.name ?? code).join('、');
  }

  protected kindNames(kinds: readonly (keyof typeof KIND_LABELS)[]): string {
    return kinds.map((k) => this.i18n.t(KIND_LABELS[k])).join('、');
  }

  protected raisedRatios(check: SpotCheckDetail): { stratum: string; ratio: number }[] {
    return Object.entries(check.parameters.ratios).map(([stratum, ratio]) => {
      const [kind, level] = stratum.split('/') as [keyof typeof KIND_LABELS, keyof typeof LEVEL_LABELS];
      const label = KIND_LABELS[kind] && LEVEL_LABELS[level] ? `${this.i18n.t(KIND_LABELS[kind])} · ${this.i18n.t(LEVEL_LABELS[level])}` : stratum;
      return { stratum: label, ratio };
    });
  }

  /** The history's verbs in the reader's language (issue 16: not "created", "drawn"); an unknown one as sent. */
  protected readonly historyLabel = (action: string): string => {
    const key = (HISTORY_ACTIONS as Partial<Record<string, TranslationKey>>)[action];
    return key ? this.i18n.t(key) : action;
  };

  protected witnessNames(check: SpotCheckDetail): string {
    return check.witnesses.map((w) => w.name).join('、');
  }

  protected setSecret(index: number, value: string): void {
    this.secrets.update((list) => list.map((s, i) => (i === index ? value : s)));
    if (this.check()?.status === 'committed') void this.checkMatch(index, value);
  }

  protected setConfirm(index: number, value: string): void {
    this.confirms.update((list) => list.map((s, i) => (i === index ? value : s)));
  }

  /** ✓ when the re-typed secret hashes to the witness's published commitment. */
  private async checkMatch(index: number, value: string): Promise<void> {
    const expected = this.witnessCommitments()?.[index];
    const result = value && expected ? (await this.digest(value)) === expected.toLowerCase() : null;
    // A later keystroke may have changed the secret meanwhile.
    if (this.secrets()[index] !== value) return;
    this.matches.update((list) => list.map((m, i) => (i === index ? result : m)));
  }

  /** Step 1: publish the commitment (sha256 of each secret, never the secrets). */
  protected async commit(): Promise<void> {
    const check = this.check();
    if (!check || this.busy()) return;
    const secrets = this.secrets();
    if (secrets.some((s) => !s)) {
      this.stepError.set(this.i18n.t('spotCheck.commit.secretRequired'));
      return;
    }
    const unconfirmed = secrets.findIndex((s, i) => s !== this.confirms()[i]);
    if (unconfirmed >= 0) {
      this.stepError.set(this.i18n.t('spotCheck.commit.confirmMismatch', { name: check.witnesses[unconfirmed]?.name ?? '' }));
      return;
    }
    this.stepError.set('');
    this.busy.set('commit');
    try {
      const witnessCommitments = await Promise.all(secrets.map((s) => this.digest(s)));
      const updated = await firstValueFrom(this.api.commit(check.id, witnessCommitments));
      this.check.set(updated);
      this.message.success(this.i18n.t('spotCheck.commit.done'));
    } catch (error) {
      this.stepError.set(this.failure(error, check));
    } finally {
      this.busy.set(null);
    }
  }

  /** Step 2: reveal the secrets (and the beacon) and run the draw. */
  protected async draw(): Promise<void> {
    const check = this.check();
    if (!check || this.busy()) return;
    const secrets = this.secrets();
    const beacon = this.beacon().trim();
    if (secrets.some((s) => !s)) {
      this.stepError.set(this.i18n.t('spotCheck.draw.secretRequired'));
      return;
    }
    if (check.beaconRequired && !beacon) {
      this.stepError.set(this.i18n.t('spotCheck.draw.beaconRequired'));
      return;
    }
    this.busy.set('draw');
    try {
      // Refused here when a secret is known not to match its commitment (the backend checks anyway).
      const known = this.witnessCommitments();
      if (known) {
        for (const [i, secret] of secrets.entries()) {
          const expected = known[i];
          if (expected && (await this.digest(secret)) !== expected.toLowerCase()) {
            this.stepError.set(this.i18n.t('spotCheck.draw.mismatch', { name: check.witnesses[i]?.name ?? String(i + 1) }));
            return;
          }
        }
      }
      this.stepError.set('');
      const updated = await firstValueFrom(this.api.draw(check.id, secrets, beacon || null));
      this.check.set(updated);
      this.beacon.set('');
      this.message.success(this.i18n.t('spotCheck.draw.done', { drawn: updated.drawn }));
    } catch (error) {
      this.stepError.set(this.failure(error, check));
    } finally {
      this.busy.set(null);
    }
  }

  /** The backend's reason; for a reveal mismatch, which witness. */
  private failure(error: unknown, check: SpotCheckDetail): string {
    const text = errorText(error, this.i18n);
    const body = error instanceof HttpErrorResponse && isApiErrorBody(error.error) ? error.error.error : null;
    const witness = (body?.details as { witness?: unknown } | undefined)?.witness;
    if (body?.code === 'spot_check_reveal_mismatch' && typeof witness === 'number') {
      return `${text} ${this.i18n.t('spotCheck.draw.mismatch', { name: check.witnesses[witness]?.name ?? String(witness + 1) })}`;
    }
    return text;
  }

  protected async verify(): Promise<void> {
    const check = this.check();
    if (!check || this.busy()) return;
    this.busy.set('verify');
    this.verifyError.set('');
    try {
      this.verification.set(await firstValueFrom(this.api.verifyStored(check.id)));
    } catch (error) {
      this.verification.set(null);
      this.verifyError.set(errorText(error, this.i18n));
    } finally {
      this.busy.set(null);
    }
  }

  protected async download(): Promise<void> {
    const check = this.check();
    if (!check || this.busy()) return;
    this.busy.set('download');
    try {
      const response = await firstValueFrom(this.api.downloadRecord(check.id));
      saveDownload(this.document, response, `spot-check-${check.id}-record.json`);
    } catch {
      // The error interceptor has told the user.
    } finally {
      this.busy.set(null);
    }
  }
}
