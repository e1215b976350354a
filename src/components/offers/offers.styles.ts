import { css } from 'lit';

export const offersStyles = css`
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--punchcard-spacing, 1rem);
  }
  [part='offer'] {
    padding: var(--punchcard-spacing, 1rem);
    border: 1px solid var(--punchcard-color-border, #d0d7de);
    border-radius: var(--punchcard-radius, 0.375rem);
    background: var(--punchcard-color-surface, #fff);
  }
  h3 {
    margin: 0 0 0.25em;
    font-size: 1.125em;
  }
  p {
    margin: 0;
  }
  .status {
    color: var(--punchcard-color-muted, #57606a);
  }
`;
