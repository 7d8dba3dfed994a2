/** Who is calling, once the edge has authenticated them: the token's subject and its scopes. */
export interface Principal {
  readonly subject: string;
  readonly scopes: ReadonlySet<string>;
}

export function principalOf(subject: string, scopes: Iterable<string> = []): Principal {
  return { subject, scopes: new Set(scopes) };
}
