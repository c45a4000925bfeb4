import { redirect } from '@remix-run/node';
import { z } from 'zod';
import { endSession } from '../auth/session.server.ts';
import { formAction } from '../forms/form-action.server.ts';

export const action = formAction(z.object({}), (_, { request }) => endSession(request));
export const loader = () => redirect('/');
