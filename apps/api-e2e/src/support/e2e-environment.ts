/** One started api: the database behind it and where it listens. */
export interface Backend {
  readonly name: 'embedded' | 'postgres';
  readonly baseUrl: string;
}

/** What globalSetup hands to the test files (through one environment variable, read by workers). */
export interface E2eEnvironment {
  /** The AUTH_JWT_SECRET every started api was given; tokens are signed with it. */
  readonly jwtSecret: string;
  readonly backends: readonly Backend[];
}

const variable = 'CARTERIA_API_E2E';

export function publishEnvironment(environment: E2eEnvironment): void {
  process.env[variable] = JSON.stringify(environment);
}

export function e2eEnvironment(): E2eEnvironment {
  const published = process.env[variable];
  if (!published) throw new Error(`${variable} is not set: run these tests through jest (globalSetup starts the api).`);
  return JSON.parse(published) as E2eEnvironment;
}

/** The started backends, as `describe.each` rows. */
export function backends(): Backend[] {
  return [...e2eEnvironment().backends];
}
