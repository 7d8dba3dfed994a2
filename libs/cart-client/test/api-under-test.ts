import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { workspaceRoot } from '@carteria/testing';

/** What globalSetup hands the test files, through one environment variable that workers inherit. */
export interface ApiUnderTest {
  readonly baseUrl: string;
  /** The AUTH_JWT_SECRET the api was started with. */
  readonly jwtSecret: string;
}

const variable = 'CARTERIA_CART_CLIENT_API';

export function publishApi(api: ApiUnderTest): void {
  process.env[variable] = JSON.stringify(api);
}

export function apiUnderTest(): ApiUnderTest {
  const published = process.env[variable];
  if (!published) throw new Error(`${variable} is not set: run these tests through jest (globalSetup starts the api).`);
  return JSON.parse(published) as ApiUnderTest;
}

/** An HS256 token as the api expects (`sub` a UUID, `scope` space-separated), valid for an hour. */
export function signToken(userId: string = randomUUID(), scopes: readonly string[] = []): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(apiUnderTest().jwtSecret));
}

interface CatalogFile {
  readonly products: readonly { readonly id: string; readonly active: boolean; readonly stock: number }[];
}
interface PriceFile {
  readonly prices: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** Products of the embedded catalog anyone can add in EUR (active, priced, plenty in stock), in id order. */
export function sellableIds(count: number): string[] {
  const read = <T>(file: string) => JSON.parse(readFileSync(path.join(workspaceRoot, file), 'utf8')) as T;
  const { products } = read<CatalogFile>('libs/products/src/data/products.json');
  const { prices } = read<PriceFile>('libs/pricing/src/data/prices.json');
  const ids = products.filter((p) => p.active && p.stock >= 20 && prices['EUR']?.[p.id] !== undefined).map((p) => p.id);
  if (ids.length < count) throw new Error(`only ${ids.length} sellable products, ${count} needed`);
  return ids.slice(0, count);
}
