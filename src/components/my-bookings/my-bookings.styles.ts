import { css } from 'lit';

/** My bookings and its cancel confirmation. */
export const bookingsStyles = css`
  .my-bookings,
  .history {
    display: grid;
    gap: 0.75em;
  }
  h3,
  h4 {
    margin: 0;
  }
  .history > p {
    margin: 0;
  }
  /* "Upcoming", "Past": nearer the list they head than the list before them. */
  .my-bookings > h3,
  .history > h3 {
    margin-block-start: 0.75em;
  }
  .bookings p {
    margin: 0.25em 0;
  }
  .card-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em 1em;
    padding: var(--pc-spacing);
    border: 1px solid var(--pc-color-border);
    border-radius: var(--pc-radius);
    background: var(--pc-color-surface);
  }
  .card-line p {
    margin: 0;
  }
  .client-note {
    white-space: pre-line;
  }
  .confirm {
    margin-top: 0.5em;
  }
`;
