import { randomBytes } from 'node:crypto';
import { hashPassword } from '@seedline/db';
import { type BenchDatabase, freshDatabase, seedGreenhouses } from '../database.ts';
import { thingName } from '../payloads.ts';

// The bench farm: bench:ingest's fresh PostgreSQL database and greenhouses (four zones each, thing
// names ingest accepts), plus one farmer of that farm with a password of this run, who logs in once
// over HTTP; every client then opens its stream with that one session.

export type BenchFarm = {
  db: BenchDatabase;
  /** The database's URL, for the web server's process. */
  url: string;
  /** Greenhouse ids, index i run by thingName(i). */
  greenhouseIds: string[];
  farmer: { email: string; password: string };
};

export async function benchFarm(adminUrl: string, greenhouses: number): Promise<BenchFarm> {
  const db = await freshDatabase('postgres', adminUrl);
  try {
    if (!db.url) throw new Error('the bench database has no URL');
    const prisma = db.database.prisma;
    await seedGreenhouses(db.database, greenhouses);
    const rows = await prisma.greenhouse.findMany({ select: { id: true, thingName: true, farmId: true } });
    const byThing = new Map(rows.map((g) => [g.thingName, g]));
    const greenhouseIds = Array.from({ length: greenhouses }, (_, i) => {
      const found = byThing.get(thingName(i));
      if (!found) throw new Error(`greenhouse ${thingName(i)} was not created`);
      return found.id;
    });
    const farmer = { email: 'farmer@bench.seedline.invalid', password: randomBytes(12).toString('base64url') };
    await prisma.user.create({
      data: {
        email: farmer.email,
        name: 'Bench farmer',
        role: 'FARMER',
        farmId: rows[0]!.farmId,
        passwordHash: await hashPassword(farmer.password),
      },
    });
    return { db, url: db.url, greenhouseIds, farmer };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

/** Logs in as the farmer (POST /login, like the form) and returns the session's Cookie header. */
export async function sessionCookie(baseUrl: string, farmer: BenchFarm['farmer']): Promise<string> {
  const response = await fetch(new URL('/login', baseUrl), {
    method: 'POST',
    // The app refuses posts from other sites: this one comes from the server's own origin.
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(baseUrl).origin },
    body: new URLSearchParams({ email: farmer.email, password: farmer.password }),
    redirect: 'manual',
  });
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .find((pair) => pair.startsWith('sl_session='));
  if (response.status !== 302 || !cookie) {
    throw new Error(`log-in as ${farmer.email} answered ${response.status} without a session cookie`);
  }
  return cookie;
}
