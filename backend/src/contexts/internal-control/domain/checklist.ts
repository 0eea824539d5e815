import { DomainError } from '../../../kernel/errors.js';

export const CHECKLIST_AREAS = ['management_rules', 'systems', 'segregation_of_duties', 'violations_handled', 'payment_records'] as const;
export type ChecklistArea = (typeof CHECKLIST_AREAS)[number];
export const ITEM_RESULTS = ['compliant', 'deficient', 'not_applicable'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

export const AREA_ZH: Record<ChecklistArea, string> = {
  management_rules: '管理制度',
  systems: '信息系统',
  segregation_of_duties: '岗位分离',
  violations_handled: '违规处理',
  payment_records: '支付记录',
};

export interface ChecklistItem {
  code: string;
  area: ChecklistArea;
  text: string;
  guidance: string;
}

export interface Checklist {
  version: number;
  items: ChecklistItem[];
  createdAt: string;
  createdBy: string;
}

/** The checklist a province starts with (version 1) until it edits its own. */
export const DEFAULT_CHECKLIST_ITEMS: readonly ChecklistItem[] = [
  { code: 'MR-01', area: 'management_rules', text: '建立健全医保基金经办内部控制制度，并经集体审议印发', guidance: '查阅内控制度文件及印发记录' },
  { code: 'MR-02', area: 'management_rules', text: '内部控制制度得到有效执行，定期开展内控自查', guidance: '抽查近一年内控自查报告及整改记录' },
  { code: 'MR-03', area: 'management_rules', text: '重大事项实行集体决策并留存会议记录', guidance: '查阅党组（办公）会议纪要' },
  { code: 'SY-01', area: 'systems', text: '医保信息系统按岗位分配权限，账号实名且定期复核', guidance: '导出系统账号及权限清单，核对在岗人员' },
  { code: 'SY-02', area: 'systems', text: '关键业务操作留有系统日志，日志不可篡改并定期审查', guidance: '抽查系统操作日志与审查记录' },
  { code: 'SD-01', area: 'segregation_of_duties', text: '不相容岗位相互分离，审核与审批支付不由同一人办理', guidance: '核对人员岗位分工表' },
  { code: 'SD-02', area: 'segregation_of_duties', text: '基金会计与出纳岗位分设，系统管理与业务经办分离', guidance: '核对岗位设置文件与系统权限' },
  { code: 'VH-01', area: 'violations_handled', text: '对违规定点医药机构按协议约定及时处理到位', guidance: '抽查违规处理台账及协议处理文书' },
  { code: 'VH-02', area: 'violations_handled', text: '违规追回的医保基金及时足额退回基金账户', guidance: '核对追回资金入账凭证' },
  { code: 'PR-01', area: 'payment_records', text: '无审核记录不得支付医保基金，每笔支付均有审核记录', guidance: '抽查支付凭证，逐笔核对对应审核记录（医保基金支付须以审核为前提）' },
  { code: 'PR-02', area: 'payment_records', text: '基金支付经审核、复核、审批三级流程并留痕', guidance: '抽查支付审批单及系统流转记录' },
  { code: 'PR-03', area: 'payment_records', text: '基金收支账务与银行对账单定期核对一致', guidance: '查阅月度银行对账记录' },
];

export const DEFAULT_CHECKLIST_AUTHOR = '系统默认';
export const DEFAULT_CHECKLIST_CREATED_AT = '2026-01-01T00:00:00.000Z';

const CODE_RE = /^[A-Za-z0-9_-]{1,32}$/;

/** Validates a new checklist version's items: unique codes, known areas, text present. */
export function validChecklistItems(items: ChecklistItem[]): ChecklistItem[] {
  if (!Array.isArray(items) || !items.length) {
    throw DomainError.validation('ic_checklist_empty', { zh: '检查清单至少应包含一个检查项', en: 'the checklist needs at least one item' });
  }
  const seen = new Set<string>();
  return items.map((item) => {
    if (!CODE_RE.test(item.code ?? '')) {
      throw DomainError.validation('ic_checklist_code_invalid', {
        zh: `检查项编号「${item.code}」无效（1 至 32 位字母、数字、- 或 _）`,
        en: `checklist item code '${item.code}' is invalid (1–32 letters, digits, - or _)`,
      }, { code: item.code });
    }
    if (seen.has(item.code)) {
      throw DomainError.validation('ic_checklist_code_duplicate', {
        zh: `检查项编号「${item.code}」重复`,
        en: `checklist item code '${item.code}' appears more than once`,
      }, { code: item.code });
    }
    seen.add(item.code);
    if (!(CHECKLIST_AREAS as readonly string[]).includes(item.area)) {
      throw DomainError.validation('ic_checklist_area_invalid', {
        zh: `检查项「${item.code}」的检查领域无效：${item.area}`,
        en: `checklist item '${item.code}': unknown area '${item.area}'`,
      }, { code: item.code });
    }
    const text = item.text?.trim() ?? '';
    if (text.length < 1 || text.length > 500) {
      throw DomainError.validation('ic_checklist_text_invalid', {
        zh: `检查项「${item.code}」的内容应为 1 至 500 个字符`,
        en: `checklist item '${item.code}': the text must be 1 to 500 characters`,
      }, { code: item.code });
    }
    return { code: item.code, area: item.area, text, guidance: item.guidance?.trim() ?? '' };
  });
}
