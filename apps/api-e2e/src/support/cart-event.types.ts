/** A cart event as the api lists it and the relay publishes it: CloudEvents 1.0, structured JSON. */
export interface CartEventBody {
  readonly specversion: string;
  readonly id: string;
  readonly source: string;
  readonly type: string;
  /** The cart id. */
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: string;
  /** The cart's version after the change, zero-padded to 10 digits. */
  readonly sequence: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** `GET /v1/carts/{cartId}/events`. */
export interface EventPageBody {
  readonly items: readonly CartEventBody[];
  readonly nextCursor: string | null;
}
