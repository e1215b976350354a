/**
 * The date step's month calendar: a WAI-ARIA grid with one Tab stop (the cursor day), arrow keys,
 * Home/End and Page Up/Down (docs/booking-flow.md). Days with free starts can be chosen; days no
 * package of the client can pay for say why (on hover, and below the grid for the focused day).
 */
import { html, nothing, type LitElement } from 'lit';
import { cursorAfterKey, monthView, type CalendarDay } from '../../state/checkout-view.ts';
import type { Checkout } from '../../state/store.ts';
import { chevron, refusalText, type View } from '../view.ts';

/** Moves the cursor with the keyboard, then the focus to the day that has it (once rendered). */
async function onGridKey(view: View, checkout: Checkout, event: KeyboardEvent): Promise<void> {
  const target = cursorAfterKey(checkout.cursor, event.key, event.shiftKey);
  if (!target) return;
  event.preventDefault();
  const grid = event.currentTarget as HTMLElement;
  view.store.moveCursor(target);
  const host = (grid.getRootNode() as ShadowRoot).host as LitElement;
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>('[role="grid"] button[tabindex="0"]')?.focus();
}

function dayLabel(view: View, cell: CalendarDay): string {
  const { t, format } = view;
  const name = format.day(cell.day);
  if (cell.kind === 'free') return t.dayFree(name, cell.count);
  if (cell.kind === 'full') return t.dayFull(name);
  if (cell.refusal) return `${name}: ${refusalText(view, cell.refusal, view.state.catalog)}`;
  if (cell.kind === 'loading') return name;
  return t.dayOutside(name);
}

export function renderCalendar(view: View, checkout: Checkout) {
  const { t, format, state, store } = view;
  const month = monthView(state, checkout);
  const days = month.weeks.flat().filter((cell): cell is CalendarDay => cell !== null);
  const cursor = days.find((cell) => cell.cursor);
  const note = cursor?.refusal ? refusalText(view, cursor.refusal, state.catalog) : null;
  return html`<div class="calendar">
    <div class="month-nav">
      <button type="button" class="icon" aria-label=${t.previousMonth} ?disabled=${!month.previous} @click=${() => month.previous && store.showMonth(month.previous)}>
        ${chevron('left')}
      </button>
      <h4 id="month-label" aria-live="polite">${format.month(month.month)}</h4>
      <button type="button" class="icon" aria-label=${t.nextMonth} ?disabled=${!month.next} @click=${() => month.next && store.showMonth(month.next)}>
        ${chevron('right')}
      </button>
    </div>
    <table role="grid" aria-labelledby="month-label" aria-busy=${month.loading} @keydown=${(event: KeyboardEvent) => void onGridKey(view, checkout, event)}>
      <thead>
        <tr>
          ${month.weekdays.map((day) => html`<th scope="col" abbr=${format.weekday(day, 'long')}>${format.weekday(day, 'short')}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${month.weeks.map(
          (row) => html`<tr>
            ${row.map((cell) =>
              cell
                ? html`<td aria-selected=${cell.selected}>
                    <button
                      type="button"
                      class="day ${cell.kind}"
                      data-day=${cell.day}
                      tabindex=${cell.cursor ? 0 : -1}
                      aria-label=${dayLabel(view, cell)}
                      aria-disabled=${cell.kind !== 'free'}
                      aria-current=${cell.today ? 'date' : nothing}
                      aria-describedby=${cell.cursor && note ? 'day-note' : nothing}
                      title=${cell.refusal ? refusalText(view, cell.refusal, state.catalog) : nothing}
                      @click=${() => (cell.kind === 'free' ? store.chooseDay(cell.day) : store.moveCursor(cell.day))}
                    >
                      ${Number(cell.day.slice(8))}
                    </button>
                  </td>`
                : html`<td></td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>
    <p id="day-note" class="note" ?hidden=${!note}>${note}</p>
    ${month.loading ? html`<p class="status" role="status">${t.loadingSlots}</p>` : nothing}
  </div>`;
}
