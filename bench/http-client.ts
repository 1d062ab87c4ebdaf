// One AWS JSON request over HTTP from a benchmark's keep-alive agent: its status, body and time.
import { request, type Agent } from "node:http";

export function postJson(url: URL, agent: Agent, op: string, body: string, authorization: string): Promise<{ status: number; body: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": `AWSCognitoIdentityService.${op}`,
          "x-amz-date": "20240101T000000Z",
          authorization,
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, ms: performance.now() - started }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
