import { useI18n } from '../i18n/i18n.ts';

type Member = { deactivatedAt: Date | string | null; invited: { expiresAt: Date | string | null } | null };

/** Whether a member can log in: active, invited (until when), or deactivated (since when). */
export function MemberState({ member }: { member: Member }) {
  const { t, f } = useI18n();
  if (member.deactivatedAt) {
    return <p className="badge">{t('members.deactivatedOn', { day: f.date(member.deactivatedAt) })}</p>;
  }
  if (member.invited) {
    const { expiresAt } = member.invited;
    const live = expiresAt !== null && new Date(expiresAt) > new Date();
    return (
      <p className="badge">
        {live && expiresAt ? t('members.invitedUntil', { at: f.dateTime(expiresAt) }) : t('members.inviteExpired')}
      </p>
    );
  }
  return null;
}
