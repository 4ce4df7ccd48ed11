/** Small hand-written application files for integration tests. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export const APPLICATION_HEADER = [
  'application_id', 'submitted_at', 'consulate', 'visa_type', 'applicant_name', 'applicant_dob', 'applicant_cnic',
  'applicant_passport_no', 'applicant_passport_country', 'applicant_phone', 'applicant_email', 'applicant_address',
  'agent_name', 'agent_phone', 'agent_cnic', 'agency_name', 'payment_account', 'statement_account', 'documents', 'decision',
] as const;

export type ApplicationRow = Partial<Record<(typeof APPLICATION_HEADER)[number], string>> & { application_id: string };

const DEFAULTS: Partial<Record<(typeof APPLICATION_HEADER)[number], string>> = {
  submitted_at: '2024-03-01T10:00:00Z',
  consulate: 'Dubai',
  visa_type: 'work',
  applicant_dob: '1990-01-01',
  applicant_passport_country: 'PAK',
  decision: 'pending',
};

const cell = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export async function writeApplications(dir: string, name: string, rows: readonly ApplicationRow[]): Promise<string> {
  const lines = [APPLICATION_HEADER.join(',')];
  for (const r of rows) lines.push(APPLICATION_HEADER.map((h) => cell(r[h] ?? DEFAULTS[h] ?? '')).join(','));
  const file = path.join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}
