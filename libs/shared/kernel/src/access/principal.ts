/**
 * Who is calling, once the edge has authenticated them: a signed-in user (`subject`, the token's
 * `sub`, and its scopes), a guest known only by a cart token, or both at once (a customer claiming
 * or merging the guest cart whose token they hold).
 */
export interface Principal {
  /** The signed-in user's id; null for a guest. */
  readonly subject: string | null;
  readonly scopes: ReadonlySet<string>;
  /** SHA-256 (hex) of the Cart-Token sent, if any: it opens that one guest cart. */
  readonly cartKey?: string;
}

export function principalOf(subject: string, scopes: Iterable<string> = []): Principal {
  return { subject, scopes: new Set(scopes) };
}

/** A caller with no sign-in; `cartKey` when they sent a cart token. */
export function guestPrincipal(cartKey?: string): Principal {
  return { subject: null, scopes: new Set(), ...(cartKey ? { cartKey } : {}) };
}
