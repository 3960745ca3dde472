/**
 * A cheap token estimate for budgeting units, not billing. BPE tokenisers give roughly one token
 * per CJK character and one per ~4 characters of English or code; mixing both is the common
 * case in Japanese technical books.
 */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/gu;

/**
 * @example
 * estimateTokens("hello world"); // 3
 * estimateTokens("日本語");      // 3
 */
export function estimateTokens(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const rest = text.length - cjk;
  return cjk + Math.ceil(rest / 4);
}
