import { css } from 'lit';

export const portalStyles = css`
  .portal {
    display: grid;
    gap: calc(var(--pc-spacing) * 1.5);
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
  .tabs {
    display: flex;
    gap: 0.25em;
    border-block-end: 1px solid var(--pc-color-border);
    /* The row measures itself, not the host's window: its width never depends on the tabs. */
    container-type: inline-size;
  }
  /* One row down to 320 px: the tabs share the width, a long name wraps inside its tab. */
  [role='tab'] {
    flex: 0 1 auto;
    min-inline-size: 0;
    padding-inline: 0.5em;
    background: transparent;
    color: var(--pc-color-muted);
    border: 0;
    border-block-end: 3px solid transparent;
    border-radius: 0;
  }
  /* On a phone the three names fit on one line each (at 375 px "My bookings" would wrap). */
  @container (max-width: 24em) {
    [role='tab'] {
      padding-inline: 0.25em;
      font-size: 0.9375em;
    }
  }
  [role='tab'][aria-selected='true'] {
    color: var(--pc-color-text);
    border-block-end-color: var(--pc-color-accent);
    font-weight: 600;
  }
  .panel {
    display: grid;
    gap: calc(var(--pc-spacing) * 1.5);
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
    border: 1px solid var(--pc-color-border-strong);
    border-radius: var(--pc-radius);
    color: inherit;
    background: var(--pc-color-surface);
    min-inline-size: 0;
  }
  input:focus-visible {
    outline: 3px solid var(--pc-color-focus);
    outline-offset: 1px;
  }
  .invalid {
    color: var(--pc-color-error);
    margin: 0;
    font-size: 0.9375em;
  }
  input[aria-invalid='true'] {
    border-color: var(--pc-color-error);
  }
`;
