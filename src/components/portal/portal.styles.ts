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
  .tabs {
    display: flex;
    gap: 0.25em;
    border-block-end: 1px solid var(--punchcard-color-border, #d0d7de);
  }
  /* One row down to 320 px: the tabs share the width, a long name wraps inside its tab. */
  [role='tab'] {
    flex: 0 1 auto;
    min-inline-size: 0;
    padding-inline: 0.5em;
    background: transparent;
    color: var(--punchcard-color-muted, #57606a);
    border: 0;
    border-block-end: 3px solid transparent;
    border-radius: 0;
  }
  [role='tab'][aria-selected='true'] {
    color: var(--punchcard-color-text, #1f2328);
    border-block-end-color: var(--punchcard-color-accent, #0b5cad);
    font-weight: 600;
  }
  .panel {
    display: grid;
    gap: calc(var(--punchcard-spacing, 1rem) * 1.5);
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
  .invalid {
    color: var(--punchcard-color-error, #b42318);
    margin: 0;
    font-size: 0.9375em;
  }
  input[aria-invalid='true'] {
    border-color: var(--punchcard-color-error, #b42318);
  }
`;
