import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { endSession } from '../auth/session.server.ts';

export const action = ({ request }: ActionFunctionArgs) => endSession(request);
export const loader = () => redirect('/');
