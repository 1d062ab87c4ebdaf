// Snapshots with a few random changes (WIRE-29): a member somewhere replaced by another JSON value,
// or removed, for the properties of restore in the model and over HTTP.
import fc from "fast-check";

type Place = (string | number)[];

/** Every place in a JSON value: the path as keys. */
function placesOf(value: unknown, path: Place = []): Place[] {
  const here = [path];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => placesOf(v, [...path, i]))];
  if (value && typeof value === "object") return [...here, ...Object.entries(value).flatMap(([k, v]) => placesOf(v, [...path, k]))];
  return here;
}

type Mutation = { place: Place; kind: "replace"; value: unknown } | { place: Place; kind: "delete" };

function mutate(snapshot: unknown, m: Mutation): void {
  let parent = snapshot as Record<string | number, unknown>;
  for (const key of m.place.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = m.place[m.place.length - 1]!;
  if (m.kind === "replace") parent[last] = m.value;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
}

/** Copies of `snapshot` with one to three of its members replaced (by any JSON, or edge values) or removed. */
export function mutated(snapshot: unknown): fc.Arbitrary<unknown> {
  const places = fc.constantFrom(...placesOf(snapshot).filter((p) => p.length > 0));
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ place: places, kind: fc.constant("replace" as const), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(0, -1, 1.5, 2 ** 32, "", "x", true, null, [], {})) }),
    fc.record({ place: places, kind: fc.constant("delete" as const) }),
  );
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
    const copy = structuredClone(snapshot);
    for (const m of mutations) {
      try {
        mutate(copy, m);
      } catch {
        // An earlier mutation removed the parent of this place.
      }
    }
    return copy;
  });
}
