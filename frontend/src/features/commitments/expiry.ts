import type { CommitmentStatus } from '../../graphql/gen/graphql';

const DAY = 86_400_000;

/** How many whole days remain before `endsOn`; negative once it has passed. */
export function daysLeft(endsOn: string, now: Date): number {
  return Math.floor((Date.parse(endsOn) - now.getTime()) / DAY);
}

/**
 * The "funding cliff": an agreed commitment that ends within `withinDays`.
 * A service that depends on it may close when it ends unnoticed.
 */
export function isEndingSoon(c: { status: CommitmentStatus; endsOn?: string | null }, now: Date, withinDays = 90): boolean {
  if (c.status !== 'AGREED' || !c.endsOn || Number.isNaN(Date.parse(c.endsOn))) return false;
  const left = daysLeft(c.endsOn, now);
  return left >= 0 && left <= withinDays;
}

/** "Ends today", "Ends tomorrow", "Ends in 44 days". */
export function endsInText(days: number): string {
  if (days <= 0) return 'Ends today';
  if (days === 1) return 'Ends tomorrow';
  return `Ends in ${days} days`;
}
