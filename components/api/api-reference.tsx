type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}
interface OperationObject {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}
export interface OpenApiDoc {
  info: { title: string; description: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, Schema> };
}

const METHOD_TONES: Record<string, string> = {
  get: 'bg-sky-100 text-sky-800',
  post: 'bg-emerald-100 text-emerald-800',
  patch: 'bg-amber-100 text-amber-800',
  delete: 'bg-red-100 text-red-800',
};

/** A short type for a parameter: `integer`, `string (uuid)`, `one of: a, b`. */
function typeOf(schema: Schema | undefined): string {
  if (!schema) return '';
  if (Array.isArray(schema.enum)) return `one of: ${(schema.enum as unknown[]).join(', ')}`;
  if (schema.type === 'array') return `list of ${typeOf(schema.items as Schema)}`;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Schema[]).map(typeOf).filter(Boolean).join(' or ');
  const format = typeof schema.format === 'string' ? ` (${schema.format})` : '';
  return typeof schema.type === 'string' ? `${schema.type}${format}` : '';
}

const pretty = (schema: Schema) => JSON.stringify(schema, null, 2);

/** The document as a page: each operation with its scope, parameters, body and answers. */
export function ApiReference({ doc }: { doc: OpenApiDoc }) {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <div className="space-y-10">
      <section aria-labelledby="intro" className="space-y-3 text-sm text-slate-700">
        <h2 id="intro" className="text-lg font-semibold text-slate-900">
          Using the API
        </h2>
        {doc.info.description.split('\n\n').map((p) => (
          <p key={p}>{p}</p>
        ))}
      </section>
      {doc.tags.map((tag) => (
        <section key={tag.name} aria-labelledby={`tag-${tag.name}`} className="space-y-6">
          <h2 id={`tag-${tag.name}`} className="text-lg font-semibold text-slate-900">
            {tag.name}
          </h2>
          {operations
            .filter((o) => o.op.tags.includes(tag.name))
            .map(({ path, method, op }) => (
              <article
                key={op.operationId}
                id={op.operationId}
                aria-labelledby={`${op.operationId}-title`}
                className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
              >
                <h3 id={`${op.operationId}-title`} className="flex flex-wrap items-center gap-2 text-base">
                  <span className={`rounded px-2 py-0.5 font-mono text-xs uppercase ${METHOD_TONES[method] ?? ''}`}>
                    {method}
                  </span>
                  <code className="font-mono text-sm">/api/v1{path}</code>
                  <span className="font-medium text-slate-900">{op.summary}</span>
                </h3>
                {op.description ? <p className="text-sm whitespace-pre-line text-slate-700">{op.description}</p> : null}
                {op.parameters?.length ? (
                  <table className="w-full text-left text-sm">
                    <caption className="text-left font-medium text-slate-800">Parameters</caption>
                    <thead className="text-xs text-slate-500">
                      <tr>
                        <th scope="col" className="pr-3">
                          Name
                        </th>
                        <th scope="col" className="pr-3">
                          In
                        </th>
                        <th scope="col" className="pr-3">
                          Type
                        </th>
                        <th scope="col">Notes</th>
                      </tr>
                    </thead>
                    <tbody>
                      {op.parameters.map((p) => (
                        <tr key={`${p.in}-${p.name}`} className="align-top">
                          <td className="pr-3 font-mono">
                            {p.name}
                            {p.required ? ' *' : ''}
                          </td>
                          <td className="pr-3">{p.in}</td>
                          <td className="pr-3">{typeOf(p.schema)}</td>
                          <td>{p.description ?? ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
                {op.requestBody
                  ? Object.entries(op.requestBody.content).map(([type, body]) => (
                      <details key={type}>
                        <summary className="cursor-pointer text-sm font-medium text-slate-800">
                          Request body ({type})
                        </summary>
                        <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs">
                          {pretty(body.schema)}
                        </pre>
                      </details>
                    ))
                  : null}
                <dl className="space-y-1 text-sm">
                  {Object.entries(op.responses).map(([status, r]) => (
                    <div key={status} className="flex gap-3">
                      <dt className="w-10 font-mono text-slate-900">{status}</dt>
                      <dd className="text-slate-700">{r.description}</dd>
                    </div>
                  ))}
                </dl>
              </article>
            ))}
        </section>
      ))}
      <section aria-labelledby="schemas" className="space-y-3">
        <h2 id="schemas" className="text-lg font-semibold text-slate-900">
          Schemas
        </h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <details key={name} id={`schema-${name}`}>
            <summary className="cursor-pointer font-mono text-sm">{name}</summary>
            <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs">{pretty(schema)}</pre>
          </details>
        ))}
      </section>
    </div>
  );
}
