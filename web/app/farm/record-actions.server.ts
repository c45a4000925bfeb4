import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { areaUser } from '../auth/areas.server.ts';
import { db } from '../db.server.ts';
import { formAction } from '../forms/form-action.server.ts';
import { harvestSchema } from './harvest-form.ts';
import { recordFarmHarvest } from './harvests.server.ts';
import { inputApplicationSchema } from './input-form.ts';
import { observationSchema } from './observation-form.ts';
import { recordInputApplication, recordObservation } from './records.server.ts';

// The actions of a planting's record forms: posted by the form's page, and by the phone's outbox
// for a record kept while offline (farm/outbox/deliver.server.ts), so both obey the same rules.
// "Not in the future" is judged at the moment of each submission: the schemas are made for each.

export const recordActions = {
  input: (args: ActionFunctionArgs) =>
    formAction(
      inputApplicationSchema(new Date()),
      async (form, { context, params }) => {
        const plantingId = params.plantingId ?? '';
        const log = await recordInputApplication(db(), areaUser(context), plantingId, form);
        return redirect(`/farm/plantings/${plantingId}/records?${form.corrects ? 'corrected' : 'recorded'}=${log.id}`);
      },
      { fields: { DOSE_OVER_MAX: 'dose', INPUT_PRODUCT_RETIRED: 'productId', RECORD_ALREADY_CORRECTED: 'reason' } },
    )(args),

  observation: (args: ActionFunctionArgs) =>
    formAction(
      observationSchema(new Date()),
      async (form, { context, params }) => {
        const plantingId = params.plantingId ?? '';
        const log = await recordObservation(db(), areaUser(context), plantingId, form);
        return redirect(`/farm/plantings/${plantingId}/records?${form.corrects ? 'corrected' : 'recorded'}=${log.id}`);
      },
      { fields: { RECORD_ALREADY_CORRECTED: 'reason' } },
    )(args),

  harvest: (args: ActionFunctionArgs) =>
    formAction(harvestSchema(new Date()), async (form, { context, params }) => {
      const plantingId = params.plantingId ?? '';
      const harvest = await recordFarmHarvest(db(), areaUser(context), plantingId, form);
      return redirect(`/farm/plantings/${plantingId}/harvest?recorded=${harvest.id}`);
    })(args),
};

export type RecordForm = keyof typeof recordActions;
