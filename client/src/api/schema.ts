/**
 * Names for the parts of the API document (openapi.json, generated into schema.gen.ts by openapi-typescript): the
 * JSON an operation answers, takes as its body, or reads from its query string. types.ts names the app's types with
 * them, so every request and response shape comes from the server's own document.
 */
import type { paths } from './schema.gen';

export type { components, paths } from './schema.gen';

export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Responses<P extends ApiPath, M extends Method> = Operation<P, M> extends { responses: infer R } ? R : never;

/** The JSON body of an operation's success answer (200 or 201). */
export type Ok<P extends ApiPath, M extends Method> = JsonOf<Responses<P, M>[Extract<keyof Responses<P, M>, 200 | 201>]>;

/** The JSON body of an operation's answer with status S (an error answer: the API's one error shape). */
export type Answer<P extends ApiPath, M extends Method, S extends number> = JsonOf<Responses<P, M>[Extract<keyof Responses<P, M>, S>]>;

/** The JSON body an operation takes. */
export type Body<P extends ApiPath, M extends Method> = Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** The query parameters an operation reads. */
export type Query<P extends ApiPath, M extends Method> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The element of a list answer (`{ items: T[] }`). */
export type Item<L> = L extends { items: (infer T)[] } ? T : never;

/**
 * A form's draft for creating or editing a record: every field optional, the editable ones as the update takes them
 * (null clears). The form checks what the creation requires before it sends (and the server answers 400 otherwise).
 */
export type Draft<Create, Update> = Omit<Partial<Create>, keyof Update> & Update;
