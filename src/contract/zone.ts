/**
 * One `Intl.DateTimeFormat` per time zone for the whole page: creating one costs milliseconds
 * (the zone's data is loaded then), so the contract's time-zone check and the rules' wall-clock
 * arithmetic share this cache instead of each making their own.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's wall-clock formatter (en-US, 24 h, every field numeric); throws for an unknown zone. */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
