import { sentenceEn, sentenceZh } from '../../../kernel/sentence.js';
import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '../../../kernel/errors.js';
import { regionPathOf } from '../../../kernel/region-path.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { Notifications } from '../../../platform/notifications/notifications.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import {
  assertCompilable,
  assertMayCompile,
  AUTO_NUMBER_KEYS,
  EMPTY_AUTO,
  EMPTY_MANUAL,
  MANUAL_NUMBER_KEYS,
  MONTHLY_REPORT_EVENTS,
  MonthlyReport,
  monthZh,
  rankCounties,
  STANDING_ZH,
  sumFigures,
  sumMeasures,
  validMonth,
  type AutoFigures,
  type ManualFigures,
  type ReportStatus,
  type Standing,
} from '../domain/monthly-report.js';
import { dueAtOf } from '../domain/schedule.js';
import { MonthlyReports, toReport, type CountyRef } from '../infrastructure/monthly-reports.repository.js';
import {
  CompileCityReportCommand,
  FileCityReportCommand,
  MarkMonthlyReportsOverdueCommand,
  OpenMonthlyReportsCommand,
  RemindMonthlyReportsCommand,
  ReturnMonthlyReportCommand,
  SaveMonthlyReportCommand,
  SignMonthlyReportCommand,
  SubmitMonthlyReportCommand,
} from './commands.js';

const link = (id: string) => `/monthly-reports/${id}`;
/** Where the counties' reports go: the city agency's fund-audit section (市医保经办机构基金稽核科). */
const RECEIVER_ZH = '市医保经办机构（基金稽核科）';
const yuan = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function provincePath(provinceCode: string): string {
  if (!/^\d{2}$/.test(provinceCode)) throw new Error(`not a province code: ${provinceCode}`);
  return regionPathOf(provinceCode);
}

@CommandHandler(SaveMonthlyReportCommand)
export class SaveMonthlyReportHandler implements ICommandHandler<SaveMonthlyReportCommand> {
  constructor(private readonly repo: MonthlyReports) {}

  async execute({ actor, reportId, manual }: SaveMonthlyReportCommand) {
    const r = await this.repo.load(reportId);
    const now = new Date();
    // Validation and permission first (nothing assembled for a refused request); then the refresh.
    r.save(actor, manual, r.auto, now);
    r.auto = await this.repo.assemble(r.regionPath, r.month);
    await this.repo.save(r);
  }
}

@CommandHandler(SubmitMonthlyReportCommand)
export class SubmitMonthlyReportHandler implements ICommandHandler<SubmitMonthlyReportCommand> {
  constructor(private readonly repo: MonthlyReports, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, reportId }: SubmitMonthlyReportCommand) {
    const r = await this.repo.load(reportId);
    const now = new Date();
    r.submit(actor, now);
    r.auto = await this.repo.assemble(r.regionPath, r.month);
    r.autoAt = now;
    await this.repo.save(r);
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: r.ownerOrgId, recipientRegionPath: r.regionPath,
      titleZh: `${monthZh(r.month)}监管月报表待分管局长审签`, titleEn: `Monthly report ${r.month} awaiting the leader's sign-off`,
      bodyZh: `${actor.displayName} 已提交 ${monthZh(r.month)} 医保基金监管月报表，请分管局长审签后上报${RECEIVER_ZH}。`,
      bodyEn: `${actor.displayName} submitted the ${r.month} monthly supervision report; the leader signs it off to send it to the city.`,
      link: link(r.id), dedupeKey: `monthly-report-awaiting-${r.id}-${now.getTime()}`,
    });
  }
}

@CommandHandler(SignMonthlyReportCommand)
export class SignMonthlyReportHandler implements ICommandHandler<SignMonthlyReportCommand> {
  constructor(private readonly repo: MonthlyReports, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, reportId }: SignMonthlyReportCommand) {
    const r = await this.repo.load(reportId);
    const now = new Date();
    r.sign(actor, now);
    await this.repo.save(r);
    // The report goes to the city agency's fund-audit section, which compiles the counties' reports.
    const [city, county] = [await this.repo.organization(`agency-${r.cityCode}`), await this.repo.organization(r.ownerOrgId)];
    if (!city) return;
    const name = county?.name ?? r.ownerOrgId;
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: city.id, recipientRegionPath: city.regionPath,
      titleZh: r.late ? `${name}逾期上报${monthZh(r.month)}监管月报表` : `${name}已上报${monthZh(r.month)}监管月报表`,
      titleEn: r.late ? `${name} filed its ${r.month} monthly report late` : `${name} filed its ${r.month} monthly report`,
      bodyZh: r.late
        ? `${name}的 ${monthZh(r.month)} 月报表于 ${chinaDateOf(now)} 经分管局长审签上报，已超过报送期限（每月10日前）。`
        : `${name}的 ${monthZh(r.month)} 月报表已经分管局长审签上报。`,
      bodyEn: r.late ? `Signed off on ${chinaDateOf(now)}, after the deadline (the 10th).` : 'Signed off by the leader and filed.',
      link: link(r.id), dedupeKey: `monthly-report-signed-${r.id}-${now.getTime()}`,
    });
  }
}

