/**
 * A DynamoDB client for the local emulator. Region and credentials are explicit so the SDK never
 * walks its credential chain (env, ~/.aws, the EC2 metadata service): that walk is slow off-AWS and
 * would send real credentials' signatures to a local process for no reason.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "./server";

/** Call `destroy()` when done: it closes the keep-alive sockets that would keep Node running. */
export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS }, maxAttempts: 1 });
}
