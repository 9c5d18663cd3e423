/** Why an answer string did not parse, and the limits that keep every parse bounded. */
export class ParseError extends Error {
  reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

/** Nesting deeper than this is refused rather than risking the stack. */
export const MAX_DEPTH = 120;
/** Answers are short; longer token streams and lists are refused to keep every call well under 100 ms. */
export const MAX_TOKENS = 6000;
export const MAX_LIST = 1000;