@CommandHandler(ReturnMonthlyReportCommand)
export class ReturnMonthlyReportHandler implements ICommandHandler<ReturnMonthlyReportCommand> {
  constructor(private readonly repo: MonthlyReports, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, reportId, comment }: ReturnMonthlyReportCommand) {
    const r = await this.repo.load(reportId);
    const now = new Date();
    if (r.level === 'city') {
      // The city bureau sends the compilation back to the city agency.
      r.returnCompilation(actor, comment, now);
      await this.repo.save(r);
      const agency = await this.repo.organization(`agency-${r.cityCode}`);
      if (agency) {
        await this.notifications.deliver(this.uow.em, {
          recipientOrgId: agency.id, recipientRegionPath: agency.regionPath,
          titleZh: `${monthZh(r.month)}监管月报汇总被市医保局退回`, titleEn: `The city bureau returned the ${r.month} compilation`,
          bodyZh: `退回意见：${sentenceZh(r.returnedComment ?? '')}请核实后重新汇总报市医保局。`, bodyEn: `Comment: ${sentenceEn(r.returnedComment ?? '')} Please check and compile again.`,
          link: link(r.id), dedupeKey: `monthly-report-compilation-returned-${r.id}-${now.getTime()}`,
        });
      }
      return;
    }
    r.returnToDraft(actor, comment, now);
    await this.repo.save(r);
    await this.notifications.deliver(this.uow.em, {
      recipientOrgId: r.ownerOrgId, recipientRegionPath: r.regionPath,
      titleZh: `${monthZh(r.month)}监管月报表被退回`, titleEn: `Monthly report ${r.month} returned`,
      bodyZh: `退回意见：${sentenceZh(r.returnedComment ?? '')}请修改后重新提交。`, bodyEn: `Comment: ${sentenceEn(r.returnedComment ?? '')} Please revise and submit again.`,
      link: link(r.id), dedupeKey: `monthly-report-returned-${r.id}-${now.getTime()}`,
    });
  }
}

// ---- the cycle's clock steps (run as the province's system actor by the workflow's activities)

@CommandHandler(OpenMonthlyReportsCommand)
export class OpenMonthlyReportsHandler implements ICommandHandler<OpenMonthlyReportsCommand> {
  constructor(private readonly repo: MonthlyReports, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ provinceCode, month, at }: OpenMonthlyReportsCommand) {
    validMonth(month);
    const now = at ?? new Date();
    const dueAt = dueAtOf(month);
    const counties = await this.repo.counties(provincePath(provinceCode));
    // The province's figures in one pass (not 4 statements per county).
    const figuresOf = await this.repo.assembleBelow(provincePath(provinceCode), month);
    let opened = 0;
    for (const county of counties) {
      const auto = figuresOf(county.code);
      const r = await this.repo.insertCounty(randomUUID(), county, month, dueAt, auto, now);
      if (!r) continue;
      opened += 1;
      r.emit(MONTHLY_REPORT_EVENTS.opened, { at: now.toISOString(), dueAt: dueAt.toISOString() });
      await this.notifications.deliver(this.uow.em, {
        recipientOrgId: county.bureauId, recipientRegionPath: county.path,
        titleZh: `请填报${monthZh(month)}医保基金监管月报表`, titleEn: `Please file the ${month} monthly supervision report`,
        bodyZh: `${monthZh(month)}监管月报表已生成（系统数据已自动汇总），请补充填报后经分管局长审签，于 ${chinaDateOf(new Date(dueAt.getTime() - 1))} 前上报${RECEIVER_ZH}。`,
        bodyEn: `The ${month} report is open with the suite's figures assembled; complete it and have the leader sign it off by ${chinaDateOf(new Date(dueAt.getTime() - 1))}.`,
        link: link(r.id), dedupeKey: `monthly-report-open-${r.id}`,
      });
    }
    return { opened, total: counties.length };
  }
}

