/**
 * Percent policy. A value written with a percent sign (`60\%`, `60%`, `60 percent`, `28 percentage`)
 * stands for two readings: the number as written (60, as when a gold answer to "what percent ...?"
 * omits the sign) and the fraction it denotes (0.6). When only one side of a comparison is written
 * with a percent sign, either reading may match the other side; when both are, they compare as written
 * (so `60\%` never equals `0.6\%`).
 */

const PERCENT_RE = /(-?)(\d+(?:\.\d+)?)\s*(?:\\%|%|\\text\s*\{\s*(?:percent(?:age)?|pct)\s*\}|\b(?:percent(?:age)?|pct)\b)/g;

export function hasPercent(s: string): boolean {
  return s.includes('%') || /percent|pct/.test(s);
}

/** `12.5` → `0.125`, `60` → `0.6`: the decimal point moved two places, so written precision is kept. */
function hundredth(digits: string): string {
  const [ip, fp = ''] = digits.split('.');
  const padded = ip.padStart(3, '0');
  const whole = padded.slice(0, -2).replace(/^0+(?=\d)/, '');
  const frac = (padded.slice(-2) + fp).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/** The answer with every percent-marked number replaced by the fraction it denotes, or null when there is none. */
export function percentAsFraction(s: string): string | null {
  let found = false;
  const out = s.replace(PERCENT_RE, (_m, sign: string, digits: string) => {
    found = true;
    return sign + hundredth(digits);
  });
  return found ? out : null;
}
