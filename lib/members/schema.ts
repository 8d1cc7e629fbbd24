import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { emailSchema } from "@/lib/users/schema";

export const roleSchema = z.enum(ROLES);

/** Checkbox groups arrive as a string or an array of strings. */
const rolesField = z
  .union([roleSchema, z.array(roleSchema)])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(roleSchema).min(1, "Choose at least one role."));

export const addMemberSchema = z.object({ slug: z.string().min(1), email: emailSchema, roles: rolesField });
export const setRolesSchema = z.object({ slug: z.string().min(1), userId: z.string().min(1), roles: rolesField });
export const removeMemberSchema = z.object({ slug: z.string().min(1), userId: z.string().min(1) });

export type AddMemberInput = z.infer<typeof addMemberSchema>;
