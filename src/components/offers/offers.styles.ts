import { css } from 'lit';

export const offersStyles = css`
  h3 {
    margin: 0 0 0.25em;
    font-size: 1.125em;
  }
  p,
  dl,
  dd {
    margin: 0;
  }
  dl {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.5em;
    margin-top: 0.5em;
  }
  dl div {
    display: flex;
    gap: 0.4em;
  }
  dt {
    color: var(--pc-color-muted);
  }
  dd {
    font-weight: 600;
  }
  .pay {
    margin-top: 0.5em;
    font-weight: 600;
  }
  .book,
  .to-sign-in {
    margin-top: 0.75em;
  }
  .note {
    margin-top: 0.25em;
    color: var(--pc-color-muted);
    font-size: 0.9375em;
  }
`;
