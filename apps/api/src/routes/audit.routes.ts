import { Readable } from "node:stream";
import { AUDIT_CSV_MAX_ROWS, type AdminServices } from "@folio/domain";
import { AuditCsvQuerySchema, AuditListSchema, AuditQuerySchema } from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { NO_STORE } from "../plugins/problem-details.js";
import { problemResponses } from "./route-schemas.js";

/** Set to `true` on an export that holds only the newest AUDIT_CSV_MAX_ROWS matching entries. */
export const AUDIT_TRUNCATED_HEADER = "x-folio-export-truncated";

export const auditRoutes: FastifyPluginAsyncZod<{ audit: AdminServices["audit"] }> = (app, { audit }) => {
  const tags = ["admin"];

  app.get(
    "/admin/audit",
    {
      config: { permission: "audit:read" },
      schema: {
        operationId: "listAuditEntries",
        summary: "Query the audit log",
        description:
          "Security events, newest first, with cursor pagination. Filters combine: `event` (exact name), " +
          "`actor_id`, `target_id`, `outcome`, `from` (inclusive) and `to` (exclusive).",
        tags,
        querystring: AuditQuerySchema,
        response: { 200: AuditListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "A page of audit entries" },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", NO_STORE);
      return audit.list(request.query);
    },
  );

  app.get(
    "/admin/audit.csv",
    {
      config: { permission: "audit:read" },
      schema: {
        operationId: "exportAuditEntries",
        summary: "Export the audit log as CSV",
        description:
          "The entries matching the filters (as for `GET /admin/audit`), newest first, as RFC 4180 CSV with a " +
          "header row, streamed as they are read (a snapshot: entries up to the moment of the request). Cells that a spreadsheet would run as a formula (starting " +
          "with = + - @, tab or carriage return) are prefixed with `'`. At most " +
          `${AUDIT_CSV_MAX_ROWS} rows: a larger result holds the newest ones and carries ` +
          `\`X-Folio-Export-Truncated: true\`; narrow it with \`from\`/\`to\`.`,
        tags,
        querystring: AuditCsvQuerySchema,
        response: {
          200: {
            description: "The CSV file (`Content-Disposition: attachment`)",
            content: { "text/csv": { schema: z.string() } },
          },
          ...problemResponses(400, 500),
        },
      },
    },
    async (request, reply) => {
      const file = await audit.exportCsv(request.query);
      // A stream skips the response serializer, which the typed reply cannot express.
      const body = Readable.from(file.lines) as unknown as string;
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${file.filename}"`)
        .header("cache-control", NO_STORE)
        .header("x-content-type-options", "nosniff")
        .header(AUDIT_TRUNCATED_HEADER, String(file.truncated))
        .send(body);
    },
  );
  return Promise.resolve();
};
