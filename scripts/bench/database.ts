import postgres from "postgres";

/**
 * The benchmark's PostgreSQL databases: DATABASE_URL when given (one size only), otherwise one
 * database per size, `mailroom_bench_<size>`, created on BENCH_POSTGRES_URL's server.
 */
export const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates the database afresh (dropping the previous one) or checks that it exists. */
export async function prepareDatabase(serverUrl: string, name: string, fresh: boolean): Promise<void> {
  if (!/^mailroom_bench[a-z0-9_]*$/.test(name)) throw new Error(`refusing to manage database ${name}`);
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await sql`select 1 as one from pg_database where datname = ${name}`;
    if (fresh || !exists) {
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.unsafe(`create database ${name}`);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The server's version, for the machine description. */
export async function serverVersion(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [v] = await sql`select current_setting('server_version') as version`;
    return `PostgreSQL ${String(v!.version)}`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
