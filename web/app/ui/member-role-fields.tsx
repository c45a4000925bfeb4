import { memberRoles } from '../auth/member-forms.ts';
import type { FormView } from '../forms/form-result.ts';
import { useI18n } from '../i18n/i18n.ts';
import { Select } from './select.tsx';

export type FarmChoice = { id: string; name: string };

/** A member's role, and the farm a farmer works for (ignored for staff and admins). */
export function MemberRoleFields({
  form,
  farms,
  role,
  farmId,
}: {
  form: FormView;
  farms: readonly FarmChoice[];
  role?: string;
  farmId?: string | null;
}) {
  const { t } = useI18n();
  const roles = memberRoles.map((r) => ({ value: r, label: t(`role.${r}`) }));
  return (
    <>
      <Select form={form} name="role" label="members.role" options={roles} defaultValue={role} required />
      <Select
        form={form}
        name="farmId"
        label="members.farm"
        description="members.farmHint"
        options={farms.map((f) => ({ value: f.id, label: f.name }))}
        placeholder="farms.choose"
        defaultValue={farmId ?? undefined}
      />
    </>
  );
}
