// The conformance checker as a library: `check({ target })`, the targets, the mutants, the reports.
export { check, defaults, type CheckOptions, type CheckResult, type CheckObserver, type Progress } from "./runner.js";
export { TargetUnreachable, type Target, type Outcome, type ServiceError } from "./target.js";
export { modelTarget, type ModelTargetOptions, type StepFunction } from "./targets/model.js";
export { fakeTarget } from "./targets/fake.js";
export { httpTarget, type HttpTargetOptions } from "./targets/http.js";
export { rateLimited, type RateLimitOptions } from "./targets/rate-limit.js";
export { trackResources, type TrackingTarget, type CleanupReport } from "./targets/tracking.js";
export { mutants, type Mutant } from "./mutants.js";
export { divergenceKinds, type DivergenceKind } from "./compare/outcome.js";
export type { Divergence, RecordedCommand, Replay } from "./divergence.js";
export { renderText } from "./report/text.js";
export { renderJson, toJsonReport } from "./report/json.js";
export { renderMarkdown } from "./report/markdown.js";
export { runCheckCommand, checkUsage, checkSummary } from "./cli.js";
export { checkedOperations, uncheckedOperations } from "./ops/index.js";
