// Generates the Prisma client after install. Prisma's CLI wants its schema-engine binary even
// though `generate` never runs it, and offline machines cannot download it, so point the CLI at
// any existing file unless the caller already provides a real engine.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const schemaDir = `${root}libs/shared/db`;
if (!existsSync(`${schemaDir}/prisma.config.ts`)) process.exit(0);

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

execFileSync('npx', ['--no-install', 'prisma', 'generate'], { cwd: schemaDir, env, stdio: 'inherit' });