@CommandHandler(RemindMonthlyReportsCommand)
export class RemindMonthlyReportsHandler implements ICommandHandler<RemindMonthlyReportsCommand> {
  constructor(private readonly repo: MonthlyReports, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ provinceCode, month, reminder, at }: RemindMonthlyReportsCommand) {
    validMonth(month);
    const due = chinaDateOf(new Date(dueAtOf(month).getTime() - 1));
    const rows = await this.repo.ofMonth(provincePath(provinceCode), month, 'county');
    const reminded: string[] = [];
    for (const row of rows.filter((x) => x.status !== 'submitted')) {
      const inserted = await this.notifications.deliver(this.uow.em, {
        recipientOrgId: row.owner_org_id, recipientRegionPath: row.region_path,
        titleZh: `提醒：${monthZh(month)}监管月报表须于 ${due} 前上报`, titleEn: `Reminder: the ${month} monthly report is due by ${due}`,
        bodyZh: `贵局 ${monthZh(month)} 医保基金监管月报表尚未上报（当前状态：${row.status === 'draft' ? '填报中' : '待审签'}），请于 ${due} 前经分管局长审签后上报${RECEIVER_ZH}。`,
        bodyEn: `Your ${month} monthly supervision report has not been filed yet (${row.status}); it is due by ${due}.`,
        link: link(row.id), dedupeKey: `monthly-report-remind-${row.id}-${reminder}`,
      });
      if (inserted) reminded.push(row.owner_org_id as string);
    }
    void at;
    return { reminded };
  }
}

@CommandHandler(MarkMonthlyReportsOverdueCommand)
export class MarkMonthlyReportsOverdueHandler implements ICommandHandler<MarkMonthlyReportsOverdueCommand> {
  constructor(private readonly repo: MonthlyReports, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ provinceCode, month, at }: MarkMonthlyReportsOverdueCommand) {
    validMonth(month);
    const now = at ?? new Date();
    const flagged = (await this.repo.flagOverdue(provincePath(provinceCode), month, now)).map(toReport);
    const byCity = new Map<string, MonthlyReport[]>();
    for (const r of flagged) {
      this.uow.track(r);
      r.emit(MONTHLY_REPORT_EVENTS.overdue, { at: now.toISOString() });
      byCity.set(r.cityCode, [...(byCity.get(r.cityCode) ?? []), r]);
      await this.notifications.deliver(this.uow.em, {
        recipientOrgId: r.ownerOrgId, recipientRegionPath: r.regionPath,
        titleZh: `${monthZh(month)}监管月报表已逾期未报`, titleEn: `The ${month} monthly report is overdue`,
        bodyZh: `贵局 ${monthZh(month)} 医保基金监管月报表未在期限内上报，已告知${RECEIVER_ZH}和市医保局。请尽快经分管局长审签后上报。`,
        bodyEn: `Your ${month} monthly report was not filed by the deadline; the city agency and the city bureau have been told. Please file it as soon as possible.`,
        link: link(r.id), dedupeKey: `monthly-report-overdue-${r.id}`,
      });
    }
    for (const [cityCode, reports] of byCity) {
      const names = [];
      for (const r of reports) names.push((await this.repo.organization(r.ownerOrgId))?.name ?? r.ownerOrgId);
      // The city agency (which receives and compiles the reports) and the city bureau.
      for (const orgId of [`agency-${cityCode}`, `bureau-${cityCode}`]) {
        const city = await this.repo.organization(orgId);
        if (!city) continue;
        await this.notifications.deliver(this.uow.em, {
          recipientOrgId: city.id, recipientRegionPath: city.regionPath,
          titleZh: `${reports.length} 个区县${monthZh(month)}监管月报表逾期未报`, titleEn: `${reports.length} counties have not filed their ${month} monthly report`,
          bodyZh: `以下区县未在期限内上报 ${monthZh(month)} 月报表：${names.join('、')}。`, bodyEn: `Not filed by the deadline: ${names.join(', ')}.`,
          link: `/monthly-reports?month=${month}`,
          dedupeKey: orgId.startsWith('bureau-') ? `monthly-report-overdue-city-${cityCode}-${month}` : `monthly-report-overdue-city-agency-${cityCode}-${month}`,
        });
      }
    }
    return { flagged: flagged.map((r) => r.ownerOrgId) };
  }
}

