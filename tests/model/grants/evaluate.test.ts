/** The small IAM evaluator the access-pattern tests rely on: its rules, each able to fail. */
import * as assert from "assert";
import { PolicyDocument, evaluatePolicies, wildcardMatch } from "../../../model/grants/evaluate";

const T = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
const doc = (...Statement: PolicyDocument["Statement"][]) => ({ Version: "2012-10-17", Statement: Statement.flat() }) as PolicyDocument;

describe("model/grants/evaluate: a small IAM policy evaluator", () => {
  it("denies implicitly when nothing matches, allows on a matching Allow", () => {
    const p = doc({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: T });
    assert.strictEqual(evaluatePolicies([p], { action: "dynamodb:GetItem", resource: T }), "Allow");
    assert.strictEqual(evaluatePolicies([p], { action: "dynamodb:PutItem", resource: T }), "ImplicitDeny");
    assert.strictEqual(evaluatePolicies([p], { action: "dynamodb:GetItem", resource: `${T}-2` }), "ImplicitDeny");
    assert.strictEqual(evaluatePolicies([], { action: "dynamodb:GetItem", resource: T }), "ImplicitDeny");
  });

  it("an explicit Deny wins over any Allow, across policies", () => {
    const allow = doc({ Effect: "Allow", Action: "dynamodb:*", Resource: "*" });
    const deny = doc({ Effect: "Deny", Action: "dynamodb:DeleteItem", Resource: T });
    assert.strictEqual(evaluatePolicies([allow, deny], { action: "dynamodb:DeleteItem", resource: T }), "ExplicitDeny");
    assert.strictEqual(evaluatePolicies([allow, deny], { action: "dynamodb:GetItem", resource: T }), "Allow");
  });

  it("matches actions case-insensitively with * and ?, resources case-sensitively", () => {
    assert.ok(wildcardMatch("dynamodb:Get*", "DYNAMODB:GETITEM", true));
    assert.ok(wildcardMatch("dynamodb:?etItem", "dynamodb:GetItem", true));
    assert.ok(!wildcardMatch("dynamodb:?etItem", "dynamodb:BatchGetItem", true));
    assert.ok(wildcardMatch(`${T}/index/*`, `${T}/index/byCustomer`));
    assert.ok(!wildcardMatch(`${T}/index/*`, `${T}`), "the index pattern does not cover the table");
    assert.ok(!wildcardMatch(T, T.toUpperCase()));
    assert.ok(!wildcardMatch("arn:aws:dynamodb:us-east-1:1:table/a.b", "arn:aws:dynamodb:us-east-1:1:table/aXb"), "a dot is literal");
  });

  it("NotAction and NotResource invert the match", () => {
    const p = doc({ Effect: "Allow", NotAction: "dynamodb:Delete*", NotResource: `${T}/stream/*` });
    assert.strictEqual(evaluatePolicies([p], { action: "dynamodb:GetItem", resource: T }), "Allow");
    assert.strictEqual(evaluatePolicies([p], { action: "dynamodb:DeleteItem", resource: T }), "ImplicitDeny");
    assert.strictEqual(evaluatePolicies([p], { action: "dynamodb:GetRecords", resource: `${T}/stream/x` }), "ImplicitDeny");
  });

  it("conditions: StringEquals needs the key, StringNotEquals passes without it, StringLike uses wildcards", () => {
    const key = "arn:aws:kms:us-east-1:123456789012:key/k";
    const p = doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: key, Condition: { StringEquals: { "kms:ViaService": "dynamodb.us-east-1.amazonaws.com" } } });
    assert.strictEqual(evaluatePolicies([p], { action: "kms:Decrypt", resource: key, context: { "kms:ViaService": "dynamodb.us-east-1.amazonaws.com" } }), "Allow");
    assert.strictEqual(evaluatePolicies([p], { action: "kms:Decrypt", resource: key, context: { "KMS:viaservice": "dynamodb.us-east-1.amazonaws.com" } }), "Allow", "keys are case-insensitive");
    assert.strictEqual(evaluatePolicies([p], { action: "kms:Decrypt", resource: key }), "ImplicitDeny");
    assert.strictEqual(evaluatePolicies([p], { action: "kms:Decrypt", resource: key, context: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } }), "ImplicitDeny");
    const not = doc({ Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": "us-east-1" } } });
    assert.strictEqual(evaluatePolicies([not], { action: "dynamodb:GetItem", resource: T }), "ExplicitDeny");
    assert.strictEqual(evaluatePolicies([not], { action: "dynamodb:GetItem", resource: T, context: { "aws:RequestedRegion": "us-east-1" } }), "ImplicitDeny");
    const like = doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" } } });
    assert.strictEqual(evaluatePolicies([like], { action: "kms:Decrypt", resource: key, context: { "kms:ViaService": "dynamodb.eu-west-1.amazonaws.com" } }), "Allow");
  });

  it("refuses condition operators it does not implement rather than guessing", () => {
    const p = doc({ Effect: "Allow", Action: "*", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } });
    assert.throws(() => evaluatePolicies([p], { action: "dynamodb:GetItem", resource: T }), /IpAddress is not supported/);
  });
});
