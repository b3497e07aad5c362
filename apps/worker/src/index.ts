export { startWorker, type RunningWorker, type StartWorkerOptions } from "./worker.js";
