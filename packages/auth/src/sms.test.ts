import { afterEach, describe, expect, it } from "vitest";
import { createHttpSmsProvider, isE164, SmsDeliveryError } from "./sms.js";
import { type LocalHttpServer, sendJson, startLocalHttpServer } from "./testing/local-http.js";

let gateway: LocalHttpServer | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

describe("isE164", () => {
  it("accepts + and 7 to 15 digits without a leading zero", () => {
    expect(isE164("+447700900123")).toBe(true);
    expect(isE164("+14155550100")).toBe(true);
    expect(isE164("447700900123")).toBe(false);
    expect(isE164("+0447700900")).toBe(false);
    expect(isE164("+44 7700 900123")).toBe(false);
    expect(isE164("+1234567890123456")).toBe(false);
  });
});

describe("HTTP SMS provider", () => {
  it("POSTs the message as JSON with the bearer token", async () => {
    gateway = await startLocalHttpServer((_req, res) => sendJson(res, 202, { id: "msg-1" }));
    const sms = createHttpSmsProvider({ url: `${gateway.url}/send`, token: "gw-token" });
    expect(sms.name).toBe("http");
    await sms.send({ to: "+447700900123", body: "Your Folio code is 123456" });
    expect(gateway.requests).toHaveLength(1);
    const [request] = gateway.requests;
    expect(request).toMatchObject({ method: "POST", url: "/send" });
    expect(request?.headers.authorization).toBe("Bearer gw-token");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request!.body)).toEqual({ to: "+447700900123", body: "Your Folio code is 123456" });
  });

  it("sends no Authorization header without a token", async () => {
    gateway = await startLocalHttpServer((_req, res) => sendJson(res, 200, {}));
    await createHttpSmsProvider({ url: gateway.url }).send({ to: "+14155550100", body: "hi" });
    expect(gateway.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("fails with SmsDeliveryError (503) on a non-2xx answer", async () => {
    gateway = await startLocalHttpServer((_req, res) => sendJson(res, 500, { error: "boom" }));
    const sms = createHttpSmsProvider({ url: gateway.url });
    const error = await sms.send({ to: "+14155550100", body: "hi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsDeliveryError);
    expect(error).toMatchObject({ status: 503, providerStatus: 500, reason: "status 500" });
  });

  it("fails with SmsDeliveryError when the gateway is too slow or unreachable", async () => {
    gateway = await startLocalHttpServer(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 500));
      sendJson(res, 200, {});
    });
    const slow = createHttpSmsProvider({ url: gateway.url, timeoutMs: 50 });
    await expect(slow.send({ to: "+14155550100", body: "hi" })).rejects.toMatchObject({
      reason: "unreachable",
    });
    const closed = gateway.url;
    await gateway.close();
    gateway = undefined;
    await expect(
      createHttpSmsProvider({ url: closed }).send({ to: "+14155550100", body: "hi" }),
    ).rejects.toBeInstanceOf(SmsDeliveryError);
  });

  it("refuses a recipient that is not E.164 before sending anything", async () => {
    gateway = await startLocalHttpServer((_req, res) => sendJson(res, 200, {}));
    await expect(
      createHttpSmsProvider({ url: gateway.url }).send({ to: "07700 900123", body: "hi" }),
    ).rejects.toThrow(RangeError);
    expect(gateway.requests).toHaveLength(0);
  });
});
