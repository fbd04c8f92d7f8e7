import { createTRPCRouter } from "../../trpc/init";
import { changePasswordProcedure } from "./change-password";
import { endSessionProcedure } from "./end-session";
import { me } from "./me";
import { sessions } from "./sessions";
import { signOutEverywhere } from "./sign-out-everywhere";

/** The signed-in person's own account: outside any organization. */
export const accountRouter = createTRPCRouter({
  me,
  sessions,
  changePassword: changePasswordProcedure,
  endSession: endSessionProcedure,
  signOutEverywhere,
});
