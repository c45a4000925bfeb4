/**
 * What a refusal's text is filled in with. Plain values are shown as they are; the others are
 * shown in the reader's language: `day` a calendar day (YYYY-MM-DD) in their date format, `vi`/`en`
 * a name the data holds in both languages, `key` another text of the app's catalogue (a status).
 */
export type MessageParam = string | number | { day: string } | { vi: string; en: string } | { key: string };
export type MessageParams = Readonly<Record<string, MessageParam>>;

/**
 * A rule said no. `code` names the refusal and is the key of its text in the app's message
 * catalogue (one per language, checked against the codes by the type checker); `params` fill
 * the text in. No sentence is written here: the page says it in the user's language.
 */
export class DomainError<Code extends string = string> extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: Code,
    readonly params: MessageParams = {},
    options?: ErrorOptions,
  ) {
    // For logs only: code and parameters, never shown to a user.
    super(`${code} ${JSON.stringify(params)}`, options);
  }
}
