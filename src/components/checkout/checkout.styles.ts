/**
 * The booking steps and the confirmation. One spacing unit (`--punchcard-spacing`) and its
 * fractions; every colour from the theme's custom properties; the calendar beside the times when
 * the element is at least 40em wide (a container query: the host page decides the width).
 */
import { css } from 'lit';

export const flowStyles = css`
  .checkout,
  .done {
    container-type: inline-size;
    display: grid;
    gap: calc(var(--pc-spacing) * 0.75);
  }
  h3,
  h4,
  h5 {
    margin: 0;
  }
  h3 {
    font-size: 1.125em;
  }
  h4 {
    font-size: 1em;
  }
  h5 {
    font-size: 0.8125em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--pc-color-muted);
    margin-block: 0.75em 0.375em;
  }
  .flow-head {
    display: grid;
    gap: 0.25em;
    justify-items: start;
  }
  .flow-head h2 {
    margin: 0;
  }
  .back {
    border-color: transparent;
    padding-inline: 0.25em 0.5em;
  }
  .card {
    padding: var(--pc-spacing);
    border: 1px solid var(--pc-color-border);
    border-radius: calc(var(--pc-radius) * 2);
    background: var(--pc-color-surface);
    display: grid;
    gap: calc(var(--pc-spacing) * 0.75);
    justify-items: start;
  }
  .card > * {
    margin: 0;
  }
  /* A summary reads best at the width of a card, not of the page. */
  .review,
  .confirmation,
  .stepper {
    max-inline-size: 40em;
  }
  .card > .steps,
  .card > fieldset,
  .card > [role='alert'],
  .card > .primary {
    justify-self: stretch;
  }

  /* ——— step indicator ——— */
  .stepper {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    gap: 0.25em;
    counter-reset: step;
  }
  .stepper li {
    flex: 1;
    display: grid;
    justify-items: center;
    gap: 0.25em;
    font-size: 0.8125em;
    color: var(--pc-color-muted);
    text-align: center;
    position: relative;
  }
  .stepper li::before {
    content: '';
    position: absolute;
    inset-block-start: 0.875em;
    inset-inline: calc(-50% + 1.125em) calc(50% + 1.125em);
    border-block-start: 2px solid var(--pc-color-border);
  }
  .stepper li:first-child::before {
    display: none;
  }
  .stepper .dot {
    inline-size: 1.75em;
    block-size: 1.75em;
    border-radius: 50%;
    display: grid;
    place-items: center;
    border: 2px solid var(--pc-color-border);
    background: var(--pc-color-surface);
    font-weight: 600;
  }
  .stepper .past .dot,
  .stepper .current .dot {
    border-color: var(--pc-color-accent);
    color: var(--pc-color-accent);
  }
  .stepper .current .dot {
    background: var(--pc-color-accent);
    color: var(--pc-color-on-accent);
  }
  .stepper .current {
    color: var(--pc-color-text);
    font-weight: 600;
  }

  /* ——— date and time ——— */
  .pick {
    display: grid;
    gap: calc(var(--pc-spacing) * 1.25);
  }
  .date-pane,
  .time-pane {
    display: grid;
    gap: 0.5em;
    align-content: start;
    min-inline-size: 0;
  }
  .pick[data-step='date'] .time-pane,
  .pick[data-step='time'] .date-pane {
    display: none;
  }
  @container (min-width: 40em) {
    .pick {
      grid-template-columns: minmax(17em, 22em) 1fr;
    }
    .pick[data-step] .date-pane,
    .pick[data-step] .time-pane {
      display: grid;
    }
  }
  .placeholder {
    margin: 0;
  }
  .month-nav {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
  }
  .month-nav h4 {
    text-transform: capitalize;
  }
  .chevron {
    inline-size: 0.5em;
    block-size: 0.5em;
    border: solid currentColor;
    border-width: 0 0 2px 2px;
    transform: rotate(45deg);
    margin-inline: 0.125em 0.25em;
  }
  .chevron.right {
    transform: rotate(-135deg);
  }
  button.icon {
    padding: 0;
    inline-size: 44px;
    block-size: 44px;
    font-size: 1.375em;
    line-height: 1;
    background: transparent;
    color: var(--pc-color-accent);
    border-color: var(--pc-color-border);
  }
  table[role='grid'] {
    inline-size: 100%;
    border-collapse: collapse;
    table-layout: fixed;
  }
  th {
    font-size: 0.75em;
    font-weight: 600;
    color: var(--pc-color-muted);
    padding-block: 0.25em;
  }
  td {
    padding: 0;
    text-align: center;
  }
  .day {
    inline-size: 100%;
    min-inline-size: 0;
    block-size: 44px;
    padding: 0;
    border-radius: 50%;
    max-inline-size: 44px;
    font-variant-numeric: tabular-nums;
    background: transparent;
    border-color: transparent;
    color: var(--pc-color-muted);
  }
  .day.free {
    color: var(--pc-color-accent);
    font-weight: 700;
    background: color-mix(in srgb, var(--pc-color-accent) 12%, transparent);
  }
  .day.unpayable {
    text-decoration: line-through;
  }
  .day.outside {
    opacity: 0.6;
  }
  .day[aria-current='date'] {
    border-color: var(--pc-color-border-strong);
  }
  td[aria-selected='true'] .day {
    background: var(--pc-color-accent);
    color: var(--pc-color-on-accent);
  }
  .note {
    margin: 0;
    color: var(--pc-color-warning);
  }
  .note[hidden] {
    display: none;
  }
  .slots {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(6.5em, 1fr));
    gap: 0.5em;
  }
  [part~='slot'] {
    inline-size: 100%;
    padding-inline: 0.5em;
    white-space: nowrap;
    background: var(--pc-color-surface);
    color: var(--pc-color-accent);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .preview {
    margin-block-start: 0.5em;
    padding: 0.75em;
    border-inline-start: 3px solid var(--pc-color-accent);
    background: color-mix(in srgb, var(--pc-color-accent) 6%, transparent);
  }
  .preview p {
    margin: 0;
  }

  /* ——— participants and package choices: themed, no browser-default controls ——— */
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.375em;
    min-inline-size: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-block-end: 0.375em;
  }
  .segmented {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375em;
  }
  .segmented input,
  .choice input {
    position: absolute;
    opacity: 0;
    inline-size: 1px;
    block-size: 1px;
  }
  .segmented span {
    display: grid;
    place-items: center;
    min-inline-size: 44px;
    min-block-size: 44px;
    border: 1px solid var(--pc-color-border-strong);
    border-radius: var(--pc-radius);
    background: var(--pc-color-surface);
    cursor: pointer;
    font-weight: 600;
  }
  .segmented input:checked + span {
    background: var(--pc-color-accent);
    border-color: var(--pc-color-accent);
    color: var(--pc-color-on-accent);
  }
  .choice {
    position: relative;
    display: flex;
    gap: 0.75em;
    align-items: center;
    min-block-size: 44px;
    padding: 0.625em 0.75em;
    border: 1px solid var(--pc-color-border);
    border-radius: var(--pc-radius);
    cursor: pointer;
  }
  .choice .dot {
    flex: none;
    inline-size: 1.125em;
    block-size: 1.125em;
    border-radius: 50%;
    border: 2px solid var(--pc-color-border-strong);
    background: var(--pc-color-surface);
  }
  /* The chosen option and its focus through siblings of the input (Firefox 115 ESR has no :has). */
  .choice input:checked ~ .dot {
    border-color: var(--pc-color-accent);
    background: radial-gradient(var(--pc-color-accent) 45%, transparent 50%);
  }
  .choice:has(input:checked) {
    border-color: var(--pc-color-accent);
    background: color-mix(in srgb, var(--pc-color-accent) 6%, transparent);
  }
  .segmented input:focus-visible + span,
  .choice input:focus-visible ~ .dot {
    outline: 3px solid var(--pc-color-focus);
    outline-offset: 2px;
  }

  /* ——— review and confirmation ——— */
  .pay,
  .deadline,
  .changed {
    margin: 0;
  }
  .changed {
    color: var(--pc-color-error);
  }
  .confirmation {
    justify-items: center;
    text-align: center;
  }
  .confirmation .steps {
    text-align: start;
    justify-self: center;
  }
  .seal {
    display: grid;
    place-items: center;
    inline-size: 3em;
    block-size: 3em;
    border-radius: 50%;
    font-size: 1.25em;
    font-weight: 700;
    background: var(--pc-color-accent);
    color: var(--pc-color-on-accent);
  }
  .seal.cancelled {
    background: var(--pc-color-muted);
  }
  .code {
    font-family: ui-monospace, monospace;
  }
  .note-field {
    display: grid;
    gap: 0.25em;
    justify-self: stretch;
  }
  .note-field label {
    font-weight: 600;
  }
  .note-field p {
    margin: 0;
    font-size: 0.875em;
  }
  textarea {
    font: inherit;
    padding: 0.5em 0.625em;
    border: 1px solid var(--pc-color-border-strong);
    border-radius: var(--pc-radius);
    color: inherit;
    background: var(--pc-color-surface);
    resize: vertical;
    min-block-size: 44px;
  }
  textarea:focus-visible {
    outline: 3px solid var(--pc-color-focus);
    outline-offset: 1px;
  }
  .client-note {
    white-space: pre-line;
  }
  .contact {
    display: grid;
    justify-items: center;
    gap: 0.125em;
    font-style: normal;
  }
  .contact a {
    color: var(--pc-color-accent);
    min-block-size: 44px;
    display: inline-flex;
    align-items: center;
  }
  .confirmation .actions {
    justify-content: center;
  }
  @media (forced-colors: active) {
    .day.free,
    td[aria-selected='true'] .day,
    .segmented input:checked + span,
    .stepper .current .dot {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
      border-color: Highlight;
    }
    .choice input:checked ~ .dot {
      forced-color-adjust: none;
      background: Highlight;
    }
  }
`;
