import { randomUUID } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createApiToken } from '@/lib/api/tokens';
import { makeStaff, makeTeamAndCategory, must } from '@/lib/testing/fixtures';
import { GET as openApiRoute } from './openapi.json/route';
import { GET as getTicketRoute, PATCH as patchTicketRoute } from './tickets/[number]/route';
import { POST as mergeRoute } from './tickets/[number]/merge/route';
import { GET as messagesRoute, POST as replyRoute } from './tickets/[number]/messages/route';
import { POST as noteRoute } from './tickets/[number]/notes/route';
import { POST as resolveRoute } from './tickets/[number]/resolve/route';
import { GET as timelineRoute } from './tickets/[number]/timeline/route';
import { GET as listRoute, POST as createRoute } from './tickets/route';
import { GET as cernRoute } from './cerns/[cern]/route';
import { GET as customerRoute, PUT as putCustomerRoute } from './customers/[id]/route';
import { POST as mergeCustomerRoute } from './customers/[id]/merge/route';
import { GET as searchRoute } from './search/route';
import { GET as listFilesRoute, POST as uploadRoute } from './tickets/[number]/attachments/route';
import { GET as downloadRoute } from './attachments/[id]/route';
import { GET as listOrgsRoute, POST as createOrgRoute } from './organizations/route';
import { DELETE as deleteOrgRoute, GET as getOrgRoute, PUT as putOrgRoute } from './organizations/[id]/route';
import { POST as mergeOrgRoute } from './organizations/[id]/merge/route';
import { POST as createCustomerRoute } from './customers/route';
import { DELETE as deleteCustomerRoute } from './customers/[id]/route';
import { raiseException } from '@/lib/pipeline/raise-exception';

/**
 * The contract test: real routes on a real database, every answer validated against the served
 * OpenAPI document (JSON Schema 2020-12 with ajv). A response that drifts from the zod schemas the
 * document is generated from fails here, and so does an operation the document does not describe.
 */
type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
  components: { schemas: Record<string, unknown> };
};
let doc: Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const db = getDb();
let token: string;
let categoryId: string;
const exercised = new Set<string>();

/** Validates one real answer against the document's response for (method, path template, status). */
async function conforms(method: string, template: string, response: Response): Promise<Record<string, unknown>> {
  const status = String(response.status);
  const operation = doc.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is in the document`).toBeDefined();
  const declared = operation!.responses[status];
  expect(declared, `${method} ${template} declares ${status}`).toBeDefined();
  const body = (await response.json()) as Record<string, unknown>;
  const schema = declared!.content?.['application/json']?.schema;
  expect(schema, `${method} ${template} ${status} has a JSON schema`).toBeDefined();
  const validate = ajv.compile(withDocRefs(schema));
  const valid = validate(body);
  expect(valid ? [] : validate.errors, `${method} ${template} ${status}`).toEqual([]);
  exercised.add(`${method.toLowerCase()} ${template}`);
  return body;
}

/** An answer without a JSON body (a download, a 204): the document declares its status and media type. */
function conformsRaw(method: string, template: string, response: Response, contentType: string | null): void {
  const operation = doc.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is in the document`).toBeDefined();
  const declared = operation!.responses[String(response.status)];
  expect(declared, `${method} ${template} declares ${response.status}`).toBeDefined();
  if (contentType) expect(Object.keys(declared!.content ?? {})).toEqual([contentType]);
  else expect(declared!.content).toBeUndefined();
  exercised.add(`${method.toLowerCase()} ${template}`);
}

/** The schema with its `#/components/...` references pointed at the document added to ajv. */
function withDocRefs(schema: unknown): object {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"cairn-openapi#/components/')) as object;
}

const BASE = 'http://localhost/api/v1';
function req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const none = { params: Promise.resolve({}) };
const at = (n: number) => ({ params: Promise.resolve({ number: String(n) }) });
const contact = (email = `c-${randomUUID().slice(0, 8)}@test.example`) => ({
  channel: 'phone',
  customerName: 'Contract Customer',
  customerEmail: email,
  subject: `Contract ${randomUUID().slice(0, 8)}`,
  description: 'Checking the document against the routes.',
});

