import { css } from 'lit';

export const creditsStyles = css`
  .cards {
    margin-bottom: var(--punchcard-spacing, 1rem);
  }
  .group {
    margin: 0 0 0.5em;
    font-size: 0.9375em;
    color: var(--punchcard-color-muted, #57606a);
  }
  .inactive > li {
    color: var(--punchcard-color-muted, #57606a);
    background: transparent;
    border-style: dashed;
  }
  h3 {
    margin: 0;
    font-size: 1.0625em;
  }
  p {
    margin: 0.25em 0 0;
  }
  .code,
  .meta {
    color: var(--punchcard-color-muted, #57606a);
    font-weight: normal;
    font-size: 0.875em;
  }
  .first {
    display: inline-block;
    padding: 0 0.5em;
    border-radius: 1em;
    font-size: 0.8125em;
    font-weight: 600;
    color: var(--punchcard-color-on-accent, #fff);
    background: var(--punchcard-color-accent, #0b5cad);
  }
  .note {
    font-style: italic;
  }
  [part~='credit-meter'] {
    display: grid;
    gap: 0.125em;
    margin-top: 0.5em;
  }
  .meter {
    block-size: 0.625em;
    border: 1px solid transparent;
    border-radius: 1em;
    overflow: hidden;
    background: var(--punchcard-color-track, #e6e9ed);
  }
  .fill {
    block-size: 100%;
    background: var(--punchcard-color-accent, #0b5cad);
  }
  .muted .fill {
    background: var(--punchcard-color-muted, #57606a);
  }
  @media (forced-colors: active) {
    .meter {
      border-color: CanvasText;
    }
    .fill {
      forced-color-adjust: none;
      background: Highlight;
    }
    .muted .fill {
      background: GrayText;
    }
  }
  .history {
    margin-top: 0.75em;
  }
  .warning {
    color: var(--punchcard-color-warning, #8a4b00);
    font-weight: 600;
  }
`;
