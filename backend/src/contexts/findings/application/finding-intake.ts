import { Injectable } from '@nestjs/common';
import type { FindingFeedbackWorkflowInput } from '@fundsup/workflows/contracts';
import { actorData, type Actor } from '../../../kernel/actor.js';
import { recordEvent } from '../../../kernel/aggregate.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { confirmationDueAt, confirmationDueOf, FINDING_EVENTS } from '../domain/finding.js';
import { Findings, type RaisedFinding } from '../infrastructure/findings.repository.js';
import { ServiceAgreements } from '../../agreements/index.js';
import { calendarNoteEn, calendarNoteZh, clockTextEn, clockTextZh, LegalClocks } from '../../calendar/index.js';
import { calendarChangedAt } from '../../../platform/calendar/working-days.js';
import type { FindingSource } from '../domain/finding.js';

/** What the findings context needs of a sent inspection. */
export interface SentInspection {
  id: string;
  regionPath: string;
  ownerOrgId: string;
  /** The inspection's title (the spot-check's, or the agency's inspection). */
  spotCheckTitle: string;
  origin: 'spot_check' | 'agency';
  findings: RaisedFinding[];
}

/**
 * Raises the findings of an inspection when its result is sent, in the sending command's
 * transaction: one finding per inspection finding, the institution told its deadline, and the
 * feedback workflow started through the outbox (it deems silence confirmation at the deadline).
 */
@Injectable()
export class FindingIntake {
  constructor(private readonly findings: Findings, private readonly uow: UnitOfWork, private readonly notifications: Notifications,
    private readonly agreements: ServiceAgreements, private readonly clocks: LegalClocks) {}

  async raiseFromInspection(actor: Actor, inspection: SentInspection, sentAt: Date): Promise<{ findingIds: string[]; confirmationDue: string } | null> {
    if (!inspection.findings.length) return null;
    // The province's clock (legal_clock), quoted with its source in the notification that starts it.
    const clock = (await this.clocks.forRegion(inspection.regionPath)).finding_confirmation_working_days;
    const due = confirmationDueOf(sentAt, clock.value, inspection.regionPath);
    // Handled by the agency that holds the institution's service agreement (county or city).
    const agencyId = await this.agreements.handlingAgencyOf(inspection.ownerOrgId);
    const source: FindingSource = inspection.origin === 'agency' ? 'agency_inspection' : 'spot_check';
    const { ids } = await this.findings.insertRaised(actor, inspection, source, agencyId, inspection.findings, due, sentAt);
    if (!ids.length) return null;
    const input: FindingFeedbackWorkflowInput = { inspectionId: inspection.id, actor: actorData(actor), findingIds: ids, confirmationDueAt: confirmationDueAt(due) };
    // The inspection's findings as one batch: the event is the feedback workflow's start.
    const batch = { inspectionId: inspection.id };
    recordEvent(batch, {
      type: FINDING_EVENTS.raised, aggregateType: 'Inspection', aggregateId: inspection.id,
      regionPath: inspection.regionPath, ownerOrgId: inspection.ownerOrgId, payload: { input, confirmationDue: due },
    });
    this.uow.track(batch);
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: inspection.ownerOrgId, recipientRegionPath: inspection.regionPath,
      titleZh: `请确认${inspection.origin === 'agency' ? '检查' : '抽查'}发现的 ${ids.length} 个问题（${due} 前）`,
      titleEn: `Confirm or appeal ${ids.length} findings by ${due}`,
      bodyZh: `「${inspection.spotCheckTitle}」发现的问题请于 ${due} 前逐项确认或提出申诉（附理由和证据）；逾期未反馈的视为确认。确认时限：${clockTextZh(clock)}；${calendarNoteZh(calendarChangedAt(inspection.regionPath))}。`,
      bodyEn: `Confirm each finding of "${inspection.spotCheckTitle}" or appeal it with reasons and evidence by ${due}; findings not answered by then are deemed confirmed. Time limit: ${clockTextEn(clock)}; ${calendarNoteEn(calendarChangedAt(inspection.regionPath))}.`,
      link: `/findings?sourceId=${inspection.id}`,
      dedupeKey: `finding-feedback-${inspection.id}`,
    });
    return { findingIds: ids, confirmationDue: due };
  }
}
