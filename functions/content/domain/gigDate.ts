const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?=$|[_ -])/;

export interface GigDatePrefix {
  /** `YYYY-MM-DD` as written. */
  readonly written: string;
  /** True when it is a day of the calendar (`2026-02-29` is not). */
  readonly valid: boolean;
  /** What follows the date: `_`, a space or hyphen someone used instead, or '' when nothing does. */
  readonly separator: string;
  readonly rest: string;
}

const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

/** The `YYYY-MM-DD` a gig document's name starts with, or null when it does not start with one. */
export const gigDatePrefix = (base: string): GigDatePrefix | null => {
  const match = DATE_PREFIX.exec(base);
  if (!match) return null;
  const [written, y = '', m = '', d = ''] = match;
  const month = Number(m);
  const day = Number(d);
  const valid = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(y), month);
  return { written, valid, separator: base.charAt(written.length), rest: base.slice(written.length + 1) };
};
