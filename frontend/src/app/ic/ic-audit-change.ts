import type { Observable } from 'rxjs';
import type { AuditDetail, ItemResult } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';

/**
 * A change a section of the audit page asks for: the page sends it (one at a time, `action` marks
 * the busy button), takes the updated audit from the answer and shows `success`.
 */
export interface AuditChange {
  action: string;
  request: Observable<AuditDetail>;
  success: TranslationKey;
}

/** One draft per checklist item: the self-assessment answer or the team's result. */
export interface ItemDraft {
  value: ItemResult | null;
  note: string;
}
