import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address."));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200),
});

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100),
  email: emailSchema,
  password: z.string().min(10, "Use at least 10 characters.").max(200, "Use at most 200 characters."),
});

export type SignUpInput = z.infer<typeof signUpSchema>;

export const newPasswordSchema = z.string().min(10, "Use at least 10 characters.").max(200, "Use at most 200 characters.");

export const changeNameSchema = z.object({ name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters.") });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(200),
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ." });

export const resetPasswordSchema = z.object({ email: emailSchema, password: newPasswordSchema });

/** Sign-up, optionally carrying an invitation's token from the link an owner passed on. */
export const signUpWithInviteSchema = signUpSchema.extend({ invite: z.string().max(100).optional().transform((v) => v || undefined) });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
