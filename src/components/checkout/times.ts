/**
 * The time step: the chosen day's starts by part of day, one Tab stop (arrow keys move between
 * them), and for a chain of several steps the day and time of every step of the focused start.
 */
import { html, nothing } from 'lit';
import { indexServices } from '../../rules/budget.ts';
import { timesView } from '../../state/checkout-view.ts';
import type { Checkout } from '../../state/store.ts';
import { refusalText, type View } from '../view.ts';

/** Arrow keys move between the starts (the focus follows, and with it the Tab stop); Enter chooses. */
function moveBetweenSlots(event: KeyboardEvent): void {
  const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
  const root = (event.currentTarget as HTMLElement).getRootNode() as ShadowRoot;
  const slots = [...root.querySelectorAll<HTMLButtonElement>('[part~="slot"]')];
  const index = slots.indexOf(root.activeElement as HTMLButtonElement);
  const next = step ? slots[index + step] : event.key === 'Home' ? slots[0] : event.key === 'End' ? slots.at(-1) : undefined;
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

export function renderTimes(view: View, checkout: Checkout) {
  const { t, format, state, store } = view;
  const times = timesView(state, checkout);
  if (!times) return html`<p class="status placeholder">${t.chooseDay}</p>`;
  const services = indexServices(state.catalog.services);
  const periods = { morning: t.morning, afternoon: t.afternoon, evening: t.evening };
  return html`<h4 id="times-title" tabindex="-1">${format.day(times.day)}</h4>
    ${times.refusal
      ? html`<p class="note">${refusalText(view, times.refusal, state.catalog)}</p>`
      : checkout.slots.status === 'loading'
        ? html`<p class="status" role="status">${t.loadingSlots}</p>`
        : times.groups.length === 0
          ? html`<p class="status">${t.noSlots}</p>`
          : html`<div class="times" role="group" aria-labelledby="times-title" @keydown=${moveBetweenSlots}>
              ${times.groups.map(
                (group) => html`<h5>${periods[group.period]}</h5>
                  <ul class="slots">
                    ${group.slots.map(
                      (slot) => html`<li>
                        <button
                          type="button"
                          part="slot"
                          data-start=${slot.start}
                          tabindex=${slot.start === times.cursor ? 0 : -1}
                          aria-label=${format.full(slot.start)}
                          @focus=${() => store.previewSlot(slot.start)}
                          @pointerenter=${() => store.previewSlot(slot.start)}
                          @click=${() => store.chooseSlot(slot)}
                        >
                          ${format.time(slot.start)}
                        </button>
                      </li>`,
                    )}
                  </ul>`,
              )}
            </div>`}
    ${times.preview
      ? html`<div class="preview" aria-live="polite">
          <p>${t.stepsIfStart(format.time(times.preview.start))}</p>
          <ol class="steps">
            ${times.preview.steps.map((step) => html`<li><span class="when">${format.dateTime(step.start)}</span> ${services.get(step.serviceId)?.name}</li>`)}
          </ol>
        </div>`
      : nothing}`;
}
