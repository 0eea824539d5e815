import { isYuanAmount } from '../../../kernel/money.js';

// Smart-monitoring alerts imported from a file (智能监控预警, issue 17: "imported file now; produced by
// rules later", issue 21). The columns are the suite's own template (no provincial system's export
// format is published; these are the fields such an export carries): 规则编码, 规则名称, 预警编号, 机构编码,
// 机构名称, 就诊/结算日期, 涉及金额, 明细说明. An alert is identified by its rule code and alert number
// (the lead's source reference `规则编码/预警编号`): the same alert twice in a file is an error, and one
// already in the ledger is not registered again (the application's). This is the rows' check only —
// the file's reading (infrastructure/alert-file.ts), the institutions' lookup in the uploader's area
// and the all-or-nothing registration are the application's (ImportLeadAlertsHandler).

export const ALERT_COLUMNS = ['规则编码', '规则名称', '预警编号', '机构编码', '机构名称', '就诊/结算日期', '涉及金额', '明细说明'] as const;
export type AlertColumn = (typeof ALERT_COLUMNS)[number];

const COLUMN_EN: Record<AlertColumn, string> = {
  规则编码: 'rule code', 规则名称: 'rule name', 预警编号: 'alert number', 机构编码: 'institution code', 机构名称: 'institution name', '就诊/结算日期': 'visit/settlement date', 涉及金额: 'amount involved', 明细说明: 'details',
};

/** One problem of one row: its number in the file (the header is row 1), the column, a bilingual message. */
export interface AlertRowError { row: number; column: AlertColumn | null; code: string; message: { zh: string; en: string } }

/** A checked alert, ready to be registered as a lead (source smart_monitoring) once its institution is found. */
export interface AlertRow {
  row: number; ruleCode: string; alertNo: string; rule: string; institutionCode: string; institutionName: string; date: string; amount: string | null; details: string;
}

/** The lead's source reference of an alert: its rule code and alert number. */
export const alertSourceRef = (r: Pick<AlertRow, 'ruleCode' | 'alertNo'>) => `${r.ruleCode}/${r.alertNo}`;

/** At most this many alerts in one file (a month's alerts of a city; larger exports are split). */
export const ALERT_IMPORT_MAX_ROWS = 2000;

