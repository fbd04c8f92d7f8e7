import { redirect } from "next/navigation";
import { currentUser, serverCaller } from "~/trpc/server";

/** Signed in: the first organization (or onboarding). Signed out: sign in. */
export default async function Home() {
  if (!(await currentUser())) redirect("/sign-in");
  const organizations = await (await serverCaller()).organization.listMine();
  const first = organizations[0];
  redirect(first ? `/${first.slug}` : "/onboarding");
}
