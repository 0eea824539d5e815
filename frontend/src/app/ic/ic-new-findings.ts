import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { type AuditDetail, CHECKLIST_AREAS, type ChecklistArea, type NewFinding } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import type { AuditChange, ItemDraft } from './ic-audit-change';
import { IcApi } from './ic-api';
import { AREA_LABELS } from './ic-labels';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { DayPicker } from '../shell/day-picker';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface FindingDraft {
  area: ChecklistArea;
  itemCode: string;
  description: string;
  rectificationDue: string;
}

/**
 * The findings the team drafts during fieldwork (by hand, or one per item its results call
 * deficient) and issues together. Refusals go to the findings section's error line.
 */
@Component({
  selector: 'app-ic-new-findings',
  imports: [DayPicker, NzSelectModule, FormsModule, NzButtonModule, NzIconModule, NzInputModule, TPipe],
  templateUrl: './ic-new-findings.html',
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IcNewFindings {
  private readonly api = inject(IcApi);
  private readonly i18n = inject(TranslationService);

  readonly audit = input.required<AuditDetail>();
  /** The team's result drafts, one per item. */
  readonly results = input.required<Record<string, ItemDraft>>();
  /** The change being sent, if any. */
  readonly busy = input<string | null>(null);
  readonly change = output<AuditChange>();
  /** A refusal to show ('' clears it). */
  readonly error = output<string>();

  protected readonly areas = CHECKLIST_AREAS;
  protected readonly areaLabels = AREA_LABELS;

  protected readonly newFindings = linkedSignal<FindingDraft[]>(() => (this.audit() ? [] : []));

  protected addFinding(): void {
    this.newFindings.update((list) => [...list, { area: 'management_rules', itemCode: '', description: '', rectificationDue: '' }]);
  }

  /** One draft finding per item recorded as deficient, not drafted yet. */
  protected draftFromDeficient(): void {
    const drafts = this.results();
    const taken = new Set(this.newFindings().map((f) => f.itemCode));
    const added = this.audit()
      .checklist.filter((i) => drafts[i.code]?.value === 'deficient' && !taken.has(i.code))
      .map((i) => ({ area: i.area, itemCode: i.code, description: drafts[i.code]!.note.trim() || i.text, rectificationDue: '' }));
    this.newFindings.update((list) => [...list, ...added]);
  }

  protected setFinding(index: number, change: Partial<FindingDraft>): void {
    this.newFindings.update((list) => list.map((f, i) => (i === index ? { ...f, ...change } : f)));
  }

  protected removeFinding(index: number): void {
    this.newFindings.update((list) => list.filter((_, i) => i !== index));
  }

  protected issueFindings(): void {
    const drafts = this.newFindings();
    if (drafts.some((f) => !f.description.trim() || !DATE.test(f.rectificationDue))) {
      this.error.emit(this.i18n.t('ic.findings.invalid'));
      return;
    }
    this.error.emit('');
    const findings: NewFinding[] = drafts.map((f) => ({
      area: f.area,
      ...(f.itemCode ? { itemCode: f.itemCode } : {}),
      description: f.description.trim(),
      rectificationDue: f.rectificationDue,
    }));
    this.change.emit({ action: 'issue', request: this.api.issueFindings(this.audit().id, findings), success: 'ic.findings.issued' });
  }
}
