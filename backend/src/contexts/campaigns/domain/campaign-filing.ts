import { recordEvent } from '../../../kernel/aggregate.js';
import { hasRole, type Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import type { CampaignCalendar, CampaignStatus } from './campaign.js';

/**
 * A campaign's filing with the national bureau (方案备案 / 总结上报, seed 003: the plan by 31 March, the
 * summary by 30 November): the province sends it, the national overseer acknowledges it or returns it
 * with a reason (the province then sends it again). Late filing — sent after the due day, or not sent
 * by it — is shown to both with the days late.
 */
export const FILING_EVENTS = {
  sent: 'CampaignFilingSent',
  acknowledged: 'CampaignFilingAcknowledged',
  returned: 'CampaignFilingReturned',
} as const;

export type FilingKind = 'plan' | 'summary';
export const FILING_KINDS: readonly FilingKind[] = ['plan', 'summary'];
export const FILING_KIND_ZH: Record<FilingKind, string> = { plan: '专项治理方案', summary: '专项治理工作总结' };
export const FILING_KIND_EN: Record<FilingKind, string> = { plan: 'campaign plan', summary: 'campaign summary' };
export type FilingStatus = 'sent' | 'acknowledged' | 'returned';
/** The statuses a list shows: a filing not sent yet has no row (`not_sent`). */
export const FILING_LIST_STATUSES = ['not_sent', 'sent', 'acknowledged', 'returned', 'late'] as const;

const MAX_TEXT = 2000;

/** The day a filing is due: the calendar's plan_filed_by or summary_due. */
export function filingDue(kind: FilingKind, calendar: Pick<CampaignCalendar, 'planFiledBy' | 'summaryDue'>): string {
  return kind === 'plan' ? calendar.planFiledBy : calendar.summaryDue;
}

const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;

/**
 * Calendar days late (China days): a filing sent after its due day is late by the days between them;
 * one not sent is late by the days since the due day (0 up to and on the due day).
 */
export function daysLate(due: string, sentDay: string | null, today: string): number {
  return Math.max(0, dayNumber(sentDay ?? today) - dayNumber(due));
}

/** What a filing needs of its campaign. */
export interface FilingCampaign {
  id: string;
  regionPath: string;
  ownerOrgId: string;
  status: CampaignStatus;
  summaryFiledAt: Date | null;
  calendar: Pick<CampaignCalendar, 'planFiledBy' | 'summaryDue'>;
}

function optionalText(text: string | null | undefined, code: string, what: { zh: string; en: string }): string | null {
  const t = typeof text === 'string' ? text.trim() : '';
  if (t.length > MAX_TEXT) {
    throw DomainError.validation(code, { zh: `${what.zh}不超过 ${MAX_TEXT} 个字符`, en: `the ${what.en} must be at most ${MAX_TEXT} characters` });
  }
  return t || null;
}

export function assertNationalOverseer(actor: Actor): void {
  if (!hasRole(actor, 'national_overseer')) {
    throw DomainError.forbidden('filing_national_only', { zh: '只有国家医疗保障局可以签收或退回报送材料', en: 'only the national bureau acknowledges or returns a filing' });
  }
}

export class CampaignFiling {
  id!: string;
  campaignId!: string;
  regionPath!: string;
  ownerOrgId!: string;
  kind!: FilingKind;
  dueDate!: string;
  status: FilingStatus = 'sent';
  note: string | null = null;
  attachmentIds: string[] = [];
  sentAt!: Date;
  sentBy!: string;
  sendCount = 1;
  acknowledgedAt: Date | null = null;
  acknowledgedBy: string | null = null;
  returnedAt: Date | null = null;
  returnedBy: string | null = null;
  returnReason: string | null = null;
  version = 1;
  isNew = false;

  /**
   * The province sends (or, after a return, sends again) a filing of its campaign. The caller checked
   * that the actor owns the campaign; the plan once the campaign is assigned (下发), the summary once
   * it is filed (the campaign's summary phase closed by it).
   */
  static send(existing: CampaignFiling | null, id: string, campaign: FilingCampaign, kind: FilingKind, actor: Actor,
    input: { note?: string | null; attachmentIds?: readonly string[] }, now: Date): CampaignFiling {
    if (!FILING_KINDS.includes(kind)) {
      throw DomainError.validation('invalid_request', { zh: `报送类型无效：${String(kind)}`, en: `unknown filing kind: ${String(kind)} (plan, summary)` }, { field: 'kind' });
    }
    if (kind === 'plan' && campaign.status === 'draft') {
      throw DomainError.conflict('filing_plan_draft', { zh: '专项治理方案下发后才能向国家医疗保障局报送', en: 'the plan is filed with the national bureau once the campaign is assigned' });
    }
    if (kind === 'summary' && !campaign.summaryFiledAt) {
      throw DomainError.conflict('filing_summary_not_ready', { zh: '抽查复查结束、形成工作总结后才能报送总结', en: 'the summary is filed once the spot-check phase is over' });
    }
    if (existing && existing.status !== 'returned') {
      throw DomainError.conflict('filing_already_sent', {
        zh: `${FILING_KIND_ZH[kind]}已报送${existing.status === 'acknowledged' ? '并已签收' : '，等待国家医疗保障局签收'}`,
        en: `the ${FILING_KIND_EN[kind]} was sent already${existing.status === 'acknowledged' ? ' and acknowledged' : ': it awaits the national bureau'}`,
      }, { status: existing.status });
    }
    const note = optionalText(input.note, 'filing_note_too_long', { zh: '报送说明', en: 'note' });
    const f = existing ?? Object.assign(new CampaignFiling(), {
      id, campaignId: campaign.id, regionPath: campaign.regionPath, ownerOrgId: campaign.ownerOrgId, kind, isNew: true, sendCount: 0,
    });
    f.dueDate = filingDue(kind, campaign.calendar);
    f.status = 'sent';
    f.note = note;
    f.attachmentIds = [...(input.attachmentIds ?? [])];
    f.sentAt = now;
    f.sentBy = actor.displayName;
    f.sendCount += 1;
    f.acknowledgedAt = null;
    f.acknowledgedBy = null;
    f.record(FILING_EVENTS.sent, { kind, campaignId: campaign.id, dueDate: f.dueDate, daysLate: f.daysLate(now), sendCount: f.sendCount });
    return f;
  }

  /** Days late as of `now` (sent: on the day it was sent). */
  daysLate(now: Date): number {
    return daysLate(this.dueDate, this.sentAt ? chinaDateOf(this.sentAt) : null, chinaDateOf(now));
  }

  acknowledge(actor: Actor, now: Date): void {
    assertNationalOverseer(actor);
    this.assertSent('acknowledge');
    this.status = 'acknowledged';
    this.acknowledgedAt = now;
    this.acknowledgedBy = actor.displayName;
    this.record(FILING_EVENTS.acknowledged, { kind: this.kind, campaignId: this.campaignId });
  }

  /** 退回: with the reason the province reads; it sends the filing again. */
  returnToProvince(actor: Actor, reason: string | null | undefined, now: Date): void {
    assertNationalOverseer(actor);
    this.assertSent('return');
    const text = optionalText(reason, 'filing_reason_too_long', { zh: '退回理由', en: 'reason' });
    if (!text) throw DomainError.validation('filing_reason_required', { zh: '请填写退回理由', en: 'a reason is required to return a filing' });
    this.status = 'returned';
    this.returnedAt = now;
    this.returnedBy = actor.displayName;
    this.returnReason = text;
    this.record(FILING_EVENTS.returned, { kind: this.kind, campaignId: this.campaignId, reason: text });
  }

  private assertSent(what: 'acknowledge' | 'return'): void {
    if (this.status !== 'sent') {
      throw DomainError.conflict('filing_not_sent', {
        zh: this.status === 'acknowledged' ? '该报送已签收' : '该报送已退回，等待省级重新报送',
        en: `the filing is ${this.status === 'acknowledged' ? 'acknowledged already' : 'returned: it awaits the province'}: cannot ${what} it`,
      }, { status: this.status });
    }
  }

  private record(type: string, payload: Record<string, unknown>): void {
    recordEvent(this, { type, aggregateType: 'CampaignFiling', aggregateId: this.id, regionPath: this.regionPath, ownerOrgId: this.ownerOrgId, payload });
  }
}