// ---- the city's compilation and bulletin (市汇总, 内部通报)

export interface CompiledCounty {
  regionCode: string;
  name: string;
  bureauId: string;
  reportId: string | null;
  status: ReportStatus | null;
  standing: Standing;
  signedAt: string | null;
  overdue: boolean;
  inspections: number;
  recoveredAmount: number;
  auto: AutoFigures | null;
  manual: ManualFigures | null;
  rank: number;
}

export interface Compiled {
  cityCode: string;
  cityName: string;
  month: string;
  compiledAt: string;
  compiledBy: string;
  /** Set when the city bureau files the compilation (备案) and issues the bulletin. */
  filedAt?: string;
  filedBy?: string;
  afterDue: boolean;
  onTime: number;
  late: number;
  missing: string[];
  counties: CompiledCounty[];
  bulletin: string;
}

@CommandHandler(CompileCityReportCommand)
export class CompileCityReportHandler implements ICommandHandler<CompileCityReportCommand> {
  constructor(private readonly repo: MonthlyReports, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  async execute({ actor, cityCode, month }: CompileCityReportCommand) {
    validMonth(month);
    if (typeof cityCode !== 'string' || !/^\d{4}$/.test(cityCode)) {
      throw DomainError.validation('invalid_city', { zh: `城市代码无效：${String(cityCode)}（4 位行政区划代码）`, en: `invalid city code ${String(cityCode)} (4 digits)` }, { field: 'cityCode' });
    }
    assertMayCompile(actor, cityCode);
    const city = await this.repo.region(cityCode);
    if (!city || city.level !== 'city' || !city.path.startsWith(actor.regionPath)) throw DomainError.notFound({ zh: '城市', en: 'city' }, cityCode);
    assertCompilable((await this.repo.cityReport(cityCode, month))?.status ?? null);
    const now = new Date();
    const dueAt = dueAtOf(month);
    const counties = await this.repo.counties(city.path);
    const reports = new Map((await this.repo.ofMonth(city.path, month, 'county', true)).map((r) => [r.region_code as string, toReport(r)]));
    const pending = counties.filter((k) => reports.get(k.code)?.status !== 'submitted');
    const afterDue = now.getTime() >= dueAt.getTime();
    if (pending.length && !afterDue) {
      throw DomainError.conflict('monthly_report_compile_incomplete', {
        zh: `尚有 ${pending.length} 个区县未上报${monthZh(month)}月报表（${pending.map((k) => k.name).join('、')}），报送期限（${chinaDateOf(new Date(dueAt.getTime() - 1))}）届满前不能汇总`,
        en: `${pending.length} counties have not filed their ${month} report yet (${pending.map((k) => k.code).join(', ')}); the city can compile once all have, or after the deadline`,
      }, { pending: pending.map((k) => ({ regionCode: k.code, name: k.name, status: reports.get(k.code)?.status ?? null })), dueAt: dueAt.toISOString() });
    }
    const { compiled, autoTotals, manualTotals } = compileCity({ cityCode, cityName: city.name, month, counties, reports, compiledBy: actor.displayName, afterDue, now });
    const id = await this.repo.upsertCity(randomUUID(), { code: city.code, path: city.path }, month, dueAt, autoTotals, manualTotals, compiled, now);
    const report = Object.assign(new MonthlyReport(), {
      id, regionPath: city.path, ownerOrgId: `bureau-${cityCode}`, level: 'city', regionCode: cityCode, cityCode, month, status: 'compiled', dueAt,
    });
    this.uow.track(report);
    report.emit(MONTHLY_REPORT_EVENTS.compiled, { at: now.toISOString(), onTime: compiled.onTime, late: compiled.late, missing: compiled.missing.length });
    // 汇总后报市局: the compilation goes to the city bureau, which files it and issues the bulletin.
    const bureau = await this.repo.organization(`bureau-${cityCode}`);
    if (bureau) {
      await this.notifications.deliver(this.uow.em, {
        recipientOrgId: bureau.id, recipientRegionPath: bureau.regionPath,
        titleZh: `待备案：${city.name}${monthZh(month)}监管月报汇总`, titleEn: `To file: ${city.name}'s ${month} monthly report compilation`,
        bodyZh: `${actor.displayName}（市医保经办机构）已汇总各区县 ${monthZh(month)} 月报表（按时报送 ${compiled.onTime} 个，逾期 ${compiled.late} 个，未报 ${compiled.missing.length} 个），请备案并下发内部通报，或退回。`,
        bodyEn: `${actor.displayName} (city agency) compiled the counties' ${month} reports; please file the compilation and issue the bulletin, or return it.`,
        link: link(id), dedupeKey: `monthly-report-compiled-${id}-${now.getTime()}`,
      });
    }
    return { id };
  }
}

@CommandHandler(FileCityReportCommand)
export class FileCityReportHandler implements ICommandHandler<FileCityReportCommand> {
  constructor(private readonly repo: MonthlyReports, private readonly uow: UnitOfWork, private readonly notifications: Notifications) {}

