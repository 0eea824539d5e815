import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { AuditStatus, ChecklistArea, FindingStatus, ItemResult, Post } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { labelTable } from '../i18n/label-table';

export const AUDIT_STATUS_LABELS: Record<AuditStatus, TranslationKey> = labelTable('ic.status', ['scheduled', 'self_assessment', 'fieldwork', 'rectification', 'verification', 'closed']);

const AUDIT_STATUS_COLORS: Record<AuditStatus, string> = {
  scheduled: 'default',
  self_assessment: 'blue',
  fieldwork: 'geekblue',
  rectification: 'orange',
  verification: 'gold',
  closed: 'green',
};

export const AREA_LABELS: Record<ChecklistArea, TranslationKey> = labelTable('ic.area', ['management_rules', 'systems', 'segregation_of_duties', 'violations_handled', 'payment_records']);

export const RESULT_LABELS: Record<ItemResult, TranslationKey> = labelTable('ic.result', ['compliant', 'deficient', 'not_applicable']);

export const POST_LABELS: Record<Post, TranslationKey> = labelTable('ic.post', [
  'payment_review',
  'payment_approval',
  'registration',
  'settlement',
  'fund_accounting',
  'fund_cashier',
  'system_admin',
  'business_operator',
  'audit_supervision',
  'claims_review',
]);

export const FINDING_STATUS_LABELS: Record<FindingStatus, TranslationKey> = labelTable('ic.finding.status', ['open', 'rectification_submitted', 'verified', 'rejected']);

/** The audit's stage as a coloured tag. */
@Component({
  selector: 'app-ic-status',
  imports: [NzTagModule, TPipe],
  template: `<nz-tag data-testid="ic-status" [nzColor]="colors[status()]">{{ labels[status()] | t }}</nz-tag>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IcStatusTag {
  readonly status = input.required<AuditStatus>();
  protected readonly labels = AUDIT_STATUS_LABELS;
  protected readonly colors = AUDIT_STATUS_COLORS;
}
