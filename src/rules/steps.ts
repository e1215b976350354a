/**
 * When each step of a chain takes place for a booked start (docs/rules.md "Packages"): day `d` is the
 * booked day + d − 1; a `relative` step starts `offsetMinutes` after the booked start's clock
 * time on its day, a `fixed` step at its `HH:MM`, both on the practice's wall clock, so a
 * daylight-saving change between day 1 and day 2 never shifts a step's local time.
 */
import type { BookedStep, Chain } from '../contract/entities.ts';
import type { ServiceIndex } from './budget.ts';
import { addDays, formatInstant, instantAt, localDateOf, localMinutesOf, minutesOfClock } from './time.ts';

export interface StepTime {
  serviceId: string;
  startMs: number;
  endMs: number;
}

export function stepTimes(chain: Chain, services: ServiceIndex, startMs: number, timeZone: string): StepTime[] {
  const bookedDay = localDateOf(startMs, timeZone);
  const bookedMinutes = localMinutesOf(startMs, timeZone);
  return chain.steps.map((step) => {
    const day = addDays(bookedDay, step.day - 1);
    const minutes = step.start.kind === 'fixed' ? minutesOfClock(step.start.time) : bookedMinutes + step.start.offsetMinutes;
    const stepStart = instantAt(day, minutes, timeZone);
    const duration = services.get(step.serviceId)?.durationMinutes ?? 0;
    return { serviceId: step.serviceId, startMs: stepStart, endMs: stepStart + duration * 60_000 };
  });
}

/** The steps as the contract writes them: instants with the practice's offset. */
export function bookedSteps(steps: readonly StepTime[], timeZone: string): BookedStep[] {
  return steps.map((step) => ({
    serviceId: step.serviceId,
    start: formatInstant(step.startMs, timeZone),
    end: formatInstant(step.endMs, timeZone),
  }));
}
