import { database } from '../db.server.ts';

/** For load balancers and `npm start`'s own check: answers 200 only when the database answers. */
export async function loader() {
  const { kind, prisma } = database();
  try {
    await prisma.$queryRawUnsafe('SELECT 1');
    return Response.json({ status: 'ok', database: kind });
  } catch (error) {
    console.error('health: database check failed', error);
    return Response.json({ status: 'error', database: kind }, { status: 503 });
  }
}
