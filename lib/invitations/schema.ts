import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

/** An invitation's sign-up link stays valid this long. */
export const INVITATION_DAYS = 14;

export const invitationRolesSchema = z.array(z.enum(ROLES)).min(1);
export const withdrawInvitationSchema = z.object({ slug: z.string().min(1), invitationId: z.string().min(1) });
export const resendInvitationSchema = withdrawInvitationSchema;

/** The path of the sign-up link an owner passes on (the page adds its own origin; an e-mail, NEXTAUTH_URL). */
export const invitationPath = (token: string) => `/sign-up?invite=${encodeURIComponent(token)}`;
