import { z } from "zod";

export const LivenessSchema = z.object({ status: z.literal("ok") }).meta({ id: "Liveness" });
export type Liveness = z.infer<typeof LivenessSchema>;

export const DependencyCheckSchema = z.object({
  status: z.enum(["ok", "error"]),
  latency_ms: z.number().nonnegative(),
  error: z.string().optional(),
});
export type DependencyCheck = z.infer<typeof DependencyCheckSchema>;

export const ReadinessSchema = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    checks: z.record(z.string(), DependencyCheckSchema),
  })
  .meta({ id: "Readiness" });
export type Readiness = z.infer<typeof ReadinessSchema>;
