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
const text = JSON.stringify(derived, null, 2) + "\n";

if (check) {
  const committed = existsSync(target) ? readFileSync(target, "utf8") : "";
  const strip_ = (t) => t.replace(/"botocore": "[^"]*"/, "");
  if (strip_(committed) !== strip_(text)) {
    console.error(`spec:check: spec/shapes.json differs from botocore ${version}; run npm run spec:import and review the diff`);
    process.exit(1);
  }
  console.log(`spec:check: spec/shapes.json matches botocore ${version}`);
} else {
  writeFileSync(target, text);
  console.log(`spec: wrote spec/shapes.json from botocore ${version} (${Object.keys(derived.operations).length} operations, ${Object.keys(derived.shapes).length} shapes)`);
}
