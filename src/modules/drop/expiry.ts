// The lifetimes a sender may choose, as Firefox Send and PrivateBin offer them: from 5 minutes up to the
// configured maximum (`drop.max_expiry_hours`). The send page lists exactly these, and the API accepts
// exactly these, so what the server stores is always something a person could pick.

const MINUTE = 60;
const HOUR = 3600;
const DAY = 24 * HOUR;

/** The usual steps, in seconds: 5 minutes, 1 hour, 1 day, 1 week, 1 month (30 days), 1 year (365 days). */
export const EXPIRY_STEPS = [5 * MINUTE, HOUR, DAY, 7 * DAY, 30 * DAY, 365 * DAY] as const;

/** The default choice: 1 day, or the longest offered when 1 day is not. */
export const DEFAULT_EXPIRY = DAY;

/** The offered lifetimes in seconds, shortest first: the steps within the maximum, and the maximum itself. */
export function expiryChoices(maxExpiryHours: number): number[] {
  const max = maxExpiryHours * HOUR;
  const choices: number[] = EXPIRY_STEPS.filter((s) => s <= max);
  if (!choices.includes(max)) choices.push(max);
  return choices;
}

/** The choice selected at first. */
export function defaultExpiry(choices: readonly number[]): number {
  return choices.includes(DEFAULT_EXPIRY) ? DEFAULT_EXPIRY : choices[choices.length - 1]!;
}

/** A lifetime as a count and a unit, for its translated label: 30 days, not 720 hours. */
export function expiryParts(seconds: number): { n: number; unit: 'minutes' | 'hours' | 'days' | 'weeks' | 'years' } {
  if (seconds % (365 * DAY) === 0) return { n: seconds / (365 * DAY), unit: 'years' };
  if (seconds % DAY === 0) return seconds === 7 * DAY ? { n: 1, unit: 'weeks' } : { n: seconds / DAY, unit: 'days' };
  if (seconds % HOUR === 0) return { n: seconds / HOUR, unit: 'hours' };
  return { n: Math.round(seconds / MINUTE), unit: 'minutes' };
}
