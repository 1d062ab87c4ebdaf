#!/usr/bin/env node
// Derives spec/shapes.json from the official service model that botocore ships.
// `--check` fails when the committed file differs from what the installed botocore gives.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "spec", "shapes.json");
const check = process.argv.includes("--check");

function botocoreDir() {
  const python = process.env.PYTHON ?? "python3";
  try {
    return execFileSync(python, ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__));print(botocore.__version__)"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim().split("\n");
  } catch (err) {
    console.error(`spec: cannot locate botocore with ${python} (${err.message.split("\n")[0]})`);
    process.exit(2);
  }
}

const [dir, version] = botocoreDir();
const modelPath = join(dir, "data", "cognito-identity", "2014-06-30", "service-2.json.gz");
const model = JSON.parse(gunzipSync(readFileSync(modelPath)).toString("utf8"));

const DROP = new Set(["documentation", "documentationUrl", "deprecatedMessage"]);
function strip(value) {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value)) if (!DROP.has(key)) out[key] = strip(value[key]);
    return out;
  }
  return value;
}

// The partitions' Region names (botocore's endpoint partitions): how a Host header names a Region (WIRE-24).
const partitionsFile = JSON.parse(readFileSync(join(dir, "data", "partitions.json"), "utf8"));
const partitions = partitionsFile.partitions.map((p) => ({ id: p.id, regionRegex: p.regionRegex, dnsSuffix: p.outputs.dnsSuffix }));

// The user-pool id of a Cognito provider name (POOL-14), as the user-pool service models it.
const userPoolModel = JSON.parse(gunzipSync(readFileSync(join(dir, "data", "cognito-idp", "2016-04-18", "service-2.json.gz"))).toString("utf8"));
const userPoolShapes = { UserPoolIdType: strip(userPoolModel.shapes.UserPoolIdType) };

const derived = {
  source: {
    botocore: version,
    file: "botocore/data/cognito-identity/2014-06-30/service-2.json.gz",
    partitions: "botocore/data/partitions.json",
    userPoolShapes: "botocore/data/cognito-idp/2016-04-18/service-2.json.gz",
  },
  metadata: strip(model.metadata),
  operations: strip(model.operations),
  shapes: strip(model.shapes),
  partitions,
  userPoolShapes,
};
// STS (spec/sts-shapes.json): the operations the identity-pool flows end in, with every shape they
// reach (STS-1).
const STS_OPERATIONS = ["AssumeRoleWithWebIdentity", "GetCallerIdentity"];
const stsModel = JSON.parse(gunzipSync(readFileSync(join(dir, "data", "sts", "2011-06-15", "service-2.json.gz"))).toString("utf8"));
const stsShapes = {};
const reach = (name) => {
  if (stsShapes[name]) return;
  const shape = (stsShapes[name] = strip(stsModel.shapes[name]));
  for (const ref of [...Object.values(shape.members ?? {}), shape.member, shape.key, shape.value]) if (ref) reach(ref.shape);
};
const stsOperations = {};
for (const op of STS_OPERATIONS) {
  const operation = (stsOperations[op] = strip(stsModel.operations[op]));
  for (const ref of [operation.input, operation.output, ...(operation.errors ?? [])]) if (ref) reach(ref.shape);
}
const sts = {
  source: { botocore: version, file: "botocore/data/sts/2011-06-15/service-2.json.gz" },
  metadata: strip(stsModel.metadata),
  operations: stsOperations,
  shapes: Object.fromEntries(Object.keys(stsShapes).sort().map((k) => [k, stsShapes[k]])),
};

const outputs = [
  [target, JSON.stringify(derived, null, 2) + "\n", derived],
  [join(root, "spec", "sts-shapes.json"), JSON.stringify(sts, null, 2) + "\n", sts],
];
const strip_ = (t) => t.replace(/"botocore": "[^"]*"/g, "");
let stale = false;
for (const [file, text, spec] of outputs) {
  const name = `spec/${file.slice(file.lastIndexOf("/") + 1)}`;
  if (check) {
    const committed = existsSync(file) ? readFileSync(file, "utf8") : "";
    if (strip_(committed) !== strip_(text)) {
      console.error(`spec:check: ${name} differs from botocore ${version}; run npm run spec:import and review the diff`);
      stale = true;
    } else console.log(`spec:check: ${name} matches botocore ${version}`);
  } else {
    writeFileSync(file, text);
    console.log(`spec: wrote ${name} from botocore ${version} (${Object.keys(spec.operations).length} operations, ${Object.keys(spec.shapes).length} shapes)`);
  }
}
if (stale) process.exit(1);
