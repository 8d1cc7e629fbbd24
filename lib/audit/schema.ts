import { z } from "zod";

export const auditFilterSchema = z.object({
  actor: z.string().trim().optional().transform((v) => v || undefined),
  entity: z.string().trim().optional().transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;
