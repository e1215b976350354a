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
  .invalid {
    color: var(--punchcard-color-error, #b42318);
    margin: 0;
    font-size: 0.9375em;
  }
  input[aria-invalid='true'] {
    border-color: var(--punchcard-color-error, #b42318);
  }
`;
