/** The server's notion of now; tests pass a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** YYYY-MM-DD of an instant, in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
