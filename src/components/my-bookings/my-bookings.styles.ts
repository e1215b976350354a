import { css } from 'lit';

/** My bookings and its cancel confirmation. */
export const bookingsStyles = css`
  .my-bookings {
    display: grid;
    gap: 0.75em;
  }
  h3,
  h4 {
    margin: 0;
  }
  .bookings p {
    margin: 0.25em 0;
  }
  .confirm {
    margin-top: 0.5em;
  }
`;
