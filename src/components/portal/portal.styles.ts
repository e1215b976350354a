import { css } from 'lit';

export const portalStyles = css`
  .portal {
    display: grid;
    gap: calc(var(--punchcard-spacing, 1rem) * 1.5);
  }
  h2 {
    margin: 0 0 0.5em;
    font-size: 1.25em;
  }
  .account,
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }
  .account p {
    margin: 0;
    font-weight: 600;
  }
  form {
    display: grid;
    gap: 0.5em;
    max-inline-size: 28em;
  }
  form p {
    margin: 0;
  }
  label {
    font-weight: 600;
  }
  input {
    font: inherit;
    padding: 0.5em 0.625em;
    border: 1px solid var(--punchcard-color-border-strong, #6e7781);
    border-radius: var(--punchcard-radius, 0.375rem);
    color: inherit;
    background: var(--punchcard-color-surface, #fff);
    min-inline-size: 0;
  }
  input:focus-visible {
    outline: 3px solid var(--punchcard-color-focus, #1a73e8);
    outline-offset: 1px;
  }
`;

export const flowStyles = css`
  .checkout,
  .done,
  .my-bookings {
    display: grid;
    gap: 0.75em;
    justify-items: start;
  }
  .checkout > *,
  .my-bookings > * {
    justify-self: stretch;
  }
  .checkout > button,
  .done > button {
    justify-self: start;
  }
  h3,
  h4 {
    margin: 0;
  }
  .week {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
    margin-block: 0.5em;
  }
  .days {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 11em), 1fr));
    gap: var(--punchcard-spacing, 1rem);
  }
  .day h4 {
    font-size: 0.9375em;
    margin-bottom: 0.375em;
  }
  .slots {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.375em;
  }
  [part~='slot'] {
    padding: 0.375em 0.625em;
    background: var(--punchcard-color-surface, #fff);
    color: var(--punchcard-color-accent, #0b5cad);
    font-variant-numeric: tabular-nums;
  }
  fieldset {
    border: 1px solid var(--punchcard-color-border, #d0d7de);
    border-radius: var(--punchcard-radius, 0.375rem);
    margin: 0;
    display: grid;
    gap: 0.375em;
  }
  .choice {
    display: flex;
    gap: 0.5em;
    align-items: baseline;
  }
  .pay,
  .deadline,
  .changed {
    margin: 0;
  }
  .changed,
  .invalid {
    color: var(--punchcard-color-error, #b42318);
  }
  .invalid {
    margin: 0;
    font-size: 0.9375em;
  }
  input[aria-invalid='true'] {
    border-color: var(--punchcard-color-error, #b42318);
  }
  .bookings p {
    margin: 0.25em 0;
  }
  .confirm {
    margin-top: 0.5em;
  }
`;
