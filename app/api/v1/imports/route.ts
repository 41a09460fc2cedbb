import { ADMINS } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { AppError } from '@/lib/core/result';
import { checkImportFile, IMPORT_MAX_BYTES, tooLargeImport } from '@/lib/import/imports';
import { readMultipart } from '../read-form';
import { fromResult, withApiActor, withApiWriter } from '../respond';

// Room for the multipart boundaries and the other fields around the file itself.
const ENVELOPE = 64 * 1024;

/**
 * POST /api/v1/imports — multipart `file` (CSV or JSON, docs/import.md) and `source`: the dry run.
 * Answers 201 with `{ runId, report }`; nothing is imported until the admin starts it. A route
 * handler, not a server action: an export from another helpdesk is larger than the 1 MB actions take.
 */
export async function POST(request: Request) {
  return withApiWriter(request, ADMINS, async (actor) => {
    if (Number(request.headers.get('content-length') ?? 0) > IMPORT_MAX_BYTES + ENVELOPE)
      throw new AppError('too_large', tooLargeImport, { file: [tooLargeImport] });
    const form = await readMultipart(request, IMPORT_MAX_BYTES + ENVELOPE, 'file', tooLargeImport);
    const file = form.get('file');
    if (file === null || typeof file === 'string')
      throw new AppError('invalid', 'Choose a file to check.', { file: ['Choose a file to check.'] });
    const content = new TextDecoder('utf-8').decode(await file.arrayBuffer());
    const source = form.get('source');
    return fromResult(
      await checkImportFile(getDb(), actor, {
        fileName: file.name,
        content,
        source: typeof source === 'string' ? source : '',
      }),
      201,
    );
  });
}
