/**
 * A credit meter drawn by the widget (a native `<meter>` ignores the theme: its empty part stays
 * white on a dark page): `role="meter"` with the same accessible name and value, a track and a
 * fill in the theme's colours, and a border that forced colours keep visible. The fill's width is
 * set through the CSSOM (a property binding), which a strict `style-src` CSP allows.
 */
import { html } from 'lit';
import type { MeterView } from '../state/package-view.ts';

export function renderMeter(text: string, { left, max }: Pick<MeterView, 'left' | 'max'>) {
  const ratio = max > 0 ? Math.min(1, left / max) : 0;
  return html`<div part="credit-meter">
    <span aria-hidden="true">${text}</span>
    <div class="meter" role="meter" aria-label=${text} aria-valuemin="0" aria-valuemax=${max} aria-valuenow=${left}>
      <div class="fill" .style=${`inline-size:${ratio * 100}%`}></div>
    </div>
  </div>`;
}
