import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { AuditStatus, ChecklistArea, FindingStatus, ItemResult, Post } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';

export const AUDIT_STATUS_LABELS: Record<AuditStatus, TranslationKey> = {
  scheduled: 'ic.status.scheduled',
  self_assessment: 'ic.status.self_assessment',
  fieldwork: 'ic.status.fieldwork',
  rectification: 'ic.status.rectification',
  verification: 'ic.status.verification',
  closed: 'ic.status.closed',
};

const AUDIT_STATUS_COLORS: Record<AuditStatus, string> = {
  scheduled: 'default',
  self_assessment: 'blue',
  fieldwork: 'geekblue',
  rectification: 'orange',
  verification: 'gold',
  closed: 'green',
};

export const AREA_LABELS: Record<ChecklistArea, TranslationKey> = {
  management_rules: 'ic.area.management_rules',
  systems: 'ic.area.systems',
  segregation_of_duties: 'ic.area.segregation_of_duties',
  violations_handled: 'ic.area.violations_handled',
  payment_records: 'ic.area.payment_records',
};

export const RESULT_LABELS: Record<ItemResult, TranslationKey> = {
  compliant: 'ic.result.compliant',
  deficient: 'ic.result.deficient',
  not_applicable: 'ic.result.not_applicable',
};

export const POST_LABELS: Record<Post, TranslationKey> = {
  payment_review: 'ic.post.payment_review',
  payment_approval: 'ic.post.payment_approval',
  registration: 'ic.post.registration',
  settlement: 'ic.post.settlement',
  fund_accounting: 'ic.post.fund_accounting',
  fund_cashier: 'ic.post.fund_cashier',
  system_admin: 'ic.post.system_admin',
  business_operator: 'ic.post.business_operator',
  audit_supervision: 'ic.post.audit_supervision',
  claims_review: 'ic.post.claims_review',
};

export const FINDING_STATUS_LABELS: Record<FindingStatus, TranslationKey> = {
  open: 'ic.finding.status.open',
  rectification_submitted: 'ic.finding.status.rectification_submitted',
  verified: 'ic.finding.status.verified',
  rejected: 'ic.finding.status.rejected',
};

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
