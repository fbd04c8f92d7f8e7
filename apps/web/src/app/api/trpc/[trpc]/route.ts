import { createTrpcHttpHandler } from "@mg/api/trpc-http";
import { getSessionUser } from "@mg/api/auth";

export const dynamic = "force-dynamic";

// Body limits, request ids, logging and what an error may show are the API package's
// (`createTrpcHttpHandler`), where they are tested over real HTTP requests.
const handler = createTrpcHttpHandler({ getUser: getSessionUser });

export { handler as GET, handler as POST };
