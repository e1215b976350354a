import { css } from 'lit';

export const creditsStyles = css`
  .cards {
    margin-bottom: var(--pc-spacing);
  }
  .group {
    margin: 0 0 0.5em;
    font-size: 0.9375em;
    color: var(--pc-color-muted);
  }
  .inactive > li {
    color: var(--pc-color-muted);
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
    color: var(--pc-color-muted);
    font-weight: normal;
    font-size: 0.875em;
  }
  /* "Code 9QX4M" is read as one thing: it wraps as a whole. */
  .code {
    white-space: nowrap;
  }
  .first {
    display: inline-block;
    padding: 0 0.5em;
    border-radius: 1em;
    font-size: 0.8125em;
    font-weight: 600;
    color: var(--pc-color-on-accent);
    background: var(--pc-color-accent);
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
    background: var(--pc-color-track);
  }
  .fill {
    block-size: 100%;
    background: var(--pc-color-accent);
  }
  .muted .fill {
    background: var(--pc-color-muted);
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
    color: var(--pc-color-warning);
    font-weight: 600;
  }
`;
