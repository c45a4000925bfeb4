// Whose records the outbox keeps and sends on this page: the farm area's signed-in user, set by
// the area's layout (routes/farm/layout.tsx) before any of its forms can be sent.
let current = '';

export function setOutboxUser(userId: string): void {
  current = userId;
}

export function outboxUser(): string {
  return current;
}
