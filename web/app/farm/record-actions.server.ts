import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { areaUser } from '../auth/areas.server.ts';
import { db } from '../db.server.ts';
import { formAction, invalid } from '../forms/form-action.server.ts';
import { readFormWithFiles } from '../forms/uploads.server.ts';
import { harvestSchema } from './harvest-form.ts';
import { recordFarmHarvest } from './harvests.server.ts';
import { inputApplicationSchema } from './input-form.ts';
import { observationSchema } from './observation-form.ts';
import { recordObservation } from './observations.server.ts';
import { preparePhoto } from './photos.server.ts';
import { maxRecordPhotoBytes } from './record-photos.ts';
import { recordInputApplication, recordPlanting } from './records.server.ts';

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

  // The photo comes with the form (multipart): the planting is checked before its bytes are
  // read, the photo after the text fields are valid and before anything is written.
  observation: async (args: ActionFunctionArgs) => {
    const plantingId = args.params.plantingId ?? '';
    await recordPlanting(db(), areaUser(args.context), plantingId);
    const { formData, files } = await readFormWithFiles(args.request, {
      fileFields: ['photo'],
      maxBytes: maxRecordPhotoBytes,
    });
    return formAction(
      observationSchema(new Date()),
      async (form, formArgs) => {
        const upload = files.get('photo');
        const checked = upload ? await preparePhoto(upload) : null;
        if (checked && !checked.ok) return invalid(formArgs, { fieldErrors: { photo: checked.error } });
        const log = await recordObservation(db(), areaUser(args.context), plantingId, form, checked?.photo ?? null);
        return redirect(`/farm/plantings/${plantingId}/records?${form.corrects ? 'corrected' : 'recorded'}=${log.id}`);
      },
      { fields: { RECORD_ALREADY_CORRECTED: 'reason' }, formData },
    )(args);
  },

  harvest: (args: ActionFunctionArgs) =>
    formAction(harvestSchema(new Date()), async (form, { context, params }) => {
      const plantingId = params.plantingId ?? '';
      const harvest = await recordFarmHarvest(db(), areaUser(context), plantingId, form);
      return redirect(`/farm/plantings/${plantingId}/harvest?recorded=${harvest.id}`);
    })(args),
};

export type RecordForm = keyof typeof recordActions;
