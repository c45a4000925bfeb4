import { env } from '../env.server.ts';

/** Who the shop's emails come from: MAIL_FROM, else an address that says no reply is read. */
export const mailFrom = () => env().MAIL_FROM ?? 'no-reply@seedline.local';
