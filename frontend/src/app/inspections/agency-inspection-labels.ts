import type { TranslationKey } from '../i18n/dictionaries';
import type { AgreementStatus, DueReason } from './agency-inspection-models';
import { labelTable } from '../i18n/label-table';

export const DUE_REASON_LABELS: Record<DueReason, TranslationKey> = labelTable('worklist.reason', ['not_on_site_this_year', 'monthly_share', 'key_short', 'high_credit_full']);

export const DUE_REASON_COLORS: Record<DueReason, string> = {
  not_on_site_this_year: 'orange',
  monthly_share: 'blue',
  key_short: 'red',
  high_credit_full: 'green',
};

export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, TranslationKey> = labelTable('agreement.status', ['active', 'suspended', 'terminated']);

export const AGREEMENT_STATUS_COLORS: Record<AgreementStatus, string> = {
  active: 'success',
  suspended: 'warning',
  terminated: 'default',
};
