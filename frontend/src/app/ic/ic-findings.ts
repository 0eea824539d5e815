import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import type { AuditDetail, Finding } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import type { AuditChange, ItemDraft } from './ic-audit-change';
import { IcFinding } from './ic-finding';
import { IcNewFindings } from './ic-new-findings';

/**
 * 三、问题与整改: the issued findings, each with its rectification and verification, and during
 * fieldwork the team's drafts of new ones. One error line serves the whole section.
 */
@Component({
  selector: 'app-ic-findings',
  imports: [IcFinding, IcNewFindings, TPipe],
  templateUrl: './ic-findings.html',
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IcFindings {
  readonly audit = input.required<AuditDetail>();
  readonly isAgency = input.required<boolean>();
  readonly isTeam = input.required<boolean>();
  readonly inFieldwork = input.required<boolean>();
  /** The team's result drafts, one per item (new findings are drafted from the deficient ones). */
  readonly results = input.required<Record<string, ItemDraft>>();
  /** The change being sent, if any. */
  readonly busy = input<string | null>(null);
  readonly change = output<AuditChange>();

  protected readonly findingError = signal('');

  protected itemText(code: string | null): string {
    if (!code) return '';
    const item = this.audit().checklist.find((i) => i.code === code);
    return item ? `${item.code} ${item.text}` : code;
  }

  protected canRectify(finding: Finding): boolean {
    return this.isAgency() && this.audit().status === 'rectification' && (finding.status === 'open' || finding.status === 'rejected');
  }

  protected canVerify(finding: Finding): boolean {
    return this.isTeam() && finding.status === 'rectification_submitted';
  }
}
