import fs from 'node:fs';
import { type GatewayConfig, gatewayConfigSchema } from './schema.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** "zones[1].valve.pin: pin 4 is already used by zone z1's valve" — one line per problem. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((issue) => {
    const path = issue.path
      .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
      .join('');
    return `${path || '(config)'}: ${issue.message}`;
  });
}

export function parseGatewayConfig(raw: unknown): GatewayConfig {
  const parsed = gatewayConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`invalid gateway config:\n  ${describeIssues(parsed.error.issues).join('\n  ')}`);
  }
  return parsed.data;
}

export function loadGatewayConfig(file: string): GatewayConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the gateway config ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`the gateway config ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseGatewayConfig(raw);
}
