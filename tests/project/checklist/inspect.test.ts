/**
 * The checklist's lookups over a recorded-resource list are answered once per list (the plan view
 * asks them for every table): the answers must stay those of a fresh scan, also when the list grows.
 */
import * as assert from "assert";
import { TYPES, ofType, policiesFor, scalingTargets, scalingTargetsOf } from "../../../project/checklist/inspect";
import type { RecordedResource } from "../../../project/checklist/types";

const resource = (type: string, name: string, inputs: Record<string, unknown>): RecordedResource => ({
  type, name, custom: true, inputs, parentUrn: "", urn: `urn:${type}::${name}`, protect: false, retainOnDelete: false, ignoreChanges: [], importId: "",
});
const target = (name: string, resourceId: string, dimension: string) =>
  resource(TYPES.scalingTarget, name, { resourceId, scalableDimension: dimension, serviceNamespace: "dynamodb", minCapacity: 1, maxCapacity: 9 });
const policy = (name: string, resourceId: string, dimension: string, policyType = "TargetTrackingScaling") =>
  resource(TYPES.scalingPolicy, name, { resourceId, scalableDimension: dimension, policyType });

describe("checklist lookups answered once per recorded list", () => {
  it("scaling targets by table and index, and a target's policies, as a scan would find them", () => {
    const all = [
      target("a-read", "table/a", "dynamodb:table:ReadCapacityUnits"),
      target("a-gsi-write", "table/a/index/byX", "dynamodb:index:WriteCapacityUnits"),
      target("b-read", "table/b", "dynamodb:table:ReadCapacityUnits"),
      policy("a-read-policy", "table/a", "dynamodb:table:ReadCapacityUnits"),
      policy("a-read-step", "table/a", "dynamodb:table:ReadCapacityUnits", "StepScaling"),
      policy("b-write-policy", "table/b", "dynamodb:table:WriteCapacityUnits"),
    ];
    assert.deepStrictEqual(scalingTargetsOf(all, "a").map((t) => t.resource.name), ["a-read"]);
    assert.deepStrictEqual(scalingTargetsOf(all, "a", "byX").map((t) => [t.resource.name, t.dimension]), [["a-gsi-write", "write"]]);
    assert.deepStrictEqual(scalingTargetsOf(all, "c"), []);
    assert.deepStrictEqual(policiesFor(all, all[0]).map((p) => p.name), ["a-read-policy"], "same id and dimension, target tracking only");
    assert.deepStrictEqual(policiesFor(all, all[2]).map((p) => p.name), [], "b's policy scales another dimension");
  });

  it("a list that grows is looked at afresh; a shared answer cannot be changed by a caller", () => {
    const all = [target("a-read", "table/a", "dynamodb:table:ReadCapacityUnits")];
    const first = scalingTargets(all);
    assert.strictEqual(scalingTargets(all), first, "asked twice, answered once");
    all.push(target("a-write", "table/a", "dynamodb:table:WriteCapacityUnits"));
    assert.deepStrictEqual(scalingTargets(all).map((t) => t.resource.name), ["a-read", "a-write"]);
    assert.deepStrictEqual(scalingTargetsOf(all, "a").map((t) => t.dimension), ["read", "write"]);
    assert.deepStrictEqual(ofType(all, TYPES.scalingTarget).length, 2);
    assert.throws(() => (ofType(all, TYPES.scalingTarget) as RecordedResource[]).push(all[0]), TypeError);
  });
});
