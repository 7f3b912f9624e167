/** A fresh PostgreSQL database per server under test, created next to BENCH_DATABASE_URL's and
 *  dropped afterwards. */
import pg from "pg";
import { onInterrupt } from "./cleanup.js";

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

let counter = 0;

export async function freshDatabase(adminUrl: string, label: string): Promise<FreshDatabase> {
  const name = `madoguchi_bench_${process.pid}_${++counter}_${label}`.replace(/[^a-z0-9_]/g, "_");
  await adminQuery(adminUrl, `create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: onInterrupt(() => adminQuery(adminUrl, `drop database if exists "${name}" with (force)`)),
  };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
