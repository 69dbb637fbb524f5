/**
 * The customer's own words in a message: quoted history ("On … wrote:", "> " lines) and the
 * signature block are cut off, since they are usually the agent's earlier reply. Only a tail is
 * cut, so the classifier's mask ranges stay valid offsets into the stored body.
 */
const TAIL = /\n(?:--\s*\n|>|On\s.{0,200}\swrote:|-{2,}\s*Original Message\s*-{2,}|From:\s.+\nSent:\s)/i;

export function ownWords(body: string): string {
  const m = TAIL.exec(body);
  return m ? body.slice(0, m.index) : body;
}