/** A row's problem, bilingual, with the row number and column in both texts. */
export function alertRowError(row: number, column: AlertColumn | null, code: string, zh: string, en: string): AlertRowError {
  return column
    ? { row, column, code, message: { zh: `第 ${row} 行「${column}」：${zh}`, en: `row ${row}, ${COLUMN_EN[column]}: ${en}` } }
    : { row, column, code, message: { zh: `第 ${row} 行：${zh}`, en: `row ${row}: ${en}` } };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const RULE_MAX = 200;
const DETAILS_MAX = 2000;
const CODE = /^[A-Za-z0-9-]{1,50}$/;
const ALERT_NO = /^[A-Za-z0-9_./:-]{1,100}$/;

const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** A real calendar day, 'YYYY-MM-DD', not after `today`. */
function validDay(text: string, today: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text && text <= today;
}

/**
 * Checks the header (the six columns, in any order, nothing missing) and every row; returns the rows
 * when all are valid, else every problem found (a file is imported whole or not at all). Rows are the
 * cells by column name; blank rows are skipped.
 */
export function checkAlertRows(header: unknown[], rows: Record<string, unknown>[], today: string): { rows: AlertRow[]; errors: AlertRowError[] } {
  const names = header.map(cell);
  const missing = ALERT_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) {
    return { rows: [], errors: [{ row: 1, column: missing[0]!, code: 'alert_import_header', message: {
      zh: `表头缺少列：${missing.join('、')}（请使用导入模板）`, en: `the header lacks: ${missing.map((c) => COLUMN_EN[c]).join(', ')} (use the import template)`,
    } }] };
  }
  const out: AlertRow[] = [];
  const errors: AlertRowError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const row = i + 2;
    const v = Object.fromEntries(ALERT_COLUMNS.map((c) => [c, cell(r[c])])) as Record<AlertColumn, string>;
    if (ALERT_COLUMNS.every((c) => v[c] === '')) return;
    const fail = (column: AlertColumn, code: string, zh: string, en: string) => errors.push(alertRowError(row, column, code, zh, en));
    const before = errors.length;
    if (!v.规则编码) fail('规则编码', 'alert_rule_code_required', '必填', 'required');
    else if (!CODE.test(v.规则编码)) fail('规则编码', 'alert_rule_code_invalid', `编码格式无效（字母、数字、连字符，不超过 50 位）：${v.规则编码}`, `not a rule code (letters, digits, hyphens, at most 50): ${v.规则编码}`);
    if (!v.预警编号) fail('预警编号', 'alert_no_required', '必填', 'required');
    else if (!ALERT_NO.test(v.预警编号)) fail('预警编号', 'alert_no_invalid', `编号格式无效（字母、数字及 _ . / : -，不超过 100 位）：${v.预警编号}`, `not an alert number (letters, digits, _ . / : -, at most 100): ${v.预警编号}`);
    else if (v.规则编码) {
      const ref = alertSourceRef({ ruleCode: v.规则编码, alertNo: v.预警编号 });
      const first = seen.get(ref);
      if (first) fail('预警编号', 'alert_duplicate_in_file', `与第 ${first} 行是同一预警（${ref}）`, `the same alert as row ${first} (${ref})`);
      else seen.set(ref, row);
    }
    if (!v.规则名称) fail('规则名称', 'alert_rule_required', '必填', 'required');
    else if (v.规则名称.length > RULE_MAX) fail('规则名称', 'alert_rule_too_long', `不超过 ${RULE_MAX} 个字`, `at most ${RULE_MAX} characters`);
    if (!v.机构编码) fail('机构编码', 'alert_institution_required', '必填', 'required');
    else if (!CODE.test(v.机构编码)) fail('机构编码', 'alert_institution_code_invalid', `编码格式无效：${v.机构编码}`, `not an institution code: ${v.机构编码}`);
    if (!v.机构名称) fail('机构名称', 'alert_institution_name_required', '必填', 'required');
    if (!validDay(v['就诊/结算日期'], today)) {
      fail('就诊/结算日期', 'alert_date_invalid', `应为不晚于今天的日期（YYYY-MM-DD）：${v['就诊/结算日期'] || '（空）'}`, `a day not after today (YYYY-MM-DD): ${v['就诊/结算日期'] || '(empty)'}`);
    }
    const amount = v.涉及金额 === '' ? null : Number(v.涉及金额);
    if (amount !== null && (!/^\d+(\.\d{1,2})?$/.test(v.涉及金额) || !isYuanAmount(amount))) {
      fail('涉及金额', 'alert_amount_invalid', `应为不小于 0 的金额，最多 2 位小数：${v.涉及金额}`, `an amount in yuan ≥ 0 with at most 2 decimals: ${v.涉及金额}`);
    }
    if (!v.明细说明) fail('明细说明', 'alert_details_required', '必填', 'required');
    else if (v.明细说明.length > DETAILS_MAX) fail('明细说明', 'alert_details_too_long', `不超过 ${DETAILS_MAX} 个字`, `at most ${DETAILS_MAX} characters`);
    if (errors.length === before) {
      out.push({ row, ruleCode: v.规则编码, alertNo: v.预警编号, rule: v.规则名称, institutionCode: v.机构编码, institutionName: v.机构名称, date: v['就诊/结算日期'], amount: v.涉及金额 === '' ? null : v.涉及金额, details: v.明细说明 });
    }
  });
  if (!errors.length && !out.length) {
    errors.push(alertRowError(2, null, 'alert_import_empty', '文件中没有预警数据', 'the file has no alerts'));
  }
  return errors.length ? { rows: [], errors } : { rows: out, errors: [] };
}
