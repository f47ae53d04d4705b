/** Table keys may not hold `/ \ # ?`; ARM ids are full of `/`. Lower case: ARM answers ids in any case. */
export function tableKeyOf(text: string): string {
  return text.toLowerCase().replace(/[/\\#?]/g, '|');
}
