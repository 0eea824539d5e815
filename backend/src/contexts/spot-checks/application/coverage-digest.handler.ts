import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '../../../kernel/errors.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { CoverageRuleName } from '../domain/coverage.js';
import { AgencyInspectionDirectory } from '../infrastructure/agency-inspections.repository.js';
import { SendCoverageDigestsCommand } from './agency-inspection.commands.js';
import { buildWorklist, JurisdictionCoverageHandler, JurisdictionCoverageQuery, monthBounds } from './agency-inspection.queries.js';

const RULE_ZH: Record<CoverageRuleName, string> = {
  full_coverage: '现场检查全覆盖', pharmacy_monthly: '药店月度10%', clinic_monthly: '诊所月度10%', pharmacy_yearly: '药店年度全覆盖',
  clinic_yearly: '诊所年度全覆盖', key_twice: '重点监管单位两次', high_credit_full: '信用较高医院全面检查',
};

/** The month before `YYYY-MM`. */
export function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

@CommandHandler(SendCoverageDigestsCommand)
export class SendCoverageDigestsHandler implements ICommandHandler<SendCoverageDigestsCommand> {
  constructor(private readonly directory: AgencyInspectionDirectory, private readonly coverage: JurisdictionCoverageHandler,
    private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, provinceCode, month, now }: SendCoverageDigestsCommand) {
    if (!/^\d{2}$/.test(provinceCode)) {
      throw DomainError.validation('coverage_digest_invalid', { zh: `省份代码无效：${provinceCode}`, en: `invalid province code ${provinceCode}` });
    }
    const b = monthBounds(month, now);
    const last = monthBefore(month);
    // Last month's result, judged on last month's figures (its year when the month is January).
    const previous = await this.coverage.execute(new JurisdictionCoverageQuery(actor, last));
    const agencies = await this.directory.agenciesOf(`/${provinceCode}/`);
    let sent = 0;
    for (const agency of agencies) {
      const worklist = buildWorklist(agency.id, await this.directory.worklistRows(agency.id, b), b);
      if (!worklist.items.length) continue;
      const result = previous.jurisdictions.find((j) => j.agencyId === agency.id);
      const suggested = worklist.items.filter((i) => i.suggested).length;
      const unmet = (result?.rules ?? []).filter((r) => !r.met && r.basis > 0);
      const lines = [
        `上月（${last}）覆盖情况：${result ? result.rules.filter((r) => r.basis > 0).map((r) => `${RULE_ZH[r.rule]} ${r.done}/${r.required}${r.met ? '' : '（未达标）'}`).join('；') : '无'}。`,
        `本月（${month}）检查任务清单建议检查 ${suggested} 家，请在「检查任务清单」中排期。`,
      ];
      if (b.month >= 10) {
        const notYet = worklist.items.filter((i) => i.onSiteThisYear === 0).length;
        const keyShort = worklist.items.filter((i) => i.keySupervision && i.inspectionsThisYear < 2).length;
        lines.push(`第四季度提示：本年度尚未现场检查的机构 ${notYet} 家，检查不足两次的重点监管单位 ${keyShort} 家，须在年底前完成。`);
      }
      const delivered = await this.notifications.deliver(this.uow.em, {
        recipientOrgId: agency.id, recipientRegionPath: agency.regionPath,
        titleZh: `${month} 检查任务：建议检查 ${suggested} 家${unmet.length ? `；上月 ${unmet.length} 项覆盖要求未达标` : ''}`,
        titleEn: `${month} inspections: ${suggested} suggested${unmet.length ? `; ${unmet.length} coverage rules unmet last month` : ''}`,
        bodyZh: lines.join('\n'),
        bodyEn: `Last month (${last}): ${unmet.length} coverage rules unmet. This month's worklist suggests ${suggested} institutions.`,
        link: '/local/inspections/worklist', dedupeKey: `coverage-digest-${agency.id}-${month}`,
      });
      if (delivered) sent += 1;
    }
    return { sent, agencies: agencies.length };
  }
}