  /** 备案: the city bureau files the compilation and issues the bulletin (dated the filing day) to the counties. */
  async execute({ actor, reportId }: FileCityReportCommand) {
    const r = await this.repo.load(reportId);
    const now = new Date();
    r.file(actor, now);
    await this.repo.save(r);
    const row = await this.repo.row(r.id);
    const compiled = row!.compiled as Compiled;
    compiled.bulletin = bulletinText(compiled, r.auto, r.manual, now);
    compiled.filedAt = now.toISOString();
    compiled.filedBy = actor.displayName;
    await this.repo.setCompiled(r.id, compiled);
    const counties = await this.repo.counties(r.regionPath);
    for (const k of counties) {
      const row = compiled.counties.find((c) => c.regionCode === k.code);
      await this.notifications.deliver(this.uow.em, {
        recipientOrgId: k.bureauId, recipientRegionPath: k.path,
        titleZh: `${compiled.cityName}医疗保障局通报：${monthZh(r.month)}监管月报表情况`, titleEn: `${compiled.cityName} bulletin on the ${r.month} monthly reports`,
        bodyZh: row ? `${monthZh(r.month)}月报表已汇总备案，${STANDING_ZH[row.standing]}，排名第 ${row.rank} 位。` : `${monthZh(r.month)}月报表已汇总备案。`,
        bodyEn: `The city bureau filed the ${r.month} compilation and issued its bulletin.`,
        link: link(r.id), dedupeKey: `monthly-report-bulletin-${r.id}-${k.code}-${now.getTime()}`,
      });
    }
    const agency = await this.repo.organization(`agency-${r.cityCode}`);
    if (agency) {
      await this.notifications.deliver(this.uow.em, {
        recipientOrgId: agency.id, recipientRegionPath: agency.regionPath,
        titleZh: `${monthZh(r.month)}监管月报汇总已备案`, titleEn: `The ${r.month} compilation was filed`,
        bodyZh: `${actor.displayName}（市医保局）已备案并下发内部通报。`, bodyEn: `${actor.displayName} (city bureau) filed it and issued the bulletin.`,
        link: link(r.id), dedupeKey: `monthly-report-filed-${r.id}`,
      });
    }
  }
}

/**
 * The city's compilation of its counties' reports of a month, as of `now`: every county ranked
 * (on time, late, missing = not submitted), the totals of the filed ones and the bulletin. Pure: the
 * compile command stores it; the demo activity generator (seed/activity.ts) compiles its months with it.
 */
export function compileCity(input: {
  cityCode: string; cityName: string; month: string; counties: readonly CountyRef[]; reports: ReadonlyMap<string, MonthlyReport>;
  compiledBy: string; afterDue: boolean; now: Date;
}): { compiled: Compiled; autoTotals: AutoFigures; manualTotals: ManualFigures } {
  const { cityCode, cityName, month, counties, reports, now } = input;
  const rows = counties.map((k) => {
    const r = reports.get(k.code);
    const filed = r?.status === 'submitted';
    const standing: Standing = filed ? (r!.late ? 'late' : 'on_time') : 'missing';
    return {
      regionCode: k.code, name: k.name, bureauId: k.bureauId, reportId: r?.id ?? null, status: r?.status ?? null, standing,
      signedAt: filed && r!.signedAt ? r!.signedAt.toISOString() : null, overdue: r?.overdue ?? false,
      inspections: filed ? r!.auto.inspections : 0, recoveredAmount: filed ? r!.auto.recoveredAmount : 0,
      auto: filed ? r!.auto : null, manual: filed ? r!.manual : null,
    };
  });
  const ranked = rankCounties(rows);
  const filed = ranked.filter((r) => r.standing !== 'missing');
  const autoTotals = { ...EMPTY_AUTO, ...sumFigures(filed.map((r) => r.auto! as unknown as Record<string, number>), AUTO_NUMBER_KEYS), measures: sumMeasures(filed.map((r) => r.auto!.measures)) };
  const manualTotals = { ...EMPTY_MANUAL, ...sumFigures(filed.map((r) => r.manual! as unknown as Record<string, number>), MANUAL_NUMBER_KEYS), remarks: '' };
  const compiled: Compiled = {
    cityCode, cityName, month, compiledAt: now.toISOString(), compiledBy: input.compiledBy, afterDue: input.afterDue,
    onTime: ranked.filter((r) => r.standing === 'on_time').length, late: ranked.filter((r) => r.standing === 'late').length,
    missing: ranked.filter((r) => r.standing === 'missing').map((r) => r.name), counties: ranked,
    bulletin: '',
  };
  compiled.bulletin = bulletinText(compiled, autoTotals as AutoFigures, manualTotals, now);
  return { compiled, autoTotals: autoTotals as AutoFigures, manualTotals };
}

/** 内部通报 text of the city's compilation (zh, as issued to the counties). */
export function bulletinText(c: Compiled, a: AutoFigures, m: ManualFigures, now: Date): string {
  const late = c.counties.filter((r) => r.standing === 'late').map((r) => r.name);
  const lines = [
    `关于${monthZh(c.month)}各区县医保基金监管月报表情况的通报`,
    '',
    '各区县医疗保障局：',
    `　　按照医保基金监管工作要求，各区县应于每月10日前将上月监管情况（月报表）经分管局长审签后报送市医保经办机构基金稽核科，经汇总后报市医保局。现将${monthZh(c.month)}月报表报送及监管工作情况通报如下：`,
    `　　一、报送情况。全市 ${c.counties.length} 个区县中，按时报送 ${c.onTime} 个，逾期报送 ${c.late} 个${late.length ? `（${late.join('、')}）` : ''}，未报送 ${c.missing.length} 个${c.missing.length ? `（${c.missing.join('、')}）` : ''}。`,
    `　　二、监管工作情况。已报送区县本月共开展检查 ${a.inspections} 家次，涉及定点医药机构 ${a.institutionsInspected} 家；发现问题 ${a.findings} 个，涉及金额 ${yuan(a.findingAmount)} 元；`
      + `认定追回 ${yuan(a.recoveredAmount)} 元，实际追回 ${yuan(a.actualRecoveredAmount)} 元，拒付 ${yuan(a.refusedAmount)} 元，定点医药机构主动退回 ${yuan(a.refundedAmount)} 元，其他追回 ${yuan(m.otherRecovered)} 元；`
      + `作出协议处理 ${a.decisions} 件，暂停结算 ${a.settlementSuspended} 家，解除协议 ${a.agreementsTerminated} 家；受理争议 ${a.disputesFiled} 件，作出争议决定 ${a.disputesDecided} 件；整改逾期 ${a.rectificationOverdue} 件；`
      + `立案 ${a.casesOpened} 件，结案 ${a.casesClosed} 件，移送公安 ${m.transferredToPolice} 件；受理举报 ${a.tipsReceived} 件，举报奖励 ${a.tipsRewarded} 件；曝光典型案例 ${m.publicExposures} 件。`,
    '　　三、排名情况。按报送及时性、检查家次、认定追回金额排序：',
    ...c.counties.map((r) => `　　${r.rank}. ${r.name}（${STANDING_ZH[r.standing]}${r.standing === 'missing' ? '' : `，检查 ${r.inspections} 家次，追回 ${yuan(r.recoveredAmount)} 元`}）`),
    c.late + c.missing.length
      ? '　　请逾期报送和未报送的区县高度重视，查明原因，切实落实月报制度，按时报送月报表。'
      : '　　各区县均按时报送，请继续保持。',
    '',
    `${c.cityName}医疗保障局`,
    chinaDateOf(now),
  ];
  return lines.join('\n');
}

export const MONTHLY_REPORT_COMMAND_HANDLERS = [
  SaveMonthlyReportHandler, SubmitMonthlyReportHandler, SignMonthlyReportHandler, ReturnMonthlyReportHandler,
  OpenMonthlyReportsHandler, RemindMonthlyReportsHandler, MarkMonthlyReportsOverdueHandler, CompileCityReportHandler, FileCityReportHandler,
];
