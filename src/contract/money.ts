/**
 * Money in the contract is an integer of minor units of the practice's currency (docs/rules.md "Price"). How
 * many make one unit depends on the currency (100 for EUR, 1 for JPY, 1000 for KWD), as Intl knows.
 */
export function minorUnitsPerUnit(currency: string): number {
  return 10 ** (new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2);
}
