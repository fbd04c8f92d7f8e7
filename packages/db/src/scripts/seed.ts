import { seedDemoData } from "../seed/demo-data";
import { disconnectAll, systemDb } from "../system";

seedDemoData(systemDb(), console.log)
  .then(() => disconnectAll())
  .catch(async (error: unknown) => {
    console.error(error);
    await disconnectAll();
    process.exit(1);
  });
