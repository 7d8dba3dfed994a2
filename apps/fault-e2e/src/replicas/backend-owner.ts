import { readdir, readFile, readlink } from 'node:fs/promises';
import type pg from 'pg';
import type { ApiProcess } from '@carteria/testing';

/** The relay's lock (libs/analytics outboxRelayDefaults.lockKey): a bigint key below 2^32 is classid 0, objid the key. */
export const relayLockKey = 1667330676;

/** PostgreSQL backends (pids) that hold the outbox relay's advisory lock right now. */
export async function relayLockHolders(client: pg.Client): Promise<number[]> {
  const { rows } = await client.query<{ pid: number }>(
    `SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
     WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database() AND l.classid = 0 AND l.objid = $1 AND l.objsubid = 1`,
    [relayLockKey],
  );
  return rows.map((row) => row.pid);
}

/**
 * Backends inside the expiry sweeper's transaction: they hold a row lock on `carts`
 * (`FOR UPDATE SKIP LOCKED`). Only meaningful while no HTTP write is running, since every change
 * locks its cart row the same way.
 */
export async function cartRowLockHolders(client: pg.Client): Promise<number[]> {
  const { rows } = await client.query<{ pid: number }>(
    `SELECT DISTINCT l.pid FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_database d ON d.oid = l.database
     WHERE c.relname = 'carts' AND l.mode = 'RowShareLock' AND l.granted AND d.datname = current_database() AND l.pid <> pg_backend_pid()`,
  );
  return rows.map((row) => row.pid);
}

/**
 * Which api process is on the other end of PostgreSQL backend `backendPid`: the client port that
 * pg_stat_activity reports is the api's local port; /proc/net/tcp gives that socket's inode, and
 * the process holding a file descriptor on that inode is the owner. Same host only (loopback).
 */
export async function ownerOfBackend(client: pg.Client, backendPid: number, processes: readonly ApiProcess[]): Promise<ApiProcess | undefined> {
  const { rows } = await client.query<{ client_port: number | null }>('SELECT client_port FROM pg_stat_activity WHERE pid = $1', [backendPid]);
  const port = rows[0]?.client_port;
  if (port === undefined || port === null || port < 0) return undefined;
  const inode = await socketInodeOfLocalPort(port);
  if (inode === undefined) return undefined;
  for (const process of processes) {
    const pid = process.child.pid;
    if (pid === undefined || process.child.exitCode !== null || process.child.signalCode !== null) continue;
    if (await holdsSocket(pid, inode)) return process;
  }
  return undefined;
}

async function socketInodeOfLocalPort(port: number): Promise<string | undefined> {
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      if (!local) continue;
      if (Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port && fields[9] !== '0') return fields[9];
    }
  }
  return undefined;
}

async function holdsSocket(pid: number, inode: string): Promise<boolean> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
  for (const fd of fds) {
    if ((await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')) === `socket:[${inode}]`) return true;
  }
  return false;
}

/** Polls `holders` until one of them belongs to one of `processes`; returns that process and the backend. */
export async function findWorkingReplica(
  client: pg.Client,
  holders: (client: pg.Client) => Promise<number[]>,
  processes: readonly ApiProcess[],
  timeoutMs: number,
): Promise<{ replica: ApiProcess; backendPid: number } | undefined> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    for (const backendPid of await holders(client)) {
      const replica = await ownerOfBackend(client, backendPid, processes);
      if (replica) return { replica, backendPid };
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return undefined;
}