beforeAll(async () => {
  const response = openApiRoute();
  expect(response.status).toBe(200);
  doc = (await response.json()) as Doc;
  ajv.addSchema({ $id: 'cairn-openapi', components: doc.components });
  const admin = await makeStaff(db, 'admin');
  token = must(await createApiToken(db, admin, { name: 'contract', scope: 'admin' })).token;
  ({ categoryId } = await makeTeamAndCategory(db));
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with unique operation ids, a bearer scheme and every path parameter declared', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ids: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths))
      for (const op of Object.values(methods) as unknown as {
        operationId: string;
        parameters?: { name: string; in: string }[];
      }[]) {
        ids.push(op.operationId);
        for (const name of path.match(/\{(\w+)\}/g) ?? [])
          expect(
            op.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === name),
            `${path} ${name}`,
          ).toBe(true);
      }
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Ticket', 'Error', 'TicketPage']));
    // Every schema in it compiles.
    for (const name of Object.keys(doc.components.schemas))
      expect(() => ajv.compile({ $ref: `cairn-openapi#/components/schemas/${name}` })).not.toThrow();
  });

  it('describes every real answer of the ticket resources, errors included', async () => {
    const email = `contract-${randomUUID().slice(0, 8)}@test.example`;
    const created = await conforms(
      'POST',
      '/tickets',
      await createRoute(req('POST', '/tickets', contact(email)), none),
    );
    const number = (created.ticket as { number: number }).number;
    const other = (
      (await conforms('POST', '/tickets', await createRoute(req('POST', '/tickets', contact(email)), none))).ticket as {
        number: number;
      }
    ).number;
    await conforms('POST', '/tickets', await createRoute(req('POST', '/tickets', { subject: 1 }), none));

    await conforms('GET', '/tickets', await listRoute(req('GET', '/tickets?status=new&sort=updated&limit=3'), none));
    await conforms('GET', '/tickets', await listRoute(req('GET', '/tickets?after=nope'), none));

    const read = await getTicketRoute(req('GET', `/tickets/${number}`), at(number));
    const etag = read.headers.get('etag')!;
    await conforms('GET', '/tickets/{number}', read);
    await conforms(
      'GET',
      '/tickets/{number}',
      await getTicketRoute(req('GET', '/tickets/2147483001'), at(2_147_483_001)),
    );

    const patch = (headers: Record<string, string>) =>
      patchTicketRoute(
        req('PATCH', `/tickets/${number}`, { identification: { categoryId, severity: 3, impact: 'several' } }, headers),
        at(number),
      );
    await conforms('PATCH', '/tickets/{number}', await patch({}));
    const saved = await patch({ 'if-match': etag });
    await conforms('PATCH', '/tickets/{number}', saved);
    await conforms('PATCH', '/tickets/{number}', await patch({ 'if-match': etag }));

    await conforms(
      'POST',
      '/tickets/{number}/messages',
      await replyRoute(req('POST', `/tickets/${number}/messages`, { body: 'Reply.' }), at(number)),
    );
    await conforms(
      'POST',
      '/tickets/{number}/notes',
      await noteRoute(req('POST', `/tickets/${number}/notes`, { body: 'Note.' }), at(number)),
    );
    await conforms(
      'GET',
      '/tickets/{number}/messages',
      await messagesRoute(req('GET', `/tickets/${number}/messages`), at(number)),
    );
    const current = (await getTicketRoute(req('GET', `/tickets/${number}`), at(number))).headers.get('etag')!;
    await conforms(
      'POST',
      '/tickets/{number}/resolve',
      await resolveRoute(
        req('POST', `/tickets/${number}/resolve`, { summary: 'Done.' }, { 'if-match': current }),
        at(number),
      ),
    );
    await conforms(
      'GET',
      '/tickets/{number}/timeline',
      await timelineRoute(req('GET', `/tickets/${number}/timeline`), at(number)),
    );
    await conforms(
      'POST',
      '/tickets/{number}/merge',
      await mergeRoute(req('POST', `/tickets/${other}/merge`, { into: number }), at(other)),
    );
    await conforms(
      'POST',
      '/tickets/{number}/merge',
      await mergeRoute(req('POST', `/tickets/${other}/merge`, { into: other }), at(other)),
    );
  });

  it('describes customers, search and CERNs', async () => {
    const email = `cust-${randomUUID().slice(0, 8)}@test.example`;
    const dupEmail = `dup-${randomUUID().slice(0, 8)}@test.example`;
    const created = await conforms(
      'POST',
      '/tickets',
      await createRoute(req('POST', '/tickets', contact(email)), none),
    );
    const ticket = created.ticket as { number: number; customerId: string; version: number };
    await createRoute(req('POST', '/tickets', contact(dupEmail)), none);
    const id = ticket.customerId;
    const idAt = (v: string) => ({ params: Promise.resolve({ id: v }) });

    const read = await customerRoute(req('GET', `/customers/${id}`), idAt(id));
    const etag = read.headers.get('etag')!;
    await conforms('GET', '/customers/{id}', read);
    const nobody = randomUUID();
    await conforms('GET', '/customers/{id}', await customerRoute(req('GET', `/customers/${nobody}`), idAt(nobody)));
    const put = (headers: Record<string, string>, body: unknown = { name: 'Renamed Customer', email, tags: ['vip'] }) =>
      putCustomerRoute(req('PUT', `/customers/${id}`, body, headers), idAt(id));
    await conforms('PUT', '/customers/{id}', await put({}));
    await conforms('PUT', '/customers/{id}', await put({ 'if-match': etag }, { name: 'Taken', email: dupEmail }));
    const saved = await put({ 'if-match': etag });
    expect(saved.status).toBe(200);
    await conforms('PUT', '/customers/{id}', saved);
    await conforms('PUT', '/customers/{id}', await put({ 'if-match': etag }));

    await conforms(
      'POST',
      '/customers/{id}/merge',
      await mergeCustomerRoute(req('POST', `/customers/${id}/merge`, { duplicate: dupEmail }), idAt(id)),
    );
    await conforms(
      'POST',
      '/customers/{id}/merge',
      await mergeCustomerRoute(req('POST', `/customers/${id}/merge`, { duplicate: dupEmail }), idAt(id)),
    );

    const search = await searchRoute(req('GET', `/search?q=${encodeURIComponent(email)}`), none);
    const found = await conforms('GET', '/search', search);
    expect((found.items as { number: number }[]).map((i) => i.number)).toContain(ticket.number);
    await conforms('GET', '/search', await searchRoute(req('GET', '/search?q=&limit=0'), none));

    // A CERN: the ticket identified, then the exception raised through the browser's use case.
    const current = (await getTicketRoute(req('GET', `/tickets/${ticket.number}`), at(ticket.number))).headers.get(
      'etag',
    )!;
    const identified = await patchTicketRoute(
      req(
        'PATCH',
        `/tickets/${ticket.number}`,
        { identification: { categoryId, severity: 1, impact: 'many' } },
        { 'if-match': current },
      ),
      at(ticket.number),
    );
    const version = ((await identified.json()) as { ticket: { version: number } }).ticket.version;
    const admin = await makeStaff(db, 'admin');
    const raised = must(
      await raiseException(db, admin, {
        number: ticket.number,
        version,
        incidentAt: new Date(Date.now() - 3_600_000).toISOString(),
        details: 'The payment gateway charged the card twice for one order.',
      }),
    );
    const cern = raised.cern!;
    const cernAt = (v: string) => ({ params: Promise.resolve({ cern: v }) });
    const byCern = await conforms('GET', '/cerns/{cern}', await cernRoute(req('GET', `/cerns/${cern}`), cernAt(cern)));
    expect(byCern.number).toBe(ticket.number);
    await conforms(
      'GET',
      '/cerns/{cern}',
      await cernRoute(req('GET', '/cerns/CERN-1999-000001'), cernAt('CERN-1999-000001')),
    );
  });

  it('describes attachments: upload, list, download and their refusals', async () => {
    const created = await conforms('POST', '/tickets', await createRoute(req('POST', '/tickets', contact()), none));
    const number = (created.ticket as { number: number }).number;
    const upload = (form: FormData, n = number) =>
      uploadRoute(
        new Request(`${BASE}/tickets/${n}/attachments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: form,
        }),
        at(n),
      );
    const fileForm = (name: string, type: string, data: string) => {
      const form = new FormData();
      form.append('file', new File([data], name, { type }));
      return form;
    };
    const file = await conforms(
      'POST',
      '/tickets/{number}/attachments',
      await upload(fileForm('log.txt', 'text/plain', 'line')),
    );
    await conforms('POST', '/tickets/{number}/attachments', await upload(fileForm('a.exe', '', 'MZ')));
    await conforms(
      'POST',
      '/tickets/{number}/attachments',
      await upload(fileForm('a.txt', 'text/plain', 'x'), 2_147_483_000),
    );
    await conforms(
      'POST',
      '/tickets/{number}/attachments',
      await uploadRoute(req('POST', `/tickets/${number}/attachments`, { file: 'x' }), at(number)),
    );
    await conforms(
      'GET',
      '/tickets/{number}/attachments',
      await listFilesRoute(req('GET', `/tickets/${number}/attachments`), at(number)),
    );
    await conforms(
      'GET',
      '/tickets/{number}/attachments',
      await listFilesRoute(req('GET', '/tickets/2147483000/attachments'), at(2_147_483_000)),
    );
    const id = file.id as string;
    const download = await downloadRoute(req('GET', `/attachments/${id}`), { params: Promise.resolve({ id }) });
    expect(download.status).toBe(200);
    conformsRaw('GET', '/attachments/{id}', download, 'application/octet-stream');
    const nobody = randomUUID();
    await conforms(
      'GET',
      '/attachments/{id}',
      await downloadRoute(req('GET', `/attachments/${nobody}`), { params: Promise.resolve({ id: nobody }) }),
    );
  });

  it('describes organizations and creating and erasing customers', async () => {
    const tag = randomUUID().slice(0, 8);
    const idAt = (v: string) => ({ params: Promise.resolve({ id: v }) });
    const org = (
      await conforms(
        'POST',
        '/organizations',
        await createOrgRoute(
          req('POST', '/organizations', { name: `Contract ${tag}`, domain: 'contract.example' }),
          none,
        ),
      )
    ).organization as { id: string };
    await conforms(
      'POST',
      '/organizations',
      await createOrgRoute(req('POST', '/organizations', { name: `Contract ${tag}` }), none),
    );
    const dup = (
      (
        await conforms(
          'POST',
          '/organizations',
          await createOrgRoute(req('POST', '/organizations', { name: `Dup ${tag}` }), none),
        )
      ).organization as { id: string }
    ).id;
    await conforms('GET', '/organizations', await listOrgsRoute(req('GET', '/organizations?limit=2'), none));
    await conforms('GET', '/organizations', await listOrgsRoute(req('GET', '/organizations?after=x'), none));
    await conforms(
      'GET',
      '/organizations/{id}',
      await getOrgRoute(req('GET', `/organizations/${org.id}`), idAt(org.id)),
    );
    const nobody = randomUUID();
    await conforms(
      'GET',
      '/organizations/{id}',
      await getOrgRoute(req('GET', `/organizations/${nobody}`), idAt(nobody)),
    );
    await conforms(
      'PUT',
      '/organizations/{id}',
      await putOrgRoute(req('PUT', `/organizations/${org.id}`, { name: `Contract ${tag} Ltd` }), idAt(org.id)),
    );
    await conforms(
      'PUT',
      '/organizations/{id}',
      await putOrgRoute(req('PUT', `/organizations/${org.id}`, { name: `Dup ${tag}` }), idAt(org.id)),
    );

    const email = `made-${tag}@test.example`;
    const made = await conforms(
      'POST',
      '/customers',
      await createCustomerRoute(
        req('POST', '/customers', { name: 'Made Here', email, organization: `Dup ${tag}` }),
        none,
      ),
    );
    await conforms(
      'POST',
      '/customers',
      await createCustomerRoute(req('POST', '/customers', { name: 'Again', email }), none),
    );
    await conforms(
      'DELETE',
      '/organizations/{id}',
      await deleteOrgRoute(req('DELETE', `/organizations/${dup}`), idAt(dup)),
    );
    await conforms(
      'POST',
      '/organizations/{id}/merge',
      await mergeOrgRoute(req('POST', `/organizations/${org.id}/merge`, { duplicate: dup }), idAt(org.id)),
    );
    await conforms(
      'POST',
      '/organizations/{id}/merge',
      await mergeOrgRoute(req('POST', `/organizations/${org.id}/merge`, { duplicate: dup }), idAt(org.id)),
    );
    const deleted = await deleteOrgRoute(req('DELETE', `/organizations/${org.id}`), idAt(org.id));
    expect(deleted.status).toBe(409);
    await conforms('DELETE', '/organizations/{id}', deleted);
    const empty = (
      (await createOrgRoute(req('POST', '/organizations', { name: `Empty ${tag}` }), none).then((r) => r.json())) as {
        organization: { id: string };
      }
    ).organization.id;
    const gone = await deleteOrgRoute(req('DELETE', `/organizations/${empty}`), idAt(empty));
    expect(gone.status).toBe(204);
    conformsRaw('DELETE', '/organizations/{id}', gone, null);

    const customerId = (made.customer as { id: string }).id;
    await conforms(
      'DELETE',
      '/customers/{id}',
      await deleteCustomerRoute(req('DELETE', `/customers/${customerId}`), idAt(customerId)),
    );
    await conforms(
      'DELETE',
      '/customers/{id}',
      await deleteCustomerRoute(req('DELETE', `/customers/${customerId}`), idAt(customerId)),
    );
  });

  it('every operation in the document was exercised', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m} ${path}`),
    );
    expect(documented.filter((op) => !exercised.has(op))).toEqual([]);
  });
});
