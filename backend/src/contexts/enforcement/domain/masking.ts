// Personal data masked on the public enforcement page (执法公示; issue 18): the names of natural
// persons (张** — the surname kept), ID card numbers and phone numbers. Institutions' names stay.

/** Resident ID numbers (18 or 15 digits): only the first 6 (the region of issue) kept. */
const ID_RE = /(?<![0-9A-Za-z])(\d{6})(\d{11}[\dXx]|\d{9})(?![0-9A-Za-z])/g;
/** Mainland mobile numbers (1[3-9]x xxxx xxxx) and landlines (0xx-xxxxxxx). */
const MOBILE_RE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const LANDLINE_RE = /(?<!\d)(0\d{2,3}-?)\d{3,4}(\d{4})(?!\d)/g;
/**
 * A natural person named in the text: a Chinese name (2–3 characters) after a marker such as
 * 患者、参保人、当事人、法定代表人、负责人、医师、医生、护士、职工、员工、人员、姓名、举报人, or before
 * 同志, ended by punctuation, a common following word (于、在、为、等…) or a common verb (经手、冒用…). The names found are
 * then masked wherever else they occur in the same record (e.g. 「医师王小明另行处理」).
 */
const MARKERS = '患者|参保人员?|参保群众|当事人|法定代表人|主要负责人|负责人|医师|医生|护士|药师|职工|员工|工作人员|人员|姓名[:：]?|举报人|经办人|院长|股东';
const AFTER = '[，。、；：,.;:\\s（(）)和与及的于在为将因以自对向已未曾是系等另共]';
/**
 * The verbs that commonly follow a person's name in a case's facts (医师王小明经手、患者赵六冒用…): a name
 * ends before one of them too. A candidate that starts with one of them is no name (工作人员违规操作).
 */
const VERBS = '经手|经办|负责|签字|签名|开具|开立|开出|出具|违规|违反|私自|擅自|冒用|盗用|利用|伙同|持卡|使用|办理|收取|承认|供述|陈述|表示|参与|串换|虚构|伪造|编造|套取|骗取|诱导|接诊|诊治|主治|操作|录入|上传|提供|签署|住院|就诊|购药';
const NAME_AFTER_RE = new RegExp(`(?:${MARKERS})(?!${VERBS})([\\u4e00-\\u9fa5]{2,3}?)(?=${AFTER}|${VERBS}|$)`, 'g');
/**
 * A full name before 同志 (王小明同志). Before 先生/女士 a text names only the surname (联系张先生), which the
 * masking keeps anyway: taking the two characters before it as a name garbled the text (联**先生).
 */
const NAME_BEFORE_RE = /([\u4e00-\u9fa5]{2,3})(?=同志)/g;

const stars = (n: number) => '*'.repeat(n);
const maskName = (name: string) => name.slice(0, 1) + stars(name.length - 1);

/** The natural persons' names the texts name (by the markers above). */
function namesIn(texts: readonly string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(NAME_AFTER_RE)) names.add(m[1]!);
    for (const m of text.matchAll(NAME_BEFORE_RE)) names.add(m[1]!);
  }
  // Longest first, so 王小明 is masked before a shorter name that is its prefix.
  return [...names].sort((a, b) => b.length - a.length);
}

/** The texts of one record with personal data masked (names found in any of them masked in all). */
export function maskPersonalData(texts: readonly string[]): string[] {
  const names = namesIn(texts);
  return texts.map((text) => {
    let out = text
      .replace(ID_RE, (_m, region: string, rest: string) => `${region}${stars(rest.length)}`)
      .replace(MOBILE_RE, (_m, head: string) => `${head}${stars(8)}`)
      .replace(LANDLINE_RE, (_m, area: string) => `${area}${stars(7)}`);
    for (const name of names) out = out.split(name).join(maskName(name));
    return out;
  });
}
