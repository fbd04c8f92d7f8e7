import { runCli } from "../migrations/create";

runCli();
