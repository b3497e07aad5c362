import type { JobsService } from "@folio/domain";
import { JobIdParamsSchema, JobListSchema, JobSchema, ListJobsQuerySchema } from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { NO_STORE } from "../plugins/problem-details.js";
import { problemResponses } from "./route-schemas.js";

export const jobsRoutes: FastifyPluginAsyncZod<{ jobs: JobsService }> = (app, { jobs }) => {
  const tags = ["admin"];

  app.get(
    "/admin/jobs",
    {
      config: { permission: "settings:manage" },
      schema: {
        operationId: "listJobs",
        summary: "List background jobs",
        description:
          "`state=pending` (default): jobs still to run — scheduled publications and unpublications, revalidations, " +
          "purges — soonest first, with the post they act on. `state=dead`: jobs that failed for good, newest " +
          "first, with their last error. Email and SMS are not listed.",
        tags,
        querystring: ListJobsQuerySchema,
        response: { 200: JobListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "A page of jobs" },
      },
    },
    async (request, reply) => reply.header("cache-control", NO_STORE).send(await jobs.list(request.query)),
  );

  app.post(
    "/admin/jobs/:id/retry",
    {
      config: { permission: "settings:manage" },
      schema: {
        operationId: "retryJob",
        summary: "Retry a job",
        description:
          "Makes a dead job (or one waiting for its next retry) due now with a fresh attempt count. 404 for a job " +
          "that does not exist, already ran, or is running right now.",
        tags,
        params: JobIdParamsSchema,
        response: { 200: JobSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The job, due now" },
      },
    },
    async (request, reply) =>
      reply.header("cache-control", NO_STORE).send(await jobs.retry(request.params.id)),
  );
  return Promise.resolve();
};
