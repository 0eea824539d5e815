// Personal data masked on the public enforcement page (执法公示; issue 18): the names of natural
// persons (张** — the surname kept), ID card numbers and phone numbers. Institutions' names stay.

/** Resident ID numbers (18 or 15 digits): only the first 6 (the region of issue) kept. */
const ID_RE = /(?<![0-9A-Za-z])(\d{6})(\d{11}[\dXx]|\d{9})(?![0-9A-Za-z])/g;
/** Mainland mobile numbers (1[3-9]x xxxx xxxx) and landlines (0xx-xxxxxxx). */
const MOBILE_RE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const LANDLINE_RE = /(?<!\d)(0\d{2,3}-?)\d{3,4}(\d{4})(?!\d)/g;
/**
 * A natural person named in the text: a Chinese name (2–4 characters) after a marker such as
 * 患者、参保人、当事人、法定代表人、负责人、医师、医生、护士、职工、员工、人员、姓名、举报人, or followed by
 * 同志/先生/女士. The surname is kept, each other character becomes *.
 */
const NAME_AFTER_RE = /(患者|参保人员?|参保群众|当事人|法定代表人|负责人|主要负责人|医师|医生|护士|药师|职工|员工|工作人员|人员|姓名[:：]?|举报人|经办人|院长|股东)([\u4e00-\u9fa5]{2,4}?)(?=[，。、；：,.;:\s（(）)和与等及的]|$)/g;
const NAME_BEFORE_RE = /([\u4e00-\u9fa5]{2,3}?)(同志|先生|女士)/g;

const stars = (n: number) => '*'.repeat(n);
const maskName = (name: string) => name.slice(0, 1) + stars(name.length - 1);

export function maskPersonalData(text: string): string {
  return text
    .replace(ID_RE, (_m, region: string, rest: string) => `${region}${stars(rest.length)}`)
    .replace(MOBILE_RE, (_m, head: string) => `${head}${stars(8)}`)
    .replace(LANDLINE_RE, (_m, area: string) => `${area}${stars(7)}`)
    .replace(NAME_AFTER_RE, (_m, marker: string, name: string) => `${marker}${maskName(name)}`)
    .replace(NAME_BEFORE_RE, (_m, name: string, title: string) => `${maskName(name)}${title}`);
}
