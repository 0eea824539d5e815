// Notification texts quote what people typed (a return comment, a reason) inside sentences of their
// own: 「退回意见：数据有误。请修改后重新提交」. Appending 「。」 to a comment that already ends in one is
// where the "。。" of issue 16 item 7 came from; these close a quoted text exactly once.

const ZH_END = /[。！？!?]$/;
const ZH_SOFT_END = /[；;，,、：:.．\s]+$/;
const EN_END = /[.!?。！？]$/;
const EN_SOFT_END = /[;,:\s]+$/;

/** A quoted text as a Chinese sentence: ends in 。 unless it already ends in 。！？ (a trailing ；，、： or . becomes 。). */
export function sentenceZh(text: string): string {
  const t = text.trim();
  if (!t) return '';
  if (ZH_END.test(t)) return t;
  return `${t.replace(ZH_SOFT_END, '')}。`;
}

/** A quoted text as an English sentence: ends in "." unless it already ends in . ! ? (a trailing ; , : becomes "."). */
export function sentenceEn(text: string): string {
  const t = text.trim();
  if (!t) return '';
  if (EN_END.test(t)) return t;
  return `${t.replace(EN_SOFT_END, '')}.`;
}
