import { isSharedValue } from "@folio/cache";
import { serializerCompiler } from "fastify-type-provider-zod";

type ZodSerializerCompiler = typeof serializerCompiler;

/**
 * Response serialisation: the route's zod schema checks and shapes the answer, as
 * fastify-type-provider-zod does. A value the read cache shares between requests (deeply frozen,
 * see `isSharedValue`) cannot change, so its JSON is computed once per schema and kept in a
 * WeakMap keyed by the value: a cached read costs a lookup instead of a schema parse and a
 * stringify, and the memo goes when the cache drops the value.
 */
export const responseSerializerCompiler: ZodSerializerCompiler = (routeSchema) => {
  const serialize = serializerCompiler(routeSchema);
  const memo = new WeakMap<object, string>();
  return (data: unknown) => {
    if (!isSharedValue(data)) return serialize(data);
    let json = memo.get(data);
    if (json === undefined) {
      json = serialize(data);
      memo.set(data, json);
    }
    return json;
  };
};
